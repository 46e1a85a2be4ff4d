"""The written decks in real Chromium: navigation, notes, speaker view, PDF printing.

Uses the session-wide `browser` fixture from conftest.py (one sync Playwright per session).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.slides import copy_runtime, parse_deck, slide_count, write_deck
from coursekit.slides.localserver import serve
from coursekit.slides.pdf import PdfJob, print_pdfs

DECKS = Path(__file__).parent / "decks"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium"),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    deck = parse_deck(DECKS / "lecture" / "deck.md")
    write_deck(deck, root / "lecture", "../_reveal/")
    copy_runtime(root / "_reveal")
    return root, deck


def count_pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def open_deck(browser, base_url: str, hash_: str = ""):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors: list[str] = []
    # The fixture deck names one missing image on purpose; any other error is a bug.
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text} {m.location.get('url')}")
            if m.type == "error" and "missing.svg" not in str(m.location.get("url"))
            else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The fixture's iframe points outside; nothing but our server is reachable in tests.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(body=""))
    page.goto(f"{base_url}lecture/index.html{hash_}")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    return page, errors


def test_keyboard_navigation_deep_links_and_no_console_errors(site, browser):
    root, _ = site
    with serve(root) as base_url:
        page, errors = open_deck(browser, base_url)
        assert page.evaluate("Reveal.getIndices()") == {"h": 0, "v": 0, "f": None}
        page.keyboard.press("ArrowRight")
        assert page.evaluate("Reveal.getIndices().h") == 1
        # Slide 1 has fragments: a key press shows the next one before moving on.
        page.keyboard.press("ArrowDown")
        assert page.evaluate("Reveal.getIndices()") == {"h": 1, "v": 0, "f": 0}
        assert page.evaluate("Reveal.getTotalSlides()") == slide_count(site[1])
        page.close()
        deep, deep_errors = open_deck(browser, base_url, "#/1/1")
        assert deep.locator("section.present:not(.stack) > h2").inner_text() == "Columns"
        deep.keyboard.press("ArrowDown")
        assert deep.evaluate("[Reveal.getIndices().h, Reveal.getIndices().v]") == [1, 2]
        deep.wait_for_function("location.hash === '#/1/2'")
        assert deep.locator("section.present:not(.stack) > h2").inner_text() == "References"
        deep.close()
    assert errors == [] and deep_errors == []


def test_notes_are_hidden_and_the_speaker_view_opens(site, browser):
    root, _ = site
    with serve(root) as base_url:
        page, errors = open_deck(browser, base_url)
        assert page.locator("section.present aside.notes").count() == 1
        assert not page.locator("section.present aside.notes").is_visible()
        assert page.get_by_text("Welcome everyone.").is_visible() is False
        with page.expect_popup() as popup_info:
            page.keyboard.press("s")
        popup = popup_info.value
        popup.wait_for_load_state()
        popup.wait_for_function(
            "document.body && document.body.innerText.includes('Welcome')", timeout=15_000
        )
        popup.close()
        page.close()
    assert errors == []


def test_pdf_has_one_page_per_slide_and_is_cached(site, tmp_path):
    root, deck = site
    cache = tmp_path / "cache"
    job = PdfJob(deck, root / "lecture" / "index.html", tmp_path / "deck.pdf")
    [first] = print_pdfs([job], root, cache_dir=cache)
    assert not first.cached
    assert count_pages(first.pdf) == slide_count(deck) == 10
    [again] = print_pdfs([job], root, cache_dir=cache)
    assert again.cached and count_pages(again.pdf) == 10


def test_two_prints_of_a_deck_are_dated_by_the_build(site, tmp_path, monkeypatch):
    """Chromium's own bytes may differ between two prints (seen in CI: a few hundred bytes);
    what coursekit controls, the dates, is the build's. An unchanged deck is never reprinted:
    its cached PDF is copied, dated by the build, so a rebuild writes the same bytes."""
    root, deck = site
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")  # 2001-09-09 01:46:40 UTC
    prints = []
    for name in ("one", "two"):  # a cache each: both are printed by Chromium
        job = PdfJob(deck, root / "lecture" / "index.html", tmp_path / f"{name}.pdf")
        [result] = print_pdfs([job], root, cache_dir=tmp_path / name)
        assert not result.cached
        prints.append(result.pdf.read_bytes())
    assert b"/CreationDate (D:20010909014640+00'00')" in prints[0]
    assert b"/ModDate (D:20010909014640+00'00')" in prints[0]
    for pdf in prints:
        assert b"/CreationDate (D:20010909014640+00'00')" in pdf
        assert xref_points_at_every_object(pdf), "no byte moved: the PDF still reads"


def xref_points_at_every_object(pdf: bytes) -> bool:
    """Whether the cross-reference table (found through `startxref`) gives each object's
    true offset, as a reader relies on."""
    start = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    table = re.match(rb"xref\s+(\d+) (\d+)\s+((?:\d{10} \d{5} [nf]\s+)+)", pdf[start:])
    if table is None:
        return False
    first = int(table[1])
    entries = re.findall(rb"(\d{10}) \d{5} ([nf])", table[3])
    return all(
        pdf[int(offset) :].startswith(b"%d 0 obj" % (first + number))
        for number, (offset, kind) in enumerate(entries)
        if kind == b"n"
    ) and len(entries) == int(table[2])


def test_pdf_with_notes_adds_a_page_per_slide_with_notes(site, tmp_path):
    root, deck = site
    job = PdfJob(deck, root / "lecture" / "index.html", tmp_path / "notes.pdf")
    [result] = print_pdfs([job], root, cache_dir=tmp_path / "cache", notes=True)
    with_notes = sum(1 for s in deck.slides if s.notes_html)
    assert with_notes == 2
    assert count_pages(result.pdf) == slide_count(deck) + with_notes


def test_cli_prints_pdfs(run, tmp_path):
    out = tmp_path / "out"
    result = run("slides", DECKS / "simple", "--out", out, "--pdf", "--cache", tmp_path / "c")
    assert result.code == 0, result
    assert "PDFs: 1 printed, 0 unchanged." in result.out
    assert count_pages(out / "sub" / "second.pdf") == 2
    result = run("slides", DECKS / "simple", "--out", out, "--pdf", "--cache", tmp_path / "c")
    assert "PDFs: 0 printed, 1 unchanged." in result.out, result
