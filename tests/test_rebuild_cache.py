"""What a build session reuses never shows a stale site: rebuilds with one session's caches
and engine (as `coursekit serve` and the benches keep them) show every changed input, and
the site check still fails a link into a page that is gone, on a page it did not parse again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.errors import BuildError
from coursekit.site.build import build_course
from coursekit.site.caches import Caches
from coursekit.site.engine import MkDocsEngine
from coursekit.site.linkcheck import scan_site

# A second offering built here, whose page links into S2026's syllabus in raw HTML (no
# Markdown link check of MkDocs sees it: only the site check can).
SECOND = """\
  S2025:
    title: Spring 2025
    term: {start: 2025-01-13, end: 2025-01-31}
    pages:
      - {title: Links, file: docs/links.md}
    sessions:
      - {date: 2025-01-13, title: Kickoff}
"""
LINKS = '# Links\n\n<a href="../../S2026/syllabus/">this spring\'s syllabus</a>\n'


@pytest.fixture
def course(make_course) -> Path:
    root = make_course()
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    schedule.write_text(text.replace("  F2025:\n", SECOND + "  F2025:\n"), "utf-8")
    (root / "docs" / "links.md").write_text(LINKS, "utf-8")
    return root


@pytest.fixture
def session() -> dict:
    return {"caches": Caches(), "engine": MkDocsEngine()}


def test_edited_page_markdown_shows_in_the_rebuilt_page(course, tmp_path, session):
    out = tmp_path / "site"
    build_course(course, out, **session)
    syllabus = course / "docs" / "syllabus.md"
    syllabus.write_text(syllabus.read_text("utf-8") + "\nOffice hours moved to Friday.\n")
    build_course(course, out, semester="S2026", **session)
    assert "Office hours moved to Friday." in (out / "S2026/syllabus/index.html").read_text()


def test_link_into_a_removed_page_fails_though_the_linking_page_is_reused(
    course, tmp_path, session
):
    out = tmp_path / "site"
    build_course(course, out, **session)
    kept = (out / "S2025/links/index.html").read_bytes()
    assert "../../S2026/syllabus/" in kept.decode()
    # S2026 drops its syllabus; S2025 is kept from the previous build, byte for byte.
    schedule = course / "schedule.yaml"
    text = schedule.read_text("utf-8")
    syllabus = "    pages:\n      - {title: Syllabus, file: docs/syllabus.md}\n"
    schedule.write_text(text.replace(syllabus, ""))
    with pytest.raises(BuildError) as failed:
        build_course(course, out, semester="S2026", **session)
    assert "S2025/links/index.html: broken link to '../../S2026/syllabus/'" in str(failed.value)
    # The failed build left the previous site as it was.
    assert (out / "S2025/links/index.html").read_bytes() == kept
    assert (out / "S2026/syllabus/index.html").is_file()


def test_kept_semester_is_linked_not_copied_and_still_rebuilt_when_edited(
    course, tmp_path, session
):
    out = tmp_path / "site"
    build_course(course, out, **session)
    page = out / "S2025/links/index.html"
    before = page.stat()
    build_course(course, out, semester="S2026", **session)
    # The same file, not a copy: a one-semester rebuild writes no bytes of the others.
    assert page.stat().st_ino == before.st_ino
    (course / "docs" / "links.md").write_text(LINKS + "\nAlso: the archive.\n", "utf-8")
    build_course(course, out, semester="S2025", **session)
    assert "Also: the archive." in page.read_text("utf-8")


class CountingEngine(MkDocsEngine):
    """The session's engine, noting the projects it builds."""

    def __init__(self) -> None:
        super().__init__()
        self.built: list[str] = []

    def build(self, config_file, **kwargs):
        self.built.append(config_file.parent.name)
        return super().build(config_file, **kwargs)


def test_landing_page_is_reused_until_an_input_changes(course, tmp_path, monkeypatch):
    # One build time throughout (else it follows the edited files: clock.py).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1690000000")
    out, engine = tmp_path / "site", CountingEngine()
    session = {"caches": Caches(), "engine": engine}
    build_course(course, out, **session)
    landing = (out / "index.html").read_bytes()
    engine.built.clear()
    build_course(course, out, semester="S2026", **session)
    assert engine.built == ["S2026"]  # the landing page came from the previous site…
    assert (out / "index.html").read_bytes() == landing
    assert (out / "search/search_index.json").is_file()
    build_course(course, out, semester="S2026", **session)
    assert engine.built == ["S2026", "S2026"]  # and again from the reused one
    # … until what it shows changes: an offering's title,
    schedule = course / "schedule.yaml"
    text = schedule.read_text("utf-8")
    schedule.write_text(text.replace("title: Spring 2025", "title: Spring 2025 (pilot)"))
    build_course(course, out, semester="S2026", **session)
    assert "Spring 2025 (pilot)" in (out / "index.html").read_text("utf-8")
    # the address it is published at (a full build: the kept offering's pages name it too),
    engine.built.clear()
    build_course(course, out, site_url="https://example.org/c/", **session)
    assert engine.built == ["_landing", "S2026", "S2025"]
    assert 'href="https://example.org/c/"' in (out / "index.html").read_text("utf-8")
    # or the build's time (sitemaps carry it).
    engine.built.clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_course(course, out, semester="S2026", site_url="https://example.org/c/", **session)
    assert engine.built == ["_landing", "S2026"]


def test_a_landing_page_that_warned_is_built_again(course, tmp_path):
    out, engine = tmp_path / "site", CountingEngine()
    session = {"caches": Caches(), "engine": engine}
    build_course(course, out, **session)
    marker = out / ".coursekit-landing"
    marker.write_text(marker.read_text("utf-8").replace('"clean": true', '"clean": false'))
    engine.built.clear()
    build_course(course, out, semester="S2026", **session)
    assert engine.built == ["_landing", "S2026"]


def test_site_check_reuses_unchanged_pages_and_resolves_links_again(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.html").write_text('<a href="b.html#top">b</a><a href="c.html#x">c</a>')
    (site / "b.html").write_text("<p>b</p>")
    (site / "c.html").write_text('<h2 id="x">x</h2>')
    parsed = Caches().page_links
    assert scan_site(site, parsed).broken_links() == []
    first = scan_site(site, parsed).pages["a.html"]
    # c.html loses its heading, b.html goes: a.html is the same page object, not reparsed…
    (site / "c.html").write_text('<h2 id="y">y</h2>')
    (site / "b.html").unlink()
    scan = scan_site(site, parsed)
    assert scan.pages["a.html"] is first
    # … and both of its links are found broken against the site as it is now.
    assert [re.sub(r" \(.*", "", str(p)) for p in scan.broken_links()] == [
        "a.html: broken link to 'b.html#top'",
        "a.html: broken link to 'c.html#x'",
    ]
    # An edited page is parsed again (same first bytes: the whole page is the key).
    (site / "a.html").write_text('<a href="b.html">b</a><a href="c.html#y">c</a>')
    assert [re.sub(r" \(.*", "", str(p)) for p in scan_site(site, parsed).broken_links()] == [
        "a.html: broken link to 'b.html'"
    ]


def test_browser_notebook_builds_run_aside_and_their_failure_fails_the_build(monkeypatch, tmp_path):
    import threading

    from coursekit.errors import Problem
    from coursekit.site import write

    threads, written = [], []

    def fake_write_lite(contents, site_dir, pyodide):
        threads.append(threading.current_thread().name)
        if "broken" in contents:
            raise BuildError(Problem("JupyterLite could not build the browser notebooks"))
        written.append(site_dir.name)

    monkeypatch.setattr(write, "write_lite", fake_write_lite)
    with write.LiteBuilds() as lite:
        lite.start({}, tmp_path / "none", "cdn")  # an offering without browser notebooks
        lite.start({"a.ipynb": b"{}"}, tmp_path / "S2026", "cdn")
        lite.wait()
        assert written == ["S2026"]
        lite.start({"broken": b""}, tmp_path / "S2025", "cdn")
        with pytest.raises(BuildError, match="JupyterLite could not build"):
            lite.wait()
    assert all(name.startswith("coursekit-lite") for name in threads)
