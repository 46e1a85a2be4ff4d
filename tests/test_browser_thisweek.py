"""The schedule's "this week" view, computed in the browser from the visitor's date: a
fixed clock in headless Chromium stands in for the student's day."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import console_errors

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def schedule_url(tmp_path_factory, serve_site):
    import shutil

    from conftest import TESTS
    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("thisweek") / "course"
    shutil.copytree(TESTS / "courses" / "minimal", root)
    out = root / "site"
    build_course(root, out)
    return serve_site(out) + "S2026/schedule/"


def open_on(browser, url, day: str, height: int = 700):
    page = browser.new_page(viewport={"width": 1280, "height": height})
    errors = console_errors(page)
    page.clock.set_fixed_time(dt.datetime.fromisoformat(day + "T09:00:00"))
    page.goto(url)
    page.locator("table.ck-schedule").wait_for()
    return page, errors


def test_today_is_marked_with_up_next_and_deadlines(browser, schedule_url):
    page, errors = open_on(browser, schedule_url, "2026-01-19")
    today = page.locator("tr.ck-today")
    assert today.count() == 1
    assert today.get_attribute("data-date") == "2026-01-19"
    assert today.get_attribute("aria-current") == "date"
    up_next = page.locator(".ck-upnext li")
    assert up_next.count() == 1
    assert up_next.inner_text() == "Wed, Jan 21 Quality"  # the break today is skipped
    deadlines = page.locator(".ck-deadlines li")
    assert deadlines.all_inner_texts() == ["Wed, Jan 21 A1: Warm-up or PhD project"]
    assert errors == []


def test_before_the_term_the_first_session_is_next(browser, schedule_url):
    page, _ = open_on(browser, schedule_url, "2026-01-05")
    assert page.locator("tr.ck-today").count() == 0
    assert page.locator(".ck-upnext li").inner_text() == "Mon, Jan 12 Introduction"
    assert page.locator(".ck-deadlines li").inner_text() == "Nothing due in the next 14 days."


def test_after_the_term_no_panel_is_shown(browser, schedule_url):
    page, _ = open_on(browser, schedule_url, "2026-03-01")
    assert page.locator(".ck-thisweek").count() == 0


def test_page_scrolls_to_the_current_week(browser, schedule_url):
    page, _ = open_on(browser, schedule_url, "2026-01-21", height=420)
    week = page.locator("tr.ck-week[data-week='2026-01-19']")
    top = week.evaluate("row => row.getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < 210, f"week 2 header is at {top}px, not in the top half of the page"


def test_without_javascript_the_table_is_all_there(browser, schedule_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(schedule_url)
    assert page.locator("tr[data-date]").count() == 6
    assert page.locator(".ck-thisweek").count() == 0
    context.close()
