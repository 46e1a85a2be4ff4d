"""Read a YAML file into plain Python data plus the position of every key and value.

Used by `load.py`, and (`read_front_matter`) by decks, assignment pages and course pages. It
guards what PyYAML lets slip: YAML 1.1 booleans (`no` stays the string "no", as in YAML 1.2),
duplicate keys (PyYAML keeps the last one silently), tabs, non-UTF-8 bytes, empty files,
aliases that expand without bound and unclosed quotes reported far from where they opened.
Every finding is a `Problem` with file:line:column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coursekit.errors import Problem
from coursekit.schedule.problems import yaml_problem
from coursekit.schedule.yamlguards import (
    MAX_DEPTH,
    MAX_VALUES,
    alias_problem,
    deep_problem,
    oversized,
    too_deep,
)

KeyPath = tuple[str | int, ...]


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema booleans and numbers: `no` and `off` are text, `1:30` is text
    (YAML 1.1 reads 90), `017` is 17 (not octal 15), `1_000` is text."""


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


if yaml.__with_libyaml__:
    # libyaml parses and composes in C: ~10x faster on a 1,000-line schedule, which live
    # preview reloads on every save.
    from yaml._yaml import CParser

    class _Loader(CParser, yaml.constructor.SafeConstructor, _Resolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    class _Loader(  # type: ignore[no-redef]
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


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _core_int)


def load_text(text: str) -> Any:
    """Plain data from a YAML snippet, read like schedule.yaml: YAML 1.2 booleans (`no` stays
    text) and libyaml's speed, without positions. Raises `yaml.YAMLError`, also for aliases
    that expand past `MAX_VALUES`."""
    if too_deep(text) is not None:
        raise yaml.YAMLError(f"values nest more than {MAX_DEPTH} levels deep")
    loader = _Loader(text)
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
    loader = _Loader(text)
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
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)  # 1-based line, col
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    first_line: int = 1  # the file's line of the text's first line (front matter: 2)

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
    deep = too_deep(text)
    if deep is not None:
        source.problems.append(deep_problem(deep, shown_as, 0))
        return source
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as error:
        source.problems.append(yaml_problem(error, text, shown_as))
        return source
    finally:
        loader.dispose()
    too_big = oversized(node) if node is not None else None
    if too_big is not None:
        source.problems.append(alias_problem(too_big, shown_as, 0))
        return source
    if node is None:
        source.problems.append(Problem("the file is empty", file=shown_as, line=1))
        return source
    source.data = _build(node, (), source, loader)
    return source


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


def _build(node: yaml.Node, path: KeyPath, source: YamlSource, loader: _Loader) -> Any:
    source.values[path] = (node.start_mark.line + source.first_line, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader) if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or isinstance(key, (list, dict)):
                source.problems.append(
                    _at_key(
                        source,
                        key_node,
                        path,
                        "keys must be plain words, not lists or mappings",
                        "write a plain name before the colon, e.g. `title:`",
                    )
                )
                continue
            key = str(key) if not isinstance(key, str) else key
            if key == "<<":
                source.problems.append(
                    _at_key(
                        source,
                        key_node,
                        path,
                        "merge keys (<<) are not supported",
                        "write the keys out, or use an alias (*name) for a whole value",
                    )
                )
                continue
            child = (*path, key)
            if key in first_seen:
                source.problems.append(
                    _at_key(
                        source,
                        key_node,
                        path,
                        f"duplicate key '{key}' (first given on line {first_seen[key]})",
                        "keep one of them; YAML would silently use the last",
                    )
                )
                continue
            first_seen[key] = key_node.start_mark.line + source.first_line
            source.keys[child] = (
                key_node.start_mark.line + source.first_line,
                key_node.start_mark.column + 1,
            )
            result[key] = _build(value_node, child, source, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), source, loader) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    return _scalar(node, loader)


def _scalar(node: yaml.ScalarNode, loader: _Loader) -> Any:
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        # An impossible timestamp such as 2022-02-30: keep the text so validation can say
        # exactly what is wrong with it.
        return node.value


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
