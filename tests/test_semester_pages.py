"""Pages of a semester whose course values or files are shaped unusually: what a student sees
on the built home and course pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def build(make_course, run, tmp_path):
    def build(edit) -> Path:  # type: ignore[no-untyped-def]
        course = make_course()
        edit(course)
        out = tmp_path / "site"
        result = run("build", "--root", course, "--out", out)
        assert result.code == 0, result
        return out / "S2026"

    return build


def _retitle(course: Path) -> None:
    schedule = course / "schedule.yaml"
    text = schedule.read_text("utf-8").replace(
        "title: Spring 2026\n", "title: 'Spring 2026: #1 pilot'\n"
    )
    schedule.write_text(text, "utf-8")


def test_an_offering_title_with_colon_and_hash_is_the_home_pages_title(build):
    home = soup(build(_retitle) / "index.html")
    assert home.title.get_text().startswith("Spring 2026: #1 pilot")
    lead = home.select_one("article .ck-lead strong")
    assert lead.get_text() == "Spring 2026: #1 pilot"
    # No front matter leaked into the page as text.
    assert "title:" not in home.select_one("article").get_text()


def test_a_course_page_with_windows_line_endings_keeps_its_front_matter(build):
    def crlf_page(course: Path) -> None:
        page = course / "docs" / "syllabus.md"
        text = "---\nhide: [toc]\n---\n\n" + page.read_text("utf-8")
        page.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))

    page = soup(build(crlf_page) / "syllabus" / "index.html")
    article = page.select_one("article")
    assert article.select_one("h1").get_text(strip=True).startswith("Syllabus")
    # The front matter is read by MkDocs (the page hides its table of contents), not shown.
    assert "hide:" not in article.get_text()
    assert page.select_one(".md-sidebar--secondary[hidden]") is not None


def test_a_description_page_with_front_matter_shows_only_its_text_on_the_home_page(build):
    def described(course: Path) -> None:
        page = course / "docs" / "description.md"
        page.write_text("---\ntitle: About\n---\n\n" + page.read_text("utf-8"), "utf-8")

    article = soup(build(described) / "index.html").select_one("article")
    assert "A tiny course used by the tests." in article.get_text()
    assert "title: About" not in article.get_text()


def test_an_external_offering_gets_a_stub_that_forwards_to_its_site(build):
    def retitle(course: Path) -> None:
        schedule = course / "schedule.yaml"
        text = schedule.read_text("utf-8")
        text = text.replace("title: Fall 2025", "title: Fall <i>2025</i> & co")
        schedule.write_text(text, "utf-8")

    stub = soup(build(retitle).parent / "F2025" / "index.html")
    assert stub.title.get_text() == "Fall <i>2025</i> & co"
    refresh = stub.select_one("meta[http-equiv=refresh]")["content"]
    assert refresh == "0; url=https://example.org/f2025"
    assert stub.select_one("link[rel=canonical]")["href"] == "https://example.org/f2025"
    assert stub.select_one("a")["href"] == "https://example.org/f2025"
    assert stub.select_one("p").get_text() == (
        "The Fall <i>2025</i> & co site lives at https://example.org/f2025."
    )
