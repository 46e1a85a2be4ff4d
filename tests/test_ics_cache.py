"""The calendar's event cache and line folding (issue 17): a calendar made with a warm cache
is byte for byte the one made without, whatever input changed; folding matches icalendar's."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import icalendar
import pytest

from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.ics_event import ics_bytes
from coursekit.schedule.model import Meeting, Session, Term
from coursekit.site.build import build_course
from coursekit.site.caches import Caches

D = dt.date
TERM = Term(start=D(2027, 3, 1), end=D(2027, 3, 31))
LECTURE = Meeting(kind="lecture", days=["Mon", "Wed"], time="13:25-14:45", location="TEP 1403")
STAMP = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def rows(title: str = "Intro", due: str = "I1: Case Study") -> list[Session]:
    return [
        Session(id="intro", title=title, slides="https://x.org/intro.html"),
        Session(title="Model Quality", readings=[{"title": "Book", "url": "https://x.org/b"}]),
        Session(title="Review", due=[{"title": due, "url": "https://x.org/i1"}]),
        Session(kind="exam", title="Midterm"),
    ]


def ics(cache: dict[Any, bytes] | None, **change: Any) -> bytes:
    args: dict[str, Any] = {
        "items": rows(),
        "meeting": LECTURE,
        "site_url": "https://course.example.org/",
        "stamp": STAMP,
        "timezone": TERM.timezone,
        "locale": "en",
    } | change
    calendar = date_sessions(TERM, [args["meeting"]], args["items"], [])
    return calendar_ics(
        "S2027",
        "Spring 2027",
        calendar.sessions,
        calendar.deadlines,
        args["timezone"],
        "Machine Learning in Production",
        args["site_url"],
        stamp=args["stamp"],
        locale=args["locale"],
        sessions=args["items"],
        cache=cache,
    )


CHANGES = {
    "title": {"items": rows(title="Introduction & Overview")},
    "due item": {"items": rows(due="I2: Fairness")},
    "meeting time": {"meeting": LECTURE.model_copy(update={"time": "09:00-10:20"})},
    "location": {"meeting": LECTURE.model_copy(update={"location": "GHC 4401"})},
    "site address": {"site_url": "https://other.example.org/"},
    "stamp": {"stamp": STAMP + dt.timedelta(days=1)},
    "time zone": {"timezone": "Europe/Berlin"},
    "language": {"locale": "de"},
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_a_warm_cache_gives_the_calendar_a_cold_one_gives(name):
    cache: dict[Any, bytes] = {}
    before = ics(cache)
    assert cache, "the first calendar filled the cache"
    after = ics(cache, **CHANGES[name])
    assert after != before, f"changing the {name} changes the calendar"
    assert after == ics(None, **CHANGES[name])
    assert ics(cache) == before


def test_a_build_at_another_time_reuses_every_event_and_stamps_it_anew():
    cache: dict[Any, bytes] = {}
    ics(cache)
    later = STAMP + dt.timedelta(hours=5)
    kept = dict(cache)
    cache_hits = ics(cache, stamp=later)
    assert cache == kept, "no event was serialized again"
    assert cache_hits == ics(None, stamp=later)
    assert cache_hits.count(b"DTSTAMP:20270101T050000Z") == len(kept)


def test_the_calendar_is_what_icalendar_writes_for_it():
    data = ics({})
    assert data == icalendar.Calendar.from_ical(data).to_ical()


TEXT = "aé€😀\\;,:^ bcdefghijklmnopqrstuvwxyz0123456789"


@pytest.mark.parametrize("seed", range(40))
def test_lines_fold_as_icalendar_folds_them(seed):
    """Long and short values, multi-byte characters and escapes near the fold, and ASCII
    lines of every length around the fold (the summary's line is `seed` + 50 octets)."""
    pick = random.Random(seed)
    event = icalendar.Event()
    event.add("SUMMARY", "x" * (seed + 42))
    for name in ("DESCRIPTION", "LOCATION", "X-NOTE"):
        size = pick.choice([1, 20, 60, 70, 72, 73, 74, 75, 76, 140, 300])
        event.add(name, "".join(pick.choice(TEXT) for _ in range(size)))
    assert ics_bytes(event) == event.to_ical()


def test_a_rebuild_with_the_sessions_caches_shows_a_changed_session(make_course, tmp_path):
    root = make_course("minimal")
    caches = Caches()
    build_course(root, tmp_path / "site", caches=caches)
    before = {p: p.read_bytes() for p in (tmp_path / "site").rglob("calendar.ics")}
    assert before and len(caches.calendar_events)
    schedule = root / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    title = "A Renamed Session Title"
    schedule.write_text(text.replace("title: Introduction", f"title: {title}", 1), "utf-8")
    assert schedule.read_text(encoding="utf-8") != text
    build_course(root, tmp_path / "site", caches=caches)
    after = {p: p.read_bytes() for p in (tmp_path / "site").rglob("calendar.ics")}
    assert any(title.encode() in data for data in after.values())
    assert not any(title.encode() in data for data in before.values())
