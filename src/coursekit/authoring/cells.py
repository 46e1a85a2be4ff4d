"""The cells of a legacy schedule table: dates (with an exam's time), link lists, guest
notes, book chapters and commented-out parts, read into plain values.

Used by `importer.py`, which walks the table's rows.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

LINK = re.compile(
    r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>]*>|(?:[^()\s]|\([^()\s]*\))*)\s*\)"
)
URL = re.compile(r"https?://[^\s,)]+")
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
DAYS = {name.lower()[:3]: i for i, name in enumerate(calendar.day_name)}
DATE = re.compile(
    r"^(?:(?P<weekday>[A-Za-z]{3,9})\.?,?\s+)?"
    r"(?:(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{2,4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
    # An exam's date may carry its time: `Thu, May 4 05:30-08:30pm`, `… (9:30am)`.
    r"(?:,?\s+\(?(?P<time>\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[-–]\s*\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?)?)\)?)?$",
    re.I,
)
COMMENT = re.compile(r"<!--.*?-->", re.S)
GUEST_NOTE = re.compile(r"(guest (lecture|speaker|talk)|invited talk)\b", re.I)
NO_CLASS = re.compile(
    r"\b(no (class|classes|lecture|recitation)|holiday|break|cancell?ed|carnival)\b", re.I
)
EXAM = re.compile(r"\b(midterm|exam|quiz)\b", re.I)
PRESENTATION = re.compile(r"\bpresentations?\b", re.I)
GUEST = re.compile(r"\b(invited talk|guest (lecture|speaker|talk))\b", re.I)


def cells(line: str) -> list[str]:
    """A table row's cells; `\\|` is a literal bar."""
    parts = re.split(r"(?<!\\)\|", line.strip())
    if parts and not parts[0].strip():
        parts = parts[1:]
    if parts and not parts[-1].strip() and line.rstrip().endswith("|"):
        parts = parts[:-1]
    return [p.strip().replace("\\|", "|") for p in parts]


def time_of(date: str) -> str | None:
    """The time written after a row's date (`05:30-08:30pm`), as written."""
    match = DATE.match(date.strip())
    return match["time"] if match else None


def unlinked(cell: str) -> tuple[str, tuple[str, str] | None]:
    """`[Thu, May 2](exam.pdf) (9:30am)` → `Thu, May 2 (9:30am)` and (label, url)."""
    match = LINK.search(cell)
    if match is None or match.group(1):
        return cell, None
    label, url = match.group(2).strip(), match.group(3).strip("<>")
    return f"{cell[: match.start()]}{label}{cell[match.end() :]}", (label, url)


def book(cell: str) -> dict[str, list[Any]]:
    """A "Book Chapter" cell: its links fill `book`, text without a link is a label."""
    cell = cell.strip()
    if not cell:
        return {}
    urls = [match.group(3).strip("<>") for match in LINK.finditer(cell)]
    if urls:
        return {"book": urls}
    return {"links": [{"label": f"book chapter: {cell}"}]}


def guest_note(title: str) -> tuple[str, str | None]:
    """`Fairness (guest lecture by [X](url))` → `Fairness` and the note inside."""
    start = trailing_group(title)
    if start is None or not GUEST_NOTE.match(title[start + 1 : -1].strip()):
        return title, None
    return title[:start].rstrip(), title[start + 1 : -1].strip()


def split_notes(text: str) -> tuple[str, str | None]:
    """`**Final Project Presentations** -- 1-4pm in GHC 4401` → title and notes."""
    parts = re.split(r"\s+(?:--|—|–)\s+", text, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (text, None)


def trailing_group(text: str) -> int | None:
    """Index of the `(` that opens a parenthesised group at the end of `text`, unless that
    group is the target of a link (`[Safety](…)`)."""
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[i], 0)
        if depth == 0:
            return None if i > 0 and text[i - 1] == "]" else i
    return None


def split_top(text: str, separator: str) -> list[str]:
    """Split on `separator` outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def guess_kind(title: str, plain: bool, has_links: bool) -> str:
    if GUEST.search(title):
        return "guest"
    if plain and EXAM.search(title):
        return "exam"
    if plain and PRESENTATION.search(title):
        return "presentation"
    if not has_links and NO_CLASS.search(title):
        return "break"
    return "lecture"


def repeated(days: dict[str, int]) -> list[str]:
    """The days that held a kind of session more than once."""
    return [day for day, count in days.items() if count > 1]
