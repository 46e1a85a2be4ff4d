"""Build the minimal fixture course end to end and look at what a student would see."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def built(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    return course, out


def test_schedule_rows_carry_date_kind_and_content(built):
    _, out = built
    page = soup(out / "S2026" / "schedule" / "index.html")
    rows = page.select("table.ck-schedule tr[data-date]")
    assert [(r["data-date"], r["data-kind"]) for r in rows] == [
        ("2026-01-12", "lecture"),
        ("2026-01-12", "lecture"),  # continues the previous session
        ("2026-01-16", "recitation"),
        ("2026-01-19", "break"),
        ("2026-01-21", "lecture"),
        ("2026-01-28", "exam"),
    ]
    first = rows[0]
    assert first.select_one(".ck-date").get_text() == "Mon, Jan 12"
    assert first.select_one(".ck-title a")["href"] == "https://example.org/slides/intro.html"
    assert [a.get_text() for a in first.select(".ck-links a")] == [
        "md",
        "pdf",
        "video 1",
        "video 2",
    ]
    reading = first.select_one(".ck-reading").get_text()
    assert reading == "The Book, Ch. 1, 2 and Paper A or Paper B"
    assert rows[1].select_one(".ck-date").get_text() == ""
    assert rows[2].select_one(".ck-badge").get_text() == "Recitation"
    assert rows[3].select_one(".ck-badge").get_text() == "No class"
    assert rows[5].select_one(".ck-badge").get_text() == "Exam"
    assert rows[5].select_one(".ck-title strong").get_text() == "Midterm"
    assert rows[5].select_one(".ck-notes").get_text() == "in Room 2"


def test_local_assignment_page_is_published_and_linked(built):
    _, out = built
    page = soup(out / "S2026" / "schedule" / "index.html")
    link = page.select_one("tr[data-date='2026-01-21'] .ck-due a")
    assert link.get_text() == "A1: Warm-up"
    assert link["href"] == "../assignments/a1/"
    target = out / "S2026" / "assignments" / "a1" / "index.html"
    assert soup(target).select_one("h1").get_text(strip=True).startswith("A1: Warm-up")


def test_home_page_has_logistics_description_and_pages(built):
    _, out = built
    home = soup(out / "S2026" / "index.html")
    text = home.select_one("article").get_text(" ", strip=True)
    assert "Lectures: Mon/Wed 13:25–14:45, Room 1" in text
    assert "Recitations: Fri 10:10–11:00" in text
    assert "A tiny course used by the tests." in text
    nav = [a.get_text(strip=True) for a in home.select(".md-tabs__link")]
    assert nav == ["Home", "Schedule", "Readings", "Assignments", "Updates", "Syllabus"]
    syllabus = soup(out / "S2026" / "syllabus" / "index.html")
    assert syllabus.select_one("h1").get_text(strip=True).startswith("Syllabus")


def test_formulas_on_course_pages_are_mathml(built):
    _, out = built
    syllabus = soup(out / "S2026" / "syllabus" / "index.html")
    formulas = syllabus.select("article math")
    assert [m["display"] for m in formulas] == ["inline", "inline", "inline", "block"]
    assert formulas[3].select_one("annotation").get_text() == r"g = \frac{2a + 3p}{5}"
    assert formulas[3].select_one("mfrac") is not None


def test_landing_lists_offerings_newest_first(built):
    _, out = built
    landing = soup(out / "index.html")
    items = landing.select("ul.ck-offerings li")
    assert [li["data-offering"] for li in items] == ["S2026", "F2025"]
    assert items[0].select_one("a")["href"] == "./S2026/"
    assert items[1].select_one("a")["href"] == "https://example.org/f2025"


def test_semester_switcher_files(built):
    _, out = built
    versions = json.loads((out / "versions.json").read_text())
    assert versions == [
        {"version": "S2026", "title": "Spring 2026", "aliases": ["current"]},
        {"version": "F2025", "title": "Fall 2025", "aliases": []},
    ]
    stub = (out / "F2025" / "index.html").read_text()
    assert "url=https://example.org/f2025" in stub
    # Material shows the switcher when its page config names mike as the version provider,
    # and fetches versions.json from the folder above the semester's base.
    for semester in ("S2026", "S2026/schedule"):
        config = json.loads(
            soup(out / semester / "index.html").select_one("script#__config").string
        )
        assert config["version"] == {"provider": "mike", "default": "S2026", "alias": False}
        base = out / semester / config["base"]
        assert (base / ".." / "versions.json").resolve() == (out / "versions.json").resolve()


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_failed_build_leaves_previous_site_untouched(built, run):
    course, out = built
    before = tree_digest(out)
    schedule = course / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("2026-01-21", "2026-02-30"))
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert "'2026-02-30' is not a date" in result.err
    assert tree_digest(out) == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".site")] == []


def test_engine_failure_leaves_previous_site_untouched(built, run):
    course, out = built
    before = tree_digest(out)
    (course / "mkdocs.yml").write_text("theme:\n  name: no-such-theme\n")
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert "no-such-theme" in result.err
    assert tree_digest(out) == before


def test_single_semester_build_keeps_the_others(built, run):
    course, out = built
    marker = out / "S2026" / "marker.txt"
    marker.write_text("old")
    result = run("build", "--root", course, "--out", out, "--semester", "S2026")
    assert result.code == 0, result
    assert not marker.exists()  # S2026 was rebuilt from scratch
    assert (out / "index.html").exists() and (out / "versions.json").exists()


def test_single_semester_build_of_a_fresh_clone_builds_the_missing_ones(make_course, run):
    course = make_course()
    schedule = course / "schedule.yaml"
    summer = """  M2026:
    title: Summer 2026
    term: {start: 2026-06-01, end: 2026-06-12}
    sessions:
      - {date: 2026-06-01, title: Summer start}
"""
    schedule.write_text(schedule.read_text().replace("offerings:\n", "offerings:\n" + summer))
    out = course / "site"
    result = run("build", "--root", course, "--semester", "S2026")
    assert result.code == 0, result
    assert result.out.startswith("Built M2026, S2026 into"), result
    assert (out / "M2026" / "schedule" / "index.html").is_file()
    before = (out / "M2026" / "index.html").stat().st_mtime_ns
    again = run("build", "--root", course, "--semester", "S2026")
    assert again.out.startswith("Built S2026 into"), again
    assert (out / "M2026" / "index.html").stat().st_mtime_ns == before  # kept, not rebuilt


def test_unknown_semester_is_a_clear_error(built, run):
    course, out = built
    result = run("build", "--root", course, "--out", out, "--semester", "F2025")
    assert result.code == 1, result
    assert result.err == (
        "Error: schedule.yaml:15:1: offerings: --semester F2025: that offering is built "
        "elsewhere (offerings built here: S2026)\n"
    )


def test_readings_page_groups_readings_by_week(built):
    _, out = built
    page = soup(out / "S2026" / "readings" / "index.html")
    assert page.select_one(".ck-lead").get_text().startswith("3 readings for Spring 2026")
    weeks = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h2")]
    assert weeks == ["Week 1: Mon, Jan 12 – Fri, Jan 16"]
    session = page.select_one("h3.ck-reading-session")
    assert session.get_text() == "Mon, Jan 12 · Introduction"
    assert session.select_one("a")["href"] == "../schedule/#intro"
    items = [li.get_text() for li in page.select("ul.ck-reading-list li")]
    assert items == ["The Book, Ch. 1, 2", "Paper A", "or Paper B"]
    chapter = page.select("ul.ck-reading-list li")[0].select("a")
    assert [a["href"] for a in chapter[1:]] == [
        "https://example.org/book/ch1",
        "https://example.org/book/ch2",
    ]


def test_assignments_overview_lists_due_items_past_ones_latest_first(built):
    _, out = built
    page = soup(out / "S2026" / "assignments" / "index.html")
    rows = page.select("table.ck-assignments tbody.ck-past tr.ck-assignment")
    cells = [[td.get_text(" ", strip=True) for td in row.select("td")] for row in rows]
    assert cells == [
        ["Wed, Jan 21", "A1: Warm-up", "individual", "10", "Mon, Jan 12"],
        ["Wed, Jan 21", "or PhD project", "", "", ""],
    ]
    assert rows[0].select_one("td a")["href"] == "../schedule/#quality"
    assert rows[0].select("td a")[1]["href"] == "a1/"


def test_assignment_pages_appear_on_their_release_day(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out, "--as-of", "2026-01-11")
    assert result.code == 0, result
    due = soup(out / "S2026" / "schedule" / "index.html").select_one("tr#quality .ck-due")
    assert due.get_text() == "Due: A1: Warm-up or PhD project"
    assert due.select("a") == []
    assert not (out / "S2026" / "assignments" / "a1").exists()


def test_calendar_feed_and_subscribe_buttons(built):
    import icalendar

    _, out = built
    feed = icalendar.Calendar.from_ical((out / "S2026" / "calendar.ics").read_bytes())
    events = {str(e["UID"]): e for e in feed.walk("VEVENT")}
    intro = events["S2026-intro@coursekit"]
    assert str(intro["SUMMARY"]).startswith("Introduction")
    assert intro.decoded("DTSTART").isoformat() == "2026-01-12T13:25:00-05:00"
    assert str(intro["LOCATION"]) == "Room 1"
    page = soup(out / "S2026" / "schedule" / "index.html")
    buttons = {a.get_text(): a["href"] for a in page.select(".ck-calendar a")}
    assert buttons == {
        "Subscribe in your calendar": "../calendar.ics",
        "Download .ics": "../calendar.ics",
    }
