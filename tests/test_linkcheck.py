"""The site checker: broken links, anchors and images in built HTML, as `coursekit check --site`
reports them. The fixture site `tests/sites/broken/` has one of each case, and what the
checker must say about it sits beside it in `broken.expected`."""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
from pathlib import Path

import pytest

from conftest import TESTS
from coursekit.site import linkcheck
from coursekit.site.linkcheck import (
    check_site,
    images_without_alt,
    scan_site,
    srcset_urls,
    unused_images,
)

BROKEN = TESTS / "sites" / "broken"


def lines(problems) -> list[str]:
    return [str(problem) for problem in problems]


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_every_broken_link_anchor_and_image_is_reported_once_with_page_and_target():
    expected = (TESTS / "sites" / "broken.expected").read_text(encoding="utf-8").splitlines()
    assert lines(check_site(BROKEN) + images_without_alt(BROKEN)) == expected


def test_cli_lists_every_problem_with_the_page_path_and_exits_1(run):
    result = run("check", "--root", TESTS / "sites", "--site", "broken")
    assert result.code == 1, result
    assert (
        "Error: broken/index.html: broken link to './S9/' (no such file) "
        "(the site has no S9/index.html)" in result.err.splitlines()
    ), result
    assert "Error: broken/index.html: image 'S1/chart.svg' has no alt text" in result.err
    assert result.err.endswith("10 problems found.\n"), result


def test_cli_passes_a_sound_site(run, tmp_path):
    write(tmp_path / "site", {"index.html": "<a href='a/#x'>a</a>", "a/index.html": "<p id=x>"})
    result = run("check", "--root", tmp_path, "--site", "site")
    assert result.code == 0, result
    assert result.out.startswith("site/ is ready to deploy: 2 pages"), result


def test_cli_without_a_built_site_says_to_build_first(run, tmp_path):
    result = run("check", "--root", tmp_path, "--site", "site")
    assert result.code == 1, result
    assert "no built site in site/" in result.err
    assert "run `coursekit build` first" in result.err


def test_check_external_needs_a_site(run, tmp_path):
    result = run("check", "--root", tmp_path, "--check-external")
    assert result.code == 2, result
    assert "--check-external needs --site DIR" in result.err


def test_links_into_the_sites_own_address_are_checked_as_files(tmp_path):
    """MkDocs writes canonical links when site_url is set; absolute links (and 404 pages'
    root-relative ones) into that address are this site's files once it is deployed."""
    canonical = "<link rel='canonical' href='https://o.github.io/course/{}'>"
    site = write(
        tmp_path / "site",
        {
            "index.html": canonical.format("") + "<a href='/course/S1/'>ok</a>"
            "<a href='https://o.github.io/course/S1/#h'>ok</a>"
            "<a href='https://o.github.io/course/S1/slides/intro.html'>gone</a>"
            "<a href='https://o.github.io/other-repo/'>another site</a>"
            "<a href='/elsewhere/'>outside</a>",
            "S1/index.html": canonical.format("S1/") + "<h2 id='h'>H</h2>",
            "F2019/index.html": "<meta http-equiv='refresh' "
            "content='0; url=https://o.github.io/course/F2019'>",
        },
    )
    scan = scan_site(site)
    assert scan.base_url == "https://o.github.io/course/"
    assert lines(scan.broken_links()) == [
        "F2019/index.html: redirects to itself ('https://o.github.io/course/F2019') "
        "(that address is this very page of the site; "
        "forward to where the offering really lives)",
        "index.html: broken link to 'https://o.github.io/course/S1/slides/intro.html' "
        "(no such file) (https://o.github.io/course/ is this site's own address, "
        "and the site has no S1/slides/intro.html)",
        "index.html: broken link to '/elsewhere/' (outside the site) "
        "(the site is served from /course/; use a relative link)",
    ]


def test_without_a_site_url_root_relative_links_are_not_judged(tmp_path):
    """Without site_url, MkDocs' 404 pages link to `/schedule/`; where that leads depends on
    where the site is served, so only relative links are checked."""
    site = write(tmp_path, {"index.html": "<a href='/a/'>a</a><a href='b.html'>b</a>"})
    assert lines(check_site(site)) == [
        "index.html: broken link to 'b.html' (no such file) (the site has no b.html)"
    ]


def test_a_build_with_a_broken_link_fails_and_keeps_the_previous_site(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    assert run("build", "--root", course, "--out", out).code == 0
    before = (out / "S2026" / "assignments" / "a1" / "index.html").read_bytes()
    page = course / "assignments" / "a1.md"
    page.write_text(page.read_text() + '\nSee <a href="../a9/">A9</a>.\n', encoding="utf-8")
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert (
        "Error: S2026/assignments/a1/index.html: broken link to '../a9/' (no such file) "
        "(the site has no S2026/assignments/a9/index.html)" in result.err.splitlines()
    ), result
    assert (out / "S2026" / "assignments" / "a1" / "index.html").read_bytes() == before


def test_build_reports_images_without_alt_and_unused_lecture_images(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    write(course / "lectures" / "old", {"unused.svg": "<svg>unused</svg>"})
    page = course / "assignments" / "a1.md"
    page.write_text(page.read_text() + '\n<img src="data:image/gif;base64,R0lGOD=">\n')
    missing_alt = (
        "S2026/assignments/a1/index.html: image 'data:image/gif;base64,R0lGOD=' has no alt text"
    )
    unused = "lectures/old/unused.svg: image is not used by any built page"

    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    warnings = [line for line in result.err.splitlines() if line.startswith("Warning:")]
    assert [w.split(" (")[0] for w in warnings] == [f"Warning: {missing_alt}", f"Warning: {unused}"]

    checked = run("check", "--root", course, "--site", out)
    assert checked.code == 1, checked  # the deploy gate: every image has alt text
    assert f"Error: {out.as_posix()}/{missing_alt}" in checked.err

    page.write_text(page.read_text().replace("<img ", '<img alt="" '))
    strict = run("build", "--root", course, "--out", out, "--strict")
    assert strict.code == 1, strict
    assert f"Error: {unused} (link it from a deck or page, or delete it)" in strict.err
    assert run("build", "--root", course, "--out", out).code == 0
    checked = run("check", "--root", course, "--site", out)
    assert checked.code == 0, checked
    assert f"Warning: {unused}" in checked.err


@pytest.mark.parametrize(
    "srcset,urls",
    [
        ("a.png", ["a.png"]),
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png 480w,b.png 800w", ["a.png", "b.png"]),
        ("a.png, b.png", ["a.png", "b.png"]),
        ("data:image/png;base64,AAA= 1x, b.png 2x", ["data:image/png;base64,AAA=", "b.png"]),
    ],
)
def test_srcset_urls(srcset, urls):
    assert srcset_urls(srcset) == urls


def test_unused_lecture_images_are_found_even_when_copied_under_another_name(tmp_path):
    lectures = write(
        tmp_path / "lectures",
        {"01_intro/used.svg": "<svg>used</svg>", "01_intro/unused.svg": "<svg>unused</svg>"},
    )
    site = write(
        tmp_path / "site",
        {"index.html": "<img src='slides/intro/figure-1.svg' alt='A figure'>"},
    )
    (site / "slides" / "intro").mkdir(parents=True)
    shutil.copy(lectures / "01_intro" / "used.svg", site / "slides" / "intro" / "figure-1.svg")
    assert lines(unused_images(lectures, site)) == [
        "lectures/01_intro/unused.svg: image is not used by any built page "
        "(link it from a deck or page, or delete it)"
    ]


# The parser feeds html.parser a line at a time and replays lines it has seen (_parse);
# that must find exactly what one parse of the whole page finds, on every Python.
TRICKY = """<!doctype html><html><head>
<script>
  var s = '<a href="in-script.html">';
</script><style>a::after { content: "<img src=x>" }</style>
<!-- <a href="in-comment.html">
     still a comment <img src="in-comment.png"> -->
</head><body>
<a
  href="over-lines.html" id="multi">x</a>
<a href="amp.html?a=1&amp;b=2">&amp;</a>
<p title="a > b"><img src="after-gt.png" alt=""></p>
<script>
  var s = '<a href="in-script.html">';
</script>
<a href="over-lines.html" id="multi">repeated line</a>
<textarea><a href="in-textarea.html"></textarea>
</body></html>
"""


def whole_page(text: str) -> linkcheck._Page:
    parser = linkcheck._StartTags()
    parser.feed(text)
    parser.close()
    page = linkcheck._Page()
    for tag, attrs in parser.found:
        page.add(tag, attrs)
    return page


def test_line_by_line_parsing_finds_what_a_whole_page_parse_finds(default_site):
    memo: dict = {}
    texts = [TRICKY, TRICKY, *(p.read_text("utf-8") for p in sorted(default_site.rglob("*.html")))]
    for text in texts:
        assert linkcheck._parse(text, memo) == whole_page(text)
    page = linkcheck._parse(TRICKY, memo)
    assert "in-script.html" not in page.links and "in-comment.html" not in page.links
    assert "over-lines.html" in page.links and "amp.html?a=1&b=2" in page.links


def test_default_site_is_ready_to_deploy(default_site):
    """This repository's own course, built as the tests build it (no site URL), passes."""
    scan = scan_site(default_site)
    assert lines(scan.broken_links() + scan.images_without_alt()) == []


# External links: a local server stands in for the web (tests never use the internet).
ANSWERS = {  # path → (status to HEAD, status to GET)
    "/ok": (200, 200),
    "/no-head": (405, 200),
    "/gone": (404, 404),
    "/moved": (301, 301),
}


class _Answers(http.server.BaseHTTPRequestHandler):
    def answer(self, status: int, body: bytes = b"") -> None:
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self):
        self.answer(ANSWERS.get(self.path, (404, 404))[0])

    def do_GET(self):
        self.answer(ANSWERS.get(self.path, (404, 404))[1], b"page")

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_links_are_asked_only_when_requested(tmp_path, web):
    links = "".join(f"<a href='{web}{path}'>x</a>" for path in ANSWERS)
    site = write(tmp_path, {"index.html": links, "b/index.html": f"<a href='{web}/gone'>x</a>"})
    assert check_site(site) == []
    assert lines(check_site(site, external=True)) == [
        f"b/index.html: broken link to '{web}/gone' (HTTP 404) (update or remove the link)",
        f"index.html: broken link to '{web}/gone' (HTTP 404) (update or remove the link)",
    ]


def test_a_host_that_does_not_answer_is_reported(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/x"
    site = write(tmp_path, {"index.html": f"<a href='{closed}'>x</a>"})
    [problem] = check_site(site, external=True)
    assert problem.file == "index.html"
    assert problem.message.startswith(f"broken link to '{closed}' (no answer: "), problem
