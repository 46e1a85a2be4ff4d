"""The "What changed" page and Atom feed of an offering, written from the git history of
`schedule.yaml`: fixture repositories are made with `git` in `tmp_path`, one commit per edit,
and the built page and feed are read the way a student and a feed reader see them."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.history.diff import match
from coursekit.history.snapshot import SessionState

ATOM = "{http://www.w3.org/2005/Atom}"


def git(root: Path, *args: str, when: str = "2025-12-01T12:00:00+00:00") -> str:
    env = os.environ | {
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "Ada",
        "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada",
        "GIT_COMMITTER_EMAIL": "ada@example.org",
    }
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def edit(root: Path, old: str, new: str, when: str, *more: tuple[str, str]) -> None:
    """Replace `old` with `new` (and each pair of `more`) in schedule.yaml; one commit."""
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    for before, after in [(old, new), *more]:
        assert before in text, before
        text = text.replace(before, after, 1)
    schedule.write_text(text, "utf-8")
    git(root, "commit", "-qam", "edit", when=when)


def edit_page(root: Path, old: str, new: str, when: str, also: tuple[str, str] | None = None):
    """Replace `old` with `new` in the assignment page `assignments/a1.md` (and `also` in
    schedule.yaml); one commit."""
    page_file = root / "assignments" / "a1.md"
    text = page_file.read_text("utf-8")
    assert old in text, old
    page_file.write_text(text.replace(old, new, 1), "utf-8")
    if also:
        edit(root, *also, when)  # commits both files
    else:
        git(root, "commit", "-qam", "edit the page", when=when)


@pytest.fixture
def repo(make_course) -> Path:
    """The minimal course (term from 2026-01-12) as a git repository with one commit."""
    root = make_course()
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "the course", when="2025-11-01T12:00:00+00:00")
    return root


def three_changes(root: Path) -> None:
    """Move a session, then change a due date, then add a reading: one commit each."""
    edit(
        root,
        "      - date: 2026-01-21\n        id: quality",
        "      - date: 2026-01-22\n        id: quality",
        "2026-01-05T15:00:00+00:00",
    )
    # A due item's date is its session's: it moves to the exam session.
    edit(
        root,
        '          - {title: "PhD project", alternative: true}\n',
        "",
        "2026-01-06T15:00:00+00:00",
        (
            "        notes: in Room 2",
            '        notes: in Room 2\n        due: [{title: "PhD project"}]',
        ),
    )
    edit(
        root,
        "          - {title: Paper A, url: https://example.org/a}\n",
        "          - {title: Paper A, url: https://example.org/a}\n"
        "          - {title: Paper C, url: https://example.org/c}\n",
        "2026-01-07T15:00:00+00:00",
    )


def build(run, root: Path, *extra: str) -> Path:
    result = run("build", "--root", root, "--as-of", "2026-01-15", *extra)
    assert result.code == 0, result.err
    return root / "site" / "S2026"


def page(site: Path) -> BeautifulSoup:
    html = (site / "changes" / "index.html").read_text("utf-8")
    return BeautifulSoup(html, "html.parser").select_one("article")


def entries(site: Path) -> list[tuple[str, list[str]]]:
    """(heading, sentences) of each entry of the page, top to bottom."""
    found = []
    for heading in page(site).select("h2"):
        items = heading.find_next_sibling("ul")
        found.append(
            (
                heading.get_text().rstrip("¶"),
                [" ".join(li.get_text().split()) for li in items("li")],
            )
        )
    return found


def feed(site: Path) -> ET.Element:
    return ET.fromstring((site / "changes.xml").read_bytes())


def test_three_commits_make_three_entries_newest_first_on_the_page_and_in_the_feed(repo, run):
    three_changes(repo)
    site = build(run, repo)
    assert entries(site) == [
        ("Wed, Jan 7, 2026", ["Reading added to Introduction: Paper C."]),
        ("Tue, Jan 6, 2026", ["PhD project is now due Wed, Jan 28 (was Thu, Jan 22)."]),
        (
            "Mon, Jan 5, 2026",
            [
                "Quality moved from Wed, Jan 21 to Thu, Jan 22.",
                "A1: Warm-up is now due Thu, Jan 22 (was Wed, Jan 21).",
                "PhD project is now due Thu, Jan 22 (was Wed, Jan 21).",
            ],
        ),
    ]
    links = [a["href"] for a in page(site).select("ul.ck-changes a")]
    assert links[0] == "../schedule/#intro"  # each change links its session's row
    assert "../schedule/#quality" in links
    root = feed(site)
    assert root.tag == f"{ATOM}feed"
    items = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in items] == [
        "Reading added to Introduction: Paper C.",
        "PhD project is now due Wed, Jan 28 (was Thu, Jan 22).",
        "Quality moved from Wed, Jan 21 to Thu, Jan 22. (and 2 more)",
    ]
    assert {e.find(f"{ATOM}category").get("term") for e in items} == {"changes"}
    assert [e.findtext(f"{ATOM}updated") for e in items][0] == "2026-01-07T15:00:00Z"
    assert "Paper C" in items[0].findtext(f"{ATOM}content")


def test_a_commit_that_only_reformats_the_yaml_makes_no_entry(repo, run):
    schedule = repo / "schedule.yaml"
    text = schedule.read_text("utf-8")
    text = text.replace(
        "    term: {start: 2026-01-12, end: 2026-01-30}",
        "    # The term, written out.\n    term:\n      start: 2026-01-12\n      end: 2026-01-30\n",
    )
    text = text.replace("title: Quality", "title: 'Quality'")
    schedule.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "tidy", when="2026-01-05T15:00:00+00:00")
    site = build(run, repo)
    assert entries(site) == []
    assert "Nothing has changed since Mon, Nov 17, 2025." in page(site).get_text()
    assert feed(site).findall(f"{ATOM}entry") == []


def test_a_shallow_clone_says_the_history_is_partial(repo, run, tmp_path):
    three_changes(repo)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    site = build(run, clone)
    text = page(site).get_text()
    assert "Partial history" in text
    assert "shallow clone" in text
    full = build(run, repo)
    assert "Partial history" not in page(full).get_text()


def test_a_course_outside_git_gets_a_page_saying_so(make_course, run):
    root = make_course()
    site = build(run, root)
    assert "not kept in git" in page(site).get_text()
    assert entries(site) == []


def test_a_version_that_no_longer_validates_is_skipped_with_a_note(repo, run):
    edit(
        repo,
        "        title: Quality\n",
        "        title: Quality\n        colour: red\n",
        "2026-01-05T15:00:00+00:00",
    )
    edit(repo, "        colour: red\n", "", "2026-01-06T15:00:00+00:00")
    edit(repo, "title: Quality\n", "title: Model quality\n", "2026-01-07T15:00:00+00:00")
    site = build(run, repo)
    assert entries(site) == [("Wed, Jan 7, 2026", ["Quality is now called Model quality."])]
    assert "1 older version of the schedule could not be read" in page(site).get_text()


def test_the_window_starts_weeks_before_the_term_or_where_the_setting_says(repo, run):
    # Before the default window (term start 2026-01-12 minus 8 weeks = 2025-11-17).
    edit(repo, "title: Quality\n", "title: Quality I\n", "2025-11-10T12:00:00+00:00")
    edit(repo, "title: Quality I\n", "title: Quality II\n", "2026-01-05T12:00:00+00:00")
    assert entries(build(run, repo)) == [
        ("Mon, Jan 5, 2026", ["Quality I is now called Quality II."])
    ]
    first = git(repo, "rev-list", "--max-count=1", "HEAD~1").strip()
    edit(
        repo,
        "course:\n",
        f"course:\n  changes: {{since: {first[:9]}}}\n",
        "2026-01-06T12:00:00+00:00",
    )
    edit(repo, "title: Quality II\n", "title: Quality III\n", "2026-01-07T12:00:00+00:00")
    assert [heading for heading, _ in entries(build(run, repo))] == [
        "Wed, Jan 7, 2026",
        "Mon, Jan 5, 2026",
    ]
    edit(repo, f"since: {first[:9]}", "enabled: false", "2026-01-08T12:00:00+00:00")
    site = build(run, repo)
    assert not (site / "changes").exists()
    assert not (site / "changes.xml").exists()


def _state(index: int, title: str, sid: str | None = None) -> SessionState:
    return SessionState(index, sid, title, "lecture", None, (), ())


def test_sessions_match_by_id_then_title_then_position():
    old = (
        _state(0, "Intro", "intro"),
        _state(1, "Testing"),
        _state(2, "Quality"),
        _state(3, "X", "x"),
    )
    new = (
        _state(0, "Welcome", "intro"),  # same id, renamed
        _state(1, "Quality"),  # same title, moved up
        _state(2, "Testing II"),  # left over at position 2: Testing was at 1, so no match
        _state(3, "Y", "y"),  # different ids at one position are different sessions
    )
    pairs, cancelled, added = match(old, new)
    assert [(b.title, a.title) for b, a in pairs] == [("Intro", "Welcome"), ("Quality", "Quality")]
    assert [s.title for s in cancelled] == ["Testing", "X"]
    assert [s.title for s in added] == ["Testing II", "Y"]
    renamed_in_place = match((_state(1, "Testing"),), (_state(1, "Testing II"),))
    assert [(b.title, a.title) for b, a in renamed_in_place[0]] == [("Testing", "Testing II")]


@pytest.mark.parametrize(
    "workflow",
    [
        Path(__file__).parents[1] / ".github/workflows/pages.yml",
        Path(__file__).parents[1] / "src/coursekit/scaffold/templates/pages.yml",
    ],
)
def test_the_deploy_workflows_check_out_the_whole_history(workflow):
    import yaml

    jobs = yaml.safe_load(workflow.read_text("utf-8"))["jobs"]
    checkouts = [
        step
        for step in jobs["build"]["steps"]
        if str(step.get("uses", "")).startswith("actions/checkout@")
    ]
    assert checkouts and all(step["with"]["fetch-depth"] == 0 for step in checkouts)


def test_commits_long_after_the_term_are_no_news(repo, run):
    # The term ends 2026-01-30: four weeks later (2026-02-27) the log ends.
    edit(repo, "title: Quality\n", "title: Quality I\n", "2026-02-20T12:00:00+00:00")
    edit(repo, "title: Quality I\n", "title: Quality II\n", "2026-03-02T12:00:00+00:00")
    shown = entries(build(run, repo))
    assert shown == [("Fri, Feb 20, 2026", ["Quality is now called Quality I."])]


def test_this_repository_s2027_shows_its_own_history():
    """The default course's S2027 change log is read from this repository's git history
    (partial in a shallow checkout, where only the note is promised)."""
    import datetime as dt

    from coursekit.history import change_log
    from coursekit.schedule.load import load_course

    repo = Path(__file__).parents[1]
    course = load_course(repo)
    term = course.schedule.built()["S2027"].term
    log = change_log(repo, "S2027", term.start, course.schedule.course.changes, term.end)
    if not log.in_git:
        pytest.skip("not a git checkout (an unpacked sdist)")
    if log.partial:
        return
    changes = [c for entry in log.entries for c in entry.changes]
    # The commit that gave every assignment its time of day (23:59) is in it.
    assert any(c.what == "due_moved" and c.time == dt.time(23, 59) for c in changes)


def test_moving_a_page_s_release_date_makes_one_entry_on_the_page_and_in_the_feed(repo, run):
    edit_page(repo, "released: 2026-01-12", "released: 2026-01-14", "2026-01-05T15:00:00+00:00")
    site = build(run, repo)
    sentence = "A1: Warm-up now comes out Wed, Jan 14 (was Mon, Jan 12)."
    assert entries(site) == [("Mon, Jan 5, 2026", [sentence])]
    assert page(site).select_one("li.ck-change--page_released a")["href"] == (
        "../schedule/#quality"
    )
    items = feed(site).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in items] == [sentence]
    assert items[0].findtext(f"{ATOM}updated") == "2026-01-05T15:00:00Z"


def test_editing_a_page_s_text_below_its_front_matter_makes_no_entry(repo, run):
    edit_page(repo, "Do the warm-up.", "Do the warm-up, carefully.", "2026-01-05T15:00:00+00:00")
    site = build(run, repo)
    assert entries(site) == []
    assert feed(site).findall(f"{ATOM}entry") == []


def test_a_page_s_points_and_submit_link_make_entries_one_per_commit(repo, run):
    edit_page(repo, "points: 10", "points: 20", "2026-01-05T15:00:00+00:00")
    # One commit that touches the page and schedule.yaml: one entry with both changes.
    edit_page(
        repo,
        "sessions: [quality]",
        "sessions: [quality]\nsubmit: https://example.org/hand-in",
        "2026-01-06T15:00:00+00:00",
        also=("title: Quality\n", "title: Model quality\n"),
    )
    assert entries(build(run, repo)) == [
        (
            "Tue, Jan 6, 2026",
            [
                "Quality is now called Model quality.",
                "A1: Warm-up is now handed in at https://example.org/hand-in.",
            ],
        ),
        ("Mon, Jan 5, 2026", ["A1: Warm-up is now worth 20 points (was 10)."]),
    ]
