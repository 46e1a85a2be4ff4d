"""Guards against YAML that expands without bound, shared by every reader of course YAML:
`yamlsource.py` (schedule.yaml, front matter) and `site/engine.py` (mkdocs.yml).

Aliases and nesting are measured before anything is built from them. Parse errors are placed
by `problems.yaml_problem`.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from coursekit.errors import Problem
from coursekit.schedule.problems import SYNTAX_FIX as SYNTAX_FIX
from coursekit.schedule.problems import yaml_problem

# Aliases (*name) repeat a value; nested ones multiply (a "billion laughs" file of 400 bytes
# expands to 10^9 values). A 1,000-session schedule holds ~40,000 values, written out.
MAX_VALUES = 100_000
# Deeper nesting than any course needs; Python's recursion would fail first otherwise.
MAX_DEPTH = 200


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
    """`problems.yaml_problem` for text that starts after line `offset` of `file` (kept for
    `site/engine.py`)."""
    return yaml_problem(error, text, file, first_line=offset + 1, fix=fix, what=f"{what}: ")


# Events do not depend on how scalars resolve: any loader, libyaml's when present.
_EVENTS = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    """The alias whose value is repeated the most, when aliases add more than `MAX_VALUES`
    values to the document (or nest deeper than `MAX_DEPTH`); None when they do not.

    Values written out count once: a 20,000-session schedule holds ~330,000 of them, and it
    is repetition, not length, that a few hundred bytes can blow up. Sizes are counted once
    per distinct node, so the check itself stays linear."""
    sizes: dict[int, int] = {}
    deep: list[int] = []
    # (aliased node, the key or list where it appears again)
    uses: list[tuple[yaml.Node, yaml.Node]] = []

    def size(current: yaml.Node, depth: int) -> int:
        if id(current) in sizes:
            return sizes[id(current)]
        if depth > MAX_DEPTH:
            deep.append(depth)
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
        # Every distinct node counts once in `sizes`: what exceeds them is repetition.
        if size(node, 0) - len(sizes) <= MAX_VALUES and not deep:
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
