"""One offering of a `schedule.yaml` text read piece by piece, each piece parsed once for a
whole change log: the `course:` block, the offering without its sessions, and each session.

Called by `snapshot.py`. A commit usually edits one session, so reading 1,000 versions parses
about 1,000 small pieces instead of 1,000 whole files (a 1,200-line schedule takes ~40 ms to
parse). The split follows the block layout `coursekit init` and the importer write; a text
it cannot split (flow style, an alias between pieces, tabs) returns None and is parsed whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^( *)([A-Za-z0-9_-]+):[ \t]*(?:#.*)?$")
# `&name` or `*name` after a space or at a line's start (not `R&D`, `**bold**`, `* item`).
_ANCHOR = re.compile(r"(?:^|\s)[&*][^\s*]", re.M)


@dataclass(frozen=True)
class Pieces:
    """The texts of an offering's parts, each a YAML document of its own."""

    course: str  # the `course:` block, key included
    head: str  # the offering's mapping without `sessions`, keys at column 0
    sessions: tuple[str, ...]  # one block sequence item each


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _inert(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _block(lines: list[str], start: int, indent: int) -> int:
    """The end (exclusive) of the block whose key is at `start`: the first later line that
    is not blank or a comment and is indented no deeper than `indent`."""
    end = start + 1
    while end < len(lines) and (_inert(lines[end]) or _indent(lines[end]) > indent):
        end += 1
    return end


def _find_key(lines: list[str], start: int, end: int, indent: int, name: str) -> int | None:
    for i in range(start, end):
        match = _KEY.match(lines[i])
        if match and len(match.group(1)) == indent and match.group(2) == name:
            return i
    return None


def split_offering(text: str, oid: str) -> Pieces | None:
    """The pieces of offering `oid`, or None where the text is not laid out in blocks."""
    lines = text.split("\n")
    code = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    if "\t" in text or _ANCHOR.search(code):
        return None  # anchors and aliases tie pieces together: parse whole
    course = _find_key(lines, 0, len(lines), 0, "course")
    offerings = _find_key(lines, 0, len(lines), 0, "offerings")
    if course is None or offerings is None:
        return None
    first = next((i for i in range(offerings + 1, len(lines)) if not _inert(lines[i])), len(lines))
    if first == len(lines) or _indent(lines[first]) == 0:
        return None
    step = _indent(lines[first])
    block_end = _block(lines, offerings, 0)
    at = _find_key(lines, offerings + 1, block_end, step, oid)
    if at is None:
        return None
    end = _block(lines, at, step)
    inner = next((_indent(line) for line in lines[at + 1 : end] if not _inert(line)), None)
    if inner is None:
        return None
    key = _find_key(lines, at + 1, end, inner, "sessions")
    if key is None:
        return None
    items = _items(lines, key + 1, end, inner)
    if items is None:
        return None
    sessions, after = items
    head_lines = lines[at + 1 : key] + lines[after:end]
    head = "\n".join(line[inner:] if not _inert(line) else "" for line in head_lines)
    course_text = "\n".join(lines[course : _block(lines, course, 0)])
    return Pieces(course_text, head, tuple(sessions))


def _items(lines: list[str], start: int, end: int, key_indent: int) -> tuple[list[str], int] | None:
    """The block sequence items from `start`, and the line after the sequence."""
    first = next((i for i in range(start, end) if not _inert(lines[i])), None)
    if first is None:
        return [], end
    dash = _indent(lines[first])
    if not lines[first][dash:].startswith("- ") or dash < key_indent:
        return None
    items: list[str] = []
    current: list[str] = []
    i = first
    while i < end:
        line = lines[i]
        if not _inert(line):
            indent = _indent(line)
            if indent == dash and line[dash:].startswith("- "):
                if current:
                    items.append("\n".join(current))
                current = []
            elif indent <= dash:
                break  # the next key of the offering
        current.append(line)
        i += 1
    if current:
        items.append("\n".join(current))
    return items, i
