"""The payload course (tests/courses/escape) in Chromium: on every page a reader can open —
search results, the semester switcher and the schedule's this-week panel included — no
payload element exists, no payload script ran and the payload reads as text."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from test_escaping import VISIBLE, build_past_the_link_check

from conftest import TESTS

pytestmark = pytest.mark.browser

# Every attribute and URL the payload would create if it became markup.
INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(el.tagName + "[" + attr.name + "]");
      if (["href", "src"].includes(attr.name) && /^\\s*(javascript|vbscript):/i.test(attr.value))
        found.push(el.tagName + "[" + attr.name + "=" + attr.value + "]");
    }
  }
  return found;
}"""

PAGES = [
    "",  # the landing page
    "S2026/",
    "S2026/schedule/",
    "S2026/readings/",
    "S2026/assignments/",
    "S2026/assignments/a1/",
    "S2026/syllabus/",
    "S2026/slides/01_intro/intro/",
    "S2026/handouts/01_intro/intro/",
    "S2026/recitations/arrays/",
]


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, serve_site):
    root = tmp_path_factory.mktemp("escape-browser") / "course"
    shutil.copytree(TESTS / "courses" / "escape", root)
    build_past_the_link_check(root, root / "site")
    return serve_site(root / "site")


def open_page(browser, url, day: dt.datetime | None = None):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    if day:
        page.clock.set_fixed_time(day)
    page.goto(url)
    page.wait_for_load_state("load")
    return page


def assert_inert(page, where: str) -> None:
    assert page.evaluate("window.__xss") is None, f"a payload script ran on {where}"
    assert page.evaluate(INJECTED) == [], where


@pytest.mark.parametrize("path", PAGES, ids=[p or "landing" for p in PAGES])
def test_no_payload_runs_or_becomes_markup(browser, site_url, path):
    page = open_page(browser, site_url + path)
    if "/slides/" in path:
        page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert_inert(page, path)
    assert VISIBLE in page.title(), path
    if "/slides/" not in path:  # a deck shows its title in the window title only
        assert VISIBLE in page.inner_text("body"), path
    page.close()


def test_this_week_panel_shows_titles_as_text(browser, site_url):
    # Inside the term, so the schedule builds its this-week panel from the rows.
    page = open_page(browser, site_url + "S2026/schedule/", dt.datetime(2026, 1, 13, 9))
    panel = page.locator(".ck-thisweek")
    panel.wait_for()
    assert VISIBLE in panel.locator(".ck-upnext").inner_text()
    assert VISIBLE in panel.locator(".ck-deadlines").inner_text()
    assert_inert(page, "the this-week panel")


def test_search_results_show_titles_as_text(browser, site_url):
    page = open_page(browser, site_url + "S2026/")
    query = page.locator("input[data-md-component=search-query]")
    query.click()
    query.press_sequentially("onerror", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() >= 3
    assert VISIBLE in page.locator(".md-search-result").inner_text()
    assert_inert(page, "search results")


def test_semester_switcher_shows_titles_as_text(browser, site_url):
    page = open_page(browser, site_url + "S2026/schedule/")
    selector = page.locator(".md-version")
    selector.wait_for()
    selector.hover()
    options = selector.locator(".md-version__link")
    options.first.wait_for()
    assert options.count() == 3
    assert VISIBLE in selector.inner_text()
    assert_inert(page, "the semester switcher")
