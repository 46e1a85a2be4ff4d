"""The Lectures and Recitations tabs open index pages listing every deck and notebook with
its session (date, title linked to its schedule row) and its slides, handout and notebook
links; built HTML of the default course."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.schedule.load import load_course
from coursekit.site.places import deck_key

pytestmark = pytest.mark.slow


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def resolves(page_dir: Path, href: str) -> bool:
    path, _, anchor = href.partition("#")
    target = (page_dir / path).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return False
    return not anchor or soup(target).find(id=anchor) is not None


def test_the_lectures_and_recitations_tabs_open_their_index_pages(default_site):
    home = soup(default_site / "S2027" / "index.html")
    tabs = {a.get_text(strip=True): a["href"] for a in home.select(".md-tabs__link")}
    assert tabs["Lectures"] == "lectures/"
    assert tabs["Recitations"] == "recitations/"
    for folder, heading in (("lectures", "Lectures"), ("recitations", "Recitations")):
        page = soup(default_site / "S2027" / folder / "index.html")
        assert page.select_one("article h1").get_text(strip=True).rstrip("¶") == heading


def test_the_lectures_index_lists_every_deck_with_its_session_and_links(default_site):
    site = default_site / "S2027"
    sessions = load_course(default_site.parent).schedule.offerings["S2027"].sessions
    decks = list(dict.fromkeys(s.slides for s in sessions if s.slides and "://" not in s.slides))
    page = soup(site / "lectures" / "index.html")
    entries = page.select("ul.ck-index > li.ck-index-entry")
    assert [e.select_one(".ck-index-title")["href"] for e in entries] == [
        f"../slides/{deck_key(deck)}/" for deck in decks
    ]
    first = entries[0]
    assert first.select_one(".ck-index-title").get_text() == "Introduction and Motivation"
    session = first.select_one(".ck-index-session a")
    assert session.get_text(" ", strip=True) == "Wed, Jan 20 · Introduction and Motivation"
    assert session["href"] == "../schedule/#intro"
    links = {a.get_text(): a["href"] for a in first.select(".ck-index-links a")}
    assert links == {
        "slides": "../slides/01_introduction/intro/",
        "handout": "../handouts/01_introduction/intro/",
    }
    for entry in entries:
        for a in entry.select("a"):
            assert resolves(site / "lectures", a["href"]), (entry.get_text(" "), a["href"])


def test_the_recitations_index_lists_every_notebook_with_its_session(default_site):
    site = default_site / "S2027"
    page = soup(site / "recitations" / "index.html")
    entries = page.select("ul.ck-index > li.ck-index-entry")
    notebooks = sorted(
        p.parent.relative_to(site / "recitations").as_posix() + "/"
        for p in (site / "recitations").glob("*/*/index.html")
    )
    assert sorted(e.select_one(".ck-index-title")["href"] for e in entries) == notebooks
    first = entries[0]
    assert first.select_one(".ck-index-session a")["href"] == "../schedule/#rec-sklearn"
    assert [a.get_text() for a in first.select(".ck-index-links a")] == ["notebook", ".ipynb"]
    for entry in entries:
        for a in entry.select("a"):
            assert resolves(site / "recitations", a["href"]), (entry.get_text(" "), a["href"])


def test_the_section_navigation_starts_with_the_index(default_site):
    handout = soup(default_site / "S2027" / "handouts" / "02_systems" / "systems" / "index.html")
    section = [a.get_text(strip=True) for a in handout.select(".md-nav--primary .md-nav__link")]
    assert "All lectures" in section
    assert section.index("All lectures") < section.index("From Models to AI-Enabled Systems")


def test_the_landing_search_index_holds_the_current_offering_once(default_site):
    from coursekit.site.landing import SEARCH_INDEX, search_current

    landing = default_site / SEARCH_INDEX
    before = landing.read_bytes()
    locations = [doc["location"] for doc in json.loads(before)["docs"]]
    current = json.loads((default_site / "S2027" / SEARCH_INDEX).read_bytes())["docs"]
    assert [loc for loc in locations if loc.startswith("S2027/")] == [
        "S2027/" + doc["location"] for doc in current
    ]
    assert not [loc for loc in locations if loc.startswith("S2022/")]
    # A live-preview rebuild runs it again: the entries are replaced, not added twice.
    search_current(load_course(default_site.parent), default_site)
    assert landing.read_bytes() == before
