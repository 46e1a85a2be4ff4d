"""parse_deck on the fixture decks: slide structure, attributes, directives, warnings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.errors import CourseError
from coursekit.slides import parse_deck, parse_decks, slide_count

DECKS = Path(__file__).parent / "decks"
LECTURE = DECKS / "lecture" / "deck.md"


@pytest.fixture(scope="module")
def deck():
    return parse_deck(LECTURE, root=DECKS)


def html_of(slide) -> BeautifulSoup:
    return BeautifulSoup(slide.html, "html.parser")


def slide_titled(deck, title):
    return next(s for s in deck.slides if s.title_text == title)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.md"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_front_matter_with_trailing_spaces_on_the_closing_line(deck):
    assert deck.meta["title"] == "All constructs"
    assert deck.meta["author"] == "Test Author"
    assert deck.meta["revealOptions"] == {"transition": "none"}
    assert "title:" not in deck.slides[0].html


def test_horizontal_and_vertical_structure(deck):
    assert [len(stack) for stack in deck.stacks] == [1, 3, 1, 1, 1, 1, 2]
    assert slide_count(deck) == 10
    assert [(s.h, s.v) for s in deck.stacks[1]] == [(1, 0), (1, 1), (1, 2)]
    assert deck.stacks[1][1].anchor == "#/1/1"
    assert [s.title_text for s in deck.stacks[1]] == [
        "Fragments and attributes",
        "Columns",
        "References",
    ]


def test_source_lines_point_at_each_slides_first_line(deck):
    assert deck.slides[0].source_line == 10
    assert slide_titled(deck, "Columns").source_line == 37


def test_notes_are_separate_from_the_slide(deck):
    title = deck.slides[0]
    assert "Welcome everyone" not in title.html
    assert BeautifulSoup(title.notes_html, "html.parser").get_text(" ").split() == [
        "Welcome",
        "everyone.",
        "These",
        "notes",
        "span",
        "two",
        "lines.",
    ]
    discussion = slide_titled(deck, "Discussion: what could go wrong?")
    assert "Let the class talk first." in discussion.notes_html
    assert "Then show the next slide." in discussion.notes_html  # notes run to the slide's end


def test_code_is_highlighted_at_build_time(deck):
    code = slide_titled(deck, "Table and code")
    text = html_of(code).find("div", class_="highlight").get_text()
    assert "y = x + 1" in text and "return z" in text
    assert html_of(code).find("span", class_="k")  # highlighted by Pygments at build time


def test_slide_attributes_go_on_the_section(deck):
    assert deck.slides[0].attrs == {"class": "titleslide", "data-background": "img/bg.svg"}
    assert slide_titled(deck, "Images").attrs == {"class": "plain"}


def test_element_attributes_land_where_revealjs_puts_them(deck):
    soup = html_of(slide_titled(deck, "Fragments and attributes"))
    assert soup.find("h2")["class"] == ["title-attr"]  # comment on the line under a heading
    paragraph = soup.find("p", class_="fragment")
    assert paragraph.get_text(strip=True) == "A paragraph that appears later."
    assert paragraph["style"] == "color: red"
    assert paragraph["data-fragment-index"] == "2"
    items = soup.find("ul").find_all("li")
    assert items[0]["class"] == ["fragment"] and not items[1].get("class")
    # Right under a list (no blank line): the list's last item, as reveal.js 6 does.
    numbered = soup.find("ol").find_all("li")
    assert numbered[1]["class"] == ["fragment"] and numbered[1]["data-appear"] == ""
    assert not soup.find("ol").get("class")
    # After inline markup, the nearest preceding element in the paragraph.
    assert soup.find("strong")["class"] == ["highlight-me"]
    image = soup.find("img", alt="A diagram")
    assert image["class"] == ["plain"] and image["width"] == "300"


def test_columns_and_small(deck):
    soup = html_of(slide_titled(deck, "Columns"))
    columns = soup.select("div.container > div.col")
    assert len(columns) == 2
    assert columns[0].find("img")["alt"] == "Plot of results"
    assert columns[1].select_one("div.small").get_text(strip=True) == "Right column, smaller"
    after = soup.find("p", string="After the columns")
    assert after.parent.name == "[document]"  # outside the columns again


def test_references_fill_the_rest_of_the_slide(deck):
    soup = html_of(slide_titled(deck, "References"))
    stretch, references = soup.find_all("div")[-2:]
    assert stretch["class"] == ["stretch"] and references["class"] == ["references"]
    assert references.get_text(strip=True) == "Author.A paper. 2020."
    merged = html_of(slide_titled(deck, "Merged by accident"))
    assert merged.select_one("div.references").get_text(strip=True) == "See the appendix."
    assert not merged.select("div.stretch")  # <!-- references_ --> has no stretch


def test_discussion_marker(deck):
    soup = html_of(slide_titled(deck, "Discussion: what could go wrong?"))
    marker = soup.select_one("div.discussion")
    assert marker["role"] == "img" and marker["aria-label"] == "Discussion"


def test_raw_html_table_and_several_images(deck):
    raw = html_of(slide_titled(deck, "Raw HTML"))
    assert raw.find("iframe")["src"] == "https://example.org/embed"
    assert raw.select("div.stretch")
    assert raw.select_one("div.box > ul > li").get_text() == "markdown inside a div"
    table = html_of(slide_titled(deck, "Table and code")).find("table")
    assert [th.get_text() for th in table.find_all("th")] == ["Metric", "Value"]
    images = html_of(slide_titled(deck, "Images")).find("p").find_all("img")
    assert [i["src"] for i in images] == [
        "img/a.svg",
        "img/b.svg",
        "img/c.svg",
        "_up/shared/logo.svg",
    ]


def test_no_directive_or_comment_text_left_in_any_slide(deck):
    for slide in deck.slides:
        for text in (
            "<!--",
            ".element",
            ".slide:",
            "colstart",
            "colend",
            "references_",
            "discussion -->",
            "TODO",
        ):
            assert text not in slide.html, (slide.title_text, text)


def test_warnings_name_file_line_message_and_fix(deck):
    expected = (DECKS / "lecture" / "expected-warnings.txt").read_text().splitlines()
    assert [str(w) for w in deck.warnings] == expected


def test_assets_are_the_local_files_that_exist(deck):
    assert {a.target for a in deck.assets} == {
        "img/bg.svg",
        "img/diagram.svg",
        "img/plot.svg",
        "img/a.svg",
        "img/b.svg",
        "img/c.svg",
        "_up/shared/logo.svg",
    }


def test_split_without_colstart_makes_two_columns(tmp_path):
    deck = parse_deck(
        write(
            tmp_path,
            """\
        ## Two halves
        left
        <!-- split -->
        right
        """,
        )
    )
    columns = html_of(deck.slides[0]).select("div.container > div.col")
    assert [c.get_text(" ", strip=True) for c in columns] == ["Two halves left", "right"]


def test_separators_need_no_blank_lines_and_crlf_is_fine(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes(b"# One\r\n---\r\n# Two\r\n----\r\n# Two down\r\nnote: hidden\r\n")
    deck = parse_deck(path)
    assert [(s.h, s.v, s.title_text) for s in deck.slides] == [
        (0, 0, "One"),
        (1, 0, "Two"),
        (1, 1, "Two down"),
    ]
    assert deck.slides[2].notes_html == "<p>hidden</p>"
    assert deck.warnings == []


def test_directive_inside_a_paragraph_and_unquoted_attributes_are_reported(tmp_path):
    deck = parse_deck(
        write(
            tmp_path,
            """\
        Some text <!-- small --> here

        Item <!-- .element: class=fragment -->
        """,
        )
    )
    assert [w.message for w in deck.warnings] == [
        "<!-- small --> must be on a line of its own to take effect",
        "<!-- .element: class=fragment --> sets no attribute",
    ]
    assert [w.line for w in deck.warnings] == [1, 3]


def test_bad_front_matter_is_an_error_with_its_line(tmp_path):
    deck = parse_deck(
        write(
            tmp_path,
            """\
        ---
        title: [unclosed
        ---
        # Slide
        """,
        )
    )
    assert deck.warnings == []
    [error] = deck.errors
    assert error.message.startswith("front matter is not valid YAML")
    assert error.line in (2, 3, 4)
    assert deck.slides[0].title_text == "Slide"


@pytest.mark.parametrize(
    ("line", "message", "fix"),
    [
        ("css: 5", "front matter 'css' must be a stylesheet path or a list of them, not 5", "css:"),
        ("revealOptions: fade", "'revealOptions' must be a mapping of reveal.js options", "{"),
        ("title: {a: 1}", "front matter 'title' must be text, not a mapping", "title:"),
    ],
)
def test_front_matter_of_the_wrong_shape_is_an_error_and_left_out(tmp_path, line, message, fix):
    deck = parse_deck(write(tmp_path, f"---\nauthor: Ada\n{line}\n---\n# Slide\n"))
    [error] = deck.errors
    assert message in error.message and error.line == 3 and fix in error.fix
    assert deck.meta == {"author": "Ada"} and deck.title == "Slide"


def test_unreadable_deck_is_a_course_error(tmp_path):
    path = tmp_path / "deck.md"
    path.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(CourseError, match="not UTF-8"):
        parse_deck(path)


def test_parse_decks_caches_until_a_missing_file_appears(tmp_path):
    deck_path = write(tmp_path, "# Slide\n\n![Chart](chart.svg)\n")
    cache = tmp_path / "cache"
    [first] = parse_decks([deck_path], cache_dir=cache)
    assert [w.message for w in first.warnings] == ["image 'chart.svg' not found"]
    assert len(list(cache.glob("*.pickle"))) == 1
    [again] = parse_decks([deck_path], cache_dir=cache)
    assert again.slides == first.slides and again.warnings == first.warnings
    (tmp_path / "chart.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    [fixed] = parse_decks([deck_path], cache_dir=cache)
    assert fixed.warnings == [] and [a.target for a in fixed.assets] == ["chart.svg"]


def test_parse_decks_in_worker_processes_keeps_the_order(tmp_path):
    paths = []
    for n in range(10):
        path = tmp_path / f"deck{n}.md"
        path.write_text(f"# Deck {n}\n---\n## Second\n")
        paths.append(path)
    decks = parse_decks(paths, workers=2)
    assert [d.slides[0].title_text for d in decks] == [f"Deck {n}" for n in range(10)]
    assert all(slide_count(d) == 2 for d in decks)
