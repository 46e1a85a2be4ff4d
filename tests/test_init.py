"""`coursekit init DIR`: an empty folder becomes a course that builds strictly and passes the
site check at once, with what a new instructor sees on its pages; bad options and folders
with files in them are refused with a message naming the option or the folder.

The course is made once, with a title full of YAML and Markdown syntax and HTML, and built
once for the whole module.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import redirect_stderr, redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import REPO, console_errors
from coursekit.cli import main

HOSTILE = (
    'Data: Science & "ML" <script>alert(1)</script> #1 *bold* [x](y) $5 \\(a\\) {{ z }} '
    "`c` ~~s~~ {: .x} &amp; |"
)
# 2026-11-29 12:00 UTC: the next semester is Spring 2027.
TODAY = str(int(dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC).timestamp()))
SCAFFOLD = [
    "schedule.yaml",
    "mkdocs.yml",
    "docs/description.md",
    "docs/syllabus.md",
    "lectures/01-welcome/welcome.md",
    "recitations/01-python/intro.py",
    "assignments/A1.md",
    "requirements.txt",
    ".gitignore",
    ".github/workflows/pages.yml",
    "README.md",
]


def call(*args: object) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(arg) for arg in args])
    return code, out.getvalue(), err.getvalue()


def files_in(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course made by `init` in a new folder and built with `--strict`, then checked."""
    root = tmp_path_factory.mktemp("init") / "new-course"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TODAY)
        made = call("init", root, "--title", HOSTILE, "--meets", "Tue, Thu 1:30-2:50pm")
        built = call("build", "--strict", "--root", root)
    checked = call("check", "--site", root / "site", "--root", root)
    return root, made, built, checked


def page(course, path: str) -> BeautifulSoup:
    root = course[0]
    return BeautifulSoup((root / "site" / path).read_text(encoding="utf-8"), "html.parser")


def test_init_writes_the_course_and_says_what_to_run_next(course):
    root, (code, out, err), _, _ = course
    assert code == 0, err
    for path in SCAFFOLD:
        assert (root / path).is_file(), path
        assert f"  {path}" in out, out
    assert f"cd {root} && coursekit serve" in out
    assert "Spring 2027 (S27): 2027-01-18 to 2027-04-30" in out


def test_the_new_course_builds_strictly_and_passes_the_site_check(course):
    _, _, built, checked = course
    code, out, err = built
    assert code == 0, f"{out}\n{err}"
    assert "Warning" not in err and "WARNING" not in err, err
    code, out, err = checked
    assert code == 0, f"{out}\n{err}"
    assert "is ready to deploy" in out


def test_schedule_shows_every_session_on_the_meeting_days_and_the_break(course):
    root = course[0]
    sessions = yaml.safe_load((root / "schedule.yaml").read_text())["offerings"]["S27"]["sessions"]
    assert all("date" not in session for session in sessions)  # the term calendar dates them
    rows = page(course, "S27/schedule/index.html").select("table.ck-schedule tr[data-date]")
    held = [row for row in rows if row["data-kind"] != "break"]
    assert len(held) == len(sessions) == 28
    days = [dt.date.fromisoformat(row["data-date"]) for row in held]
    assert days[:3] == [dt.date(2027, 1, 19), dt.date(2027, 1, 21), dt.date(2027, 1, 26)]
    assert {day.strftime("%a") for day in days} == {"Tue", "Thu"}
    assert held[0].select_one(".ck-date").get_text() == "Tue, Jan 19"
    titles = [row.select_one(".ck-title").get_text(" ", strip=True) for row in held]
    assert titles[:4] == ["Welcome", "Python warm-up", "Lecture 3", "Lecture 4"], titles
    assert titles[-1] == "Review and wrap-up"
    assert held[1]["data-kind"] == "lab"
    due = held[3].select_one(".ck-due a")
    assert due.get_text() == "A1: First steps" and "assignments/A1/" in due["href"]
    # Spring break (Mar 8-14) cancels two meetings and shows one "No class" row.
    breaks = [row for row in rows if row["data-kind"] == "break"]
    assert [(row["data-date"], row.select_one(".ck-badge").get_text()) for row in breaks] == [
        ("2027-03-09", "No class")
    ]
    assert "Spring break" in breaks[0].select_one(".ck-title").get_text()
    assert dt.date(2027, 3, 9) not in days and dt.date(2027, 3, 11) not in days


def test_deck_renders_its_slides_with_a_fragment_and_notes(course):
    deck = page(course, "S27/slides/01-welcome/welcome/index.html")
    slides = deck.select(".slides > section")
    assert len(slides) == 3
    assert slides[0].find("h1").get_text() == HOSTILE
    assert slides[1].select_one(".fragment").get_text().strip() == "What you will build"
    assert "Introduce yourself" in slides[1].select_one("aside.notes").get_text()


def test_notebook_page_shows_its_executed_output(course):
    notebook = page(course, "S27/recitations/01-python/intro/index.html")
    assert "mean 79.4, median 80" in notebook.get_text()


@pytest.mark.browser
def test_the_deck_advances_in_chromium(course, browser, serve_site):
    """From the schedule's *slides* link to the deck's second slide and its fragment."""
    base = serve_site(course[0] / "site")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors = console_errors(page)
    try:
        page.goto(base + "S27/schedule/")
        page.locator("#welcome").get_by_role("link", name="Welcome").click()
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        assert page.evaluate("Reveal.getTotalSlides()") == 3
        page.keyboard.press("ArrowRight")
        assert page.evaluate("Reveal.getIndices()") == {"h": 1, "v": 0, "f": -1}
        page.keyboard.press("ArrowRight")
        assert page.evaluate("Reveal.getIndices().f") == 0
        assert page.locator(".present .fragment.visible").inner_text() == "What you will build"
    finally:
        page.close()
    assert not errors, errors


def test_a_hostile_title_round_trips_into_every_page_as_text(course):
    root = course[0]
    assert yaml.safe_load((root / "schedule.yaml").read_text())["course"]["title"] == HOSTILE
    # The page, and the element of it that shows the title as the scaffold wrote it.
    for path, where in (
        ("S27/index.html", "title"),
        ("S27/schedule/index.html", "title"),
        ("S27/syllabus/index.html", "p"),  # docs/syllabus.md
        ("S27/index.html", "p"),  # docs/description.md
        ("S27/slides/01-welcome/welcome/index.html", "h1"),  # the deck's title slide
    ):
        html = page(course, path)
        shown = [tag.get_text() for tag in html.find_all(where)]
        assert any(HOSTILE in text for text in shown), (path, shown)
        assert not html.find("script", string=re.compile("alert")), path
        assert not html.find("math"), path  # `$5` and `\(a\)` stayed text
        assert not html.find("em", string="bold"), path
        assert not html.find(["code", "del", "s"], string=re.compile("^[cs]$")), path


def test_a_folder_with_files_is_refused_and_nothing_is_written(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    code, out, err = call("init", tmp_path)
    assert code == 1, err
    assert str(tmp_path) in err and "--force" in err and "notes.txt" in err, err
    assert "Traceback" not in err
    assert files_in(tmp_path) == ["notes.txt"]


def test_a_file_is_not_a_folder_for_a_course(tmp_path):
    (tmp_path / "course").write_text("mine")
    code, _, err = call("init", tmp_path / "course", "--force")
    assert code == 1, err
    assert f"Error: {tmp_path / 'course'}: is a file, not a folder" in err, err
    assert (tmp_path / "course").read_text() == "mine"


def test_a_git_repository_with_nothing_else_counts_as_empty(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    code, _, err = call("init", tmp_path)
    assert code == 0, err
    assert (tmp_path / "schedule.yaml").is_file()


def test_force_keeps_the_files_it_does_not_write_and_says_so(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "README.md").write_text("old readme")
    code, out, err = call("init", tmp_path, "--force")
    assert code == 0, err
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert "Kept 1 file it does not write: notes.txt" in out, out
    assert re.search(r"^  README.md +\(replaced\)$", out, re.M), out
    assert (tmp_path / "README.md").read_text().startswith("# My Course")


def test_force_replaces_a_symlink_and_not_the_file_it_points_to(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text("keep me")
    course = tmp_path / "course"
    course.mkdir()
    (course / "mkdocs.yml").symlink_to(outside)
    code, _, err = call("init", course, "--force")
    assert code == 0, err
    assert outside.read_text() == "keep me"
    assert not (course / "mkdocs.yml").is_symlink()


def test_language_goes_into_the_theme(tmp_path):
    code, _, err = call("init", tmp_path / "c", "--language", "de")
    assert code == 0, err
    config = yaml.safe_load((tmp_path / "c" / "mkdocs.yml").read_text())
    assert config["theme"]["language"] == "de"


def test_a_german_course_shows_german_dates_and_labels(tmp_path):
    root = tmp_path / "kurs"
    term = ["--start", "2027-04-12", "--end", "2027-07-16", "--meets", "Mon,Wed 13:30-15:00"]
    assert call("init", root, "--language", "de", "--id", "S27", *term)[0] == 0
    code, _, err = call("build", "--strict", "--root", root)
    assert code == 0, err
    schedule = BeautifulSoup((root / "site/S27/schedule/index.html").read_text(), "html.parser")
    assert schedule.h1.get_text().rstrip("¶") == "Zeitplan"  # ¶: the heading's anchor
    assert [th.get_text() for th in schedule.select("table.ck-schedule thead th")] == [
        "Datum", "Thema", "Lektüre", "Aufgaben"
    ]  # fmt: skip
    first = schedule.select_one("tr.ck-session time")
    assert first.get_text() == "Mo., 12. Apr."
    home = BeautifulSoup((root / "site/S27/index.html").read_text(), "html.parser").get_text()
    assert "Vorlesungen: Mo./Mi. 13:30–15:00" in " ".join(home.split())


def test_the_term_defaults_to_the_next_semester(tmp_path, monkeypatch):
    september = dt.datetime(2027, 9, 2, tzinfo=dt.UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(september.timestamp())))
    code, _, err = call("init", tmp_path / "c", "--meets", "Mon,Wed,Fri 9-9:50")
    assert code == 0, err
    offerings = yaml.safe_load((tmp_path / "c" / "schedule.yaml").read_text())["offerings"]
    [(oid, offering)] = offerings.items()
    assert oid == "S28" and offering["title"] == "Spring 2028"
    assert offering["term"]["start"] == dt.date(2028, 1, 17)
    assert offering["meetings"] == [
        {"kind": "lecture", "days": ["Mon", "Wed", "Fri"], "time": "09:00-09:50"}
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--start", "2027-05-01", "--end", "2027-01-15"],
            "Error: --start: the term would start on 2027-05-01, after it ends on 2027-01-15",
        ),
        (
            ["--meets", "Mon 25:00-26:00"],
            "Error: --meets: '25:00-26:00' in 'Mon 25:00-26:00' is not a time range",
        ),
        (["--meets", "Tux 10-11"], "Error: --meets: 'Tux' in 'Tux 10-11' is not a weekday"),
        (["--language", "deu"], "Error: --language: Material for MkDocs has no language 'deu'"),
        (["--id", "S 27"], "Error: --id: 'S 27' is not an offering id"),
        (["--timezone", "Europe/Berln"], "Error: --timezone: unknown time zone 'Europe/Berln'"),
        (["--title", "two\nlines"], "Error: --title: 'two\\nlines' is not one line of text"),
        (
            ["--start", "2027-01-18", "--end", "2027-01-22"],
            "Error: --end: the term 2027-01-18 to 2027-01-22 has 2 class meetings",
        ),
    ],
)
def test_bad_option_values_exit_1_with_the_option_and_the_fix(tmp_path, args, message):
    code, out, err = call("init", tmp_path / "c", *args)
    assert code == 1, f"{out}\n{err}"
    assert message in err, err
    assert re.search(r"\((write|pass|use|did you mean)", err), err
    assert "Traceback" not in err
    assert not (tmp_path / "c").exists()


def test_the_deploy_workflow_calls_the_action_with_least_permissions(tmp_path):
    code, _, err = call("init", tmp_path / "c")
    assert code == 0, err
    workflow = yaml.safe_load((tmp_path / "c" / ".github/workflows/pages.yml").read_text())
    assert workflow[True] == {  # YAML 1.1 reads the key `on` as true
        "push": {"branches": ["main"]},
        "schedule": [{"cron": "17 5 * * *"}],
        "workflow_dispatch": None,
    }
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout, action = build["steps"]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    assert action["uses"] == "ckaestne/coursekit@main"
    # Every input it passes is one the action has, once the deploy action is in this checkout.
    defined = REPO / "action.yml"
    if defined.is_file():
        inputs = yaml.safe_load(defined.read_text(encoding="utf-8"))["inputs"]
        assert set(action["with"]) <= set(inputs), (action["with"], list(inputs))


@pytest.mark.parametrize(
    "text",
    ["Tue", "yes", "No", "null", "~", "1e3", "0x1F", "2027-01-19", "10:30", "- item", "a: b",
     "a #b", "'single'", '"double"', "[x, y]", "{x}", "a, b", "*alias", "&anchor", "!tag",
     "% d", "@at", "`tick`", " lead", "trail ", "Grüße – ü", "é\u2028x", "back\\slash"],
)  # fmt: skip
def test_a_yaml_value_reads_back_as_written_in_block_and_flow_context(text):
    from coursekit.scaffold.render import yaml_scalar

    written = yaml_scalar(text)
    assert yaml.safe_load(f"key: {written}\n") == {"key": text}, written
    assert yaml.safe_load(f"- {{key: {written}}}\n") == [{"key": text}], written


def test_force_writes_nothing_when_a_file_or_a_link_stands_where_it_needs_a_folder(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    course = tmp_path / "course"
    course.mkdir()
    (course / "docs").write_text("a file")
    (course / "lectures").symlink_to(outside, target_is_directory=True)
    code, _, err = call("init", course, "--force")
    assert code == 1, err
    assert f"Error: {course / 'docs'}: is a file, where the new course has a folder" in err, err
    assert f"Error: {course / 'lectures/01-welcome'}: leads outside the folder" in err, err
    assert "2 problems found." in err
    assert files_in(course) == ["docs"] and not any(outside.iterdir())
