"""Ways out of dead ends, in a real browser: the semester switcher keeps the page without a
site_url, the landing page searches the current offering, the Lectures/Recitations index
pages on a phone. Desktop 1280 px light and phone 390 px dark; screenshots land in
test-artifacts/nav-*.png for a human to look at."""

from __future__ import annotations

import shutil

import pytest

from conftest import ARTIFACTS, TESTS, console_errors

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"}
PHONE = {"viewport": {"width": 390, "height": 844}, "color_scheme": "dark"}
SIZES = [pytest.param(DESKTOP, id="desktop-light"), pytest.param(PHONE, id="phone-dark")]

# A second built offering, with a schedule and a syllabus but no readings page.
SPRING_2025 = """
  S2025:
    title: Spring 2025
    term: {start: 2025-01-13, end: 2025-01-31}
    pages:
      - {title: Syllabus, file: docs/syllabus.md}
    sessions:
      - {date: 2025-01-13, id: intro, title: Introduction}
"""


@pytest.fixture(scope="module")
def two_offerings(tmp_path_factory, serve_site):
    """The minimal course with a second built offering, built without --site-url."""
    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("switch") / "course"
    shutil.copytree(TESTS / "courses" / "minimal", root)
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    schedule.write_text(text.replace("\n  F2025:", SPRING_2025 + "  F2025:"), "utf-8")
    build_course(root, root / "site")
    return serve_site(root / "site")


def switch(page, to: str) -> None:
    selector = page.locator(".md-version")
    selector.wait_for()
    selector.hover()
    with page.expect_navigation():
        selector.locator(".md-version__link", has_text=to).click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "start,to,lands",
    [
        ("S2026/schedule/", "Spring 2025", "S2025/schedule/"),
        ("S2026/syllabus/", "Spring 2025", "S2025/syllabus/"),
        ("S2026/readings/", "Spring 2025", "S2025/"),  # no readings page there: its home
        ("S2025/schedule/", "Spring 2026", "S2026/schedule/"),
    ],
)
def test_the_switcher_keeps_the_page_without_a_site_url(
    browser, two_offerings, size, start, to, lands
):
    page = browser.new_page(**size)
    errors = console_errors(page)
    page.goto(two_offerings + start)
    switch(page, to)
    assert page.url == two_offerings + lands
    assert errors == []
    page.close()


@pytest.mark.parametrize("size", SIZES)
def test_landing_search_finds_the_current_offerings_lectures(
    browser, default_site, serve_site, size
):
    url = serve_site(default_site)
    page = browser.new_page(**size)
    errors = console_errors(page)
    page.goto(url)
    search = page.locator(".md-search__input")
    if not search.is_visible():  # a phone opens search from the header's icon
        page.locator("label.md-header__button[for=__search]").click()
    # A word of a current-offering (S2027) lecture title; the landing page has no such word.
    search.fill("interdisciplinary")
    result = page.locator(".md-search-result__item a").first
    result.wait_for()
    size_name = "phone" if size is PHONE else "desktop"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"nav-landing-search-{size_name}.png")
    href = result.get_attribute("href")
    assert href.startswith(url + "S2027/"), href
    result.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(url + "S2027/")
    assert "Interdisciplinary" in page.locator("article h1").first.inner_text()
    assert errors == []
    page.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tab", ["Lectures", "Recitations"])
def test_the_tabs_open_index_pages_that_fit_a_phone(browser, default_site, serve_site, size, tab):
    url = serve_site(default_site)
    page = browser.new_page(**size)
    errors = console_errors(page)
    page.goto(url + "S2027/")
    if page.locator(".md-tabs").is_visible():
        page.locator(".md-tabs__link", has_text=tab).click()
    else:  # a phone: the drawer lists the sections, the index first
        page.locator("label.md-header__button[for=__drawer]").click()
        page.locator(".md-nav--primary .md-nav__link", has_text=tab).first.click()
        page.locator(".md-nav--primary .md-nav__link", has_text=f"All {tab.lower()}").first.click()
    page.wait_for_url(f"**/S2027/{tab.lower()}/")
    entries = page.locator("li.ck-index-entry")
    assert entries.count() >= 3
    assert entries.first.locator("time").is_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert width[0] <= width[1], width
    size_name = "phone" if size is PHONE else "desktop"
    page.screenshot(path=ARTIFACTS / f"nav-{tab.lower()}-{size_name}.png", full_page=True)
    assert errors == []
    page.close()


def open_on(browser, url: str, day: str, size: dict):
    import datetime as dt

    page = browser.new_page(**size)
    errors = console_errors(page)
    page.clock.set_fixed_time(dt.datetime.fromisoformat(day + "T09:00:00"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, errors


@pytest.mark.parametrize("size", SIZES)
def test_the_home_page_shows_the_schedules_this_week_panel(browser, two_offerings, size):
    schedule, errors = open_on(browser, two_offerings + "S2026/schedule/", "2026-01-19", size)
    expected = schedule.locator(".ck-thisweek").inner_text()
    schedule.close()
    page, errors = open_on(browser, two_offerings + "S2026/", "2026-01-19", size)
    panel = page.locator(".ck-thisweek-home .ck-thisweek")
    panel.wait_for()
    assert panel.inner_text() == expected
    assert panel.locator(".ck-upnext li").inner_text() == "Wed, Jan 21 Quality"
    deadlines = panel.locator(".ck-deadlines li")
    assert deadlines.all_inner_texts() == ["Wed, Jan 21 A1: Warm-up or PhD project"]
    size_name = "phone" if size is PHONE else "desktop"
    page.screenshot(path=ARTIFACTS / f"nav-home-thisweek-{size_name}.png")
    # Its links lead where the schedule page's do, though they are made from its table.
    with page.expect_navigation():
        deadlines.locator("a", has_text="A1: Warm-up").click()
    assert page.url == two_offerings + "S2026/assignments/a1/"
    page.go_back()
    panel.wait_for()
    with page.expect_navigation():
        panel.locator(".ck-upnext a", has_text="Wed, Jan 21").click()
    assert page.url == two_offerings + "S2026/schedule/#quality"
    assert errors == []
    page.close()


def test_after_the_term_the_home_page_shows_no_panel(browser, two_offerings):
    page, errors = open_on(browser, two_offerings + "S2026/", "2026-03-01", DESKTOP)
    page.wait_for_load_state("networkidle")
    assert page.locator(".ck-thisweek").count() == 0
    assert errors == []
    page.close()
