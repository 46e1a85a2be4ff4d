"""The CommonMark deck engine on one fixture deck per class of issue 11 (tests/decks/engine/):
what reveal-md (marked) shows is what coursekit's slides hold."""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup

from coursekit.slides import parse_deck, slide_count, write_deck

ENGINE = Path(__file__).parent / "decks" / "engine"


def deck_of(name: str):
    return parse_deck(ENGINE / f"{name}.md", root=ENGINE.parent)


def soup(slide) -> BeautifulSoup:
    return BeautifulSoup(slide.html, "html.parser")


def texts(items) -> list[str]:
    return [item.find(string=True, recursive=False).strip() for item in items]


def test_a_list_right_after_a_paragraph_line_is_a_list():
    deck = deck_of("lists")
    first = soup(deck.slides[0])
    assert first.find("p").get_text() == "Reasons to test:"
    top = first.find("ul")
    assert texts(top.find_all("li", recursive=False)) == [
        "it finds bugs",
        "it documents intent",
        "back at the top",
    ]
    assert "* " not in deck.slides[0].html
    numbered = soup(deck.slides[1])
    assert texts(numbered.find("ol").find_all("li", recursive=False)) == ["collect data", "train"]


def test_sub_items_indented_two_spaces_nest_by_content_column():
    first = soup(deck_of("lists").slides[0])
    second_item = first.find("ul").find_all("li", recursive=False)[1]
    nested = second_item.find("ul")
    assert texts(nested.find_all("li", recursive=False)) == [
        "nested by two spaces",
        "another nested one",
    ]
    deepest = nested.find_all("li", recursive=False)[1].find("ul")
    assert texts(deepest.find_all("li")) == ["three levels deep"]
    under_numbered = soup(deck_of("lists").slides[1]).find("ol").find_all("li")[1]
    assert under_numbered.find("ul").get_text(strip=True) == "with a sub-bullet"


def test_element_comment_with_nothing_before_it_styles_the_section():
    deck = deck_of("title-slide")
    assert deck.slides[0].attrs == {"class": "titleslide", "data-background": "img/title.svg"}
    assert [a.target for a in deck.assets] == ["img/title.svg"]  # the background is published
    assert deck.slides[1].attrs == {"class": "fragment"}
    assert "<!--" not in deck.slides[0].html
    assert deck.warnings == []


def test_directives_inside_an_html_wrapper_make_columns_without_warnings():
    deck = deck_of("false-warnings")
    wrapper = soup(deck.slides[2]).select_one("div.smallish")
    assert wrapper.find("ul").get_text(strip=True) == "first point"
    columns = wrapper.select("div.container > div.col")
    assert [c.get_text(strip=True) for c in columns] == ["Left", "Right"]


def test_false_warnings_are_gone():
    deck = deck_of("false-warnings")
    assert [str(w) for w in deck.warnings] == []
    # A directive in a code block is code, shown as written; a commented-out one is hidden.
    code = soup(deck.slides[1]).find("pre").get_text()
    assert "<!-- colstart -->" in code and "<!-- colend -->" in code
    assert not soup(deck.slides[1]).select("div.container")
    assert "old bullet" not in deck.slides[1].html


def test_a_malformed_slide_stays_on_its_slide_and_is_reported():
    deck = deck_of("broken-html")
    assert slide_count(deck) == 4
    assert [s.title_text for s in deck.slides] == [
        "An unclosed small",
        "A div across the notes",
        "Still reachable",
        "Also reachable",
    ]
    for slide in deck.slides[2:]:
        html = soup(slide)
        assert not html.find("small") and not html.find("div", class_="box"), slide.html
    across = deck.slides[1]
    assert soup(across).select_one("div.box").get_text(strip=True) == "Visible text"
    assert "said aloud" not in across.html and "said aloud" in across.notes_html
    assert [str(w) for w in deck.warnings] == [
        "engine/broken-html.md:3: <small> is not closed on this slide, so it runs to the "
        "slide's end (add </small> on the same slide, above any Note: line)",
        "engine/broken-html.md:11: <div> is not closed on this slide, so it runs to the "
        "slide's end (add </div> on the same slide, above any Note: line)",
    ]


def test_the_written_page_keeps_every_slide_reachable(tmp_path):
    """What a browser builds from the page: four top-level slides, none inside another."""
    [page] = [p for p in write_deck(deck_of("broken-html"), tmp_path, "_r/") if p.suffix == ".html"]
    document = html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False)
    [slides] = [div for div in document.iter("div") if div.get("class") == "slides"]
    sections = [child for child in slides if child.tag == "section"]
    titles = [next(e.text for e in section.iter() if e.tag in ("h1", "h2")) for section in sections]
    assert titles == [
        "An unclosed small",
        "A div across the notes",
        "Still reachable",
        "Also reachable",
    ]


def test_inline_svg_passes_through_as_markup():
    deck = deck_of("svg")
    svg = soup(deck.slides[0]).find("svg")
    assert svg is not None and svg["aria-label"] == "Two boxes"
    assert svg.find("g").find("rect")["width"] == "80"
    assert svg.find("text").get_text() == "Label * one"
    assert "&lt;svg" not in deck.slides[0].html
    assert soup(deck.slides[0]).find("p").get_text() == "After the drawing."
    assert deck.warnings == []


def test_separator_under_a_separator_is_a_rule_not_a_blank_slide():
    deck = deck_of("separators")
    assert [(s.h, s.v, s.title_text) for s in deck.slides] == [
        (0, 0, "One"),
        (0, 1, "Two, under a rule"),
        (1, 0, "Three"),
        (2, 0, "Four"),
    ]
    assert soup(deck.slides[1]).find("hr") is not None


def test_notes_split_only_at_a_slides_only_marker():
    deck = deck_of("separators")
    two_markers = deck.slides[2]
    assert two_markers.notes_html == ""
    assert "first marker." in two_markers.html and "second marker" in two_markers.html
    assert deck.slides[3].notes_html == "<p>the only marker: these are notes.</p>"
    assert "only marker" not in deck.slides[3].html


def test_code_fence_line_highlights_become_data_line_numbers():
    codes = soup(deck_of("code").slides[0]).find_all("code")
    stepped, numbered, plain = codes
    assert stepped["data-line-numbers"] == "1-2|3" and stepped["class"] == ["js"]
    assert stepped.find("span", class_="kd").get_text() == "const"  # Pygments, at build time
    assert "[1-2|3]" not in str(stepped.parent.parent)
    assert numbered["data-line-numbers"] == "" and numbered["class"] == ["python"]
    assert not plain.has_attr("data-line-numbers") and plain.get_text() == "plain\n"


@pytest.mark.parametrize("name", ["lists", "title-slide", "svg", "separators", "code"])
def test_clean_fixtures_have_no_warnings(name):
    assert [str(w) for w in deck_of(name).warnings] == []


def test_a_formula_latex2mathml_cannot_read_is_a_warning_at_its_line(tmp_path):
    path = tmp_path / "deck.md"
    path.write_text("# Math\n\nGood $x^2$.\n\nBad $\\frac{1}{$ here.\n\nNote: and $\\frac{$\n")
    deck = parse_deck(path, root=tmp_path)
    assert soup(deck.slides[0]).find("math") is not None
    assert [(w.line, w.message.split(":")[0]) for w in deck.warnings] == [
        (5, "formula kept as TeX, latex2mathml cannot read it (NoAvailableTokensError)"),
        (7, "formula kept as TeX, latex2mathml cannot read it (NoAvailableTokensError)"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<div>\n* item\n</div>",
        "* a\n<div>\n  * b\n* c",
        "  1. a\n<!--\n* b\n-->\n    - c",
        "- ```\n",
    ],
)
def test_html_and_lists_in_any_order_render(tmp_path, text):
    path = tmp_path / "deck.md"
    path.write_text(f"# Slide\n\n{text}\n")
    assert parse_deck(path).slides[0].title_text == "Slide"


def test_a_separator_inside_a_code_fence_cuts_as_in_reveal_md_and_is_reported():
    deck = deck_of("fence-separator")
    assert [(s.h, s.title_text) for s in deck.slides] == [(0, "Code with a separator"), (1, "")]
    # marked reads a fence that never closes as text, and one that does as code.
    assert soup(deck.slides[0]).find("p").get_text() == "```yaml\ntitle: first document"
    assert soup(deck.slides[1]).find("p").get_text() == "title: second document"
    assert [(w.line, w.message) for w in deck.warnings] == [
        (5, "'---' inside a code fence starts a slide, as in reveal-md, and cuts the code in two")
    ]
    assert deck.warnings[0].fix.startswith("indent the code by four spaces")


def test_a_notes_marker_inside_a_code_fence_starts_the_notes_and_is_reported(tmp_path):
    # Not a tests/decks fixture: reveal.js renders such notes through marked twice, which
    # garbles them; coursekit shows them as written (the one slide the oracle would flag).
    path = tmp_path / "deck.md"
    path.write_text("## Code\n\n```python\n# Note: a comment\nx = 1\n```\n")
    deck = parse_deck(path, root=tmp_path)
    assert "a comment" in deck.slides[0].notes_html and "a comment" not in deck.slides[0].html
    [warning] = deck.warnings
    assert (warning.line, warning.message) == (
        4,
        "a notes marker inside a code fence starts the notes, as in reveal-md, and cuts the "
        "code in two",
    )


def test_addresses_in_slide_text_become_links_as_marked_links_them(tmp_path):
    path = tmp_path / "deck.md"
    path.write_text(
        # One address per paragraph: linkify looks at each paragraph's text as a whole.
        "# Links\n\nMail ada@example.org.\n\nRead www.example.com.\n\nSee https://example.org/a.\n\n"
        "Note: e.g.: not a link; see mailto:bob@example.org\n"
    )
    slide = parse_deck(path).slides[0]
    assert [a["href"] for a in soup(slide).find_all("a")] == [
        "mailto:ada@example.org",
        "http://www.example.com",
        "https://example.org/a",
    ]
    notes = BeautifulSoup(slide.notes_html, "html.parser")
    assert [a["href"] for a in notes.find_all("a")] == ["mailto:bob@example.org"]
