"""Notebook pages list the notebook's section headings in their table of contents (the
notebook's HTML is embedded, so MkDocs' toc extension never sees them), each link landing
on its heading."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from coursekit.site.engine import _listed_toc


@pytest.mark.slow
def test_the_notebook_pages_toc_lists_its_sections_and_each_target_exists(default_site):
    folder = default_site / "S2027" / "recitations" / "01_sklearn" / "sklearn_basics"
    page = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    toc = page.select_one("nav.md-nav--secondary [data-md-component=toc]")
    assert toc is not None, "the page has no table of contents"
    links = [(a.get_text(strip=True), a["href"]) for a in toc.select("a.md-nav__link")]
    headings = [
        (h.get_text(strip=True).rstrip("¶"), "#" + h["id"])
        for h in page.select("article .ck-notebook h2[id]")
    ]
    assert len(headings) >= 10
    assert links[: len(headings)] == headings
    assert links[0] == ("1. Imports and a fixed random seed", "#1-imports-and-a-fixed-random-seed")
    for _, href in links:
        assert page.find(id=href[1:]) is not None, href


def test_listed_headings_nest_by_level_and_stay_text():
    toc = _listed_toc(
        [
            {"level": 1, "id": "title", "text": "Title"},
            {"level": 2, "id": "a", "text": "<script>alert(1)</script> & co"},
            {"level": 3, "id": "a1", "text": "A.1"},
            {"level": 2, "id": "b", "text": "B"},
        ]
    )
    [title] = list(toc)
    assert [item.id for item in title.children] == ["a", "b"]
    assert title.children[0].title == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert [item.url for item in title.children[0].children] == ["#a1"]
