"""Guards against YAML that parses badly or expands without bound, shared by every reader of
course YAML: `yamlsource.py` (schedule.yaml, front matter) and `site/engine.py` (mkdocs.yml).

A parse error is placed where the user must look (an unclosed quote where it opened); aliases
and nesting are measured before anything is built from them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from coursekit.errors import Problem

# Aliases (*name) repeat a value; nested ones multiply (a "billion laughs" file of 400 bytes
# expands to 10^9 values). A 1,000-session schedule holds ~40,000 values.
MAX_VALUES = 100_000
# Deeper nesting than any course needs; Python's recursion would fail first otherwise.
MAX_DEPTH = 200
SYNTAX_FIX = "check brackets, quotes, colons and indentation here"


@dataclass(frozen=True)
class Place:
    """Where nesting went too deep (0-based, as yaml's marks count), from either parser."""

    line: int
    column: int


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
    if unclosed and mark and error.problem_mark and error.problem_mark.line != mark.line:
        message += f" (noticed on line {error.problem_mark.line + 1 + offset})"
    return Problem(
        f"{what}: {message}",
        file=file,
        line=mark.line + 1 + offset if mark else None,
        column=mark.column + 1 if mark else None,
        fix=fix,
    )


# Events do not depend on how scalars resolve: any loader, libyaml's when present.
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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


def too_deep(text: str) -> Place | None:
    """Where nesting first goes past `MAX_DEPTH`: checked on the event stream, before
    composing, since composing 50,000 nested `[` crashes the interpreter."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_EVENTS):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark  # the parser marks every event it emits
                    return Place(mark.line, mark.column) if mark else Place(0, 0)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        # libyaml ≥ 0.2.5 stops at its own limit (1,000 levels) while scanning ahead, before
        # any event reaches us: find where our limit was passed on the way there.
        if "nesting depth" in str(error.problem) and error.problem_mark is not None:
            return _flow_depth_passed(text, error.problem_mark.index)
        return None  # composing reports it, with its place
    except yaml.YAMLError:
        return None
    return None


def _flow_depth_passed(text: str, until: int) -> Place | None:
    """The place in `text[:until]` where `[`/`{` first nest past `MAX_DEPTH` (brackets in
    quotes and comments do not count)."""
    depth, line, column, quote, comment = 0, 0, 0, "", False
    for index, char in enumerate(text[:until]):
        if char == "\n":
            line, column, comment = line + 1, 0, False
            continue
        if comment:
            pass
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and (column == 0 or text[index - 1] in " \t"):
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Place(line, column)
        elif char in "]}":
            depth -= 1
        column += 1
    return None


def deep_problem(mark: Place, file: str, offset: int) -> Problem:
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
