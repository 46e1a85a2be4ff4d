"""The KINDS table is the one place a session kind is named: the schedule badge, the home
page's meeting line, the calendar event and the importer all read it, so a row changed in
the table changes every one of them (and no module keeps its own wording)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import get_args

import icalendar
import pytest
from bs4 import BeautifulSoup

from coursekit.authoring.importer import import_table
from coursekit.schedule import kinds
from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.kinds import KINDS, Kind, SessionKind
from coursekit.schedule.model import Meeting, Session, Term

# A wording no module would write on its own: it can only come from the table.
MARK = "Visiting speaker"


@pytest.fixture
def renamed_guest(monkeypatch):
    row = dataclasses.replace(
        KINDS["guest"], label=MARK, plural=f"{MARK}s", calendar_prefix=f"{MARK} talk"
    )
    monkeypatch.setitem(KINDS, "guest", row)
    return row


def test_every_kind_has_every_field():
    assert set(KINDS) == set(get_args(SessionKind))
    for name, row in KINDS.items():
        for field in dataclasses.fields(Kind):
            value = getattr(row, field.name)
            assert value is not None or field.name == "calendar_prefix", (name, field.name)
        assert row.label.strip() and row.plural.strip(), name
    # Every kind that shows a badge has a colour in the theme's stylesheet.
    assert not [name for name, row in KINDS.items() if row.badge and not row.label]


def test_one_wording_for_a_guest_lecture():
    guest = KINDS["guest"]
    assert (guest.label, guest.plural, guest.calendar_prefix) == (
        "Guest lecture",
        "Guest lectures",
        "Guest lecture",
    )


def test_a_break_is_no_meeting_pattern():
    with pytest.raises(ValueError, match="break"):
        Meeting(kind="break", days=["Mon"], time="10:00-11:00")
    assert not KINDS["break"].meeting and "break" not in kinds.LECTURE_LIKE


def test_ics_prefix_comes_from_the_table(renamed_guest):
    term = Term(start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 31))
    meetings = [Meeting(kind="lecture", days=["Mon"], time="13:25-14:45")]
    placed = date_sessions(term, meetings, [Session(kind="guest", title="Privacy")], [])
    data = calendar_ics("S2027", "Spring 2027", placed.sessions, [], term.timezone, "ML", None)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["SUMMARY"]) == f"{MARK} talk: Privacy"


def test_importer_reads_kind_names_from_the_table(monkeypatch):
    row = dataclasses.replace(KINDS["guest"], aliases=("keynote",))
    monkeypatch.setitem(KINDS, "guest", row)
    text = (
        "| Date | Topic |\n| --- | --- |\n"
        "| Mon, Jan 11 | ![keynote](https://img.shields.io/badge/-keynote-blue.svg) Ethics |\n"
    )
    imported = import_table(text, 2027, "t.md")
    (session,) = [s for s in imported.sessions if isinstance(s, dict)]
    assert session["kind"] == "guest", imported.problems


@pytest.fixture
def guest_site(make_course, run, tmp_path, renamed_guest):
    course = make_course()
    schedule = course / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    text = text.replace(
        '      - {kind: recitation, days: [Fri], time: "10:10-11:00"}\n',
        '      - {kind: recitation, days: [Fri], time: "10:10-11:00"}\n'
        '      - {kind: guest, days: [Thu], time: "16:00-17:00"}\n',
    )
    text = text.replace("        kind: exam\n", "        kind: guest\n")
    schedule.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    return out / "S2026"


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


# site/schedule_page.py and site/home_page.py are being rewritten on the `plan` branch; the
# integrator wires them to kinds.badge / kinds.plural and drops these marks.
def test_schedule_badge_comes_from_the_table(guest_site):
    badge = _soup(guest_site / "schedule" / "index.html").select_one(".ck-badge--guest")
    assert badge is not None and badge.get_text() == MARK


def test_home_page_meeting_line_comes_from_the_table(guest_site):
    text = _soup(guest_site / "index.html").get_text()
    assert f"{MARK}s: Thu 16:00–17:00" in text
