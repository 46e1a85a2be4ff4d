"""Imports that third-party packages make eagerly and coursekit defers to first use.

`coursekit/__init__.py` installs `defer_iri_syntax()` in every coursekit process, and the
JupyterLite build (lite/site.py) in its `jupyter lite build` child through `python_command`.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

# jsonschema (imported by nbformat, so by every notebook build and by `jupyter lite build`)
# imports `rfc3987_syntax` for its optional `iri` format check, and that module compiles
# ~40 Lark grammars at import: about 2 s of CPU, paid twice by a cold build, although
# neither nbformat's schema nor JupyterLite's asks for an `iri` check
# (python-jsonschema/jsonschema#1428). It is loaded when such a check first runs instead.
IRI_SYNTAX = "rfc3987_syntax"


class _DeferredIriSyntax(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds `rfc3987_syntax` as a stand-in whose `is_valid_syntax` loads the real module
    on first call (as does any other attribute)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != IRI_SYNTAX:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        def is_valid_syntax(term: str, value: str) -> bool:
            return bool(_real().is_valid_syntax(term, value))

        module.is_valid_syntax = is_valid_syntax  # type: ignore[attr-defined]
        module.__getattr__ = _attribute  # type: ignore[method-assign]


def _attribute(name: str) -> Any:
    # The import system asks for `__path__` and the like; only the module's names load it.
    if name.startswith("__"):
        raise AttributeError(name)
    return getattr(_real(), name)


_loaded: list[Any] = []


def _real() -> Any:
    """The real `rfc3987_syntax`, imported past the stand-in (which it then replaces)."""
    if _loaded:
        return _loaded[0]
    stand_in = sys.modules.pop(IRI_SYNTAX, None)
    for finder in [f for f in sys.meta_path if isinstance(f, _DeferredIriSyntax)]:
        sys.meta_path.remove(finder)
    try:
        _loaded.append(importlib.import_module(IRI_SYNTAX))
    except ImportError:
        if stand_in is not None:
            sys.modules[IRI_SYNTAX] = stand_in
        raise
    return _loaded[0]


def defer_iri_syntax() -> None:
    """Make a later `import rfc3987_syntax` cheap until the module is used (idempotent; a
    process that imported it already keeps it)."""
    if IRI_SYNTAX in sys.modules:
        return
    if any(isinstance(finder, _DeferredIriSyntax) for finder in sys.meta_path):
        return
    if importlib.util.find_spec(IRI_SYNTAX) is None:
        return  # not installed: jsonschema does without, as it always did
    sys.meta_path.insert(0, _DeferredIriSyntax())


def python_command(module: str) -> list[str]:
    """`python -m <module>` as a command, with the deferred imports installed first."""
    code = (
        "import runpy, coursekit.lazy_imports as lazy; lazy.defer_iri_syntax(); "
        f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", code]
