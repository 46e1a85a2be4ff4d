"""Staff and office hours: the staff page (people, a week grid on desktop, a list on phones),
the next office hours on the home page, and office hours in calendar.ics as weekly events
whose UIDs survive inserting another office hour."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest

from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.model import BuiltOffering
from coursekit.schedule.settings import Course
from coursekit.schedule.staff import weekly_series

D = dt.date
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
COURSE = Course(title="ML", institution="U")
NAME = "Ada <b>Lovelace</b> & *Co*"
STAFF_BLOCK = f"""    staff:
      - name: "{NAME}"
        role: Instructor
        pronouns: she/her
        email: ada@example.org
        photo: docs/ada.svg
        bio: Wrote [the first program](https://example.org/note-g) <i>ever</i>.
      - {{name: Charles Babbage, role: Teaching assistant}}
    office_hours:
      - {{who: "{NAME}", days: [Mon, Wed], time: "15:00-16:00", location: Room 9}}
      - {{who: Charles Babbage, days: [Fri], time: "09:30-10:45", url: https://example.org/zoom}}
    pages:
"""
PHOTO = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"/></svg>'


def offering(office_hours: list[dict]) -> BuiltOffering:
    return BuiltOffering(
        title="Spring 2027",
        term={
            "start": D(2027, 3, 1),
            "end": D(2027, 3, 31),
            "holidays": [{"name": "Spring break", "start": D(2027, 3, 8), "end": D(2027, 3, 12)}],
        },
        staff=[{"name": "Ada"}, {"name": "Bob", "role": "TA"}],
        office_hours=office_hours,
    )


def office_events(office_hours: list[dict]) -> dict[str, icalendar.Event]:
    series = weekly_series(offering(office_hours), COURSE)
    data = calendar_ics(
        "S2027", "Spring 2027", [], [], "America/New_York", "ML", "https://ex.org/",
        stamp=STAMP, office_hours=series,
    )  # fmt: skip
    found = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return {str(event["UID"]).removesuffix("@ex.org"): event for event in found}


ADA = {"who": "Ada", "days": ["Mon", "Thu"], "time": "15:00-16:00", "location": "Room 9"}
BOB = {"who": "Bob", "days": ["Fri"], "time": "09:30-10:45", "url": "https://ex.org/zoom"}


def test_office_hours_are_weekly_events_until_term_end_without_holidays():
    found = office_events([ADA, BOB])
    monday = found["S2027-office-hours-ada-mon-1500"]
    assert str(monday["SUMMARY"]) == "Office hours: Ada"
    assert str(monday["LOCATION"]) == "Room 9"
    assert b"DTSTART;TZID=America/New_York:20270301T150000" in monday.to_ical()
    rule = monday["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    # UNTIL in UTC (RFC 5545 with a TZID start): the term's last day, Mar 31 16:00 EDT.
    assert rule["UNTIL"] == [dt.datetime(2027, 3, 31, 20, 0, tzinfo=dt.UTC)]
    assert [d.dt.date() for d in monday["EXDATE"].dts] == [D(2027, 3, 8)]
    assert b"EXDATE;TZID=America/New_York:20270308T150000" in monday.to_ical()
    thursday = found["S2027-office-hours-ada-thu-1500"]
    assert thursday.start.date() == D(2027, 3, 4)
    assert [d.dt.date() for d in thursday["EXDATE"].dts] == [D(2027, 3, 11)]
    friday = found["S2027-office-hours-bob-fri-0930"]
    assert str(friday["URL"]) == "https://ex.org/zoom"
    assert str(friday["DESCRIPTION"]).splitlines() == ["TA", "https://ex.org/zoom"]
    assert friday.end.strftime("%H:%M") == "10:45"
    assert "EXDATE" in friday  # Mar 12 is in spring break


def test_office_hour_uids_survive_an_inserted_office_hour():
    before = office_events([ADA, BOB])
    extra = {"who": "Bob", "days": ["Mon"], "time": "08:00-09:00", "start": D(2027, 3, 15)}
    after = office_events([extra, ADA, BOB])
    assert set(after) == set(before) | {"S2027-office-hours-bob-mon-0800"}
    for uid, event in before.items():
        assert after[uid].to_ical() == event.to_ical()
    late = after["S2027-office-hours-bob-mon-0800"]
    assert late.start.date() == D(2027, 3, 15)  # `start` moves the first date
    assert "EXDATE" not in late


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory) -> Path:
    import shutil

    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("staff") / "minimal"
    shutil.copytree(Path(__file__).parent / "courses" / "minimal", root)
    schedule = root / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("    pages:\n", STAFF_BLOCK, 1))
    (root / "docs" / "ada.svg").write_text(PHOTO)
    build_course(root, root / "site", as_of=D(2026, 1, 13))
    return root / "site" / "S2026"


class _Page(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_staff_page_shows_people_escaped_with_photo_and_the_week(staff_site):
    html = (staff_site / "staff" / "index.html").read_text()
    page = _Page(html)
    text = " ".join(page.text)
    assert NAME in text  # as typed, no markup made of it
    assert not [tag for tag, _ in page.tags if tag == "b"]
    assert "(she/her)" in text and "Teaching assistant" in text
    assert ("a", {"href": "mailto:ada@example.org"}) in page.tags
    assert ("a", {"href": "https://example.org/note-g"}) in page.tags  # the bio's markdown
    assert "<i>ever</i>" in text  # raw HTML in a bio is text
    photos = [a for tag, a in page.tags if tag == "img" and a.get("class") == "ck-person__photo"]
    assert len(photos) == 1
    assert (staff_site / "staff" / photos[0]["src"]).resolve().read_text() == PHOTO
    assert "Fri 09:30–10:45" in text and "Join online" in text
    slots = [a for tag, a in page.tags if tag == "div" and a.get("class") == "ck-oh-slot"]
    assert len(slots) == 3  # Mon, Wed, Fri
    nav = (staff_site / "index.html").read_text()
    assert 'href="staff/"' in nav


def test_home_page_lists_the_next_office_hours(staff_site):
    page = _Page((staff_site / "index.html").read_text())
    items = [a for tag, a in page.tags if tag == "li" and "data-start" in a]
    # Built on Tue Jan 13: Wed 14, Fri 16, Mon 19 (the week ahead).
    assert [(a["data-date"], a["data-start"]) for a in items] == [
        ("2026-01-14", "15:00"),
        ("2026-01-16", "09:30"),
        ("2026-01-19", "15:00"),
    ]
    assert "Next office hours" in " ".join(page.text)


def test_staff_page_in_the_browser_grid_on_desktop_list_on_phones(staff_site, browser, serve_site):
    from conftest import ARTIFACTS, console_errors

    base = serve_site(staff_site.parent)
    ARTIFACTS.mkdir(exist_ok=True)
    for width, scheme in ((1280, "light"), (390, "dark")):
        page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
        errors = console_errors(page)
        page.goto(f"{base}S2026/staff/")
        grid, listing = page.locator(".ck-oh-grid"), page.locator(".ck-oh-list")
        wide = width > 800
        assert grid.is_visible() is wide and listing.is_visible() is not wide, width
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{width}px: {overflow}px sideways"
        if wide:  # the 15:00 slots sit on the same row, Friday's earlier one above
            monday = page.locator(".ck-oh-slot").nth(0).bounding_box()
            friday = page.locator(".ck-oh-slot").nth(2).bounding_box()
            assert friday["y"] < monday["y"] and friday["x"] > monday["x"]
        else:
            assert "15:00–16:00" in listing.inner_text()
        page.screenshot(path=str(ARTIFACTS / f"staff-{width}-{scheme}.png"), full_page=True)
        assert errors == []
        page.close()
