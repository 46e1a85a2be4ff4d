"""The built default course in a real browser: the semester switcher, the schedule on a
phone, and no console errors. Screenshots land in test-artifacts/ for a human to look at."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, console_errors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(default_site, serve_site):
    return serve_site(default_site)


def test_switcher_moves_between_semesters_and_keeps_the_page(browser, site_url):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    page.goto(site_url + "S2022/schedule/")
    selector = page.locator(".md-version")
    selector.wait_for()
    assert selector.locator(".md-version__current").inner_text() == "Spring 2022"
    selector.hover()
    options = selector.locator(".md-version__link")
    assert options.count() == 11
    with page.expect_navigation():
        selector.locator(".md-version__link", has_text="Spring 2021").click()
    page.wait_for_url("**/S2021/schedule/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Schedule"
    assert page.locator("tr[data-date]").count() == 42
    assert errors == []


def test_archived_semester_banner_points_to_current(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "S2020/")
    banner = page.locator("[data-md-component=outdated]")
    banner.wait_for(state="visible")
    assert "archived" in banner.inner_text()
    assert banner.locator("a").get_attribute("href").endswith("S2027/")


@pytest.mark.parametrize("oid", ["S2022", "S2027"])
def test_schedule_fits_a_phone_without_sideways_scrolling(browser, site_url, oid):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    errors = console_errors(page)
    page.goto(site_url + f"{oid}/schedule/")
    page.locator("table.ck-schedule").wait_for()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide at a 390px viewport"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"schedule-{oid}-phone.png")
    assert errors == []


@pytest.mark.parametrize(
    "path,name",
    [
        ("", "landing"),
        ("S2027/", "home"),
        ("S2022/schedule/", "schedule"),
        ("S2022/syllabus/", "syllabus"),
    ],
)
def test_pages_render_without_console_errors(browser, site_url, path, name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = console_errors(page)
    page.goto(site_url + path)
    page.locator("h1").first.wait_for()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}-desktop.png", full_page=True)
    assert errors == []
