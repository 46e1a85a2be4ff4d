"""A live preview keeps the generated files a save did not change (the calendar, notebook
pages) and never a stale one: each input that reaches them (the notebook, a course setting,
the session data they show, the site address) shows in the preview after the next save."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coursekit.schedule.load import load_course
from coursekit.site import render
from coursekit.site.build import build_course, build_semester_in_place, work_folder
from coursekit.site.caches import Caches
from coursekit.site.engine import MkDocsEngine
from coursekit.slides.handout import _handout_html

NOTEBOOKS = Path(__file__).parent / "notebooks"
OID = "S2026"
DECK = (
    "# Introduction\n\nWhy we are here.\n\n---\n\n## Goals\n\nShip it.\n\n---\n\n## Plan\n\nTalk.\n"
)


class Preview:
    """The course a preview session edits, its site, and how often each renderer ran."""

    def __init__(self, root: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.out = root, out
        self.caches, self.engine = Caches.for_preview(), MkDocsEngine()
        self.made = {"calendar": 0, "notebook": 0}
        build_course(root, out, caches=self.caches, engine=self.engine, speaker=True)
        self.work = work_folder(root)
        self._count(monkeypatch, render, "calendar_file", "calendar")
        self._count(monkeypatch, render, "notebook_markdown", "notebook")
        self.save()  # what `coursekit serve` does before it serves

    def _count(self, monkeypatch: pytest.MonkeyPatch, module: object, name: str, kind: str):
        real = getattr(module, name)

        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.made[kind] += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)

    def save(self) -> None:
        self.made = dict.fromkeys(self.made, 0)
        course = load_course(self.root)
        build_semester_in_place(
            course, OID, self.out, self.work, caches=self.caches, engine=self.engine
        )

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.root / name
        text = path.read_text("utf-8")
        assert old in text, text
        path.write_text(text.replace(old, new, 1), "utf-8")
        self.save()

    @property
    def notebook_page(self) -> str:
        return (self.out / OID / "recitations/basic/index.html").read_text("utf-8")

    @property
    def calendar(self) -> str:
        return (self.out / OID / "calendar.ics").read_text("utf-8")


@pytest.fixture
def preview(make_course, tmp_path, monkeypatch) -> Preview:
    root = make_course("minimal")
    (root / "recitations").mkdir()
    shutil.copy(NOTEBOOKS / "basic.ipynb", root / "recitations" / "basic.ipynb")
    (root / "mkdocs.yml").write_text(
        "site_name: Tiny Course\nsite_url: https://one.example.org/tiny/\n", "utf-8"
    )
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    text = text.replace(
        "  books:\n", '  notebooks: {execute: "off", browser: {enabled: false}}\n  books:\n'
    )
    text = text.replace("url: https://example.org/rec1\n", "notebook: recitations/basic.ipynb\n")
    text = text.replace("https://example.org/slides/intro.html", "lectures/intro/intro.md")
    (root / "lectures/intro").mkdir(parents=True)
    (root / "lectures/intro/intro.md").write_text(DECK, "utf-8")
    schedule.write_text(text, "utf-8")
    return Preview(root, tmp_path / "site", monkeypatch)


def test_a_save_that_changes_neither_keeps_the_calendar_and_the_notebook_page(preview):
    calendar, page = preview.calendar, preview.notebook_page
    preview.edit("docs/syllabus.md", "\n", "\nOffice hours moved to Friday.\n")
    assert "Office hours moved to Friday." in (preview.out / OID / "syllabus/index.html").read_text(
        "utf-8"
    )
    assert preview.made == {"calendar": 0, "notebook": 0}
    assert (preview.calendar, preview.notebook_page) == (calendar, page)


def test_an_edited_notebook_shows_in_its_page(preview):
    preview.edit("recitations/basic.ipynb", "Loads a table", "Loads a spreadsheet")
    assert "Loads a spreadsheet" in preview.notebook_page
    assert preview.made["notebook"] == 1


def test_the_title_of_the_session_using_a_notebook_shows_in_its_page_and_the_calendar(
    preview,
):
    preview.edit("schedule.yaml", "title: Git basics\n", "title: Git in depth\n")
    assert "Git in depth" in preview.notebook_page
    assert "Git in depth" in preview.calendar


def test_a_changed_repository_shows_in_the_notebook_pages_links(preview):
    assert "github.com/example/tiny/" in preview.notebook_page
    preview.edit("schedule.yaml", "example/tiny\n", "example/renamed\n")
    assert "github.com/example/renamed/" in preview.notebook_page
    assert "github.com/example/tiny/" not in preview.notebook_page


def test_a_moved_session_and_a_new_site_address_show_in_the_calendar(preview):
    assert ":20260121T132500" in preview.calendar
    preview.edit("schedule.yaml", "date: 2026-01-21\n", "date: 2026-01-26\n")
    assert ":20260126T132500" in preview.calendar
    assert ":20260121T132500" not in preview.calendar
    assert "https://one.example.org/tiny/S2026/" in preview.calendar
    preview.edit("mkdocs.yml", "one.example.org", "two.example.org")
    assert "https://two.example.org/tiny/S2026/" in preview.calendar.replace("\r\n ", "")
    assert "https://one.example.org/" not in preview.calendar.replace("\r\n ", "")


def test_an_edited_slide_shows_in_the_handout_and_only_it_is_made_again(preview):
    handout = preview.out / OID / "handouts/intro/intro/index.html"
    assert "Ship it." in handout.read_text("utf-8")
    before = _handout_html.cache_info().misses
    preview.edit("lectures/intro/intro.md", "Ship it.", "Ship it on Friday.")
    assert "Ship it on Friday." in handout.read_text("utf-8")
    assert _handout_html.cache_info().misses - before == 1
