"""What a reader of a German course sees in the browser: the this-week panel, which
coursekit.js builds from the visitor's day, speaks German like the rest of the page."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import TESTS, console_errors
from coursekit.site.config import theme_dir

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def german_schedule(tmp_path_factory, serve_site):
    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("german") / "course"
    shutil.copytree(TESTS / "courses" / "minimal", root)
    config = yaml.safe_load((theme_dir() / "default-mkdocs.yml").read_text("utf-8"))
    config["theme"]["language"] = "de"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    build_course(root, root / "site")
    return serve_site(root / "site") + "S2026/schedule/"


def test_this_week_panel_is_german(browser, german_schedule):
    import datetime as dt

    page = browser.new_page(viewport={"width": 1280, "height": 700})
    errors = console_errors(page)
    page.clock.set_fixed_time(dt.datetime(2026, 1, 19, 9))
    page.goto(german_schedule)
    panel = page.locator(".ck-thisweek")
    panel.wait_for()
    assert panel.get_attribute("aria-label") == "Diese Woche"
    assert page.locator(".ck-upnext h2").inner_text() == "Als Nächstes"
    assert page.locator(".ck-upnext li").inner_text() == "Mi., 21. Jan. Quality"
    assert page.locator(".ck-deadlines h2").inner_text() == "Anstehende Abgaben"
    assert page.locator(".ck-deadlines li").all_inner_texts() == [
        "Mi., 21. Jan. A1: Warm-up oder PhD project"
    ]
    assert errors == []


def test_nothing_due_is_said_in_german(browser, german_schedule):
    import datetime as dt

    page = browser.new_page()
    page.clock.set_fixed_time(dt.datetime(2026, 1, 5, 9))
    page.goto(german_schedule)
    nothing = page.locator(".ck-deadlines li")
    nothing.wait_for()
    assert nothing.inner_text() == "In den nächsten 14 Tagen ist nichts fällig."
