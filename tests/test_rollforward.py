"""`coursekit new-semester`: Spring 2022 rolled forward into a 2027 term keeps its sessions
and order, leaves the rest of schedule.yaml byte for byte, and is dated around the holidays."""

from __future__ import annotations

import datetime as dt
import functools
import shutil

import pytest
import yaml

from conftest import REPO
from coursekit.authoring.rollforward import roll_forward
from coursekit.errors import CourseError
from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.model import BuiltOffering, Meeting, Schedule, Session, Term
from coursekit.schedule.yamlsource import read_yaml

D = dt.date
HOLIDAYS = [
    Holiday(name="Martin Luther King Jr. Day", date=D(2027, 1, 18)),
    Holiday(name="Spring break", start=D(2027, 3, 8), end=D(2027, 3, 12)),
    Holiday(name="Spring carnival", start=D(2027, 4, 15), end=D(2027, 4, 17)),
]
HOLIDAYS_YAML = """\
# CMU Spring 2027
- {name: Martin Luther King Jr. Day, date: 2027-01-18}
- {name: Spring break, start: 2027-03-08, end: 2027-03-12}
- {name: Spring carnival, start: 2027-04-15, end: 2027-04-17}
"""


@pytest.fixture
def course(tmp_path):
    shutil.copy(REPO / "schedule.yaml", tmp_path / "schedule.yaml")
    (tmp_path / "holidays.yaml").write_text(HOLIDAYS_YAML)
    return tmp_path


@functools.cache
def rolled():
    text = (REPO / "schedule.yaml").read_text()
    result = roll_forward(
        text, "R2027", "S2022", D(2027, 1, 19), D(2027, 5, 7), HOLIDAYS, title="Spring 2027"
    )
    return text, result


def test_the_rest_of_the_file_is_unchanged_and_its_comments_survive():
    text, result = rolled()
    assert result.text.startswith(text)
    assert "# Run `coursekit check` after every edit" in result.text
    assert "  # ── Spring 2022 ──" in result.text
    added = result.text[len(text) :]
    assert added.startswith("\n  # ── Spring 2027 (from S2022, by coursekit new-semester) ─────")
    assert added.endswith(result.block)
    assert len(added.splitlines()[1]) == 84  # as wide as the other offering headers


def test_sessions_keep_order_and_content_without_dates_or_break_rows():
    _, result = rolled()
    old = [
        s.model_dump(exclude={"date"})
        for s in Schedule.model_validate(read_yaml(REPO / "schedule.yaml", "schedule.yaml").data)
        .offerings["S2022"]
        .sessions
        if s.kind != "break"
    ]
    new = [Session.model_validate(s) for s in result.offering["sessions"]]
    assert all(s.date is None for s in new)
    assert [s.model_dump(exclude={"date"}) for s in new] == old
    assert result.dropped == ["Midsemester break & spring break", "Spring carnival, no classes"]
    block = yaml.safe_load("offerings:\n" + result.block)["offerings"]["R2027"]
    assert block["term"] == {
        "start": D(2027, 1, 19),
        "end": D(2027, 5, 7),
        "holidays": [h.model_dump(exclude_none=True) for h in HOLIDAYS],
    }
    assert block["meetings"] == [
        {"kind": "lecture", "days": ["Mon", "Wed"], "time": "13:25-14:45"},
        {"kind": "recitation", "days": ["Fri"], "time": "10:10-11:00"},
    ]
    assert '      - {kind: lecture, days: [Mon, Wed], time: "13:25-14:45"}\n' in result.block


def test_the_new_offering_validates_once_term_has_holidays():
    """What `load.py` will do after wiring: the block validates as a BuiltOffering whose term
    also takes `holidays`, and the engine dates every session."""

    class TermWithHolidays(Term):
        holidays: list[Holiday] = []

    class Offering(BuiltOffering):
        term: TermWithHolidays

    _, result = rolled()
    data = yaml.safe_load("offerings:\n" + result.block)["offerings"]["R2027"]
    offering = Offering.model_validate(data)
    calendar = date_sessions(offering.term, offering.meetings, offering.sessions)
    assert calendar.findings == [] and calendar.unplaced == []
    assert [(r.title, r.date) for r in calendar.sessions] == [
        (r.title, r.date) for r in result.calendar.sessions
    ]


def test_the_2027_dates_follow_the_new_holidays():
    _, result = rolled()
    calendar = result.calendar
    assert calendar.findings == [] and calendar.unplaced == []
    on = {row.title: row.date for row in calendar.sessions}
    assert on["Introduction and Motivation"] == D(2027, 1, 20)  # Tue start: first Wed
    assert on["Git and Team Collaboration"] == D(2027, 1, 22)
    assert on["Teamwork Primer"] == on["Model Quality 1: Accuracy and Correctness"]
    assert on["Midterm"] == D(2027, 3, 3)
    assert on["Spring break"] == D(2027, 3, 8)
    assert on["Managing and Processing Large Datasets"] == D(2027, 3, 15)
    assert on["Containers: Docker"] == D(2027, 3, 19)  # not Mar 5: after its lectures
    assert on["Spring carnival"] == D(2027, 4, 16)
    assert on["Threat modeling"] == D(2027, 4, 23)  # carnival moves the recitation …
    assert on["Safety continued"] == D(2027, 4, 21)  # … but not the lectures
    assert on["Final Project Presentations"] == D(2027, 5, 3)
    assert "Martin Luther King Jr. Day" not in on  # Jan 18 is before the term
    generated = [r.title for r in calendar.sessions if r.generated]
    assert generated == ["Spring break", "Spring carnival"]
    lectures = [r for r in calendar.sessions if r.kind == "lecture" and not r.continues]
    assert all(r.date.strftime("%a") in ("Mon", "Wed") for r in lectures)
    assert all(r.start_time == dt.time(13, 25) for r in lectures)


def test_cli_writes_the_offering_and_prints_the_dates(run, course):
    result = run(
        "new-semester", "R2027", "--from", "S2022", "--start", "2027-01-19",
        "--end", "2027-05-07", "--holidays", course / "holidays.yaml", "--root", course,
        "--title", "Spring 2027",
    )  # fmt: skip
    assert result.code == 0, result
    assert result.err == ""
    assert result.out.startswith(
        "Added R2027 (Spring 2027) to schedule.yaml: 40 sessions from S2022; left out its "
        "break rows (Midsemester break & spring break; Spring carnival, no classes).\n"
        "Dates in the term 2027-01-19 to 2027-05-07:\n"
        "  Wed, Jan 20  13:25  Introduction and Motivation\n"
        "  Fri, Jan 22  10:10  [recitation] Git and Team Collaboration\n"
    )
    assert "  Mon, Mar 8          [break] Spring break\n" in result.out
    assert "  Mon, Apr 19  13:25  Security continued; Safety\n" in result.out
    text = (course / "schedule.yaml").read_text()
    assert text.startswith((REPO / "schedule.yaml").read_text())
    assert "  R2027:\n    title: Spring 2027\n" in text


def test_cli_reports_what_does_not_fit_with_its_line(run, course):
    result = run(
        "new-semester", "S2028", "--from", "S2022", "--start", "2027-01-19",
        "--end", "2027-04-30", "--holidays", course / "holidays.yaml", "--root", course,
    )  # fmt: skip
    assert result.code == 1, result
    lines = (course / "schedule.yaml").read_text().splitlines()
    line = max(n for n, text in enumerate(lines, 1) if "title: Final Project Presentations" in text)
    assert result.err == (
        f"Error: schedule.yaml:{line - 1}:9: offerings.S2028.sessions[39]: 'Final Project "
        "Presentations' does not fit: no free lecture slot is left before the end of the term "
        "(2027-04-30); the term has 27 lecture slots for 28 sessions (extend `term.end`, add "
        "meeting days, or merge sessions with `continues: true`)\n"
    )
    assert "title: Spring 2028" in (course / "schedule.yaml").read_text()  # written anyway


def test_default_end_keeps_the_old_term_length(course):
    text = (course / "schedule.yaml").read_text()
    again = roll_forward(text, "F2027", "S2022", D(2027, 8, 30))
    old = D(2022, 5, 2) - D(2022, 1, 19)
    assert again.offering["term"] == {"start": D(2027, 8, 30), "end": D(2027, 8, 30) + old}
    assert again.offering["title"] == "Fall 2027"


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ("S2027", "--from", "S2022"),
            "Error: schedule.yaml:{S2027}:3: offerings.S2027: offering 'S2027' already exists "
            "(choose another id, or remove that offering first)\n",
        ),
        (
            ("S2028", "--from", "F2019"),
            "offering 'F2019' is hosted elsewhere and has no sessions (copy one of: ",
        ),
        (
            ("S2028", "--from", "S2020"),
            "offerings.S2020: offering 'S2020' has no `meetings`, so its sessions cannot be "
            "dated again (add `meetings` (weekly days and times) to S2020, then run this again)",
        ),
        (("S2028", "--from", "S3000"), "offering 'S3000' does not exist (copy one of: "),
    ],
)
def test_cli_refuses_what_it_cannot_do_and_leaves_the_file(run, course, args, message):
    before = (course / "schedule.yaml").read_text()
    result = run("new-semester", *args, "--start", "2027-01-19", "--root", course)
    assert result.code == 1, result
    line = before.splitlines().index("  S2027:") + 1
    assert message.replace("{S2027}", str(line)) in result.err
    assert "Traceback" not in result.err
    assert (course / "schedule.yaml").read_text() == before


def test_cli_reports_a_bad_holidays_file_and_a_bad_date(run, course):
    bad = course / "bad.yaml"
    bad.write_text("- {name: Break, start: 2027-03-08}\n- {name: X, date: 2027-02-30}\n")
    result = run(
        "new-semester", "S2028", "--from", "S2022", "--start", "2027-01-19",
        "--holidays", bad, "--root", course,
    )  # fmt: skip
    assert result.code == 1, result
    assert f"Error: {bad}:1:3: [0]: a holiday needs its days (give `date` for one day" in result.err
    assert f"Error: {bad}:2:19: [1].date: '2027-02-30' is not a date (use YYYY-MM-DD)" in (
        result.err
    )
    result = run("new-semester", "S2028", "--from", "S2022", "--start", "Jan 19", "--root", course)
    assert result.code == 2, result
    assert "'Jan 19' is not a date (use YYYY-MM-DD, e.g. 2027-01-19)" in result.err


def test_a_file_ruamel_would_reformat_is_left_alone():
    text = "course: {title: T, institution: U}\nofferings:\n  A:\n   title: a\n"
    text += "   term: {start: 2027-01-01, end: 2027-02-01}\n"
    text += "   meetings:\n   - {kind: lecture, days: [Mon], time: '9:00-10:00'}\n"
    text += "   sessions:\n   -   title: x\n"
    with pytest.raises(CourseError) as raised:
        roll_forward(text, "B", "A", D(2028, 1, 1))
    assert "ruamel.yaml would change the layout of this file" in str(raised.value)


def test_meetings_are_copied_as_validated_models():
    _, result = rolled()
    assert [Meeting.model_validate(m) for m in result.offering["meetings"]][0].days == [
        "Mon",
        "Wed",
    ]


def test_cli_reports_file_problems_like_check_does(run, course):
    path = course / "schedule.yaml"
    path.write_bytes(path.read_bytes().replace(b"Spring 2022", b"Spring 2022 \xff", 1))
    result = run(
        "new-semester", "S2028", "--from", "S2022", "--start", "2027-01-19", "--root", course
    )
    assert result.code == 1, result
    assert "is not UTF-8 (save the file as UTF-8)" in result.err
    assert "Traceback" not in result.err
