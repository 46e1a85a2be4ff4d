"""One slide's HTML parsed alone by an HTML5 parser (html5lib), as reveal.js parses each slide:
an unclosed `<small>` or a stray `</div>` is repaired on its own slide and cannot swallow the
slides after it. Called by `parse.py`; gives a Beautiful Soup tree (what `attributes.py`,
`directives.py` and `assets.py` work on) and the repairs a user can fix, as `Repair`s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import html5lib
from bs4 import BeautifulSoup, Tag
from bs4.builder._html5lib import TreeBuilderForHtml5lib

# Parse errors that mean "this end tag closes nothing here".
STRAY = {
    "unexpected-end-tag",
    "end-tag-too-early-ignored",
    "unexpected-end-tag-treated-as",
    "adoption-agency-1.1",
    "adoption-agency-1.2",
}
# Parse errors that mean "the element open here was never closed".
UNCLOSED = {
    "expected-closing-tag-but-got-eof",
    "end-tag-too-early",
    "end-tag-too-early-named",
    "expected-one-end-tag-but-got-another",
    "adoption-agency-1.3",
    "eof-in-table",
}


@dataclass(frozen=True)
class Repair:
    """What the parser had to fix: `tag` as the author wrote it (`<small>` or `</div>`)."""

    tag: str
    stray: bool  # an end tag without its element, else an element without its end tag

    @property
    def message(self) -> str:
        if self.stray:
            return f"{self.tag} closes nothing on this slide and is ignored"
        return f"{self.tag} is not closed on this slide, so it runs to the slide's end"

    @property
    def fix(self) -> str:
        if self.stray:
            return "remove it, or open the element on the same slide"
        return f"add </{self.tag[1:-1]}> on the same slide, above any Note: line"


class _FragmentTree(TreeBuilderForHtml5lib):
    """Beautiful Soup's html5lib tree builder, for fragments (it only builds documents)."""

    # html5lib passes the fragment on untouched, so it may be the Tag itself, not bs4's
    # wrapper `Element` the base class declares.
    def getFragment(self) -> Tag:  # type: ignore[override]  # noqa: N802 (html5lib's API)
        return self.openElements[0].element


class _Parser(html5lib.HTMLParser):
    """Records, with each parse error, the element that was open (the one left unclosed)."""

    def parseError(  # noqa: N802 (html5lib's API)
        self, errorcode: str = "XXX-undefined-error", datavars: dict[str, Any] | None = None
    ) -> None:
        if errorcode in STRAY or errorcode in UNCLOSED:
            datavars = datavars or {}
            name = datavars.get("name") or datavars.get("originalName") or datavars.get("gotName")
            open_names = [element.name for element in self.tree.openElements[1:]]
            if name and name not in open_names:
                self.repairs.append(Repair(f"</{name}>", stray=True))
            elif errorcode in UNCLOSED and open_names:
                self.repairs.append(Repair(f"<{open_names[-1]}>", stray=False))
        super().parseError(errorcode, datavars)


def parse_fragment(html: str) -> tuple[BeautifulSoup, Tag, list[Repair]]:
    """The slide's HTML as (soup for new tags, root element holding the slide, repairs)."""
    soup = BeautifulSoup("", "html.parser")
    parser = _Parser(tree=lambda ns: _FragmentTree(ns, soup, store_line_numbers=False))
    parser.repairs = []
    root = parser.parseFragment(html, container="section")
    repairs = list(dict.fromkeys(parser.repairs))
    return soup, root, repairs
