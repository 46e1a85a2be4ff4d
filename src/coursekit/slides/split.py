"""Cut a deck's text into front matter and raw slides (lines with their line numbers).

Called by `parse.py`. Splitting is line based, as reveal-md does it (its separators are
`\r?\n---\r?\n` and `\r?\n----\r?\n`): a line that is exactly `---` starts a horizontal
slide, exactly `----` a vertical one, except right under another separator, whose newline the
first one consumed (there it is a rule, `<hr>`, on the new slide). Speaker notes start at
`note:` or `notes:` (any case, anywhere in a line: reveal.js's `notes?:`), only when a slide has
exactly one such marker. As in reveal-md, a separator or marker inside a code fence counts too:
that is reported, since it cuts the code in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from coursekit.errors import Problem
from coursekit.schedule.yamlsource import front_matter_end, read_front_matter

HORIZONTAL = "---"
VERTICAL = "----"
# reveal.js 4's notesSeparator 'notes?:' (flags 'mgi'), which reveal-md 5 keeps.
NOTES_RE = re.compile(r"notes?:", re.IGNORECASE)
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
    markers: list[int] = field(default_factory=list)  # indices of lines with a notes marker
    fenced_markers: list[int] = field(default_factory=list)  # … of those inside a code fence
    final_newline: bool = False  # the deck's last slide, in a file ending with a newline

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
    end = front_matter_end(lines)
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
    # Fences as the author sees them, across separators: only to report what cuts code in two.
    fence: str | None = None
    after_separator = False
    for index in range(start, len(lines)):
        text = lines[index]
        current = slides[-1]
        follows_separator, after_separator = after_separator, False
        fence_match = FENCE_RE.match(text)
        if text in (HORIZONTAL, VERTICAL) and not follows_separator:
            if fence is not None:
                problems.append(_cut(file, index, f"'{text}' inside a code fence starts a slide"))
            after_separator = True
            if text == HORIZONTAL:
                slides.append(RawSlide(current.h + 1, 0, index + 2))
            else:
                slides.append(RawSlide(current.h, current.v + 1, index + 2))
            continue
        if fence is not None:
            if (
                fence_match
                and fence_match.group(1)[0] == fence[0]
                and len(fence_match.group(1)) >= len(fence)
                and not text.strip().lstrip(fence[0])
            ):
                fence = None
        elif fence_match:
            fence = fence_match.group(1)
        if text.strip() in (HORIZONTAL, VERTICAL) and text != text.strip():
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
        if NOTES_RE.search(text):
            current.markers.append(len(current.lines))
            if fence is not None and not fence_match:
                current.fenced_markers.append(len(current.lines))
        current.lines.append(text)
    for slide in slides:
        if _split_notes(slide):
            what = "a notes marker inside a code fence starts the notes"
            problems.append(_cut(file, slide.notes_line - 1, what))
    return slides, problems


def _cut(file: str, index: int, what: str) -> Problem:
    return Problem(
        f"{what}, as in reveal-md, and cuts the code in two",
        file,
        index + 1,
        fix="indent the code by four spaces instead of fencing it, or reword that line",
    )


def _split_notes(slide: RawSlide) -> bool:
    """Move the text after the slide's only notes marker to `notes` (reveal.js splits on the
    marker and keeps the notes only when that gives exactly two parts). True when that marker
    was inside a code fence."""
    markers, slide.markers = slide.markers, []
    if len(markers) != 1 or len(NOTES_RE.findall(slide.lines[markers[0]])) != 1:
        return False
    index = markers[0]
    before, after = NOTES_RE.split(slide.lines[index], maxsplit=1)
    slide.notes = [after.lstrip(), *slide.lines[index + 1 :]]
    slide.notes_line = slide.line + index
    slide.lines = slide.lines[:index] + ([before] if before.strip() else [])
    return index in slide.fenced_markers


def is_empty(lines: list[str], file: str) -> bool:
    """Whether a deck holds no slide at all: nothing but front matter, blank lines and
    separators (the build says so rather than publish a blank deck)."""
    _, start, _ = front_matter(lines, file)
    return all(not line.strip() or line.strip() in (HORIZONTAL, VERTICAL) for line in lines[start:])


def without_notes(text: str, file: str) -> str:
    """The deck's text with every slide's speaker notes cut out, as the parse finds them (from
    the marker to the slide's end; text before the marker on its line stays): the markdown
    copy a site may publish of a deck whose notes are private. Line endings are kept."""
    lines = text.splitlines(keepends=True)
    bare = [line.rstrip("\r\n") for line in lines]
    _, start, _ = front_matter(bare, file)
    slides, _ = split_slides(bare, start, file)
    cut: dict[int, str] = {}  # line index → what is left of it
    for i, slide in enumerate(slides):
        if not slide.notes_line:
            continue
        end = slides[i + 1].line - 2 if i + 1 < len(slides) else len(lines)
        marker = slide.notes_line - 1
        before = NOTES_RE.split(bare[marker], maxsplit=1)[0]
        newline = lines[marker][len(bare[marker]) :]
        cut |= dict.fromkeys(range(marker, end), "")
        if before.strip():
            cut[marker] = before + newline
    return "".join(cut.get(i, line) for i, line in enumerate(lines))
