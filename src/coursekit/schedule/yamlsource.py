"""Read a YAML file into plain Python data plus the position of every key and value.

Used by `load.py`, and (`read_front_matter`) by decks, assignment pages and course pages. It
guards what PyYAML lets slip: YAML 1.1 booleans (`no` stays the string "no", as in YAML 1.2),
duplicate keys (PyYAML keeps the last one silently), tabs, non-UTF-8 bytes, empty files,
aliases that expand without bound and unclosed quotes reported far from where they opened.
Every finding is a `Problem` with file:line:column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coursekit.errors import Problem
from coursekit.schedule.problems import yaml_problem
from coursekit.schedule.yamlevents import read_events, scalar
from coursekit.schedule.yamlguards import (
    MAX_DEPTH,
    MAX_VALUES,
    alias_problem,
    deep_problem,
    oversized,
    too_deep,
)
from coursekit.schedule.yamlloader import STR, Loader, collector_paused

KeyPath = tuple[str | int, ...]


def load_text(text: str) -> Any:
    """Plain data from a YAML snippet, read like schedule.yaml: YAML 1.2 booleans (`no` stays
    text) and libyaml's speed, without positions. Raises `yaml.YAMLError`, also for aliases
    that expand past `MAX_VALUES`."""
    if too_deep(text) is not None:
        raise yaml.YAMLError(f"values nest more than {MAX_DEPTH} levels deep")
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if oversized(node) is not None:
            raise yaml.YAMLError(f"aliases expand to more than {MAX_VALUES:,} values")
        return loader.construct_document(node)
    finally:
        loader.dispose()


FRONT_MATTER_FIX = "fix the YAML between the first two '---' lines"


def front_matter_end(lines: list[str], prefix: str = "") -> int | None:
    """The index of the line closing the front matter that opens `lines` (`---` on the first
    line, `---` or `...` to end it, trailing spaces allowed), or None if there is none.
    `prefix` is the comment marker of a jupytext `.py` header (`# `)."""
    opening = f"{prefix}---"
    if not lines or lines[0].rstrip() != opening:
        return None
    closing = (opening, f"{prefix}...")
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in closing), None)


def read_front_matter(text: str, file: str, first_line: int = 2) -> tuple[Any, list[Problem]]:
    """Parse a page's or deck's front matter `text`, which starts on line `first_line` of
    `file`; return (data, problems). Positions in problems are lines of `file`."""
    deep = too_deep(text)
    if deep is not None:
        return None, [deep_problem(deep, file, first_line - 1)]
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        found = yaml_problem(
            error, text, file, first_line=first_line, fix=FRONT_MATTER_FIX, what=""
        )
        # Said as a deck's or page's problem (docs/reference/decks.md lists it).
        return None, [
            Problem(
                f"front matter is not valid YAML: {found.message}",
                file,
                found.line,
                found.column,
                fix=found.fix,
            )
        ]
    try:
        if node is None:
            return None, []
        too_big = oversized(node)
        if too_big is not None:
            return None, [alias_problem(too_big, file, first_line - 1)]
        # Built as schedule.yaml is, so a key given twice is an error at its line rather
        # than the last one silently winning.
        source = YamlSource(file, first_line=first_line)
        return _build(node, (), source, loader), source.problems
    finally:
        loader.dispose()


@dataclass
class YamlSource:
    """Parsed YAML data and where each part of it stands in the file."""

    file: str  # as shown in messages, relative to the course root
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    first_line: int = 1  # the file's line of the text's first line (front matter: 2)
    # The text whose positions are read when first asked for: a valid file needs none.
    unplaced: str | None = field(default=None, repr=False, compare=False)
    _values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    _keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict, repr=False)

    @property
    def values(self) -> dict[KeyPath, tuple[int, int]]:
        """Where each value starts (1-based line, column), by key path."""
        self._place()
        return self._values

    @values.setter
    def values(self, table: dict[KeyPath, tuple[int, int]]) -> None:
        self._values = table

    @property
    def keys(self) -> dict[KeyPath, tuple[int, int]]:
        """Where each mapping key starts, by the key path of its value."""
        self._place()
        return self._keys

    @keys.setter
    def keys(self, table: dict[KeyPath, tuple[int, int]]) -> None:
        self._keys = table

    def _place(self) -> None:
        text = self.unplaced
        if text is not None:
            values: dict[KeyPath, tuple[int, int]] = {}
            keys: dict[KeyPath, tuple[int, int]] = {}
            with collector_paused():
                read_events(text, values, keys)
            # Filled tables first: a thread asking meanwhile reads the text again itself.
            self._values, self._keys, self.unplaced = values, keys, None

    def where(self, path: KeyPath, *, key: bool = False) -> tuple[int | None, int | None]:
        """Position of a value (or its key); the nearest enclosing node if unknown."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.keys:
                return self.keys[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(
        self, path: KeyPath, message: str, fix: str | None = None, *, key: bool = False
    ) -> Problem:
        line, column = self.where(path, key=key)
        return Problem(
            message, file=self.file, line=line, column=column, path=format_path(path), fix=fix
        )


def format_path(path: KeyPath) -> str:
    """('offerings', 'S2022', 'sessions', 7, 'date') → offerings.S2022.sessions[7].date"""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, shown_as: str) -> YamlSource:
    """Read and parse `path`; problems are collected in the result, never raised."""
    source = YamlSource(file=shown_as)
    text = _decode(path.read_bytes(), shown_as)
    if isinstance(text, Problem):
        source.problems.append(text)
        return source
    source.problems += _text_problems(text, shown_as)
    if source.problems:
        return source
    with collector_paused():
        # Most files are read straight from the parser's events; any other file, and every
        # file with a problem, is read the guarded way, which finds and places it.
        done, data = read_events(text)
        if done:
            source.data, source.unplaced = data, text
        else:
            _read_guarded(text, source)
    return source


def _read_guarded(text: str, source: YamlSource) -> None:
    """Parse `text` into `source` behind every guard, or add the one problem that stops it."""
    shown_as = source.file
    deep = too_deep(text)
    if deep is not None:
        source.problems.append(deep_problem(deep, shown_as, 0))
        return
    loader = Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        source.problems.append(yaml_problem(error, text, shown_as))
        return
    finally:
        loader.dispose()
    too_big = oversized(node) if node is not None else None
    if too_big is not None:
        source.problems.append(alias_problem(too_big, shown_as, 0))
        return
    if node is None:
        source.problems.append(Problem("the file is empty", file=shown_as, line=1))
        return
    source.data = _build(node, (), source, loader)


def _decode(raw: bytes, shown_as: str) -> str | Problem:
    """The file's text without a byte-order mark, or the first byte that is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(
            f"byte 0x{raw[error.start]:02x} is not UTF-8",
            file=shown_as,
            line=raw[: error.start].count(b"\n") + 1,
            fix="save the file as UTF-8",
        )
    return text.removeprefix("\ufeff")


def _text_problems(text: str, shown_as: str) -> list[Problem]:
    """What is wrong before parsing: a file of only comments, or tabs in the indentation."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return [
            Problem(
                "the file is empty",
                file=shown_as,
                line=1,
                fix="start from the example in docs/reference/schedule.md",
            )
        ]
    if "\t" not in text:
        return []
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    "a tab in the indentation",
                    file=shown_as,
                    line=number,
                    column=indent.index("\t") + 1,
                    fix="YAML indents with spaces only; replace the tab with spaces",
                )
            )
    return problems


def _build(node: yaml.Node, path: KeyPath, source: YamlSource, loader: Loader) -> Any:
    mark = node.start_mark
    source.values[path] = (mark.line + source.first_line, mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        # Text needs no constructor: its value is the node's (two thirds of a schedule).
        return node.value if node.tag == STR else scalar(node, loader)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), source, loader) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.MappingNode)
    result: dict[Any, Any] = {}
    first_seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = _key(key_node, path, source, loader, first_seen)
        if key is not None:
            child = (*path, key)
            source.keys[child] = first_seen[key], key_node.start_mark.column + 1
            result[key] = _build(value_node, child, source, loader)
    return result


def _key(
    node: yaml.Node, path: KeyPath, source: YamlSource, loader: Loader, first_seen: dict[Any, int]
) -> str | None:
    """The mapping key `node` as text, recorded in `first_seen` with its line; None, with
    a problem added, for a key that is not a plain word, a merge key or a duplicate."""
    if isinstance(node, yaml.ScalarNode):
        key = node.value if node.tag == STR else scalar(node, loader)
    else:
        key = None
    if key is None or isinstance(key, (list, dict)):
        found = _at_key(
            source,
            node,
            path,
            "keys must be plain words, not lists or mappings",
            "write a plain name before the colon, e.g. `title:`",
        )
    else:
        key = str(key) if not isinstance(key, str) else key
        if key == "<<":
            found = _at_key(
                source,
                node,
                path,
                "merge keys (<<) are not supported",
                "write the keys out, or use an alias (*name) for a whole value",
            )
        elif key in first_seen:
            found = _at_key(
                source,
                node,
                path,
                f"duplicate key '{key}' (first given on line {first_seen[key]})",
                "keep one of them; YAML would silently use the last",
            )
        else:
            first_seen[key] = node.start_mark.line + source.first_line
            return key
    source.problems.append(found)
    return None


def _at_key(
    source: YamlSource, node: yaml.Node, path: KeyPath, message: str, fix: str | None = None
) -> Problem:
    """A problem placed at a mapping key's position."""
    mark = node.start_mark
    return Problem(
        message,
        file=source.file,
        line=mark.line + source.first_line,
        column=mark.column + 1,
        path=format_path(path),
        fix=fix,
    )
