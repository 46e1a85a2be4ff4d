"""Announcements (`announcements/*.md`) as students meet them: the announcements page, the
latest three on the home page (pinned first), the Atom feed (tagged entries) and, with the
setting, `calendar.ics`; release gating follows `--as-of` like the rest of the site."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
from bs4 import BeautifulSoup

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = '<img src=x onerror="alert(1)"> & **bold** [link](javascript:alert(1))'


def announce(root: Path, name: str, body: str = "Hello **everyone**.", **front: str) -> None:
    folder = root / "announcements"
    folder.mkdir(exist_ok=True)
    lines = "".join(f"{key}: {value}\n" for key, value in front.items())
    (folder / f"{name}.md").write_text(f"---\n{lines}---\n{body}\n", "utf-8")


def build(run, root: Path, as_of: str = "2026-01-15") -> Path:
    result = run("build", "--root", root, "--as-of", as_of)
    assert result.code == 0, result.err
    return root / "site" / "S2026"


def soup(site: Path, page: str) -> BeautifulSoup:
    html = (site / page).read_text("utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def home_titles(site: Path) -> list[str]:
    return [a.get_text() for a in soup(site, "index.html").select(".ck-announcements a")]


def test_an_announcement_released_later_appears_on_its_day(make_course, run):
    root = make_course()
    announce(root, "welcome", date="2026-01-10", title="Welcome")
    announce(root, "exam", date="2026-01-20", title="Exam rooms", release="2026-01-20")
    early = build(run, root, "2026-01-15")
    assert home_titles(early) == ["Welcome"]
    assert "Exam rooms" not in soup(early, "announcements/index.html").get_text()
    assert b"Exam rooms" not in (early / "changes.xml").read_bytes()
    later = build(run, root, "2026-01-20")
    assert home_titles(later) == ["Exam rooms", "Welcome"]
    assert "Exam rooms" in soup(later, "announcements/index.html").get_text()


def test_nothing_released_means_no_announcements_page(make_course, run):
    root = make_course()
    announce(root, "exam", date="2026-01-20", title="Exam rooms", release="2026-01-20")
    site = build(run, root, "2026-01-15")
    assert not (site / "announcements").exists()
    assert home_titles(site) == []


def test_the_home_page_shows_the_latest_three_pinned_first(make_course, run):
    root = make_course()
    announce(root, "a", date="2026-01-05", title="Office hours", pin="true")
    announce(root, "b", date="2026-01-08", title="Readings")
    announce(root, "c", date="2026-01-09", title="Teams")
    announce(root, "d", date="2026-01-11", title="Room change")
    site = build(run, root)
    assert home_titles(site) == ["Office hours", "Room change", "Teams"]
    page = soup(site, "announcements/index.html")
    assert [h.get_text().rstrip("¶") for h in page.select("h2")] == [
        "Room change",
        "Teams",
        "Readings",
        "Office hours",
    ]
    assert "Pinned" in page.get_text()
    first = soup(site, "index.html").select_one(".ck-announcements a")["href"]
    assert first == "announcements/#announcement-a"
    assert page.select_one("#announcement-a") is not None


def test_a_hostile_title_is_shown_as_typed_everywhere(make_course, run):
    root = make_course()
    announce(root, "x", date="2026-01-10", title=f"'{HOSTILE}'")
    site = build(run, root)
    for page in ("index.html", "announcements/index.html"):
        article = soup(site, page)
        assert article.select("img") == [], page
        assert not [a for a in article.select("a") if a.get("href", "").startswith("javascript")]
        assert HOSTILE in article.get_text(), page
    feed = ET.fromstring((site / "changes.xml").read_bytes())
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == [HOSTILE]


def test_feed_entries_are_tagged_with_their_category(make_course, run):
    root = make_course()
    announce(root, "welcome", date="2026-01-10", title="Welcome", body="See the *syllabus*.")
    site = build(run, root)
    feed = ET.fromstring((site / "changes.xml").read_bytes())
    (entry,) = feed.findall(f"{ATOM}entry")
    category = entry.find(f"{ATOM}category")
    assert (category.get("term"), category.get("label")) == ("announcements", "Announcements")
    assert entry.findtext(f"{ATOM}content") == "<p>See the <em>syllabus</em>.</p>"
    assert entry.find(f"{ATOM}link").get("href") == "announcements/#announcement-welcome"


def test_announcements_go_into_the_calendar_when_the_course_says_so(make_course, run):
    root = make_course()
    announce(root, "welcome", date="2026-01-10", title="Welcome")

    def events(site: Path) -> list[icalendar.Event]:
        calendar = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
        return [e for e in calendar.walk("VEVENT") if "Announcement" in str(e["SUMMARY"])]

    assert events(build(run, root)) == []
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8").replace(
        "course:\n", "course:\n  announcements: {calendar: true}\n", 1
    )
    schedule.write_text(text, "utf-8")
    (event,) = events(build(run, root))
    assert str(event["SUMMARY"]) == "Announcement: Welcome"
    assert event.start == dt.date(2026, 1, 10)
    assert str(event["TRANSP"]) == "TRANSPARENT"
