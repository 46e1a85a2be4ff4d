"""The plain data a parsed deck is: `Deck`, `Slide`, `Asset` (frozen dataclasses).

`parse.py` builds them; `page.py`, `handout.py`, `pdf.py` and the course build read them.
Nothing here knows about MkDocs or reveal.js files on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.errors import Problem


@dataclass(frozen=True)
class Slide:
    """One reveal.js slide: `h` is the horizontal index, `v` the vertical one (both 0-based,
    as in the `#/h/v` deep link). `html` is the inner HTML of its `<section>` without the
    notes; `attrs` are the `<section>`'s attributes set with `<!-- .slide: ... -->`."""

    h: int
    v: int
    html: str
    notes_html: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    title_text: str = ""
    source_line: int = 1  # 1-based line of the slide's first line in the deck file

    @property
    def anchor(self) -> str:
        """The reveal.js hash that opens this slide, e.g. `#/3/1`."""
        return f"#/{self.h}/{self.v}" if self.v else f"#/{self.h}"


@dataclass(frozen=True)
class Asset:
    """A local file a deck uses: `url` as written in the deck, `path` the file it names,
    `target` the relative path it gets next to the written page (no `..` in it)."""

    url: str
    path: Path
    target: str
    line: int


@dataclass(frozen=True)
class Deck:
    """One lecture's slides. `slides` is flat, in presentation order, with h/v indices;
    `stacks` groups them into horizontal stacks of vertical slides."""

    path: Path
    meta: dict[str, Any]
    slides: list[Slide]
    warnings: list[Problem] = field(default_factory=list)
    assets: list[Asset] = field(default_factory=list)
    source: str = ""
    # What no build may publish: front matter that cannot be read (the deck would lose its
    # title and settings).
    errors: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        if title:
            return str(title)
        for slide in self.slides:
            if slide.title_text:
                return slide.title_text
        return self.path.stem

    def notes_private(self, default: str = "public") -> bool:
        """Whether the speaker notes stay with the speaker: the deck's front matter `notes:`,
        else `default` (the course's or offering's setting)."""
        return self.meta.get("notes", default) == "private"

    @property
    def stacks(self) -> list[list[Slide]]:
        stacks: list[list[Slide]] = []
        for slide in self.slides:
            if slide.v == 0:
                stacks.append([])
            stacks[-1].append(slide)
        return stacks


def slide_count(deck: Deck) -> int:
    """How many slides (pages of the PDF without notes) the deck has."""
    return len(deck.slides)
