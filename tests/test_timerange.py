"""One grammar for time ranges: a meeting's `time` and a session's own `time` are read by the
same parser, so what the schedule accepts is what the calendar places, en dash included."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.due import due_time
from coursekit.schedule.model import DueItem, Meeting, Session, Term
from coursekit.schedule.settings import Course
from coursekit.schedule.timerange import MEETING_PATTERN, parse_time_range

T = dt.time
SCHEMA = Path(__file__).parents[1] / "schedule.schema.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:25-14:45", (T(13, 25), T(14, 45))),
        ("13:25–14:45", (T(13, 25), T(14, 45))),
        ("9:05 - 9:55", (T(9, 5), T(9, 55))),
        ("1:30pm-2:50pm", (T(13, 30), T(14, 50))),
        ("5:30-8:30 PM", (T(17, 30), T(20, 30))),
        ("Time TBA", None),
        ("14:45-13:25", None),
        ("23:25-25:45", None),
    ],
)
def test_parse(text, expected):
    assert parse_time_range(text) == expected


@pytest.mark.parametrize("text", ["10:30-11:50", "10:30–11:50", "10:30 – 11:50", "9:05 - 9:55"])
def test_a_meeting_time_is_what_the_parser_reads(text):
    meeting = Meeting(kind="lecture", days=["Mon"], time=text)
    assert meeting.times() == parse_time_range(text)
    assert re.match(MEETING_PATTERN, text), "the JSON schema accepts what the loader accepts"


def test_the_schema_pattern_is_the_validators():
    schema = json.loads(SCHEMA.read_text("utf-8"))
    assert schema["$defs"]["Meeting"]["properties"]["time"]["pattern"] == MEETING_PATTERN


def test_a_12_hour_meeting_time_names_the_24_hour_one():
    with pytest.raises(ValidationError) as raised:
        Meeting(kind="lecture", days=["Mon"], time="1:25pm-2:45pm")
    error = raised.value.errors()[0]["ctx"]["error"]
    assert str(error) == "expected a 24-hour time range like 13:25-14:45"
    assert error.fix == 'write it as "HH:MM-HH:MM", in quotes: "13:25-14:45"'


def test_the_calendar_places_an_en_dash_meeting():
    term = Term(start=dt.date(2027, 3, 1), end=dt.date(2027, 3, 5))
    meetings = [Meeting(kind="lecture", days=["Tue"], time="10:30–11:50")]
    sessions = [Session(title="Intro"), Session(title="Final", date=dt.date(2027, 3, 4),
                                                  time="5:30–8:30 PM")]  # fmt: skip
    rows = date_sessions(term, meetings, sessions).sessions
    assert [(r.date, r.start_time, r.end_time) for r in rows] == [
        (dt.date(2027, 3, 2), T(10, 30), T(11, 50)),
        (dt.date(2027, 3, 4), T(17, 30), T(20, 30)),
    ]


@pytest.mark.parametrize(
    ("item_time", "course_time", "expected"),
    [(None, None, None), (None, "23:59", T(23, 59)), ("9:05", "23:59", T(9, 5))],
)
def test_a_due_items_time_overrides_the_courses(item_time, course_time, expected):
    course = Course(title="C", institution="U", assignments={"due_time": course_time})
    item = DueItem(title="A1", time=item_time)
    assert due_time(item, course) == expected
