"""Plain data and the position of every key and value, built straight from the parser's
events for the common case: one document without anchors, aliases, tags on keys, merge
keys or duplicate keys, nested less than `MAX_DEPTH` deep. Called by `yamlsource.read_yaml`,
which reads every other file (and every file with a problem) the guarded way, so each
problem is found and placed exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from coursekit.schedule.yamlguards import MAX_DEPTH
from coursekit.schedule.yamlloader import RESOLVED_FIRST, STR, Loader

KeyPath = tuple[str | int, ...]
Positions = dict[KeyPath, tuple[int, int]]


class _Unusual(Exception):  # noqa: N818 (a signal: read this file the guarded way)
    pass


class _Reader:
    """One walk over the events of `loader`. With `values` and `keys`, it fills them as
    `yamlsource._build` fills them from composed nodes (1-based line and column); without,
    it makes no key paths at all (what positions cost is a third of the walk)."""

    def __init__(self, loader: Loader, values: Positions | None, keys: Positions | None):
        self.loader = loader
        self.next: Callable[[], Any] = loader.get_event
        self.values, self.keys = values, keys

    def tag(self, event: Any) -> str:
        """The scalar's tag, as the composer resolves it."""
        tag = event.tag
        if tag is not None and tag != "!":
            return str(tag)
        # Most text starts with a letter no implicit tag starts with: skip the resolver.
        if event.implicit[0] and event.value[:1] in RESOLVED_FIRST:
            return self.loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        return STR

    def node(self, event: Any, path: KeyPath | None, depth: int) -> Any:
        """The value `event` starts; `path` is None when positions are not recorded."""
        mark = event.start_mark
        if path is not None:
            self.values[path] = (mark.line + 1, mark.column + 1)  # type: ignore[index]
        kind = type(event)
        if event.anchor is not None:
            raise _Unusual
        if kind is ScalarEvent:
            tag = self.tag(event)
            if tag == STR:
                return event.value
            node = yaml.ScalarNode(tag, event.value, mark, event.end_mark, event.style)
            return scalar(node, self.loader)
        if depth >= MAX_DEPTH:  # the guards say where it went too deep
            raise _Unusual
        if kind is SequenceStartEvent:
            items: list[Any] = []
            event = self.next()
            while type(event) is not SequenceEndEvent:
                at = None if path is None else (*path, len(items))
                items.append(self.node(event, at, depth + 1))
                event = self.next()
            return items
        if kind is MappingStartEvent:
            return self.mapping(path, depth)
        raise _Unusual  # an alias

    def mapping(self, path: KeyPath | None, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        next_event, values, keys = self.next, self.values, self.keys
        event: Any = next_event()
        while type(event) is not MappingEndEvent:
            if type(event) is not ScalarEvent or event.anchor is not None:
                raise _Unusual
            key = event.value
            # Keys that are not text, merge keys and duplicates are problems: the guarded
            # reader says which.
            if (not _text(event) and self.tag(event) != STR) or key == "<<" or key in result:
                raise _Unusual
            child = None
            if path is not None:
                child = (*path, key)
                mark: Any = event.start_mark
                keys[child] = (mark.line + 1, mark.column + 1)  # type: ignore[index]
            event = next_event()
            if type(event) is ScalarEvent and event.anchor is None and _text(event):
                # What `node` does for the most common value, without the call.
                if child is not None:
                    mark = event.start_mark
                    values[child] = (mark.line + 1, mark.column + 1)  # type: ignore[index]
                result[key] = event.value
            else:
                result[key] = self.node(event, child, depth + 1)
            event = next_event()
        return result


def _text(event: Any) -> bool:
    """An untagged scalar no implicit tag can claim (a quoted one, or plain text starting
    with a letter no resolver starts with): text, without asking the resolver."""
    return event.tag is None and (not event.implicit[0] or event.value[:1] not in RESOLVED_FIRST)


def scalar(node: yaml.ScalarNode, loader: Loader) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # An impossible timestamp such as 2022-02-30: keep the text so validation can say
        # exactly what is wrong with it.
        return node.value


def read_events(
    text: str, values: Positions | None = None, keys: Positions | None = None
) -> tuple[bool, Any]:
    """(True, data) when `text` is the common case this module reads, with `values` and
    `keys` filled if given; (False, None) otherwise, with them in any state."""
    loader = Loader(text)
    try:
        reader = _Reader(loader, values, keys)
        if type(reader.next()) is not StreamStartEvent:
            return False, None
        if type(reader.next()) is not DocumentStartEvent:
            return False, None  # an empty file
        data = reader.node(reader.next(), None if values is None else (), 0)
        if type(reader.next()) is not DocumentEndEvent:
            return False, None
        if type(reader.next()) is not StreamEndEvent:
            return False, None  # a second document
    except (_Unusual, yaml.YAMLError):
        return False, None
    finally:
        loader.dispose()
    return True, data
