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

KeyPath = tuple[str | int, ...]

# Aliases (*name) repeat a value; nested ones multiply (a "billion laughs" file of 400 bytes
# expands to 10^9 values). A 1,000-session schedule holds ~40,000 values.
MAX_VALUES = 100_000
# Deeper nesting than any course needs; Python's recursion would fail first otherwise.
MAX_DEPTH = 200
SYNTAX_FIX = "check brackets, quotes, colons and indentation here"


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core-schema booleans: only true/false, never yes/no/on/off."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


if yaml.__with_libyaml__:
    # libyaml parses and composes in C: ~10x faster on a 1,000-line schedule, which live
    # preview reloads on every save.
    class _Loader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, _Resolver):
        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
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


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def load_text(text: str) -> Any:
    """Plain data from a YAML snippet, read like schedule.yaml: YAML 1.2 booleans (`no` stays
    text) and libyaml's speed, without positions. Raises `yaml.YAMLError`, also for aliases
    that expand past `MAX_VALUES`."""
    if _too_deep(text) is not None:
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


def read_front_matter(text: str, file: str, first_line: int = 2) -> tuple[Any, list[Problem]]:
    """Parse a page's or deck's front matter `text`, which starts on line `first_line` of
    `file`; return (data, problems). Positions in problems are lines of `file`."""
    deep = _too_deep(text)
    if deep is not None:
        return None, [_deep_problem(deep, file, first_line - 1)]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        return None, [
            syntax_problem(
                error,
                text,
                file,
                first_line - 1,
                FRONT_MATTER_FIX,
                "front matter is not valid YAML",
            )
        ]
    except yaml.YAMLError as error:
        return None, [Problem(f"front matter is not valid YAML: {error}", file, first_line)]
    try:
        if node is None:
            return None, []
        too_big = oversized(node)
        if too_big is not None:
            return None, [alias_problem(too_big, file, first_line - 1)]
        return loader.construct_document(node), []
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

    def problem(self, path: KeyPath, message: str, fix: str | None = None, *, key=False):
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
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        source.problems.append(
            Problem(
                f"byte 0x{raw[error.start]:02x} is not UTF-8",
                file=shown_as,
                line=line,
                fix="save the file as UTF-8",
            )
        )
        return source
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        source.problems.append(
            Problem(
                "the file is empty",
                file=shown_as,
                line=1,
                fix="start from the example in docs/reference/schedule.md",
            )
        )
        return source
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            source.problems.append(
                Problem(
                    "a tab in the indentation",
                    file=shown_as,
                    line=number,
                    column=indent.index("\t") + 1,
                    fix="YAML indents with spaces only; replace the tab with spaces",
                )
            )
    if source.problems:
        return source
    deep = _too_deep(text)
    if deep is not None:
        source.problems.append(_deep_problem(deep, shown_as, 0))
        return source
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        source.problems.append(syntax_problem(error, text, shown_as, 0, SYNTAX_FIX))
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


def _build(node: yaml.Node, path: KeyPath, source: YamlSource, loader: _Loader) -> Any:
    source.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
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
            first_seen[key] = key_node.start_mark.line + 1
            source.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(value_node, child, source, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, i), source, loader) for i, item in enumerate(node.value)]
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
        line=mark.line + 1,
        column=mark.column + 1,
        path=format_path(path),
        fix=fix,
    )


def syntax_problem(
    error: yaml.MarkedYAMLError,
    text: str,
    file: str,
    offset: int,
    fix: str,
    what: str = "YAML syntax error",
) -> Problem:
    """A parse error placed where the user must look: where an unclosed quote or bracket was
    opened, not where the parser gave up (often lines later, or the end of the file)."""
    gave_up = error.problem_mark or error.context_mark
    quote = _unclosed_quote(text, gave_up.line if gave_up else None)
    if quote is not None:
        line, column, char = quote
        noticed = gave_up.line + 1 + offset if gave_up else None
        return Problem(
            f"{what}: the quote {char} opened here is not closed on this line"
            + (
                f" (the value runs on to line {noticed})"
                if noticed and noticed > line + 1 + offset
                else ""
            ),
            file=file,
            line=line + 1 + offset,
            column=column + 1,
            fix=f"end the value with {char} on this line",
        )
    unclosed = error.context_mark and any(
        word in (error.context or "") for word in ("flow", "quoted")
    )
    mark = error.context_mark if unclosed else gave_up
    if "mapping values are not allowed" in (error.problem or ""):
        # `title: Model Quality: Accuracy`, the most common YAML mistake of all.
        fix = 'put the value in quotes: it holds ": ", e.g. title: "Quality: Accuracy"'
    message = error.problem or "invalid YAML"
    if error.context:
        message = f"{error.context}, {message}"
    if unclosed and error.problem_mark and error.problem_mark.line != mark.line:
        message += f" (noticed on line {error.problem_mark.line + 1 + offset})"
    return Problem(
        f"{what}: {message}",
        file=file,
        line=mark.line + 1 + offset if mark else None,
        column=mark.column + 1 if mark else None,
        fix=fix,
    )


_KEY_LINE = re.compile(r"^\s*(?:- )?[\w-]+:(?:\s|$)")


def _unclosed_quote(text: str, until: int | None) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quoted value that swallowed the lines after it: a quote
    left open runs on to the next quote character, taking `key:` lines with it."""
    scanner = yaml.scanner.Scanner.__new__(yaml.SafeLoader)
    yaml.SafeLoader.__init__(scanner, text)
    lines = text.splitlines()
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if until is not None and token.start_mark.line > until:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
                and any(
                    _KEY_LINE.match(line)
                    for line in lines[token.start_mark.line + 1 : token.end_mark.line + 1]
                )
            ):
                return token.start_mark.line, token.start_mark.column, token.style
    except yaml.YAMLError as error:
        context = getattr(error, "context", None) or ""
        mark = getattr(error, "context_mark", None)
        if "quoted scalar" in context and mark is not None:  # open until the end of the file
            char = text[mark.index] if mark.index < len(text) else '"'
            return mark.line, mark.column, char
    finally:
        scanner.dispose()
    return None


def _too_deep(text: str) -> yaml.Mark | None:
    """Where nesting first goes past `MAX_DEPTH`: checked on the event stream, before
    composing, since composing 50,000 nested `[` crashes the interpreter."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # composing reports it, with its place
    return None


def _deep_problem(mark: yaml.Mark, file: str, offset: int) -> Problem:
    return Problem(
        f"values nest more than {MAX_DEPTH} levels deep",
        file=file,
        line=mark.line + 1 + offset,
        column=mark.column + 1,
        fix="check for brackets opened and never closed",
    )


_INSIDE_ITSELF = -1


class _Recursive(Exception):  # noqa: N818 (a signal, not an error shown to anyone)
    def __init__(self, place: yaml.Node):
        self.place = place


def oversized(node: yaml.Node) -> yaml.Node | None:
    """The alias whose value is repeated the most, when aliases expand the document past
    `MAX_VALUES` values (or nest deeper than `MAX_DEPTH`); None when it stays small.

    Sizes are counted once per distinct node, so the check itself stays linear."""
    sizes: dict[int, int] = {}
    # (aliased node, the key or list where it appears again)
    uses: list[tuple[yaml.Node, yaml.Node]] = []

    def size(current: yaml.Node, depth: int) -> int:
        if id(current) in sizes:
            return sizes[id(current)]
        if depth > MAX_DEPTH:
            sizes[id(current)] = MAX_VALUES + 1
            return MAX_VALUES + 1
        sizes[id(current)] = _INSIDE_ITSELF  # a node inside itself (&a [*a]) never ends
        total = 1
        children: list[tuple[yaml.Node, yaml.Node]] = []
        if isinstance(current, yaml.MappingNode):
            children = [(k, k) for k, _ in current.value] + [(v, k) for k, v in current.value]
        elif isinstance(current, yaml.SequenceNode):
            # An alias node is its anchor's node, marks included: place it at the list.
            children = [(item, current) for item in current.value]
        for child, place in children:
            if id(child) in sizes and isinstance(child, yaml.CollectionNode):
                uses.append((child, place))
            if sizes.get(id(child)) == _INSIDE_ITSELF:
                raise _Recursive(place)
            total += size(child, depth + 1)
        sizes[id(current)] = min(total, 10 * MAX_VALUES)
        return sizes[id(current)]

    try:
        if size(node, 0) <= MAX_VALUES:
            return None
    except _Recursive as recursive:
        return recursive.place
    if not uses:
        return node
    return max(uses, key=lambda use: sizes[id(use[0])])[1]  # max keeps the first of equals


def alias_problem(place: yaml.Node, file: str, offset: int) -> Problem:
    return Problem(
        f"aliases (*name) or nesting expand this file to more than {MAX_VALUES:,} values",
        file=file,
        line=place.start_mark.line + 1 + offset,
        column=place.start_mark.column + 1,
        fix="write the values out instead of nesting aliases of aliases",
    )
