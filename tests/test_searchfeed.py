"""Generated pages are indexed for search by Material's parser fed by a faster tokenizer
(issue 17): the sections are the ones `html.parser` gives it, the site's search index is
byte for byte the one Material writes itself, and what the tokenizer cannot read exactly is
left to Material."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from coursekit.site import searchfeed
from coursekit.site.build import build_course

ROW = (
    '<tr class="ck-session ck-lecture" id="s1" data-date="2030-01-08" data-kind="lecture">\n'
    '<td class="ck-date" data-label="Date"><time datetime=\'2030-01-08\'>Tue, Jan 8</time></td>\n'
    '<td class="ck-topic" data-label="Topic"><span class="ck-title"><a href="../s/1/">'
    "Models &amp; <code>Data</code></a></span> <span class='ck-links'>(<a href=x>md</a>)</span>"
    '</td>\n<td class="ck-reading" data-label="Reading"></td></tr>\n'
)
SAME = {
    "table": f'<table class="ck-schedule" data-x="a &gt; b"><tbody>\n{ROW * 3}</tbody></table>',
    "headings": '<h1 id="top">Week 1</h1>\n<p>Intro <em>text</em></p>\n<h2 id="s">Sessions</h2>'
    '\n<section class="ck"><h3 id="d"><a href="#s1">Mon</a></h3><p>Topic</p></section>\nafter',
    "permalink": '<h2 id="a">Title<a class="headerlink" href="#a">¶</a></h2><p>x</p>',
    "excluded": "<p>kept</p><div data-search-exclude><p>hidden</p></div><div>div text</div>",
    "void and self-closing": "<p>a<br>b<br/>c<img src='x.png' alt=\"i\"/><span/>d</p>",
    "lists and pre": "<ul>\n<li>one</li>\n<li> </li>\n</ul><pre><code>a\n  b</code></pre>",
    "entities and spaces": "<p>A&nbsp;B &lt;c&gt; &#x27;d&#39;\n\n  e</p>   \n\n<p>\tf</p>",
    "uppercase": '<P ID="x" CLASS=linenodiv>skip</P><H2 Id="y">Up</H2>text',
    "empty id": '<h2 id="">Empty</h2><p>x</p><h3 id>None</h3><p>y</p>',
}


def material(html: str) -> list[tuple[str, str | None, str, str]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, "".join(s.title), "".join(s.text)) for s in parser.data]


def ours(html: str) -> list[tuple[str, str | None, str, str]] | None:
    found = searchfeed.sections(html)
    if found is None:
        return None
    return [(s.el.tag, s.id, "".join(s.title), "".join(s.text)) for s in found]


@pytest.mark.parametrize("name", list(SAME))
def test_sections_are_the_ones_html_parser_gives_material(name):
    html = SAME[name]
    assert ours(html) == material(html)
    assert ours(html) is not None


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p><!-- a comment --><p>b</p>",
        "<p>a < b</p>",
        "<script>var x = '<p>';</script><p>a</p>",
        "<style>p{}</style>",
        "<p>a<a href=x/>b</a></p>",
        "<!DOCTYPE html><p>a</p>",
        "<p>unclosed <b",
    ],
)
def test_what_html_parser_reads_its_own_way_is_left_to_material(html):
    assert searchfeed.sections(html) is None


def _index(root, out, monkeypatch, fast: bool) -> bytes:
    with monkeypatch.context() as patch:
        if not fast:
            patch.setattr(searchfeed, "sections", lambda html: None)
        build_course(root, out)
    (index,) = out.glob("*/search/search_index.json")
    return index.read_bytes()


def test_the_search_index_is_the_one_material_writes(make_course, tmp_path, monkeypatch):
    root = make_course("minimal")
    calls = []
    sections = searchfeed.sections
    monkeypatch.setattr(searchfeed, "sections", lambda html: calls.append(1) or sections(html))
    fast = _index(root, tmp_path / "fast", monkeypatch, fast=True)
    assert calls, "the generated pages went through the tokenizer"
    assert fast == _index(root, tmp_path / "slow", monkeypatch, fast=False)
    assert b"Teamwork primer" in fast
