"""The schedule's assignments cell reads as deadlines and releases, never as a notice:
"Due: A1: Warm-up, 23:59" in the row it is due, "Out: A1: Warm-up" in the row it comes out,
on the page and in its search text. An archived offering's schedule says it is archived and
links the current offering's; it offers no calendar subscription and no "subject to change"."""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _build(make_course, run, tmp_path, *args: str, out: str = "site") -> Path:
    course = tmp_path / "minimal"
    if not course.exists():
        course = make_course("minimal")
        schedule = course / "schedule.yaml"
        text = schedule.read_text("utf-8")
        due_time = '  units: 6\n  assignments: {due_time: "23:59"}\n'
        schedule.write_text(text.replace("  units: 6\n", due_time))
    out = tmp_path / out
    result = run("build", "--root", course, "--out", out, *args)
    assert result.code == 0, result
    return out


def _cell(out: Path, row: str) -> BeautifulSoup:
    page = soup(out / "S2026" / "schedule" / "index.html")
    return page.select_one(f"tr{row} td.ck-work")


def test_a_due_item_reads_as_a_deadline_with_its_time(make_course, run, tmp_path):
    out = _build(make_course, run, tmp_path)
    cell = _cell(out, "#quality")
    lines = [line.get_text() for line in cell.select(".ck-deadline")]
    assert lines == ["Due: A1: Warm-up, 23:59", "or PhD project, 23:59"]
    assert cell.select_one(".ck-deadline a")["href"] == "../assignments/a1/"
    assert cell.select_one(".ck-deadline time")["datetime"] == "2026-01-21T23:59"
    page = soup(out / "S2026" / "schedule" / "index.html")
    headers = [th.get_text() for th in page.select("table.ck-schedule thead th")]
    assert headers == ["Date", "Topic", "Reading", "Assignments"]


def test_the_release_day_says_out_and_the_due_row_no_longer_says_available(
    make_course, run, tmp_path
):
    out = _build(make_course, run, tmp_path, "--as-of", "2026-01-11")
    released = _cell(out, "#intro")
    assert released.get_text() == "Out: A1: Warm-up"
    assert released.select("a") == []  # not online yet
    due = _cell(out, "#quality")
    assert due.get_text() == "Due: A1: Warm-up, 23:59 or PhD project, 23:59"
    assert "available" not in due.get_text()
    # Out is no deadline: the this-week panel reads deadlines from .ck-due only.
    assert released.select(".ck-due") == []

    later = _build(make_course, run, tmp_path, "--as-of", "2026-01-12", out="later")
    assert _cell(later, "#intro").select_one(".ck-out a")["href"] == "../assignments/a1/"


def test_search_finds_the_deadline_wording(make_course, run, tmp_path):
    out = _build(make_course, run, tmp_path)
    index = json.loads((out / "S2026" / "search" / "search_index.json").read_text("utf-8"))
    schedule = " ".join(doc["text"] for doc in index["docs"] if doc["location"] == "schedule/")
    assert "Due: A1: Warm-up, 23:59" in schedule
    assert "Out: A1: Warm-up" in schedule


def test_the_current_offering_still_says_subject_to_change_and_offers_its_calendar(
    make_course, run, tmp_path
):
    out = _build(make_course, run, tmp_path)
    page = soup(out / "S2026" / "schedule" / "index.html")
    assert "Subject to change" in page.select_one(".ck-lead").get_text()
    assert page.select(".ck-calendar a[href='../calendar.ics']")
    assert page.select_one(".ck-archived") is None


def test_archived_offerings_are_marked_on_their_schedule(default_site):
    for oid in ("S2020", "S2022"):
        page = soup(default_site / oid / "schedule" / "index.html")
        article = page.select_one("article")
        assert "subject to change" not in article.get_text().lower(), oid
        assert page.select(".ck-calendar") == [], oid
        assert not [a for a in page.select("a[href]") if "calendar.ics" in a["href"]], oid
        notice = article.select_one(".admonition.ck-archived")
        assert "Archived offering" in notice.get_text(), oid
        link = notice.select_one("a")
        assert link.get_text() == "schedule of Spring 2027"
        assert link["href"] == "../../S2027/schedule/"
        # The link lands on the current offering's schedule in the built site.
        assert (default_site / oid / "schedule" / link["href"] / "index.html").resolve().is_file()
        # Old subscriptions keep working: the file is still published.
        assert (default_site / oid / "calendar.ics").is_file()
    current = soup(default_site / "S2027" / "schedule" / "index.html")
    assert current.select_one(".ck-archived") is None
    assert current.select(".ck-calendar a")
