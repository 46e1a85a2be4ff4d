"""Deck themes: reveal-md.json, reveal.json and the course's `decks:` setting reach the deck
page, its handout and its PDF; `coursekit slides` mirrors inputs and refuses collisions."""

from __future__ import annotations

import json
import re
import textwrap

import pytest
from bs4 import BeautifulSoup

from coursekit.slides.localserver import serve

DECK = """\
---
title: Themed
revealOptions:
  width: 1000
---
# Themed deck

---
## Reading

<div class="smallish">

* a long reading list
</div>
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def themed(tmp_path):
    """lectures/ with reveal-md.json + reveal.json + CSS, a deck folder with its own
    reveal.json, and a deck whose front matter sets one reveal.js option."""
    lectures = tmp_path / "lectures"
    write(lectures / "reveal-md.json", '{"css": ["course.css"], "footer": "Course footer"}')
    write(lectures / "reveal.json", '{"margin": 0.2, "transition": "fade", "width": 800}')
    write(
        lectures / "course.css",
        ".smallish { font-size: 0.5em }\n.logo { background: url(img/logo.svg) }\n",
    )
    write(lectures / "img" / "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    write(lectures / "01_intro" / "reveal.json", '{"transition": "none"}')
    write(lectures / "01_intro" / "intro.md", DECK)
    return lectures


def page_of(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def reveal_config(page) -> dict:
    script = next(s.string for s in page.find_all("script") if s.string and "config" in s.string)
    return json.loads(re.search(r"var config = (\{.*?\});", script).group(1))


def test_folder_files_reach_the_deck_page_inner_folder_and_front_matter_win(run, themed, tmp_path):
    out = tmp_path / "out"
    result = run("slides", themed, "--out", out, "--strict")
    assert result.code == 0, result
    page = page_of(out / "01_intro" / "intro.html")
    links = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert links[-1] == "_up/course.css", links
    assert (out / "01_intro" / "_up" / "course.css").read_text().startswith(".smallish")
    # A file the stylesheet loads is published beside it.
    assert (out / "01_intro" / "_up" / "img" / "logo.svg").is_file()
    config = reveal_config(page)
    assert config["margin"] == 0.2  # lectures/reveal.json
    assert config["transition"] == "none"  # 01_intro/reveal.json beats lectures/reveal.json
    assert config["width"] == 1000  # the deck's front matter beats both
    assert page.select_one(".ck-footer").get_text() == "Course footer"


def test_course_setting_reaches_deck_handout_and_the_deck_wins(make_course, run, tmp_path):
    course = make_course("materials")
    write(course / "lectures" / "course.css", ".smallish { font-size: 0.5em }\n")
    schedule = course / "schedule.yaml"
    schedule.write_text(
        schedule.read_text().replace(
            "  notebooks: {execute",
            "  decks:\n"
            "    css: lectures/course.css\n"
            "    reveal: {transition: zoom, margin: 0.3}\n"
            "    footer: The course footer\n"
            "  notebooks: {execute",
            1,
        )
    )
    write(course / "lectures" / "01_intro" / "reveal.json", '{"margin": 0.1}')
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    slides = out / "S2026" / "slides" / "01_intro" / "intro"
    page = page_of(slides / "index.html")
    assert "_up/course.css" in [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert (slides / "_up" / "course.css").is_file()
    config = reveal_config(page)
    assert (config["transition"], config["margin"]) == ("zoom", 0.1)
    assert page.select_one(".ck-footer").get_text() == "The course footer"
    handout = page_of(out / "S2026" / "handouts" / "01_intro" / "intro" / "index.html")
    hrefs = [link["href"] for link in handout.find_all("link", rel="stylesheet")]
    css = [href for href in hrefs if href.endswith("course.css")]
    assert css, hrefs
    target = (out / "S2026" / "handouts" / "01_intro" / "intro" / css[0]).resolve()
    assert target == (slides / "_up" / "course.css").resolve() and target.is_file()


@pytest.mark.browser
def test_chromium_shows_the_course_css_footer_and_options(run, themed, tmp_path, browser):
    out = tmp_path / "out"
    assert run("slides", themed, "--out", out).code == 0
    with serve(out) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        try:
            page.goto(base + "01_intro/intro.html#/1")
            page.wait_for_function("window.Reveal && Reveal.isReady()")
            size = page.evaluate(
                "parseFloat(getComputedStyle(document.querySelector('.smallish')).fontSize)"
                " / parseFloat(getComputedStyle(document.querySelector('.smallish').parentNode)"
                ".fontSize)"
            )
            assert size == pytest.approx(0.5)
            assert page.evaluate("Reveal.getConfig().transition") == "none"
            assert page.evaluate("Reveal.getConfig().margin") == 0.2
            footer = page.locator(".ck-footer")
            assert footer.is_visible() and footer.inner_text() == "Course footer"
        finally:
            page.close()


@pytest.mark.browser
def test_a_changed_stylesheet_prints_the_pdf_again(run, themed, tmp_path, chromium, monkeypatch):
    # As with reveal-md, the working folder's reveal-md.json applies to the decks below it.
    monkeypatch.chdir(themed)
    out = tmp_path / "out"
    cache = tmp_path / "cache"
    first = run("slides", "01_intro", "--out", out, "--pdf", "--cache", cache)
    assert "PDFs: 1 printed, 0 unchanged." in first.out, first
    again = run("slides", "01_intro", "--out", out, "--pdf", "--cache", cache)
    assert "PDFs: 0 printed, 1 unchanged." in again.out, again
    css = themed / "course.css"
    css.write_text(css.read_text() + ".smaller { font-size: 0.4em }\n")
    changed = run("slides", "01_intro", "--out", out, "--pdf", "--cache", cache)
    assert "PDFs: 1 printed, 0 unchanged." in changed.out, changed
    assert (out / "intro.pdf").read_bytes().startswith(b"%PDF")


def test_inputs_mirror_their_common_parent(run, tmp_path):
    write(tmp_path / "a" / "x.md", "# Deck A\n")
    write(tmp_path / "b" / "x.md", "# Deck B\n")
    out = tmp_path / "out"
    result = run("slides", tmp_path / "a" / "x.md", tmp_path / "b" / "x.md", "--out", out)
    assert result.code == 0, result
    assert "Deck A" in (out / "a" / "x.html").read_text()
    assert "Deck B" in (out / "b" / "x.html").read_text()


def test_two_decks_for_one_output_is_an_error_and_nothing_is_written(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "decks" / "x.md", "# One\n")
    write(tmp_path / "decks" / "x.markdown", "# Two\n")
    result = run("slides", "decks/x.md", "decks/x.markdown", "--out", "out")
    assert result.code == 1, result
    assert "Error: decks/x.markdown: deck 'decks/x.markdown' and 'decks/x.md'" in result.err
    assert "would both be written to out/x.html" in result.err, result
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_two_images_for_one_output_is_an_error(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "p.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    write(tmp_path / "decks" / "_up" / "p.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    write(tmp_path / "decks" / "x.md", "# One\n\n![up](../p.svg)\n")
    write(tmp_path / "decks" / "y.md", "# Two\n\n![here](_up/p.svg)\n")
    result = run("slides", "decks", "--out", "out")
    assert result.code == 1, result
    assert "Error: decks/y.md: file 'decks/_up/p.svg' and 'p.svg' (used by decks/x.md)" in (
        result.err
    ), result
    assert "would both be written to out/_up/p.svg" in result.err, result
    assert not (tmp_path / "out").exists()


def test_template_and_scripts_warn_with_their_lines_and_strict_fails(run, themed, tmp_path):
    write(
        themed / "reveal-md.json",
        '{\n  "css": ["course.css"],\n  "template": "tpl.html",\n  "scripts": ["menu.js"]\n}',
    )
    write(
        themed / "tpl.html",
        '<html><body>\n<script src="{{{base}}}/dist/reveal.js"></script>\n'
        '<script src="menu-plugin.js"></script>\n</body></html>\n',
    )
    result = run("slides", themed, "--out", tmp_path / "out")
    assert result.code == 0, result
    warnings = result.err.splitlines()
    assert any(
        w.startswith(
            f"Warning: {themed / 'tpl.html'}:3: template line is not used: "
            '<script src="menu-plugin.js"></script>'
        )
        for w in warnings
    ), result
    assert any(
        w.startswith(f"Warning: {themed / 'reveal-md.json'}:4: script 'menu.js' is not run")
        for w in warnings
    ), result
    strict = run("slides", themed, "--out", tmp_path / "strict", "--strict")
    assert strict.code == 1 and "script 'menu.js' is not run" in strict.err, strict
    assert not (tmp_path / "strict").exists()


def test_an_unchanged_rerun_writes_nothing_and_any_change_renders_again(run, tmp_path):
    deck = write(tmp_path / "decks" / "x.md", "# One\n\n![chart](img/chart.svg)\n")
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ("slides", tmp_path / "decks", "--out", out, "--cache", cache)
    first = run(*args)
    assert "image 'img/chart.svg' not found" in first.err, first
    page = out / "x.html"
    stamp = page.stat().st_mtime_ns
    again = run(*args)
    assert (again.out, again.err) == (first.out, first.err)  # same report, warnings included
    assert page.stat().st_mtime_ns == stamp
    write(tmp_path / "decks" / "img" / "chart.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    fixed = run(*args)
    assert fixed.err == "" and (out / "img" / "chart.svg").is_file(), fixed
    deck.write_text("# Two\n\n![chart](img/chart.svg)\n")
    assert run(*args).code == 0 and "Two" in page.read_text()
    page.unlink()
    assert run(*args).code == 0 and page.is_file()


@pytest.mark.browser
def test_identical_decks_in_two_folders_get_both_pdfs(run, tmp_path, chromium):
    for folder in ("a", "b"):
        write(tmp_path / folder / "x.md", "# Same deck\n\n---\n## Second slide\n")
    out = tmp_path / "out"
    args = (tmp_path / "a" / "x.md", tmp_path / "b" / "x.md", "--out", out, "--pdf")
    result = run("slides", *args, "--cache", tmp_path / "cache")
    assert result.code == 0, result
    assert "PDFs: 1 printed, 1 unchanged." in result.out, result
    for folder in ("a", "b"):
        assert (out / folder / "x.pdf").read_bytes().startswith(b"%PDF")
