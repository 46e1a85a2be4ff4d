"""The assignments overview and the box at the top of every assignment page, as a student
sees them: upcoming deadlines first (soonest on top), then past ones; due date and time,
release date once, points, kind; on each page its due date and time, sessions and a
`submit:` button. Built HTML of the fixture and default courses, and in Chromium at 1280 px
(light) and 390 px (dark): entries visibly apart, nothing wider than the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.layout import copy_course

REPO = Path(__file__).parent.parent
# Mid-term in the default course: every page is out, some deadlines are past.
MID_TERM = "2027-04-01"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _edit(course: Path, file: str, old: str, new: str) -> None:
    path = course / file
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def three_deadlines(make_course) -> Path:
    """The minimal course with a deadline in each of its three teaching weeks."""
    course = make_course("minimal")
    _edit(
        course,
        "schedule.yaml",
        "        title: Teamwork primer\n",
        "        title: Teamwork primer\n"
        "        due:\n          - {title: 'A0: Setup', url: https://example.org/a0}\n",
    )
    _edit(
        course,
        "schedule.yaml",
        "        notes: in Room 2\n",
        "        notes: in Room 2\n"
        "        due:\n          - {title: 'A2: Report', time: '09:00'}\n",
    )
    due_time = '  units: 6\n  assignments: {due_time: "23:59"}\n'
    _edit(course, "schedule.yaml", "  units: 6\n", due_time)
    return course


def _overview(site: Path, oid: str = "S2026") -> list[tuple[str, str, str]]:
    """(group, due, title) of every entry, top to bottom."""
    page = soup(site / oid / "assignments" / "index.html")
    return [
        (
            body["class"][0].removeprefix("ck-"),
            row.select_one(".ck-when").get_text(" ", strip=True),
            row.select_one(".ck-what").get_text(" ", strip=True),
        )
        for body in page.select("table.ck-assignments tbody")
        for row in body.select("tr.ck-assignment")
    ]


def test_before_term_every_deadline_is_upcoming_soonest_first(three_deadlines, run, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--root", three_deadlines, "--out", out, "--as-of", "2026-01-05")
    assert result.code == 0, result
    assert _overview(out) == [
        ("upcoming", "Mon, Jan 12 23:59", "A0: Setup"),
        ("upcoming", "Wed, Jan 21 23:59", "A1: Warm-up"),
        ("upcoming", "Wed, Jan 21 23:59", "or PhD project"),
        ("upcoming", "Wed, Jan 28 09:00", "A2: Report"),
    ]


def test_during_term_upcoming_come_first_then_past_latest_first(three_deadlines, run, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--root", three_deadlines, "--out", out, "--as-of", "2026-01-22")
    assert result.code == 0, result
    assert _overview(out) == [
        ("upcoming", "Wed, Jan 28 09:00", "A2: Report"),
        ("past", "Wed, Jan 21 23:59", "A1: Warm-up"),
        ("past", "Wed, Jan 21 23:59", "or PhD project"),
        ("past", "Mon, Jan 12 23:59", "A0: Setup"),
    ]
    page = soup(out / "S2026" / "assignments" / "index.html")
    groups = [th.get_text() for th in page.select("tr.ck-group th")]
    assert groups == ["Upcoming", "Past"]
    due = page.select_one("tr.ck-assignment .ck-when time")
    assert due["datetime"] == "2026-01-28T09:00"


def test_a_page_not_out_yet_shows_its_release_date_once_and_no_link(make_course, run, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--root", make_course(), "--out", out, "--as-of", "2026-01-11")
    assert result.code == 0, result
    page = soup(out / "S2026" / "assignments" / "index.html")
    row = page.select_one("tr.ck-assignment")
    assert [td.get_text(" ", strip=True) for td in row.select("td")] == [
        "Wed, Jan 21",
        "A1: Warm-up",
        "individual",
        "10",
        "Mon, Jan 12",
    ]
    assert row.select_one(".ck-what a") is None
    assert "available" not in page.select_one("table.ck-assignments").get_text()


def _with_submit(course: Path, lines: str) -> None:
    _edit(course, "assignments/a1.md", "points: 10\n", "points: 10\n" + lines)


@pytest.mark.parametrize(
    ("lines", "label", "href"),
    [
        (
            "submit: https://www.gradescope.com/courses/42/assignments/7\n",
            "Submit on Gradescope",
            "https://www.gradescope.com/courses/42/assignments/7",
        ),
        (
            "submit: https://canvas.example.edu/courses/3\n",
            "Submit on canvas.example.edu",
            "https://canvas.example.edu/courses/3",
        ),
        (
            "submit: https://cmu.instructure.com/courses/3\n",
            "Submit on Canvas",
            "https://cmu.instructure.com/courses/3",
        ),
        (
            "submit: https://forms.example.org/a1?x=1&y=2\n"
            "submit_label: 'Hand in <b>A1</b> here'\n",
            "Hand in <b>A1</b> here",
            "https://forms.example.org/a1?x=1&y=2",
        ),
    ],
)
def test_the_submit_link_is_a_button_named_after_its_site(
    make_course, run, tmp_path, lines, label, href
):
    course = make_course()
    _with_submit(course, lines)
    out = tmp_path / "site"
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    button = soup(out / "S2026" / "assignments" / "a1" / "index.html").select_one(
        ".ck-facts .ck-facts-submit a.md-button"
    )
    assert (button.get_text(), button["href"]) == (label, href)
    assert button.select_one("b") is None  # a label is text, never markup


def test_a_page_without_submit_has_no_button_and_the_box_sits_below_the_heading(
    make_course, run, tmp_path
):
    out = tmp_path / "site"
    result = run("build", "--root", make_course(), "--out", out)
    assert result.code == 0, result
    page = soup(out / "S2026" / "assignments" / "a1" / "index.html")
    box = page.select_one("article .ck-facts")
    assert box.find_previous_sibling("h1").get_text().rstrip("¶") == "A1: Warm-up"
    facts = {
        dt.get_text(): [dd.get_text(" ", strip=True) for dd in _dds(dt)] for dt in box.select("dt")
    }
    assert facts == {
        "Due": ["Wed, Jan 21, 2026"],
        "Out": ["Mon, Jan 12, 2026"],
        "Points": ["10"],
        "Kind": ["individual"],
        "Session": ["Wed, Jan 21 · Quality"],
    }
    assert box.select_one(".ck-facts-session a")["href"] == "../../schedule/#quality"
    assert box.select_one(".ck-facts-due a")["href"] == "../../schedule/#quality"


def _dds(dt):
    found = []
    for sibling in dt.find_next_siblings():
        if sibling.name != "dd":
            break
        found.append(sibling)
    return found


# The default course, mid-term ---------------------------------------------------------


@pytest.fixture(scope="module")
def mid_term(tmp_path_factory) -> Path:
    from coursekit.site.build import build_course

    root = copy_course(REPO, tmp_path_factory.mktemp("course"))
    out = root / "site"
    build_course(root, out, semester="S2027", as_of=_date(MID_TERM))
    return out


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def _s2027_pages() -> dict[str, list[str]]:
    """Assignment page (docs folder) → the titles of the S2027 due items that link it."""
    import yaml

    schedule = yaml.safe_load((REPO / "schedule.yaml").read_text("utf-8"))
    pages: dict[str, list[str]] = {}
    for session in schedule["offerings"]["S2027"]["sessions"]:
        for item in session.get("due", []):
            url = item.get("url", "")
            if url.startswith("assignments/"):
                name = url.split("#")[0].removeprefix("assignments/").removesuffix(".md")
                pages.setdefault(name, []).append(item["title"])
    return pages


def test_every_assignment_page_of_s2027_shows_its_due_date_time_and_submit_link(mid_term):
    pages = _s2027_pages()
    assert len(pages) == 6
    for name, titles in pages.items():
        page = soup(mid_term / "S2027" / "assignments" / name / "index.html")
        box = page.select_one("article .ck-facts")
        assert box is not None, name
        due = [dd.get_text(" ", strip=True) for dd in box.select(".ck-facts-due")]
        assert len(due) == len(titles), (name, due)
        assert all(text.endswith(", 2027, 23:59") for text in due), (name, due)
        submit = box.select_one(".ck-facts-submit a")
        assert submit.get_text() == "Submit on Gradescope", name
        assert submit["href"] == "https://www.gradescope.com/", name
        # The page no longer sends students to the schedule for its date.
        text = page.select_one("article").get_text(" ")
        assert "listed in the course schedule" not in " ".join(text.split()), name


def test_the_default_overview_lists_each_deadline_once_with_its_release_day(mid_term):
    page = soup(mid_term / "S2027" / "assignments" / "index.html")
    rows = page.select("tr.ck-assignment")
    assert len(rows) == 10
    assert "available" not in page.select_one("table.ck-assignments").get_text()
    entries = _overview(mid_term, "S2027")
    assert entries[0] == ("upcoming", "Wed, Apr 14 23:59", "M3: Monitoring and CD")
    # A milestone shows its own points from the project page's `milestones`, not the 500.
    assert rows[0].select_one(".ck-points").get_text() == "120"
    assert rows[3].select_one(".ck-what").get_text() == "Final report and presentation"
    assert rows[3].select_one(".ck-points").get_text() == "80"
    assert entries[-1] == ("past", "Wed, Jan 27 23:59", "I1: Case Study")
    i1 = rows[-1]
    assert i1.select_one(".ck-out").get_text() == "Wed, Jan 20"
    assert i1.select_one(".ck-points").get_text() == "100"
    assert i1.select_one(".ck-kind").get_text() == "individual"


# In the browser ------------------------------------------------------------------------

SEPARATION = """(rows) => {
  const look = (row) => {
    const s = getComputedStyle(row), c = getComputedStyle(row.cells[0]);
    return [s.backgroundColor, s.borderTopWidth, s.borderBottomWidth, c.borderTopWidth,
            c.borderBottomWidth, s.marginTop, s.marginBottom];
  };
  return rows.slice(0, -1).map((row, i) => {
    const a = look(row), b = look(rows[i + 1]);
    const ruled = [a[1], a[2], a[3], a[4], b[1], b[3]].some((w) => parseFloat(w) > 0);
    const gap = rows[i + 1].getBoundingClientRect().top - row.getBoundingClientRect().bottom;
    return {ruled, shaded: a[0] !== b[0], gap};
  });
}"""


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (390, "dark")])
def test_entries_are_visibly_apart_and_nothing_scrolls_sideways(
    mid_term, browser, serve_site, width, scheme
):
    from conftest import console_errors

    base = serve_site(mid_term)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors = console_errors(page)
    page.goto(base + "S2027/assignments/")
    rows = page.locator("tr.ck-assignment")
    assert rows.count() == 10
    apart = rows.evaluate_all(SEPARATION)
    # Every pair of neighbours has a rule between them; in the light scheme every other
    # row is shaded too (the dark palette's links leave no room for a shade); on phones
    # they are separate cards with space between.
    assert all(pair["ruled"] for pair in apart), apart
    if scheme == "light":
        assert all(pair["shaded"] for pair in apart), apart
    if width == 390:
        assert (
            page.evaluate("getComputedStyle(document.querySelector('tr.ck-assignment')).display")
            == "flex"
        )
        assert all(pair["gap"] >= 4 for pair in apart), apart
    wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert wide <= 0, f"{wide}px of sideways scroll at {width}px"
    page.goto(base + "S2027/assignments/project/")
    box = page.locator(".ck-facts")
    assert box.is_visible()
    assert "23:59" in box.inner_text()
    wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert wide <= 0, f"{wide}px of sideways scroll on the project page at {width}px"
    assert errors == []
    context.close()
