"""The term calendar: undated sessions flow into meeting slots around holidays and pinned
dates; what looks wrong comes back as findings with exact messages and key paths."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coursekit.authoring.holidays import read_holidays
from coursekit.errors import CourseError
from coursekit.schedule.calendar import date_sessions, offering_calendar, parse_time_range
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.model import Meeting, Schedule, Session, Term
from coursekit.schedule.yamlsource import read_yaml

REPO = Path(__file__).parent.parent
D = dt.date
TERM = Term(start=D(2027, 1, 19), end=D(2027, 5, 7))
MEETINGS = [
    Meeting(kind="lecture", days=["Mon", "Wed"], time="13:25-14:45", location="TEP 1403"),
    Meeting(kind="recitation", days=["Fri"], time="10:10-11:00"),
]
SPRING_BREAK = Holiday(name="Spring break", start=D(2027, 3, 8), end=D(2027, 3, 12))
CARNIVAL = Holiday(name="Spring carnival", start=D(2027, 4, 15), end=D(2027, 4, 17))


def lecture(title: str, **fields) -> Session:
    return Session(title=title, **fields)


def rec(title: str, **fields) -> Session:
    return Session(title=title, kind="recitation", **fields)


def dates(calendar) -> list[tuple[str, dt.date]]:
    return [(row.title, row.date) for row in calendar.sessions]


def messages(calendar) -> list[tuple[str, tuple, str]]:
    return [(f.code, f.path, f.message) for f in calendar.findings]


def test_undated_sessions_take_the_next_slots_of_their_kind():
    sessions = [lecture("L1"), rec("R1"), lecture("L2"), lecture("L3"), rec("R2")]
    calendar = date_sessions(TERM, MEETINGS, sessions)
    assert dates(calendar) == [
        ("L1", D(2027, 1, 20)),
        ("R1", D(2027, 1, 22)),
        ("L2", D(2027, 1, 25)),
        ("L3", D(2027, 1, 27)),
        ("R2", D(2027, 1, 29)),
    ]
    first = calendar.sessions[0]
    assert (first.start_time, first.end_time, first.location) == (
        dt.time(13, 25),
        dt.time(14, 45),
        "TEP 1403",
    )
    assert [row.index for row in calendar.sessions] == [0, 1, 2, 3, 4]
    assert calendar.findings == [] and calendar.unplaced == []


def test_holidays_are_skipped_and_shown_as_one_no_class_row_per_week():
    term = Term(start=D(2027, 3, 1), end=D(2027, 3, 31))
    sessions = [lecture(f"L{i}") for i in range(1, 5)] + [rec("R1")]
    calendar = date_sessions(term, MEETINGS, sessions, [SPRING_BREAK])
    assert dates(calendar) == [
        ("L1", D(2027, 3, 1)),
        ("L2", D(2027, 3, 3)),
        ("Spring break", D(2027, 3, 8)),
        ("L3", D(2027, 3, 15)),
        ("L4", D(2027, 3, 17)),
        ("R1", D(2027, 3, 19)),  # after the lectures listed before it, so not on Mar 5
    ]
    generated = calendar.sessions[2]
    assert (generated.index, generated.kind, generated.generated) == (None, "break", True)
    assert generated.start_time is None


def test_a_holiday_outside_meeting_days_or_the_term_adds_no_row():
    mlk = Holiday(name="Martin Luther King Jr. Day", date=D(2027, 1, 18))  # before the term
    calendar = date_sessions(TERM, MEETINGS, [lecture("L1")], [mlk])
    assert dates(calendar) == [("L1", D(2027, 1, 20))]


def test_a_holiday_on_friday_moves_the_recitation_not_the_lectures():
    term = Term(start=D(2027, 4, 12), end=D(2027, 5, 7))
    sessions = [lecture("L1"), lecture("L2"), rec("R1"), lecture("L3"), lecture("L4"), rec("R2")]
    calendar = date_sessions(term, MEETINGS, sessions, [CARNIVAL])
    assert dates(calendar) == [
        ("L1", D(2027, 4, 12)),
        ("L2", D(2027, 4, 14)),
        ("Spring carnival", D(2027, 4, 16)),
        ("L3", D(2027, 4, 19)),
        ("L4", D(2027, 4, 21)),
        ("R1", D(2027, 4, 23)),
        ("R2", D(2027, 4, 30)),
    ]


def test_a_pinned_session_keeps_its_date_and_slot_and_later_sessions_follow_it():
    sessions = [
        lecture("L1"),
        Session(title="Midterm", kind="exam", date=D(2027, 1, 27)),
        lecture("L2"),
        rec("R1"),
    ]
    calendar = date_sessions(TERM, MEETINGS, sessions)
    assert dates(calendar) == [
        ("L1", D(2027, 1, 20)),
        ("Midterm", D(2027, 1, 27)),
        ("L2", D(2027, 2, 1)),
        ("R1", D(2027, 2, 5)),
    ]
    assert calendar.sessions[1].start_time == dt.time(13, 25)  # the exam took the lecture slot


def test_undated_sessions_flow_around_a_slot_pinned_later_in_the_list():
    sessions = [lecture("L1"), lecture("L2"), lecture("Pinned", date=D(2027, 1, 25))]
    calendar = date_sessions(TERM, MEETINGS, sessions)
    assert dates(calendar) == [
        ("L1", D(2027, 1, 20)),
        ("Pinned", D(2027, 1, 25)),
        ("L2", D(2027, 1, 27)),
    ]
    assert messages(calendar) == [
        (
            "order",
            ("sessions", 1),
            "'L2' falls on 2027-01-27, after 'Pinned' (sessions[2], pinned to 2027-01-25) "
            "that follows it in the list",
        )
    ]


def test_continues_shares_the_previous_slot():
    sessions = [lecture("L1"), lecture("Second topic", continues=True), lecture("L2")]
    calendar = date_sessions(TERM, MEETINGS, sessions)
    rows = calendar.sessions
    assert [(r.title, r.date, r.start_time, r.continues) for r in rows] == [
        ("L1", D(2027, 1, 20), dt.time(13, 25), False),
        ("Second topic", D(2027, 1, 20), dt.time(13, 25), True),
        ("L2", D(2027, 1, 25), dt.time(13, 25), False),
    ]


def test_other_kinds_use_lecture_slots_unless_they_have_a_pattern():
    lab = Meeting(kind="lab", days=["Tue"], time="15:00-17:00", location="GHC 5201")
    sessions = [
        Session(title="Guest", kind="guest"),
        Session(title="Lab 1", kind="lab"),
        Session(title="Exam", kind="exam"),
    ]
    calendar = date_sessions(TERM, [*MEETINGS, lab], sessions)
    assert [(r.title, r.date, r.location) for r in calendar.sessions] == [
        ("Guest", D(2027, 1, 20), "TEP 1403"),
        ("Exam", D(2027, 1, 25), "TEP 1403"),
        ("Lab 1", D(2027, 1, 26), "GHC 5201"),
    ]


def test_more_sessions_than_slots_names_the_first_that_does_not_fit():
    term = Term(start=D(2027, 1, 18), end=D(2027, 1, 29))
    sessions = [lecture(f"L{i}") for i in range(1, 7)]
    calendar = date_sessions(term, MEETINGS, sessions)
    assert calendar.unplaced == [4, 5]
    assert [(f.code, f.path, f.error) for f in calendar.findings] == [
        ("no-slot", ("sessions", 4), True)
    ]
    assert calendar.errors[0].message == (
        "'L5' does not fit: no free lecture slot is left before the end of the term "
        "(2027-01-29); the term has 4 lecture slots for 6 sessions; 1 more after it do not "
        "fit either"
    )


def test_an_undated_break_and_a_kind_without_pattern_are_errors():
    sessions = [Session(title="Break", kind="break"), rec("R1")]
    calendar = date_sessions(TERM, MEETINGS[:1], sessions)
    assert [(f.code, f.path, f.error) for f in calendar.findings] == [
        ("break-needs-date", ("sessions", 0), True),
        ("no-pattern", ("sessions", 1), True),
    ]
    assert calendar.errors[1].fix == (
        'add e.g. `- {kind: recitation, days: [Fri], time: "10:10-11:00"}` under `meetings`, '
        "or give the session a date"
    )


def test_warnings_for_holidays_shared_slots_days_off_and_the_term():
    sessions = [
        lecture("On break", date=D(2027, 3, 10)),
        lecture("A", date=D(2027, 1, 20)),
        lecture("B", date=D(2027, 1, 20)),
        Session(title="Sat", kind="other", date=D(2027, 1, 23), due=[{"title": "HW1"}]),
        lecture("Late", date=D(2027, 6, 1)),
    ]
    calendar = date_sessions(TERM, MEETINGS, sessions, [SPRING_BREAK])
    assert messages(calendar) == [
        (
            "on-holiday",
            ("sessions", 0, "date"),
            "'On break' is on 2027-03-10, during Spring break (2027-03-08 to 2027-03-12)",
        ),
        (
            "slot-clash",
            ("sessions", 2, "date"),
            "'B' and 'A' (sessions[1]) are both in the lecture slot on 2027-01-20",
        ),
        (
            "outside-term",
            ("sessions", 4, "date"),
            "2027-06-01 is outside the term (2027-01-19 to 2027-05-07)",
        ),
        ("due-day-off", ("sessions", 3, "due"), "'HW1' is due on 2027-01-23, a Saturday"),
    ]
    assert all(not f.error for f in calendar.findings)


def test_deadlines_carry_the_session_date():
    sessions = [lecture("L1", due=[{"title": "I1", "url": "https://x/i1"}, {"title": "PhD"}])]
    calendar = date_sessions(TERM, MEETINGS, sessions)
    assert [(d.date, d.title, d.url, d.index, d.item) for d in calendar.deadlines] == [
        (D(2027, 1, 20), "I1", "https://x/i1", 0, 0),
        (D(2027, 1, 20), "PhD", None, 0, 1),
    ]


def test_wall_clock_time_holds_across_the_march_dst_change():
    """DST starts on Sunday 2027-03-14 in New York: 13:25 local is 18:25 UTC before, 17:25
    after."""
    term = Term(start=D(2027, 3, 8), end=D(2027, 3, 19))
    calendar = date_sessions(term, MEETINGS, [lecture("Before"), lecture("x"), lecture("After")])
    before, after = calendar.sessions[0], calendar.sessions[2]
    assert (before.date, after.date) == (D(2027, 3, 8), D(2027, 3, 15))
    assert before.start.strftime("%H:%M %Z") == "13:25 EST"
    assert after.start.strftime("%H:%M %Z") == "13:25 EDT"
    assert before.start.utcoffset() == dt.timedelta(hours=-5)
    assert after.start.utcoffset() == dt.timedelta(hours=-4)
    assert before.start.astimezone(dt.UTC).time() == dt.time(18, 25)
    assert after.start.astimezone(dt.UTC).time() == dt.time(17, 25)


def test_a_session_time_overrides_the_pattern():
    session = Session(title="Final", kind="presentation", date=D(2027, 5, 6), time="5:30-8:30 PM")
    row = date_sessions(TERM, MEETINGS, [session]).sessions[0]
    assert (row.start_time, row.end_time) == (dt.time(17, 30), dt.time(20, 30))


@pytest.mark.parametrize(
    "text,expected",
    [
        ("13:25-14:45", ((13, 25), (14, 45))),
        ("5:30-8:30 PM", ((17, 30), (20, 30))),
        ("1-4pm", ((13, 0), (16, 0))),
        ("11-1pm", ((11, 0), (13, 0))),
        ("10am–12:30pm", ((10, 0), (12, 30))),
        ("Time TBA", None),
        ("14:00-13:00", None),
    ],
)
def test_parse_time_range(text, expected):
    result = parse_time_range(text)
    assert result == (expected and tuple(dt.time(*pair) for pair in expected))


def test_an_unknown_time_zone_is_an_error_with_a_guess():
    term = Term(start=D(2027, 1, 19), end=D(2027, 5, 7), timezone="America/New_Yrok")
    calendar = date_sessions(term, MEETINGS, [lecture("L1")])
    assert [(f.code, f.message, f.fix) for f in calendar.errors] == [
        ("timezone", "unknown time zone 'America/New_Yrok'", "did you mean 'America/New_York'?")
    ]


def test_every_committed_offering_keeps_its_own_dates_without_findings():
    """Fully dated schedules pass through unchanged: the engine only adds to them."""
    schedule = Schedule.model_validate(read_yaml(REPO / "schedule.yaml", "schedule.yaml").data)
    checked = []
    for oid, offering in schedule.built().items():
        if any(s.date is None and not s.continues for s in offering.sessions):
            continue  # dated by the engine: see the next test
        checked.append(oid)
        calendar = date_sessions(offering.term, offering.meetings, offering.sessions)
        assert calendar.findings == [], oid
        expected, day = [], None
        for session in offering.sessions:
            day = session.date or day
            expected.append((session.title, day))
        assert dates(calendar) == expected, oid
    assert checked, "no fully dated offering left to check"


def test_spring_2027_is_dated_by_the_engine():
    """S2027 carries no hand-typed dates: the term, meeting pattern and 2027 holidays
    place every session, with a "No class" row for spring break and carnival."""
    schedule = Schedule.model_validate(read_yaml(REPO / "schedule.yaml", "schedule.yaml").data)
    offering = schedule.built()["S2027"]
    assert all(s.date is None for s in offering.sessions)
    calendar = date_sessions(offering.term, offering.meetings, offering.sessions)
    assert calendar.findings == [] and calendar.unplaced == []
    by_id = {r.id: r.date for r in calendar.sessions if r.id}
    assert by_id["intro"] == D(2027, 1, 20)
    assert by_id["midterm"] == D(2027, 3, 3)
    assert by_id["final-presentations"] == D(2027, 5, 3)
    breaks = [(r.date, r.title) for r in calendar.sessions if r.generated]
    assert breaks == [(D(2027, 3, 8), "Spring break"), (D(2027, 4, 16), "Spring carnival")]
    assert all(r.date.weekday() in (0, 2) for r in calendar.sessions if r.kind == "lecture")
    assert all(r.date.weekday() == 4 for r in calendar.sessions if r.kind == "recitation")


def test_holiday_shapes():
    assert list(Holiday(name="x", start=D(2027, 3, 8), end=D(2027, 3, 9)).days()) == [
        D(2027, 3, 8),
        D(2027, 3, 9),
    ]
    for bad in ({"name": "x"}, {"name": "x", "date": D(2027, 1, 1), "start": D(2027, 1, 1)}):
        with pytest.raises(ValueError):
            Holiday.model_validate(bad)


def test_read_holidays_reports_every_bad_entry_with_its_position(tmp_path):
    path = tmp_path / "holidays.yaml"
    path.write_text(
        "holidays:\n"
        "  - {name: Fine, date: 2027-01-18}\n"
        "  - {name: Bad, date: 2027-02-30}\n"
        "  - {name: Backwards, start: 2027-03-12, end: 2027-03-08}\n"
    )
    with pytest.raises(CourseError) as raised:
        read_holidays(path, "holidays.yaml")
    assert [str(p) for p in raised.value.problems] == [
        "holidays.yaml:3:23: holidays[1].date: '2027-02-30' is not a date (use YYYY-MM-DD)",
        "holidays.yaml:4:5: holidays[2]: the holiday ends (2027-03-08) before it starts "
        "(2027-03-12) (swap `start` and `end`)",
    ]
    path.write_text("- {name: Fine, date: 2027-01-18}\n")
    assert read_holidays(path, "h.yaml") == [Holiday(name="Fine", date=D(2027, 1, 18))]


def test_offering_calendar_places_findings_in_the_file(make_course):
    course = make_course()
    path = course / "schedule.yaml"
    path.write_text(path.read_text().replace("date: 2026-01-21", "date: 2026-01-24"))
    source = read_yaml(path, "schedule.yaml")
    offering = Schedule.model_validate(source.data).offerings["S2026"]
    calendar, errors, warnings = offering_calendar("S2026", offering, source)
    line, column = source.values[("offerings", "S2026", "sessions", 4, "due")]
    assert errors == []
    assert [str(w) for w in warnings] == [
        f"schedule.yaml:{line}:{column}: offerings.S2026.sessions[4].due: 'A1: Warm-up', "
        "'PhD project' are due on 2026-01-24, a Saturday (move the due item to a session on "
        "a class day)"
    ]
    assert [d.title for d in calendar.deadlines] == ["A1: Warm-up", "PhD project"]
