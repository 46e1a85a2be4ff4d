"""Render decks with reveal.js and with coursekit, slide by slide, and say where they differ.

`compare()` is what `tests/test_decks_match_revealjs.py` and `compare.py` call. coursekit is
whichever one is importable (`PYTHONPATH=…/src`), through `coursekit.slides.parse_deck`.
Both sides go through `normalize.py`; `known_differences.yaml` lists the accepted exceptions.
"""

from __future__ import annotations

import difflib
import traceback
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import yaml

from oracle.normalize import normalize, normalize_attrs
from oracle.revealjs import RevealJs, read_source, slide_lines

ORACLE = Path(__file__).parent
REPO = ORACLE.parent.parent
KNOWN = ORACLE / "known_differences.yaml"
NOTES = "-- notes --"


@dataclass(frozen=True)
class SlideView:
    """One side's slide, normalized: section attributes, content, notes (empty: none)."""

    attrs: list[str]
    html: list[str]
    notes: list[str]

    @property
    def lines(self) -> list[str]:
        return self.attrs + self.html + ([NOTES, *self.notes] if self.notes else [])


@dataclass
class SlideResult:
    """The same position (`h`/`v`) in one deck on both sides; a side is None where its deck
    has no such slide."""

    deck: str
    h: int
    v: int
    line: int
    reveal: SlideView | None
    coursekit: SlideView | None
    known: str | None = None  # the reason known_differences.yaml gives

    @property
    def position(self) -> str:
        return f"{self.h}/{self.v}"

    @property
    def structure_ok(self) -> bool:
        """Both have the slide, and both or neither have speaker notes."""
        return (
            self.reveal is not None
            and self.coursekit is not None
            and bool(self.reveal.notes) == bool(self.coursekit.notes)
        )

    @property
    def dom_ok(self) -> bool:
        return self.structure_ok and self.reveal.lines == self.coursekit.lines  # type: ignore[union-attr]

    def describe(self) -> str:
        """Where, and both normalized DOMs as a diff (reveal.js first)."""
        head = f"{self.deck}:{self.line}: slide {self.position}"
        if self.reveal is None or self.coursekit is None:
            shown = self.reveal or self.coursekit
            side = "reveal.js" if self.reveal else "coursekit"
            body = "\n".join("  " + line for line in shown.lines)  # type: ignore[union-attr]
            return f"{head}: only {side} has it\n{body}"
        diff = difflib.unified_diff(
            self.reveal.lines, self.coursekit.lines, "reveal.js", "coursekit", lineterm="", n=3
        )
        return f"{head}\n" + "\n".join(diff)


@dataclass
class Report:
    slides: list[SlideResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # decks coursekit could not read

    def share(self, ok: str) -> float:
        return sum(getattr(s, ok) for s in self.slides) / max(len(self.slides), 1)

    @property
    def unlisted(self) -> list[SlideResult]:
        return [s for s in self.slides if not s.dom_ok and s.known is None]

    def summary(self) -> str:
        listed = sum(1 for s in self.slides if not s.dom_ok and s.known)
        return (
            f"{len(self.slides)} slides in {len({s.deck for s in self.slides})} decks: "
            f"structure agrees on {self.share('structure_ok'):.1%}, "
            f"DOM on {self.share('dom_ok'):.1%}; "
            f"{len(self.unlisted)} unlisted differences, {listed} listed"
        )


def label_of(path: Path) -> str:
    """A deck's name in reports and in known_differences.yaml: its path in the repository."""
    path = Path(path).resolve()
    try:
        return path.relative_to(REPO).as_posix()
    except ValueError:
        return path.name


def load_known(path: Path = KNOWN) -> dict[tuple[str, str], str]:
    """`(deck, "h/v") -> reason` from known_differences.yaml."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {(e["deck"], str(e["slide"])): e["reason"] for e in entries}


def compare(
    paths: list[Path],
    reveal: RevealJs,
    labels: list[str] | None = None,
    known: dict[tuple[str, str], str] | None = None,
) -> Report:
    """Every slide of every deck, rendered both ways and compared."""
    labels = labels or [label_of(p) for p in paths]
    known = load_known() if known is None else known
    sources = [read_source(p) for p in paths]
    rendered = reveal.render(sources)
    parsed = [_coursekit_page(path) for path in paths]
    pages = reveal.read_pages([page for page, _, _ in parsed])
    report = Report()
    for label, source, reference, (_, ours_lines, error), page in zip(
        labels, sources, rendered, parsed, pages, strict=True
    ):
        if error:
            report.errors.append(f"{label}: {error}")
        ours = {(s["h"], s["v"]): (_view(s), n) for s, n in zip(page, ours_lines, strict=False)}
        starts = slide_lines(source)
        theirs = {(s["h"], s["v"]): s for s in reference}
        # reveal.js's slides in order start where reveal-md's split starts them
        lines = {(s["h"], s["v"]): line for s, line in zip(reference, starts, strict=False)}
        positions = sorted(set(theirs) | set(ours))
        for h, v in positions:
            slide = theirs.get((h, v))
            view = _view(slide) if slide is not None else None
            mine = ours.get((h, v))
            line = lines.get((h, v)) or (mine[1] if mine else 0)
            report.slides.append(
                SlideResult(
                    label,
                    h,
                    v,
                    line,
                    view,
                    mine[0] if mine else None,
                    known.get((label, f"{h}/{v}")),
                )
            )
    return report


def _view(slide: dict) -> SlideView:
    return SlideView(
        normalize_attrs(slide["attrs"]), normalize(slide["html"]), normalize(slide["notes"] or "")
    )


def _coursekit_page(path: Path) -> tuple[str, list[int], str]:
    """coursekit's deck as its page writes the slides (`<section>`s, vertical stacks nested,
    notes in `<aside class="notes">`), the slides' source lines, or the error it raised."""
    from coursekit.slides import parse_deck

    try:
        deck = parse_deck(path, placeholders=False)
    except Exception as error:  # any engine, any failure: reported, not fatal to the run
        return "", [], traceback.format_exception_only(error)[-1].strip()

    def section(slide) -> str:
        attrs = "".join(f' {k}="{escape(str(v))}"' for k, v in slide.attrs.items())
        notes = f'<aside class="notes">{slide.notes_html}</aside>' if slide.notes_html else ""
        return f"<section{attrs}>\n{slide.html}{notes}\n</section>"

    stacks: list[list] = []
    for slide in deck.slides:
        if slide.v == 0:
            stacks.append([])
        stacks[-1].append(slide)
    html = "\n".join(
        section(stack[0])
        if len(stack) == 1
        else "<section>" + "\n".join(section(s) for s in stack) + "</section>"
        for stack in stacks
    )
    return html, [s.source_line for s in deck.slides], ""
