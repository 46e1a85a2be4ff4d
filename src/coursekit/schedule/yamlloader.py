"""The YAML loader every reader of course YAML shares: YAML 1.2 core-schema scalars on
libyaml's C parser (PyYAML's pure-Python one where libyaml is missing), and a pause of the
cycle collector while a large file is read. Used by `yamlsource.py`.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

STR = "tag:yaml.org,2002:str"


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema booleans and numbers: `no` and `off` are text, `1:30` is text
    (YAML 1.1 reads 90), `017` is 17 (not octal 15), `1_000` is text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # PyYAML's resolver, less what we never use (path resolvers, wildcard first
        # characters): the C composer calls it once per node, ~80,000 times for a
        # 5,000-session schedule.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _FIRST.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return STR
        if kind is yaml.SequenceNode:
            return str(self.DEFAULT_SEQUENCE_TAG)
        return str(self.DEFAULT_MAPPING_TAG)


_YAML_11_ONLY = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _YAML_11_ONLY]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
# The resolvers by first character, as tuples; wildcard (None) resolvers are never added.
assert None not in _Resolver.yaml_implicit_resolvers
_FIRST = {first: tuple(found) for first, found in _Resolver.yaml_implicit_resolvers.items()}
# A plain scalar starting with any other character ("" for an empty one) is text.
RESOLVED_FIRST = frozenset(_FIRST)

if yaml.__with_libyaml__:
    # libyaml parses and composes in C: ~10x faster on a 1,000-line schedule, which live
    # preview reloads on every save.
    from yaml._yaml import CParser

    class Loader(CParser, yaml.constructor.SafeConstructor, _Resolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        _Resolver,
    ):
        def __init__(self, stream: str):
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)


def _lenient_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """An impossible date such as 2026-13-01 stays text, so validation can say what is
    wrong with it instead of PyYAML raising."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


def _core_int(loader: Any, node: yaml.ScalarNode) -> int:
    """An integer as YAML 1.2 reads it: decimal unless written 0o… or 0x…."""
    text = node.value
    return int(text, 0) if text.startswith(("0o", "0x")) else int(text, 10)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
Loader.add_constructor("tag:yaml.org,2002:int", _core_int)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector: reading a 5,000-session schedule allocates ~400,000
    nodes, marks and values, none of them in a cycle, and each allocation burst would
    make the collector walk the whole growing heap again (over half the time of composing).
    Whatever cycles there are are collected once it runs again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
