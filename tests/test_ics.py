"""The .ics export, read back with icalendar: RFC 5545 structure, local times across DST,
all-day deadlines and breaks, and UIDs that survive inserting a session."""

from __future__ import annotations

import datetime as dt

import icalendar

from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.model import Course, Meeting, Session, Term

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


# ── Richer events: URL, DESCRIPTION, LOCATION, due times, alternatives ──────────────────

COURSE = Course(title="ML", institution="U", assignments={"due_time": "23:59"})


def rich_sessions() -> list[Session]:
    return [
        Session(
            id="intro",
            title="Introduction",
            slides="https://x.org/intro.html",
            video=["https://x.org/v1"],
            book=["https://x.org/ch1", "https://x.org/ch2"],
            readings=[
                {"title": "Paper A", "url": "https://x.org/a", "detail": "Sec. 2"},
                {"title": "Paper B", "url": "https://x.org/b", "alternative": True},
            ],
        ),
        Session(
            id="quality",
            title="Quality",
            location="GHC 4401",
            due=[
                {"title": "A1: Warm-up", "url": "https://x.org/a1"},
                {"title": "PhD project", "alternative": True},
                {"title": "M1", "time": "17:00"},
            ],
        ),
        Session(title="Course files", slides="lectures/x.md", notes="bring a laptop"),
    ]


def rich_export(items: list[Session], course: Course | None = COURSE, **options):
    calendar = date_sessions(TERM, MEETINGS, items, [BREAK])
    data = calendar_ics(
        "S2027", "Spring 2027", calendar.sessions, calendar.deadlines, TERM.timezone,
        "ML", options.pop("site_url", "https://course.example.org/"), stamp=STAMP,
        sessions=items, course=course, **options,
    )  # fmt: skip
    return events(icalendar.Calendar.from_ical(data))


def uid(name: str) -> str:
    return f"S2027-{name}@course.example.org"


def test_events_link_the_slides_else_their_schedule_row():
    found = rich_export(rich_sessions())
    assert str(found[uid("intro")]["URL"]) == "https://x.org/intro.html"
    assert str(found[uid("quality")]["URL"]) == "https://course.example.org/S2027/schedule/#quality"
    # A course file: no site to resolve it against here, so the schedule page instead.
    files = found[uid("lecture-course-files")]
    assert str(files["URL"]) == "https://course.example.org/S2027/schedule/"
    assert "lectures/x.md" not in str(files["DESCRIPTION"])


def test_descriptions_list_materials_readings_and_due_items_not_the_title():
    found = rich_export(rich_sessions())
    intro = str(found[uid("intro")]["DESCRIPTION"]).splitlines()
    assert intro == [
        "slides: https://x.org/intro.html",
        "video: https://x.org/v1",
        "book chapter 1: https://x.org/ch1",
        "book chapter 2: https://x.org/ch2",
        "Reading: Paper A (Sec. 2) <https://x.org/a> or Paper B <https://x.org/b>",
        "Schedule: https://course.example.org/S2027/schedule/#intro",
    ]
    quality = str(found[uid("quality")]["DESCRIPTION"]).splitlines()
    assert quality[:2] == [
        "Due: A1: Warm-up <https://x.org/a1> or PhD project, 23:59",
        "Due: M1, 17:00",
    ]
    assert "Quality" not in quality[0]
    assert "bring a laptop" in str(found[uid("lecture-course-files")]["DESCRIPTION"])


def test_location_is_the_sessions_own_else_the_meetings():
    found = rich_export(rich_sessions())
    assert str(found[uid("quality")]["LOCATION"]) == "GHC 4401"
    assert str(found[uid("intro")]["LOCATION"]) == "TEP 1403"


def test_due_items_are_timed_in_the_offerings_zone_and_keep_alternatives():
    found = rich_export(rich_sessions())
    a1 = found[uid("due-a1-warm-up")]
    assert str(a1["SUMMARY"]) == "Due: A1: Warm-up or PhD project"
    assert not any("phd" in key for key in found)  # the alternative is in the same event
    assert b"DTSTART;TZID=America/New_York:20270303T235900" in a1.to_ical()
    assert a1.start == a1.end and a1.start.utcoffset() == dt.timedelta(hours=-5)
    assert str(a1["URL"]) == "https://x.org/a1"
    assert str(a1["DESCRIPTION"]).splitlines()[:2] == [
        "A1: Warm-up <https://x.org/a1>",
        "or PhD project",
    ]
    m1 = found[uid("due-m1")]  # its own time overrides the course's
    assert b"DTSTART;TZID=America/New_York:20270303T170000" in m1.to_ical()
    assert str(m1["URL"]) == "https://course.example.org/S2027/schedule/#quality"
    untimed = rich_export(rich_sessions(), course=Course(title="ML", institution="U"))
    assert untimed[uid("due-a1-warm-up")].start == D(2027, 3, 3)  # no time known: all day
    assert untimed[uid("due-m1")].start.strftime("%H:%M") == "17:00"


def test_uids_survive_inserted_sessions_and_due_items():
    before = rich_export(rich_sessions())
    inserted = rich_sessions()
    inserted.insert(0, Session(title="New", due=[{"title": "A0"}]))
    quality = inserted[2].model_dump(exclude_defaults=True)
    inserted[2] = Session(**quality | {"due": [{"title": "Quiz"}, *quality["due"]]})
    after = rich_export(inserted)
    assert set(after) == set(before) | {uid("lecture-new"), uid("due-a0"), uid("due-quiz")}
    assert str(after[uid("due-a1-warm-up")]["SUMMARY"]) == "Due: A1: Warm-up or PhD project"


def test_without_a_site_address_only_full_urls_are_linked():
    found = rich_export(rich_sessions(), site_url=None)
    intro = found["S2027-intro@coursekit"]
    assert str(intro["URL"]) == "https://x.org/intro.html"
    assert "Schedule:" not in str(intro["DESCRIPTION"])
    assert "URL" not in found["S2027-quality@coursekit"]


def site_events(root, as_of: dt.date, site_url: str | None = "https://ex.org/ml/"):
    from coursekit.schedule.load import load_course
    from coursekit.site.calendar_file import calendar_file
    from coursekit.site.plan import plan_semester

    plan = plan_semester(load_course(root), "S2026", as_of=as_of)
    found = events(icalendar.Calendar.from_ical(calendar_file(plan, site_url)))
    host = "ex.org" if site_url else "coursekit"
    return {key.removesuffix(f"@{host}"): event for key, event in found.items()}


def test_site_calendar_links_published_decks_handouts_and_notebooks(make_course):
    root = make_course("materials")
    found = site_events(root, D(2026, 2, 1))
    intro = found["S2026-intro"]
    assert str(intro["URL"]) == "https://ex.org/ml/S2026/slides/01_intro/intro/"
    assert str(intro["DESCRIPTION"]).splitlines() == [
        "slides: https://ex.org/ml/S2026/slides/01_intro/intro/",
        "handout: https://ex.org/ml/S2026/handouts/01_intro/intro/",
        "Schedule: https://ex.org/ml/S2026/schedule/#intro",
    ]
    numpy = found["S2026-rec-numpy"]
    assert "notebook: https://ex.org/ml/S2026/recitations/arrays/" in str(numpy["DESCRIPTION"])
    assert str(numpy["URL"]) == "https://ex.org/ml/S2026/schedule/#rec-numpy"
    without = site_events(root, D(2026, 2, 1), site_url=None)
    assert "URL" not in without["S2026-intro"]
    assert str(without["S2026-intro"].get("DESCRIPTION", "")) == ""


def test_site_calendar_links_nothing_of_a_session_before_its_release(make_course):
    root = make_course("materials")
    text = (root / "schedule.yaml").read_text()
    (root / "schedule.yaml").write_text(
        text.replace(
            "slides: lectures/01_intro/intro.md",
            "slides: lectures/01_intro/intro.md\n        release: 2026-01-10",
        )  # fmt: skip
    )
    early = site_events(root, D(2026, 1, 5))["S2026-intro"]
    assert str(early["URL"]) == "https://ex.org/ml/S2026/schedule/#intro"
    assert "slides" not in str(early["DESCRIPTION"])
    assert "slides:" in str(site_events(root, D(2026, 1, 10))["S2026-intro"]["DESCRIPTION"])
