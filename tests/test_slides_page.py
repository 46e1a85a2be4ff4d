"""write_deck, copy_runtime and handout_markdown: the files and HTML a reader gets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from coursekit.slides import copy_runtime, handout_markdown, parse_deck, write_deck

DECKS = Path(__file__).parent / "decks"


@pytest.fixture(scope="module")
def deck():
    return parse_deck(DECKS / "lecture" / "deck.md", root=DECKS)


@pytest.fixture(scope="module")
def site(deck, tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    written = write_deck(deck, root / "slides" / "lecture", "../../_reveal/")
    copy_runtime(root / "_reveal")
    return root, written


def page(site) -> BeautifulSoup:
    root, _ = site
    return BeautifulSoup((root / "slides/lecture/index.html").read_text(), "html.parser")


def test_page_has_one_section_per_slide_in_stacks(site):
    slides = page(site).select_one("div.reveal > div.slides")
    stacks = slides.find_all("section", recursive=False)
    assert len(stacks) == 7
    assert [len(s.find_all("section", recursive=False)) for s in stacks] == [0, 3, 0, 0, 0, 0, 2]
    assert len(slides.select("section:not(:has(> section))")) == 10


def test_section_attributes_and_notes(site):
    first = page(site).select_one("div.slides > section")
    assert first["class"] == ["titleslide"] and first["data-background"] == "img/bg.svg"
    assert "Welcome everyone." in first.select_one("aside.notes").get_text()
    assert "Welcome" not in first.find("h1").get_text()


def test_page_loads_runtime_from_runtime_url_and_configures_reveal(site):
    soup = page(site)
    assert [s["src"] for s in soup.find_all("script", src=True)] == [
        "../../_reveal/reveal/reveal.js",
        "../../_reveal/reveal/plugin/notes.js",
        "../../_reveal/reveal/plugin/zoom.js",
        "../../_reveal/reveal/plugin/search.js",
        "../../_reveal/theme/coursekit.js",
    ]
    assert "../../_reveal/theme/coursekit.css" in [link["href"] for link in soup.find_all("link")]
    script = soup.find_all("script")[-1].string
    config = json.loads(re.search(r"var config = (\{.*?\});", script).group(1))
    assert config["hash"] is True and (config["width"], config["height"]) == (1280, 720)
    assert config["transition"] == "none"  # from the deck's revealOptions
    assert "RevealNotes, RevealZoom, RevealSearch" in script
    assert soup.title.string == "All constructs"
    assert "17-445 Machine Learning in Production" in soup.select_one(".ck-footer").get_text()


def test_images_are_copied_next_to_the_page(site):
    root, written = site
    out = root / "slides" / "lecture"
    for name in (
        "img/a.svg",
        "img/b.svg",
        "img/c.svg",
        "img/bg.svg",
        "img/plot.svg",
        "img/diagram.svg",
        "_up/shared/logo.svg",
    ):
        assert (out / name).read_bytes() == (
            DECKS / "lecture" / name.replace("_up", "..")
        ).read_bytes()
    assert not (out / "img" / "missing.svg").exists()
    assert set(written) >= {out / "index.html", out / "img" / "a.svg"}


def test_runtime_holds_reveal_and_theme_and_no_font_downloads(site):
    root, _ = site
    runtime = root / "_reveal"
    for name in (
        "reveal/reveal.js",
        "reveal/reveal.css",
        "reveal/reset.css",
        "reveal/plugin/notes.js",
        "reveal/plugin/zoom.js",
        "reveal/plugin/search.js",
        "theme/coursekit.css",
        "theme/pygments.css",
        "theme/coursekit.js",
    ):
        assert (runtime / name).is_file(), name
    theme = (runtime / "theme" / "coursekit.css").read_text()
    assert "@import" not in theme and "@font-face" not in theme
    assert ".reveal .highlight .k" in (runtime / "theme" / "pygments.css").read_text()


def test_rewriting_an_unchanged_deck_leaves_files_untouched(deck, site):
    root, _ = site
    page_file = root / "slides/lecture/index.html"
    before = page_file.stat().st_mtime_ns
    write_deck(deck, root / "slides" / "lecture", "../../_reveal/")
    assert page_file.stat().st_mtime_ns == before


def test_handout_has_every_slide_with_title_link_body_and_notes(deck):
    text = handout_markdown(deck, "../../slides/lecture/", image_prefix="../../slides/lecture/")
    soup = BeautifulSoup(
        markdown.markdown(text, extensions=["md_in_html", "tables"]), "html.parser"
    )
    assert soup.find("h1").get_text() == "All constructs"
    headings = [h.get_text() for h in soup.find_all("h2")]
    assert headings[:3] == ["All constructs", "Fragments and attributes", "Columns"]
    assert len(headings) == 10
    links = [a["href"] for a in soup.find_all("a", string="Open slide")]
    assert links[:3] == [
        "../../slides/lecture/#/0",
        "../../slides/lecture/#/1",
        "../../slides/lecture/#/1/1",
    ]
    notes = soup.select("div.ck-handout-notes")
    assert "Welcome everyone." in notes[0].get_text()
    sources = {img["src"] for img in soup.find_all("img")}
    assert "../../slides/lecture/img/a.svg" in sources
    assert "../../slides/lecture/_up/shared/logo.svg" in sources
    assert "../../slides/lecture/img/bg.svg" in sources  # the title slide's background
    code = soup.select_one("div.ck-handout-slide div.highlight")
    assert "return z" in code.get_text()  # raw HTML with code survives markdown
    assert "Discussion" in soup.select_one("div.discussion").get_text()
    subtitle = soup.select_one("p.ck-handout-heading")
    assert subtitle.get_text() == "A deck that uses every feature"  # not a second <h2>
