"""Week pages (`site/<ID>/weeks/<N>/`): one per week of the term, with the week's sessions,
materials, recordings and what is due (with its time), linked from the schedule's week
bands; recordings on YouTube play through the privacy-enhanced player."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import TESTS
from coursekit.site.videos import video

HOSTILE = '<script>alert("week")</script> & <b>bold</b>'
YOUTUBE = "https://www.youtube.com/watch?v=Wst5A6ZB7Bg&t=1m30s"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The minimal course with a recording on YouTube, a due time and a hostile title."""
    from coursekit.site.build import build_course

    root = tmp_path_factory.mktemp("weeks") / "course"
    shutil.copytree(TESTS / "courses" / "minimal", root)
    schedule = root / "schedule.yaml"
    text = schedule.read_text(encoding="utf-8")
    replacements = {
        "video: [https://example.org/v1, https://example.org/v2]": (
            f"video: ['{YOUTUBE}', https://example.org/v2]"
        ),
        '- {title: "A1: Warm-up", url: assignments/a1.md}': (
            '- {title: "A1: Warm-up", url: assignments/a1.md, time: "17:00"}'
        ),
        "  title: Tiny Course\n": f"  title: Tiny Course\n  short_title: '{HOSTILE}'\n",
        "title: Teamwork primer": f"title: '{HOSTILE}'\n        video: [https://youtu.be/Ccku34DU7k4]",
    }
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    schedule.write_text(text, encoding="utf-8")
    out = root / "site"
    build_course(root, out, as_of=dt.date(2026, 1, 15))
    return out / "S2026"


def test_every_week_of_the_term_has_a_page(site):
    # Mon, Jan 12 to Fri, Jan 30, 2026: three weeks.
    pages = sorted(p.parent.name for p in (site / "weeks").glob("*/index.html"))
    assert pages == ["1", "2", "3"]
    headings = [soup(site / "weeks" / n / "index.html").h1.get_text() for n in pages]
    assert [h.rstrip("¶") for h in headings] == [
        "Week 1: Mon, Jan 12 – Fri, Jan 16",
        "Week 2: Mon, Jan 19 – Fri, Jan 23",
        "Week 3: Mon, Jan 26 – Fri, Jan 30",
    ]


def test_every_week_of_the_default_course_has_a_page(default_site):
    # S2027 runs from Tue, Jan 19 to Fri, May 7, 2027: sixteen Monday-to-Sunday weeks.
    weeks = default_site / "S2027" / "weeks"
    assert sorted(int(p.parent.name) for p in weeks.glob("*/index.html")) == list(range(1, 17))


def test_a_week_lists_its_sessions_and_due_items_with_their_time(site):
    page = soup(site / "weeks" / "2" / "index.html")
    sessions = page.select("section.ck-week-session")
    assert [s.select_one(".ck-week-day").get_text(" ", strip=True) for s in sessions] == [
        "Mon, Jan 19",
        "Wed, Jan 21",
    ]
    assert "No class (holiday)" in sessions[0].get_text()
    day_link = sessions[1].select_one(".ck-week-day a")["href"]
    assert day_link == "../../schedule/#quality"
    due = page.select(".ck-week-due li")
    assert [d.get_text(" ", strip=True) for d in due] == [
        "A1: Warm-up · due Wed, Jan 21, 17:00",
        "or PhD project · due Wed, Jan 21",
    ]
    assert due[0].time["datetime"] == "2026-01-21T17:00"
    assert due[0].a["href"] == "../../assignments/a1/"
    assert (site / "assignments" / "a1" / "index.html").exists()


def test_a_week_shows_what_comes_out_and_when(site):
    page = soup(site / "weeks" / "1" / "index.html")
    assert [li.get_text(" ", strip=True) for li in page.select(".ck-week-released li")] == [
        "A1: Warm-up · out Mon, Jan 12"
    ]
    nav = page.select_one(".ck-week-nav")
    assert [(a.get_text(), a["href"]) for a in nav.select("a")] == [
        ("Schedule", "../../schedule/"),
        ("Week 2 →", "../2/"),
    ]


def test_youtube_recordings_play_in_the_privacy_enhanced_player_with_a_link(site):
    page = soup(site / "weeks" / "1" / "index.html")
    intro = page.select("section.ck-week-session")[0]
    figure = intro.select_one("figure.ck-video")
    frame = figure.iframe
    assert frame["src"] == "https://www.youtube-nocookie.com/embed/Wst5A6ZB7Bg?start=90"
    assert frame["title"] == "Recording: Introduction"
    assert frame["loading"] == "lazy"
    assert figure.figcaption.a["href"] == YOUTUBE
    # Not a known video site: a plain link, no frame.
    other = intro.select_one(".ck-video-link a")
    assert other["href"] == "https://example.org/v2"
    assert len(intro.select("iframe")) == 1
    assert "youtube.com/embed" not in page.decode()  # never the tracking player


def test_the_schedules_week_bands_link_to_their_week_pages(site):
    schedule = site / "schedule" / "index.html"
    bands = soup(schedule).select("tr.ck-week th a")
    assert [a.get_text() for a in bands] == ["Week 1", "Week 2", "Week 3"]
    for band in bands:
        assert (schedule.parent / band["href"] / "index.html").resolve().is_file(), band


def test_a_hostile_title_stays_text_on_its_week_page(site):
    page = (site / "weeks" / "1" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "<b>bold</b>" not in page
    parsed = BeautifulSoup(page, "html.parser")
    topic = parsed.select("section.ck-week-session")[1].select_one(".ck-week-topic")
    assert topic.get_text(" ", strip=True) == HOSTILE
    frame = parsed.select("section.ck-week-session")[1].iframe
    assert frame["title"] == f"Recording: {HOSTILE}"


def test_a_hostile_short_title_stays_text_in_the_header(site):
    page = (site / "schedule" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    meta = BeautifulSoup(page, "html.parser").select_one('meta[name="coursekit:short-title"]')
    assert meta["content"] == HOSTILE


@pytest.mark.parametrize(
    ("url", "embed"),
    [
        ("https://youtu.be/Ccku34DU7k4", "https://www.youtube-nocookie.com/embed/Ccku34DU7k4"),
        (
            "https://m.youtube.com/watch?feature=share&v=Ccku34DU7k4&t=75",
            "https://www.youtube-nocookie.com/embed/Ccku34DU7k4?start=75",
        ),
        (
            "https://www.youtube.com/live/Ccku34DU7k4",
            "https://www.youtube-nocookie.com/embed/Ccku34DU7k4",
        ),
        (
            "https://cmu.hosted.panopto.com/Panopto/Pages/Viewer.aspx?id="
            "0a1b2c3d-4e5f-6789-abcd-ef0123456789",
            "https://cmu.hosted.panopto.com/Panopto/Pages/Embed.aspx?id="
            "0a1b2c3d-4e5f-6789-abcd-ef0123456789&autoplay=false&offerviewer=true",
        ),
        ("https://www.youtube.com/playlist?list=PL123", None),
        ("https://youtu.be/short", None),
        ("https://vimeo.com/123456", None),
        ("javascript:alert(1)//youtu.be/Ccku34DU7k4", None),
        ("recordings/intro.mp4", None),
    ],
)
def test_which_recordings_are_embedded(url, embed):
    shown = video(url)
    assert (shown.href, shown.embed) == (url, embed)
