"""What keeps long offerings fast without changing a byte of a page (issue 17): plain titles
skip markdown, finished HTML skips the markdown parser, and a schedule longer than the alias
guard's budget still loads."""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

import markdown

from coursekit.schedule.load import load_course
from coursekit.site import inline, rawhtml
from coursekit.site.build import build_course

REPO = Path(__file__).parent.parent
TRICKY = [*"abcXYZé1 2&;#x*_`[]()!<>\\:-.'\"\t\n~|{}=+", "&amp;", "&#12;", "  ", "1. ", "- "]


def _by_markdown(text: str) -> str:
    html = inline.render_block(text)
    match = re.fullmatch(r"<p>(.*)</p>", html, re.S)
    return match.group(1) if match else html


def test_plain_titles_render_as_markdown_renders_them():
    schedule = (REPO / "schedule.yaml").read_text(encoding="utf-8")
    titles = re.findall(r"title: (.+)", schedule)
    titles += ["a *b*", "x_y_ z", "Intro `code`", "Q&amp;A", "Q & A", "See [it](x)", "A <b>"]
    titles += ["Tom's \\*", "1. One", "- Two", "# Three", "Two  spaces", "A & B; C&D", "a!b"]
    shuffled = random.Random(17)
    titles += ["".join(shuffled.choices(TRICKY, k=shuffled.randint(1, 10))) for _ in range(3000)]
    plain = 0
    for title in titles:
        html = inline.render_inline(title, lambda href: href)
        assert html == _by_markdown(title), title
        plain += inline._plain_html(title) is not None
    assert plain > 200  # the short cut is taken, and agreed with each time


def test_finished_html_comes_back_as_python_markdown_would_write_it():
    blocks = [
        '<table class="t">\n<tr><td>*not emphasis*</td></tr>\n\n<tr><td>2</td></tr>\n</table>',
        '<section class="s">\n<h3><a href="../x/">A &amp; B</a></h3>\n</section>',
    ]
    page = (
        "# Title\n\nSome *text*.\n\n"
        + "".join(f"{rawhtml.OPEN}\n{block}\n{rawhtml.CLOSE}\n\n" for block in blocks)
        + "## After\n\nckhtmlblock0x0 stays text.\n\n"
        + f"{rawhtml.OPEN}\n{blocks[1]}\n{rawhtml.CLOSE}\n"
    )
    engine = markdown.Markdown(extensions=["md_in_html"])
    expected = engine.convert(page.replace(rawhtml.OPEN + "\n", "").replace(rawhtml.CLOSE, ""))
    stashed, kept = rawhtml.stash(page)
    assert "<table" not in stashed and len(kept.blocks) == 3
    assert rawhtml.unstash(engine.reset().convert(stashed), kept) == expected


def test_pages_hold_their_tables_and_no_placeholders(make_course, tmp_path):
    root = make_course()
    build_course(root, tmp_path / "site")
    schedule = (tmp_path / "site" / "S2026" / "schedule" / "index.html").read_text()
    week = (tmp_path / "site" / "S2026" / "weeks" / "1" / "index.html").read_text()
    assert schedule.count('<tr class="ck-session') == 6
    assert week.count('<section class="ck-week-session') == 3
    for html in (schedule, week):
        assert "ckhtmlblock" not in html and "coursekit:html" not in html


def _bench():
    spec = importlib.util.spec_from_file_location("bench_scale", REPO / "bench" / "bench_scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_schedule_of_more_than_100000_values_loads(tmp_path):
    # 7,000 sessions hold ~115,000 values written out, no alias among them.
    root = _bench().make_course(tmp_path, 7000)
    course = load_course(root)
    assert len(course.schedule.built()["S2030"].sessions) == 7000
    assert not course.warnings
