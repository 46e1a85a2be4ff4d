"""Public APIs of coursekit's packages, imported on first use: a package's `__init__` lists
its public names (`__all__`) and the module each comes from, and `lazy_api` gives it the
`__getattr__` and `__dir__` hooks of PEP 562. Importing one small module of a package (the
slides command needs `site/outdir.py`, not MkDocs) so never imports the rest of it. The
`__init__` imports the same names under `TYPE_CHECKING`, which is what type checkers read.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping, Sequence


def lazy_api(
    package: str, public: Sequence[str], api: Mapping[str, Sequence[str]]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `package`, whose `api` maps each of its modules to
    the public names it defines; they must be exactly `public` (its `__all__`)."""
    home = {name: f"{package}.{module}" for module, names in api.items() for name in names}
    if sorted(home) != sorted(public):
        raise ImportError(f"{package}: __all__ and API name different things")

    def __getattr__(name: str) -> object:  # noqa: N807 (the module hook's own name)
        if name not in home:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(home[name]), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*vars(sys.modules[package]), *home})

    return __getattr__, __dir__
