"""`notes: private`: a deck's speaker notes stay with the speaker.

The default course is built with its first deck private and a note holding a word found
nowhere else; no file the site publishes may hold that word (PDF text included), while the
live preview's build and `coursekit slides --notes` keep it for the speaker.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.layout import copy_course
from coursekit.site.build import build_course
from coursekit.slides import parse_deck, without_notes

REPO = Path(__file__).parent.parent
DECK = "lectures/01_introduction/intro.md"
SENTINEL = "ZANZIBARQUOKKA"
QUIZ = f"\n\n---\n\n## Quiz\n\nWhat breaks first?\n\nNote: the answer is {SENTINEL}.\n"


def private_course(target: Path) -> Path:
    """A copy of the default course whose intro deck is private and ends with a quiz slide
    whose note holds the sentinel; notebooks are published as they are (no execution: they
    have nothing to do with notes, and it keeps the build short)."""
    root = copy_course(REPO, target)
    deck = root / DECK
    text = deck.read_text("utf-8")
    deck.write_text("---\nnotes: private\n" + text.removeprefix("---\n").rstrip() + QUIZ)
    schedule = root / "schedule.yaml"
    old = "notebooks: {colab_branch: notebooks}"
    assert old in schedule.read_text("utf-8")
    schedule.write_text(
        schedule.read_text("utf-8").replace(old, old[:-1] + ", execute: off}"), "utf-8"
    )
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory, chromium):
    root = private_course(tmp_path_factory.mktemp("private"))
    build_course(root, root / "site", pdf=True)
    return root / "site"


def holders(site: Path, word: str) -> list[str]:
    """Every file under `site` whose bytes, or whose PDF text, hold `word`."""
    from pypdf import PdfReader

    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            data = "".join(page.extract_text() for page in PdfReader(path).pages).encode()
        if word.encode() in data:
            found.append(str(path.relative_to(site)))
    return found


@pytest.mark.browser
def test_no_published_file_holds_a_private_note(built):
    assert holders(built, SENTINEL) == []
    # The slide itself is published, in every form: only its note is not.
    intro = built / "S2027" / "slides" / "01_introduction" / "intro"
    assert {"intro.md", "intro.pdf", "index.html"} <= {p.name for p in intro.iterdir()}
    assert set(holders(built, "What breaks first?")) >= {
        "S2027/slides/01_introduction/intro/index.html",
        "S2027/slides/01_introduction/intro/intro.md",
        "S2027/slides/01_introduction/intro/intro.pdf",
        "S2027/handouts/01_introduction/intro/index.html",
        "S2027/search/search_index.json",
    }
    page = BeautifulSoup((intro / "index.html").read_text("utf-8"), "html.parser")
    assert page.select("aside.notes") == []


@pytest.mark.browser
def test_other_decks_keep_their_public_notes(built):
    handout = built / "S2027" / "handouts" / "02_systems" / "systems" / "index.html"
    soup = BeautifulSoup(handout.read_text("utf-8"), "html.parser")
    assert len(soup.select(".ck-handout-notes")) > 10
    intro = built / "S2027" / "handouts" / "01_introduction" / "intro" / "index.html"
    assert BeautifulSoup(intro.read_text("utf-8"), "html.parser").select(".ck-handout-notes") == []


def test_the_preview_shows_private_notes_to_the_speaker(tmp_path):
    # What `coursekit serve` builds: the author's own site, on 127.0.0.1.
    root = private_course(tmp_path / "course")
    build_course(root, root / "site", speaker=True)
    intro = root / "site" / "S2027"
    deck = BeautifulSoup(
        (intro / "slides/01_introduction/intro/index.html").read_text("utf-8"), "html.parser"
    )
    assert SENTINEL in deck.select("aside.notes")[-1].get_text()
    assert SENTINEL in (intro / "handouts/01_introduction/intro/index.html").read_text("utf-8")


def test_an_offering_makes_its_notes_private_and_a_deck_says_otherwise(make_course, run):
    course = make_course("materials")
    deck = course / "lectures" / "01_intro" / "intro.md"
    deck.write_text(deck.read_text("utf-8").rstrip() + QUIZ, "utf-8")
    schedule = course / "schedule.yaml"
    text = schedule.read_text("utf-8").replace(
        "    title: Spring 2026\n", "    title: Spring 2026\n    decks: {notes: private}\n"
    )
    schedule.write_text(text, "utf-8")
    assert run("build", "--root", course).code == 0
    assert holders(course / "site", SENTINEL) == []
    # The deck's own front matter wins over the offering's setting.
    deck.write_text(deck.read_text("utf-8").replace("---\n", "---\nnotes: public\n", 1))
    assert run("build", "--root", course).code == 0
    assert "S2026/handouts/01_intro/intro/index.html" in holders(course / "site", SENTINEL)


def test_slides_keeps_private_notes_only_with_notes(run, tmp_path):
    deck = tmp_path / "talk" / "talk.md"
    deck.parent.mkdir()
    deck.write_text("---\ntitle: Talk\nnotes: private\n---\n\n# Talk" + QUIZ, "utf-8")
    assert run("slides", deck, "--out", tmp_path / "public").code == 0
    assert holders(tmp_path / "public", SENTINEL) == []
    assert "What breaks first?" in (tmp_path / "public" / "talk.html").read_text("utf-8")
    assert run("slides", deck, "--out", tmp_path / "speaker", "--notes").code == 0
    assert holders(tmp_path / "speaker", SENTINEL) == ["talk.html"]


def test_without_notes_leaves_every_course_deck_its_slides(tmp_path):
    decks = sorted((REPO / "lectures").rglob("*.md"))
    assert decks
    for path in decks:
        # The copy is parsed away from the deck's images: compare the slides as written.
        deck = parse_deck(path, placeholders=False)
        stripped = tmp_path / path.name
        stripped.write_text(without_notes(path.read_text("utf-8"), path.name), "utf-8")
        bare = parse_deck(stripped, placeholders=False)
        assert [s.html for s in bare.slides] == [s.html for s in deck.slides], path
        assert not any(s.notes_html for s in bare.slides), path


def test_without_notes_keeps_the_words_before_a_marker_and_line_endings():
    text = "# A\r\nPlease note: the exam is open book\r\nmore notes\r\n---\r\n## B\r\n"
    assert without_notes(text, "deck.md") == "# A\r\nPlease \r\n---\r\n## B\r\n"
