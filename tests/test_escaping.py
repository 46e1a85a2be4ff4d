"""Course values never become markup: the `escape` fixture course holds a payload in every
text field (see tests/courses/escape/make_fixture.py); the built pages must show it as text.

Parses the built HTML; tests/test_browser_escaping.py opens the same pages in Chromium.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys

import pytest
from bs4 import BeautifulSoup

from conftest import TESTS

FIXTURE = TESTS / "courses" / "escape"
sys.path.insert(0, str(FIXTURE))
from make_fixture import GENERATED, PAYLOAD, URL, VISIBLE, main  # noqa: E402

sys.path.remove(str(FIXTURE))

# Every kind of page, with the payload fields it must show as text.
PAGES = {
    "index.html": "course title, subtitle, numbers, institution, offering titles",
    "S2026/index.html": "offering title, instructors, license, meeting room, logistics, pages",
    "S2026/schedule/index.html": "session titles, notes, times, links, readings, due, holidays",
    "S2026/readings/index.html": "session and reading titles, details",
    "S2026/assignments/index.html": "due titles and details",
    "S2026/assignments/a1/index.html": "site name",
    "S2026/syllabus/index.html": "page title",
    "S2026/slides/01_intro/intro/index.html": "deck title and footer",
    "S2026/handouts/01_intro/intro/index.html": "deck title and byline",
    "S2026/recitations/arrays/index.html": "notebook title, its session's title",
    "S2025/index.html": "redirect stub of an external offering",
}
_UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


def build_past_the_link_check(root, out):
    """Build the payload course although its markdown `javascript:` links are schedule
    errors (tests/bad_inputs/escape-markdown-*): the pages must drop one that gets past."""
    from coursekit.schedule import checks
    from coursekit.site.build import build_course

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(checks, "unsafe_links", lambda text: [])
        return build_course(root, out)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("escape") / "course"
    shutil.copytree(FIXTURE, root)
    build_past_the_link_check(root, root / "site")
    return root / "site"


def test_markdown_javascript_links_are_schedule_errors(tmp_path):
    from coursekit.errors import CourseError
    from coursekit.site.build import build_course

    shutil.copytree(FIXTURE, tmp_path / "course")
    with pytest.raises(CourseError) as raised:
        build_course(tmp_path / "course", tmp_path / "course" / "site")
    flagged = {p.path.rsplit(".", 1)[-1] for p in raised.value.problems}
    assert flagged == {"title", "notes", "logistics"}, raised.value.problems


def injected(soup: BeautifulSoup) -> list[str]:
    """Elements and attributes the payload would create if it were not text."""
    found = []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.startswith("on"):
                found.append(f"<{element.name} {name}>")
            # (The deck page's favicon is the empty `data:,`.)
            url = value if name in ("href", "src") and value != "data:," else ""
            if isinstance(url, str) and _UNSAFE_URL.match(url):
                found.append(f"<{element.name} {name}={value!r}>")
        if element.name in ("svg", "script", "img") and "__xss" in str(element):
            found.append(f"<{element.name}> {str(element)[:80]}")
    return found


def test_fixture_is_what_make_fixture_writes(tmp_path):
    """Edit make_fixture.py, not the files it writes (run it to regenerate them)."""
    for name in GENERATED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    main(tmp_path)
    for name in GENERATED:
        assert (tmp_path / name).read_text("utf-8") == (FIXTURE / name).read_text("utf-8"), name
    assert (FIXTURE / "schedule.yaml").read_text("utf-8").count(json.dumps(PAYLOAD)[1:-1]) >= 25


@pytest.mark.parametrize("path", PAGES, ids=list(PAGES))
def test_payload_is_text_on_every_page(site, path):
    soup = BeautifulSoup((site / path).read_text("utf-8"), "html.parser")
    assert injected(soup) == [], f"{path} ({PAGES[path]})"
    assert VISIBLE in soup.title.get_text(), f"{path}: <title> is {soup.title!r}"
    body = soup.body.get_text() if soup.body else ""
    assert VISIBLE in body or path.startswith("S2026/slides/"), path


def test_every_field_of_the_home_page_shows_the_payload(site):
    soup = BeautifulSoup((site / "S2026/index.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article")
    logistics = article.select_one(".ck-logistics")
    assert logistics is not None and VISIBLE in logistics.get_text()
    items = {li.get_text().split(":", 1)[0]: li for li in article.select("li")}
    for label in ("Lectures", "Instructor", "License"):
        assert VISIBLE in items[label].get_text(), label
    person = items["Instructor"].select("a")
    assert person[0]["href"] == URL
    assert person[1]["href"] == "mailto:" + PAYLOAD  # an attribute value, quotes and all
    assert article.select_one("h1").get_text().rstrip("¶") == "Course " + PAYLOAD
    archived = article.select_one(".admonition").get_text()
    assert f"This is the Spring 2026 {PAYLOAD} offering" in archived
    assert f"The current offering is Spring 2027 {PAYLOAD}." in archived
    # The header and <title> print the front matter title: one value, colons and all.
    assert soup.title.get_text().startswith("Spring 2026 " + PAYLOAD + " - Course ")


def test_schedule_markdown_still_works_but_raw_html_is_text(site):
    soup = BeautifulSoup((site / "S2026/schedule/index.html").read_text("utf-8"), "html.parser")
    bold = soup.select_one("tr[data-date='2026-01-21'] .ck-title")
    assert bold.select_one("strong").get_text() == "Bold"
    assert VISIBLE in bold.get_text()
    # A markdown link to javascript: keeps its text and loses its target.
    link = next(a for a in bold.select("a") if a.get_text() == "j")
    assert "href" not in link.attrs
    later = soup.select_one("tr[data-date='2026-01-26']")  # released in 2099
    assert VISIBLE in later.select_one(".ck-title").get_text()
    assert later.select_one(".ck-available") is not None
    holiday = soup.select_one("tr.ck-break .ck-title")
    assert VISIBLE in holiday.get_text()
    topic = soup.select_one("tr#intro")
    for cell in ("ck-notes", "ck-links", "ck-time", "ck-reading"):
        assert VISIBLE in topic.select_one(f".{cell}").get_text(), cell


def test_notebook_links_back_to_its_session_with_the_title_markdown(site):
    soup = BeautifulSoup((site / "S2026/recitations/arrays/index.html").read_text(), "html.parser")
    back = soup.select_one(".ck-notebook-session a")
    assert back["href"] == "../../schedule/#rec"
    assert back.select_one("strong").get_text() == "Recitation"
    assert "**" not in back.get_text() and VISIBLE in back.get_text()
    assert back.select("a") == []  # the title's own link would nest in this one


def test_navigation_and_switcher_titles_are_text(site):
    soup = BeautifulSoup((site / "S2026/schedule/index.html").read_text("utf-8"), "html.parser")
    nav = [a.get_text(" ", strip=True) for a in soup.select("nav.md-nav--primary a")]
    # The syllabus, the deck's handout and the notebook are named by their titles.
    assert nav.count(PAYLOAD) == 2, nav
    assert any(text.startswith("Arrays " + VISIBLE) for text in nav), nav
    assert VISIBLE in soup.select_one(".md-header__topic").get_text()
    versions = json.loads((site / "versions.json").read_text("utf-8"))
    # Material's switcher inserts titles as HTML.
    assert versions[0]["title"] == html.escape("Spring 2027 " + PAYLOAD)


def test_search_index_holds_titles_as_escaped_html(site):
    # Material's search shows index titles as HTML: they must hold entities, never tags.
    docs = json.loads((site / "S2026/search/search_index.json").read_text("utf-8"))["docs"]
    titles = [doc["title"] for doc in docs if "xss" in doc["title"]]
    assert len(titles) >= 4
    for title in titles:
        assert "<" not in title and "&lt;img" in title, title


def test_urls_reach_their_attributes_intact(site):
    """A URL with `&` and quotes stays one attribute value wherever it is linked."""

    def hrefs(path: str) -> list[str]:
        soup = BeautifulSoup((site / path).read_text("utf-8"), "html.parser")
        return [a.get("href") for a in soup.select("a[href]")]

    assert hrefs("index.html").count(URL) == 2  # the external offering and its source
    stub = BeautifulSoup((site / "S2025/index.html").read_text("utf-8"), "html.parser")
    assert stub.select_one("link[rel=canonical]")["href"] == URL
    assert URL in hrefs("S2026/readings/index.html")
    assert hrefs("S2026/schedule/index.html").count(URL) == 2  # an extra link, a reading
    assert hrefs("S2026/index.html").count(URL) == 2  # instructor, original site
