"""Bad input: every case in tests/bad_schedules/ gets exactly its expected message, exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CASES = sorted((Path(__file__).parent / "bad_schedules").glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_schedule_is_reported_with_file_line_and_fix(case, make_course, run):
    course = make_course()
    shutil.copy(case, course / "schedule.yaml")
    result = run("check", "--root", course)
    assert result.code == 1, result
    assert result.err == case.with_suffix(".expected").read_text(), result


def test_at_least_twelve_bad_input_cases():
    assert len(CASES) >= 12


def test_non_utf8_file_names_the_line(make_course, run):
    course = make_course()
    text = (course / "schedule.yaml").read_bytes()
    lines = text.split(b"\n")
    lines[2] = lines[2] + b" caf\xe9"
    (course / "schedule.yaml").write_bytes(b"\n".join(lines))
    result = run("check", "--root", course)
    assert result.code == 1, result
    assert result.err == "Error: schedule.yaml:3: byte 0xe9 is not UTF-8 (save the file as UTF-8)\n"


def test_non_utf8_page_is_reported(make_course, run):
    course = make_course()
    (course / "docs" / "syllabus.md").write_bytes(b"## Grading\n\ncaf\xe9\n")
    result = run("check", "--root", course)
    assert result.code == 1, result
    # The byte's place in the page itself, and the schedule row that names the page.
    assert (
        "Error: docs/syllabus.md:3:4: byte 0xe9 is not UTF-8 (the file is named by "
        "schedule.yaml:23) (save the file as UTF-8)"
    ) in result.err, result


def test_missing_schedule_file(tmp_path, run):
    result = run("check", "--root", tmp_path)
    assert result.code == 1, result
    assert "no schedule.yaml in" in result.err


def test_duplicate_key_and_a_bad_date_are_both_reported(make_course, run):
    course = make_course()
    path = course / "schedule.yaml"
    text = (
        path.read_text()
        .replace("        id: intro\n", "        id: intro\n        id: again\n")
        .replace("date: 2026-01-21", "date: 2026-01-32")
    )
    path.write_text(text)
    result = run("check", "--root", course)
    assert result.code == 1, result
    assert "duplicate key 'id'" in result.err
    assert "'2026-01-32' is not a date (January 2026 has 31 days)" in result.err
    assert "2 problems found." in result.err


def test_valid_course_passes(make_course, run):
    result = run("check", "--root", make_course())
    assert result.code == 0, result
    assert result.out == "schedule.yaml is valid: 2 offerings (1 built here, 6 sessions).\n"


def test_no_is_text_not_false(make_course, run):
    """YAML 1.1 reads `no` as false; a session titled No stays the word."""
    course = make_course()
    path = course / "schedule.yaml"
    path.write_text(path.read_text().replace("title: Quality", "title: no"))
    from coursekit.schedule.load import load_course

    schedule = load_course(course).schedule
    assert schedule.offerings["S2026"].sessions[4].title == "no"


def test_assignment_page_that_disagrees_with_the_schedule(make_course, run):
    course = make_course()
    page = course / "assignments" / "a1.md"
    page.write_text(
        page.read_text()
        .replace("released: 2026-01-12\n", "released: 2026-01-12\ndue: 2026-01-20\n")
        .replace("sessions: [quality]", "sessions: [intro]")
    )
    result = run("check", "--root", course)
    assert result.code == 1, result
    assert result.err.splitlines()[:2] == [
        "Error: assignments/a1.md:6: due: 2026-01-20 here, but schedule.yaml has it due "
        "2026-01-21 (line 50) (remove `due:` from the page; the schedule is the source of truth)",
        "Error: assignments/a1.md:7: sessions: ['intro'] here, but schedule.yaml has it due at "
        "session 'quality' (line 50) (make the page's `sessions` name the schedule's session ids)",
    ]


def test_nested_aliases_are_refused_in_well_under_a_second(tmp_path):
    """A "billion laughs" of nine levels (9^9 values) once took 26 s and 3.9 GB to check."""
    import time

    from coursekit.schedule.yamlsource import read_yaml

    levels = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)
    ]
    path = tmp_path / "schedule.yaml"
    path.write_text("\n".join(levels) + "\n", "utf-8")
    started = time.process_time()  # CPU time: the machine's load does not count
    source = read_yaml(path, "schedule.yaml")
    assert time.process_time() - started < 0.5
    assert source.data is None
    assert [str(p) for p in source.problems] == [
        "schedule.yaml:8:5: aliases (*name) or nesting expand this file to more than 100,000 "
        "values (write the values out instead of nesting aliases of aliases)"
    ]


def test_aliases_that_stay_small_are_read():
    from coursekit.schedule.yamlsource import read_front_matter

    data, problems = read_front_matter("base: &m {days: [Mon]}\nother: *m\n", "page.md")
    assert problems == [] and data == {"base": {"days": ["Mon"]}, "other": {"days": ["Mon"]}}
