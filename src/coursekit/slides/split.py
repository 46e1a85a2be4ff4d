"""Cut a deck's text into front matter and raw slides (lines with their line numbers).

Called by `parse.py`. Splitting is line based, as reveal-md does it: a line that is exactly
`---` starts a horizontal slide, exactly `----` a vertical one, and a line starting `Note:` or
`Notes:` starts the speaker notes. Unlike reveal-md, separators inside code fences do not split.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coursekit.errors import Problem
from coursekit.schedule.yamlsource import read_front_matter

HORIZONTAL = "---"
VERTICAL = "----"
# reveal.js: notesSeparator '^\s*notes?:' (case-insensitive)
NOTES_RE = re.compile(r"^\s*notes?:", re.IGNORECASE)
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# reveal-md options coursekit does not honour: splitting is fixed so that every tool agrees.
IGNORED_META = ("separator", "verticalSeparator", "notesSeparator")


@dataclass
class RawSlide:
    h: int
    v: int
    line: int  # 1-based line of the first line after the separator
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    notes_line: int = 0

    @property
    def first_line(self) -> int:
        """The line of the first non-blank line, where a reader would look for the slide."""
        for offset, text in enumerate(self.lines):
            if text.strip():
                return self.line + offset
        return self.line

    def line_of(self, *needles: str) -> int:
        """The line of the first source line (slide, then notes) containing the first of
        `needles` that occurs at all (most specific first)."""
        for needle in needles:
            for offset, text in enumerate(self.lines):
                if needle in text:
                    return self.line + offset
            for offset, text in enumerate(self.notes):
                if needle in text:
                    return self.notes_line + offset
        return self.first_line


def front_matter(lines: list[str], file: str) -> tuple[dict[str, Any], int, list[Problem]]:
    """Read YAML front matter; return (meta, index of the first body line, problems).

    The closing `---` may carry trailing spaces. Text between `---` lines that is not a YAML
    mapping is not front matter (the deck simply starts with a separator).
    """
    if not lines or lines[0].rstrip() != "---":
        return {}, 0, []
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, 0, []
    # Read like schedule.yaml: YAML 1.2 booleans, aliases capped, an unclosed quote named
    # where it opened.
    meta, problems = read_front_matter("\n".join(lines[1:end]), file, first_line=2)
    if problems:
        return {}, end + 1, problems
    if not isinstance(meta, dict):
        return {}, 0, []
    problems = [
        Problem(
            f"front matter key '{key}' is ignored",
            file,
            _key_line(lines, key, end),
            fix="coursekit always splits on lines '---' and '----' and notes on 'Note:'",
        )
        for key in IGNORED_META
        if key in meta
    ]
    return {str(k): v for k, v in meta.items()}, end + 1, problems


def _key_line(lines: list[str], key: str, end: int) -> int:
    return next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)


def split_slides(lines: list[str], start: int, file: str) -> tuple[list[RawSlide], list[Problem]]:
    """Split body lines (from index `start`) into raw slides with h/v indices."""
    problems: list[Problem] = []
    # A deck that opens with a separator right after its front matter has no empty first slide.
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start < len(lines) and lines[start] in (HORIZONTAL, VERTICAL):
        start += 1
    slides = [RawSlide(0, 0, start + 1)]
    fence: str | None = None
    for index in range(start, len(lines)):
        text = lines[index]
        current = slides[-1]
        fence_match = FENCE_RE.match(text)
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
                and not text.strip().lstrip(fence[0])
            ):
                fence = None
            (current.notes if current.notes_line else current.lines).append(text)
            continue
        if text in (HORIZONTAL, VERTICAL):
            if text == HORIZONTAL:
                slides.append(RawSlide(current.h + 1, 0, index + 2))
            else:
                slides.append(RawSlide(current.h, current.v + 1, index + 2))
            continue
        if text.strip() in (HORIZONTAL, VERTICAL):
            shown = text.replace("\t", "\\t")
            problems.append(
                Problem(
                    f"'{shown}' looks like a slide separator but has extra whitespace, so the "
                    "slides before and after it are merged into one",
                    file,
                    index + 1,
                    fix=f"make the line exactly '{text.strip()}'",
                )
            )
        if fence_match:
            fence = fence_match.group(1)
        if not current.notes_line and NOTES_RE.match(text):
            current.notes_line = index + 1
            current.notes.append(NOTES_RE.sub("", text, count=1).lstrip())
            continue
        (current.notes if current.notes_line else current.lines).append(text)
    return slides, problems


def is_empty(lines: list[str], file: str) -> bool:
    """Whether a deck holds no slide at all: nothing but front matter, blank lines and
    separators (the build says so rather than publish a blank deck)."""
    _, start, _ = front_matter(lines, file)
    return all(not line.strip() or line.strip() in (HORIZONTAL, VERTICAL) for line in lines[start:])
