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
from functools import lru_cache

# `&name` or `*name` (not `R & D`, `**bold**`, `* item`); `_has_anchor` checks the rest.
_ANCHOR = re.compile(r"[&*][^\s*]")
# Every pattern matches from the newline before a line: a literal first character lets the
# regex engine skip ahead, ~10x faster than `^` with re.M on a 1,000-line file.
_NEXT_KEY = re.compile(r"\n( *)[^\s#]")  # the next line that is neither blank nor comment


@dataclass(frozen=True)
class Pieces:
    """The texts of an offering's parts, each a YAML document of its own."""

    course: str  # the `course:` block, key included
    head: str  # the offering's mapping without `sessions`, keys at column 0
    sessions: tuple[str, ...]  # one block sequence item each


@lru_cache(maxsize=64)
def _key(indent: int, name: str) -> re.Pattern[str]:
    return re.compile(rf"\n {{{indent}}}{re.escape(name)}:[ \t]*(?:#[^\n]*)?(?=\n|$)")


@lru_cache(maxsize=64)
def _dedent(indent: int) -> re.Pattern[str]:
    """A line (not blank, not a comment) indented no deeper than `indent`."""
    return re.compile(rf"\n {{0,{indent}}}[^\s#]")


def _block_end(text: str, key: re.Match[str], indent: int, end: int) -> int:
    """Where the block of the key line `key` ends: before the next line (not blank, not a
    comment) indented no deeper than `indent`."""
    found = _dedent(indent).search(text, key.end(), end)
    return found.start() + 1 if found else end


def split_offering(text: str, oid: str) -> Pieces | None:
    """The pieces of offering `oid`, or None where the text is not laid out in blocks."""
    text = "\n" + text  # every line, the first too, follows a newline (see the patterns)
    course = _key(0, "course").search(text)
    offerings = _key(0, "offerings").search(text)
    if course is None or offerings is None:
        return None
    course_text = text[course.start() + 1 : _block_end(text, course, 0, len(text))]
    first = _NEXT_KEY.search(text, offerings.end())
    if first is None or not first.group(1):
        return None
    # Searched to the end of the text: a top-level key after `offerings:` ends the block
    # anyway, and scanning for where `offerings:` ends would cost as much as the rest.
    at = _key(len(first.group(1)), oid).search(text, first.start())
    if at is None:
        return None
    end = _block_end(text, at, len(first.group(1)), len(text))
    block = text[at.start() + 1 : end]
    if "\t" in block or "\t" in course_text or _has_anchor(block + course_text):
        return None  # anchors and aliases tie pieces together: parse whole
    inner = _NEXT_KEY.search(text, at.end(), end)
    if inner is None:
        return None
    indent = len(inner.group(1))
    key = _key(indent, "sessions").search(text, at.end(), end)
    if key is None:
        return None
    items = _items(text, key.end(), end, indent)
    if items is None:
        return None
    sessions, after = items
    head = text[at.end() + 1 : key.start() + 1] + text[after:end]
    head = re.sub(rf"^ {{{indent}}}", "", head, flags=re.M)
    return Pieces(course_text, head, sessions)


def _has_anchor(text: str) -> bool:
    """Whether `text` has an anchor or alias: `&name`/`*name` after a space or at a line's
    start, outside a comment line (a comment may say `*external*`; `R&D` is text)."""
    for sign in "&*":
        at = text.find(sign)
        while at >= 0:
            after = text[at + 1 : at + 2]
            if (
                (at == 0 or text[at - 1].isspace())
                and after
                and not after.isspace()
                and after != "*"
            ):
                line = text[text.rfind("\n", 0, at) + 1 : at]
                if not line.lstrip().startswith("#"):
                    return True
            at = text.find(sign, at + 1)
    return False


def _items(text: str, start: int, end: int, indent: int) -> tuple[tuple[str, ...], int] | None:
    """The block sequence items from `start`, and where the sequence ends."""
    first = _NEXT_KEY.search(text, start, end)
    if first is None:
        return (), end
    dash = len(first.group(1))
    if dash < indent or not text.startswith("- ", first.end() - 1):
        return None
    starts = []
    after = end
    item = " " * dash + "- "
    # Lines indented no deeper than the dashes: the items, then what ends the sequence.
    for line in _dedent(dash).finditer(text, first.start(), end):
        if text.startswith(item, line.start() + 1):
            starts.append(line.start() + 1)
        else:
            after = line.start() + 1
            break
    starts.append(after)
    return tuple(text[a:b] for a, b in zip(starts, starts[1:], strict=False)), after
