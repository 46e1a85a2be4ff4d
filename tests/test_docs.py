"""docs/reference/decks.md cannot go stale silently: every directive coursekit knows and every
message a deck (its front matter, slides, theme files, `coursekit slides` outputs) can produce
is on the page. Messages are read from the code itself, so a new one fails here until it is
documented.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coursekit.slides.directives import DIRECTIVES

REPO = Path(__file__).parent.parent
PAGE = REPO / "docs" / "reference" / "decks.md"
SRC = REPO / "src" / "coursekit"
# Where a deck's warnings and errors are written, as (module, function or None for all of
# it). PDF printing and the reveal.js runtime report on the machine, not on a deck.
DECK_MODULES = [
    *(
        (SRC / "slides" / f"{name}.py", None)
        for name in ("split", "parse", "fragment", "directives", "themes", "reveal_md_files")
    ),
    (SRC / "commands" / "slides.py", None),
    (SRC / "schedule" / "yamlsource.py", "read_front_matter"),
    (SRC / "site" / "materials.py", "deck_findings"),
]


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _literal_parts(node: ast.expr) -> list[str]:
    """The fixed text of a message: a string's value, an f-string's literal pieces."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [v.value for v in node.values if isinstance(v, ast.Constant)]
    return []


def _messages(path: Path, function: str | None = None) -> list[tuple[int, list[str]]]:
    """(line, literal pieces) of each message in `path` (in `function` when given): the
    first argument of `Problem(…)`, the first item of a `findings.append((message, fix, …))`,
    what a `message` property returns."""
    tree: ast.AST = ast.parse(path.read_text(encoding="utf-8"))
    if function is not None:
        tree = next(
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function
        )
    found = []
    for node in ast.walk(tree):
        message = None
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name == "Problem":
                message = first
            elif name == "append" and isinstance(first, ast.Tuple) and len(first.elts) == 3:
                message = first.elts[0]
        elif isinstance(node, ast.FunctionDef) and node.name == "message":
            for ret in (n for n in ast.walk(node) if isinstance(n, ast.Return) and n.value):
                found.append((ret.lineno, _literal_parts(ret.value)))
        if message is not None:
            found.append((node.lineno, _literal_parts(message)))
    return [(line, parts) for line, parts in found if any(p.strip() for p in parts)]


def _deck_messages() -> list[tuple[str, list[str]]]:
    messages = []
    for path, function in DECK_MODULES:
        for line, parts in _messages(path, function):
            messages.append((f"{path.relative_to(REPO)}:{line}", parts))
    return messages


def test_the_message_finder_sees_the_deck_warnings():
    texts = [" … ".join(parts) for _, parts in _deck_messages()]
    # One message from each kind of source, so a change in how messages are written cannot
    # leave this file checking nothing.
    for expected in (
        "front matter key '",  # split.py, Problem
        "unknown directive <!-- ",  # directives.py, findings tuple
        " is not closed on this slide",  # fragment.py, Repair.message
        "template line is not used: ",  # reveal_md_files.py
        ") would both be written to ",  # commands/slides.py
        "front matter is not valid YAML",  # yamlsource.py
        "the deck has no slides",  # site/materials.py
    ):
        assert any(expected in text for text in texts), expected
    assert len(texts) >= 25, texts


@pytest.mark.parametrize("directive", DIRECTIVES)
def test_every_directive_is_documented(directive):
    assert f"`<!-- {directive} -->`" in _page(), f"{PAGE.name} does not describe {directive}"


@pytest.mark.parametrize(
    ("where", "parts"), _deck_messages(), ids=[where for where, _ in _deck_messages()]
)
def test_every_deck_message_is_documented(where, parts):
    page = _page()
    missing = [part for part in parts if part.strip() and part not in page]
    assert not missing, f"{where}: the message's text {missing} is not in {PAGE.name}"


@pytest.mark.parametrize(
    ("page", "link"),
    [("README.md", "docs/reference/decks.md"), ("docs/reference/schedule.md", "decks.md")],
)
def test_the_deck_reference_is_linked(page, link):
    """From where decks are described, and from `course.decks` in the schedule reference."""
    assert f"]({link})" in (REPO / page).read_text(encoding="utf-8")


def test_the_page_links_resolve():
    """Anchors and repository paths the page names exist."""
    page = _page()
    headings = {
        re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
        for h in re.findall(r"^#+ (.*)$", page, re.M)
    }
    anchors = re.findall(r"\]\(#([^)]+)\)", page)
    paths = re.findall(r"`((?:tests|src)/[\w/.\-]+)`", page)
    assert anchors and paths, "the patterns no longer find the page's links"
    for anchor in anchors:
        assert anchor in headings, anchor
    for path in paths:
        assert (REPO / path).exists(), path


def _examples() -> list[str]:
    """The page's markdown examples (```` ```markdown ```` blocks, also indented or fenced
    with four backticks), as deck files."""
    found = []
    for indent, _fence, body in re.findall(
        r"^( *)(`{3,})markdown\n(.*?)^\1\2$", _page(), re.M | re.S
    ):
        found.append("\n".join(line[len(indent) :] for line in body.splitlines()) + "\n")
    return found


def _render(tmp_path: Path, text: str):
    from bs4 import BeautifulSoup

    from coursekit.slides.parse import parse_deck

    deck_file = tmp_path / "deck.md"
    deck_file.write_text(text, encoding="utf-8")
    deck = parse_deck(deck_file, root=tmp_path)
    # The examples name images that are not here; anything else would be a wrong example.
    warnings = [str(w) for w in deck.warnings if "not found" not in w.message]
    soups = [BeautifulSoup(slide.html, "html.parser") for slide in deck.slides]
    return deck, soups, warnings


def test_the_examples_are_decks_without_warnings(tmp_path):
    examples = _examples()
    assert len(examples) >= 5, examples
    for text in examples:
        _, _, warnings = _render(tmp_path, text)
        assert not warnings, (text, warnings)


def test_the_examples_show_what_the_page_says(tmp_path):
    """Each example renders as the text around it describes."""
    first, div, attributes, directives, code = _examples()[:5]
    deck, soups, _ = _render(tmp_path, first)
    assert deck.meta["title"] == "Introduction" and len(deck.slides) == 2
    assert deck.slides[0].attrs["class"] == "titleslide"
    assert soups[1].select("ul > li > ul > li")[0].get_text() == "quality, drift"
    assert "Ask who" in deck.slides[1].notes_html
    _, soups, _ = _render(tmp_path, div)
    assert soups[0].select("div.smallish > ul > li")
    deck, soups, _ = _render(tmp_path, attributes)
    assert deck.slides[0].attrs["class"] == "titleslide"
    assert [e.name for e in soups[0].select(".fragment")] == ["p", "li"]
    _, soups, _ = _render(tmp_path, directives)
    assert len(soups[0].select("div.container > div.col")) == 2
    # After the columns, at the bottom of the slide: not inside the last column's list.
    references = soups[0].find("div", class_="references", recursive=False)
    assert "Sculley" in references.get_text()
    _, soups, _ = _render(tmp_path, code)
    assert soups[0].select_one("pre code.js")["data-line-numbers"] == "1-2|3"


@pytest.mark.parametrize("page", ["README.md", "docs/reference/decks.md"])
def test_the_deck_format_is_named_as_it_is(page):
    """Issue 11: the format is reveal-md's, rendered by a CommonMark engine."""
    text = " ".join((REPO / page).read_text(encoding="utf-8").split())
    assert "reveal-md" in text and "rendered by a CommonMark engine" in text
