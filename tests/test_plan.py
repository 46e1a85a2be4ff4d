"""The semester plan: what a semester publishes is decided before any page renders, from the
loaded course alone, and the materials the build prepares are the ones the plan publishes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.schedule.load import load_course
from coursekit.site.materials import used_materials
from coursekit.site.plan import plan_semester

DAY = dt.date(2026, 1, 20)


def _edit(root: Path, old: str, new: str) -> None:
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    assert old in text
    schedule.write_text(text.replace(old, new, 1), "utf-8")


def test_a_file_named_only_in_a_sessions_notes_is_planned_before_rendering(make_course):
    root = make_course("minimal")
    (root / "handouts").mkdir()
    (root / "handouts" / "room.pdf").write_bytes(b"%PDF-1.4\n")
    _edit(root, "notes: in Room 2", "notes: in Room 2 ([map](handouts/room.pdf))")
    plan = plan_semester(load_course(root), "S2026", as_of=DAY)
    assert plan.files == {"handouts/room.pdf": "handouts/room.pdf"}
    assert plan.pages["assignments/a1.md"] == "assignments/a1.md"
    assert plan.pages["docs/syllabus.md"] == "syllabus.md"
    # Resolving a link is a question, not a registration: the plan does not change.
    assert plan.href("elsewhere/new.pdf", "schedule/") == "../elsewhere/new.pdf"
    assert "elsewhere/new.pdf" not in plan.files


def test_an_assignment_page_not_released_is_neither_linked_nor_published(make_course):
    root = make_course("minimal")
    course = load_course(root)
    before = plan_semester(course, "S2026", as_of=dt.date(2026, 1, 11))
    after = plan_semester(course, "S2026", as_of=dt.date(2026, 1, 12))
    assert "assignments/a1.md" not in before.pages
    assert after.pages["assignments/a1.md"] == "assignments/a1.md"


def test_the_assignments_page_renders_from_the_loaded_course_not_the_disk(make_course):
    from coursekit.site.assignments_page import assignments_markdown

    root = make_course("minimal")
    course = load_course(root)
    (root / "assignments" / "a1.md").unlink()  # nothing may read it after the load
    page = BeautifulSoup(
        assignments_markdown(plan_semester(course, "S2026", as_of=DAY)), "html.parser"
    )
    row = page.select_one("tr[data-date='2026-01-21']")
    cells = [td.get_text() for td in row.select("td")]
    assert cells == ["Wed, Jan 21", "A1: Warm-up", "individual", "10", "Mon, Jan 12"]
    assert row.select_one("a[href='a1/']") is not None


@pytest.mark.parametrize("as_of", [dt.date(2026, 1, 1), dt.date(2026, 2, 1)])
def test_the_materials_prepared_are_the_materials_the_plan_publishes(make_course, as_of):
    root = make_course("materials")
    # A session with slides and a notebook: both are built, so both are published.
    _edit(root, "        notebook: recitations/arrays.py\n", "")
    _edit(
        root,
        "        slides: lectures/01_intro/intro.md\n",
        "        slides: lectures/01_intro/intro.md\n        notebook: recitations/arrays.py\n"
        "        release: 2026-01-15\n",
    )
    course = load_course(root)
    plan = plan_semester(course, "S2026", as_of=as_of)
    decks, notebooks = used_materials(course, ["S2026"], as_of)
    assert list(plan.decks) == decks
    assert list(plan.notebooks) == notebooks
    released = as_of >= dt.date(2026, 1, 15)
    assert notebooks == (["recitations/arrays.py"] if released else [])
    assert decks == (["lectures/01_intro/intro.md"] if released else [])
    titles = [entry.title for entry in plan.nav]
    assert ("Lectures" in titles) == bool(decks)


def test_the_plans_locale_names_the_days_on_the_schedule(make_course):
    import dataclasses

    from coursekit.site.schedule_page import schedule_markdown

    plan = plan_semester(load_course(make_course("minimal")), "S2026", as_of=DAY)
    english = BeautifulSoup(schedule_markdown(plan), "html.parser")
    german = BeautifulSoup(schedule_markdown(dataclasses.replace(plan, locale="de")), "html.parser")
    assert english.select_one("tr[data-date] time").get_text() == "Mon, Jan 12"
    assert german.select_one("tr[data-date] time").get_text() == "Mo., 12. Jan."
