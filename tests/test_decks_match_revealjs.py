"""Decks render as reveal-md renders them, proven slide by slide against reveal.js itself.

Every deck of the repository, the fixtures in tests/oracle/fixtures/ (one per defect class of
issue 11) and a generated corpus are rendered by reveal.js 4.3.1's markdown plugin in Chromium
(the version reveal-md 5.3.4 ships) and by coursekit, and compared after tests/oracle/
normalize.py. A difference not listed in tests/oracle/known_differences.yaml fails with both
DOMs; `python tests/oracle/compare.py DECK.md` shows the same report for a deck.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from oracle import corpus
from oracle.differ import KNOWN, Report, compare, label_of, load_known
from oracle.generate import SLIDES_PER_DECK, generate_decks
from oracle.normalize import normalize
from oracle.revealjs import RevealJs, Source, read_source

pytestmark = pytest.mark.browser

CORPORA = ("repository", "fixtures", "generated")
SHOWN = 25  # differences printed in full in a failure message
DOM_AGREEMENT = 0.99


@pytest.fixture(scope="module")
def reveal(browser):
    reveal = RevealJs(browser)
    yield reveal
    reveal.close()


@pytest.fixture(scope="module")
def reports(reveal, tmp_path_factory) -> dict[str, Report]:
    """One comparison per corpus, each a single batch in one page."""
    generated = corpus.write_generated(tmp_path_factory.mktemp("generated"))
    decks = {
        "repository": (corpus.repository_decks(), None),
        "fixtures": (corpus.fixture_decks(), None),
        "generated": (generated, [corpus.generated_label(p) for p in generated]),
    }
    return {name: compare(paths, reveal, labels) for name, (paths, labels) in decks.items()}


def _failure(report: Report, slides: list, what: str) -> str:
    shown = "\n\n".join(slide.describe() for slide in slides[:SHOWN])
    more = f"\n\n… and {len(slides) - SHOWN} more" if len(slides) > SHOWN else ""
    decks = sorted({s.deck for s in slides})
    if any(deck.startswith("generated/") for deck in decks):
        command = "--generated"
    else:
        command = " ".join(decks) if len(decks) <= 10 else "--all"
    return (
        f"{len(slides)} slides {what}; {report.summary()}\n"
        f"{'; '.join(report.errors)}\n\n{shown}{more}\n\n"
        f"see them all: python tests/oracle/compare.py {command}"
    )


@pytest.mark.parametrize("name", CORPORA)
def test_slide_structure_matches_revealjs(reports, name):
    """Same horizontal and vertical slides, speaker notes on the same slides: 100%."""
    report = reports[name]
    wrong = [s for s in report.slides if not s.structure_ok and s.known is None]
    assert not wrong and not report.errors, _failure(report, wrong, "differ in structure")


@pytest.mark.parametrize("name", CORPORA)
def test_slide_dom_matches_revealjs(reports, name):
    """Each slide's normalized DOM (tags, attributes, text, notes) is reveal.js's, unless
    known_differences.yaml says why not."""
    report = reports[name]
    assert not report.unlisted, _failure(report, report.unlisted, "differ from reveal.js")


def test_at_least_99_percent_of_slides_match(reports):
    """Listed differences count against the share: the list cannot grow past 1%."""
    slides = [s for report in reports.values() for s in report.slides]
    share = sum(s.dom_ok for s in slides) / len(slides)
    summaries = "\n".join(f"{name}: {r.summary()}" for name, r in reports.items())
    assert share >= DOM_AGREEMENT, f"{share:.1%} of slides match reveal.js\n{summaries}"


def test_generated_corpus_is_large_and_reproducible(reports):
    assert len(reports["generated"].slides) >= 1000
    assert generate_decks(3, corpus.SEED) == generate_decks(3, corpus.SEED)
    assert generate_decks(1, corpus.SEED) != generate_decks(1, corpus.SEED + 1)


def test_known_differences_name_real_differences_and_reasons(reports):
    known = load_known(KNOWN)
    slides = {(s.deck, s.position): s for report in reports.values() for s in report.slides}
    for (deck, position), reason in known.items():
        slide = slides.get((deck, position))
        assert slide is not None, f"{KNOWN.name}: no slide {position} in {deck}"
        assert not slide.dom_ok, f"{KNOWN.name}: {deck} {position} matches now: remove it"
        assert len(reason.split()) >= 3, f"{KNOWN.name}: {deck} {position}: say why"


# --- the oracle itself: it must see what reveal.js does, and tell real differences apart ----


def _render(reveal: RevealJs, markdown: str) -> list[dict]:
    source = Source(
        markdown, {"separator": "\r?\n---\r?\n", "verticalSeparator": "\r?\n----\r?\n"}, 1
    )
    return reveal.render([source])[0]


def test_harness_renders_what_reveal_md_shows(reveal):
    slides = _render(
        reveal,
        '<!-- .element: class="titleslide" -->\n\n# Title\n\n---\n\n## Two\nText\n* item\n\n'
        "Footnotes: reveal.js 4 splits notes anywhere in a line\n\n----\n---\n\n## Three",
    )
    assert [(s["h"], s["v"]) for s in slides] == [(0, 0), (1, 0), (1, 1)]
    assert slides[0]["attrs"] == {"class": "titleslide"}
    assert normalize(slides[1]["html"]) == [
        "<h2>", "  'Two'", "<p>", "  'Text'", "<ul>", "  <li>", "    'item'", "<p>", "  'Foot'"
    ]  # fmt: skip
    assert "reveal.js 4 splits notes" in "".join(normalize(slides[1]["notes"]))
    assert normalize(slides[2]["html"])[:2] == ["<hr>", "<h2>"]


def test_front_matter_is_stripped_as_reveal_md_does(tmp_path):
    deck = tmp_path / "deck.md"
    deck.write_text("---\ntitle: T\nseparator: '^\\r?\\n--\\r?\\n'\n---\n\n# One\n", "utf-8")
    source = read_source(deck)
    assert source.markdown == "\n\n# One\n"
    assert source.first_line == 4  # the line the closing --- ends
    assert source.options["separator"] == "^\\r?\\n--\\r?\\n"


def test_normalize_removes_only_differences_on_purpose():
    pygments = (
        '<div class="highlight"><pre><span></span><code><span class="k">def</span>'
        '<span class="w"> </span><span class="nf">f</span>():\n    pass\n</code></pre></div>'
    )
    assert normalize(pygments) == normalize(
        '<pre><code class="python">def f():\n    pass</code></pre>'
    )
    assert normalize(pygments) != normalize('<pre><code class="python">def f():\npass</code></pre>')
    mathml = (
        '<p>a <math display="inline"><semantics><mi>x</mi>'
        '<annotation encoding="application/x-tex">x_1</annotation></semantics></math></p>'
    )
    assert normalize(mathml) == normalize("<p>a $x_1$</p>")
    assert normalize('<img src="_up/_up/a%20b.png">') == normalize('<img src="../../a b.png">')
    col = '<div class="col"><p>{}</p></div>'
    columns = f'<div class="container">{col.format("L")}{col.format("R")}</div>'
    comments = "<!-- colstart --><p>L</p>\n<!-- col -->\n<p>R</p><!-- colend -->"
    assert normalize(columns) == normalize(comments)
    assert normalize('<h2 id="x">T</h2>\n\n<p>a  b</p>') == normalize("<h2>T</h2><p>a b</p>")
    nested = "<ul><li>a<ul><li>b</li></ul></li></ul>"
    assert normalize(nested) != normalize("<ul><li>a</li><li>b</li></ul>")
    assert normalize("<p>* a</p>") != normalize("<ul><li>a</li></ul>")


def test_compare_script_reports_a_deck(capsys, browser):
    from oracle.compare import main

    deck = corpus.ORACLE / "fixtures" / "tables.md"
    code = main(["--summary", str(deck)], browser)
    out = capsys.readouterr().out
    assert "slides in 1 decks" in out, out
    assert code in (0, 1)
    assert label_of(deck) == "tests/oracle/fixtures/tables.md"


def test_every_fixture_names_its_defect_class():
    names = {p.stem for p in corpus.fixture_decks()}
    assert {
        "list-after-paragraph",
        "nested-list-indents",
        "element-first-on-slide",
        "markdown-in-div-wrapper",
        "unclosed-small",
        "div-across-notes",
        "malformed-svg",
        "vertical-then-horizontal",
        "two-note-markers",
        "notes-marker-inside-a-line",
        "code-line-highlights",
        "tables",
        "images",
        "comments-with-colons",
    } <= names
    assert all(len(Path(p).read_text().split("\n---\n")) >= 2 for p in corpus.fixture_decks())
    assert SLIDES_PER_DECK * corpus.GENERATED_DECKS >= 1000
