"""The .ics export, read back with icalendar: RFC 5545 structure, local times across DST,
all-day deadlines and breaks, and UIDs that survive inserting a session."""

from __future__ import annotations

import datetime as dt

import icalendar

from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.model import Meeting, Session, Term

D = dt.date
TERM = Term(start=D(2027, 3, 1), end=D(2027, 3, 31))
MEETINGS = [
    Meeting(kind="lecture", days=["Mon", "Wed"], time="13:25-14:45", location="TEP 1403"),
    Meeting(kind="recitation", days=["Fri"], time="10:10-11:00"),
]
BREAK = Holiday(name="Spring break", start=D(2027, 3, 8), end=D(2027, 3, 12))
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
I1 = "https://x.org/i1"


def sessions() -> list[Session]:
    return [
        Session(id="intro", title="Introduction"),
        Session(title="Model Quality 1: *Accuracy*", slides="https://x.org/mq1.html"),
        Session(title="Teamwork Primer", continues=True),
        Session(kind="recitation", title="Git", url="https://x.org/rec1"),
        Session(title="[Security](https://x.org/s.html); [Safety](https://x.org/f.html)"),
        Session(kind="exam", title="Midterm", due=[{"title": "I1: Case Study", "url": I1}]),
        Session(title="Review"),
        Session(title="Review"),
    ]


def export(items: list[Session], **options) -> icalendar.Calendar:
    calendar = date_sessions(TERM, MEETINGS, items, [BREAK])
    assert calendar.findings == []
    data = calendar_ics(
        "S2027",
        "Spring 2027",
        calendar.sessions,
        calendar.deadlines,
        TERM.timezone,
        "Machine Learning in Production",
        "https://course.example.org/",
        stamp=STAMP,
        **options,
    )
    return icalendar.Calendar.from_ical(data)


def events(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_properties_and_timezone():
    calendar = export(sessions())
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//coursekit//coursekit ")
    assert str(calendar["X-WR-CALNAME"]) == "Machine Learning in Production (Spring 2027)"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert calendar.get_missing_tzids() == set()


def test_meetings_are_timed_events_in_local_time_across_dst():
    found = events(export(sessions()))
    intro = found["S2027-intro@course.example.org"]
    assert str(intro["SUMMARY"]) == "Introduction"
    assert str(intro["LOCATION"]) == "TEP 1403"
    assert str(intro["URL"]) == "https://course.example.org/S2027/schedule/#intro"
    assert intro.start == dt.datetime(2027, 3, 1, 13, 25, tzinfo=intro.start.tzinfo)
    assert intro.start.utcoffset() == dt.timedelta(hours=-5)
    assert b"DTSTART;TZID=America/New_York:20270301T132500" in intro.to_ical()
    after_dst = found["S2027-lecture-security-safety@course.example.org"]  # after Mar 14
    assert after_dst.start.strftime("%Y-%m-%d %H:%M") == "2027-03-15 13:25"
    assert after_dst.start.utcoffset() == dt.timedelta(hours=-4)
    assert after_dst.end.strftime("%H:%M") == "14:45"


def test_summaries_descriptions_and_continued_topics():
    found = events(export(sessions()))
    joined = found["S2027-lecture-model-quality-1-accuracy@course.example.org"]
    assert str(joined["SUMMARY"]) == "Model Quality 1: Accuracy; Teamwork Primer"
    assert "https://x.org/mq1.html" in str(joined["DESCRIPTION"])
    assert "Teamwork Primer" in str(joined["DESCRIPTION"])
    assert not any("teamwork" in uid for uid in found)  # one event per class meeting
    rec = found["S2027-recitation-git@course.example.org"]
    assert str(rec["SUMMARY"]) == "Recitation: Git"
    assert rec.start.strftime("%a %H:%M") == "Fri 10:10"
    linked = found["S2027-lecture-security-safety@course.example.org"]
    assert str(linked["SUMMARY"]) == "Security; Safety"
    assert "Security <https://x.org/s.html>" in str(linked["DESCRIPTION"])
    exam = found["S2027-exam-midterm@course.example.org"]
    assert str(exam["SUMMARY"]) == "Exam: Midterm"


def test_deadlines_and_breaks_are_all_day_and_breaks_optional():
    found = events(export(sessions()))
    due = found["S2027-due-i1-case-study@course.example.org"]
    assert str(due["SUMMARY"]) == "Due: I1: Case Study"
    assert due.start == D(2027, 3, 17)  # the midterm's date
    assert isinstance(due.start, dt.date) and not isinstance(due.start, dt.datetime)
    assert due.end - due.start == dt.timedelta(days=1)
    assert str(due["URL"]) == "https://x.org/i1"
    assert str(due["TRANSP"]) == "TRANSPARENT"
    spring = found["S2027-break-spring-break@course.example.org"]
    assert str(spring["SUMMARY"]) == "No class: Spring break"
    assert spring.start == D(2027, 3, 8)
    without = events(export(sessions(), include_breaks=False))
    assert "S2027-break-spring-break@course.example.org" not in without
    assert len(without) == len(found) - 1


def test_uids_follow_identity_not_position():
    before = events(export(sessions()))
    assert "S2027-lecture-review@course.example.org" in before
    assert "S2027-lecture-review-2@course.example.org" in before  # a true duplicate
    inserted = sessions()
    inserted.insert(1, Session(title="A new first topic"))
    after = events(export(inserted))
    assert set(after) == set(before) | {"S2027-lecture-a-new-first-topic@course.example.org"}
    # Dates moved (everything after the new session shifted by one slot), UIDs did not.
    moved = after["S2027-recitation-git@course.example.org"].start
    assert moved != before["S2027-recitation-git@course.example.org"].start


def test_output_is_deterministic_with_a_fixed_stamp():
    calendar = date_sessions(TERM, MEETINGS, sessions(), [BREAK])

    def data() -> bytes:
        return calendar_ics(
            "S2027", "Spring 2027", calendar.sessions, calendar.deadlines,
            TERM.timezone, "Course", None, stamp=STAMP,
        )  # fmt: skip

    assert data() == data()
    assert b"UID:S2027-intro@coursekit" in data()
    assert b"/schedule/" not in data()  # without a site URL, only the items' own links
