"""A schedule's "md" links (a deck's source, a session's `md:` file) open the file's rendered
view on GitHub or GitLab when the course names its repository, else the published copy."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from coursekit.schedule.load import load_course
from coursekit.site.plan import plan_semester, repository_view
from coursekit.site.schedule_page import schedule_markdown

DAY = dt.date(2026, 1, 20)


def md_link(root: Path, as_of: dt.date = DAY) -> str:
    plan = plan_semester(load_course(root), "S2026", as_of=as_of)
    row = BeautifulSoup(schedule_markdown(plan), "html.parser").select_one("tr#intro")
    [link] = [a for a in row.select(".ck-links a") if a.get_text() == "md"]
    return link["href"]


def local_md(make_course, repository: str | None) -> Path:
    root = make_course("minimal")
    (root / "lectures").mkdir()
    (root / "lectures" / "intro.md").write_text("# Intro\n\n---\n\n## Two\n", "utf-8")
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    text = text.replace("md: https://example.org/intro.md", "md: lectures/intro.md#two")
    old = "  repository: https://github.com/example/tiny\n"
    text = text.replace(old, f"  repository: {repository}\n" if repository else "")
    schedule.write_text(text, "utf-8")
    return root


def test_a_sessions_md_file_opens_rendered_on_github(make_course):
    root = local_md(make_course, "https://github.com/example/tiny")
    assert md_link(root) == "https://github.com/example/tiny/blob/main/lectures/intro.md#two"


def test_the_branch_is_the_courses_notebooks_branch(make_course):
    root = local_md(make_course, "https://gitlab.com/group/sub/tiny.git")
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8").replace(
        "  description:", "  notebooks: {branch: S2026}\n  description:"
    )
    schedule.write_text(text, "utf-8")
    assert md_link(root) == "https://gitlab.com/group/sub/tiny/-/blob/S2026/lectures/intro.md#two"


@pytest.mark.parametrize("repository", [None, "https://git.example.org/tiny"])
def test_without_a_known_repository_the_link_stays_on_the_site(make_course, repository):
    assert md_link(local_md(make_course, repository)) == "../lectures/intro/#two"


def test_a_url_stays_as_written(make_course):
    assert md_link(make_course("minimal")) == "https://example.org/intro.md"


def test_repository_view_quotes_the_path_and_knows_only_github_and_gitlab():
    view = repository_view("https://github.com/o/r/", "main", "lectures/a b.md")
    assert view == "https://github.com/o/r/blob/main/lectures/a%20b.md"
    assert repository_view("https://gitlab.example.edu/o/r", "dev", "x.md") == (
        "https://gitlab.example.edu/o/r/-/blob/dev/x.md"
    )
    assert repository_view("https://bitbucket.org/o/r", "main", "x.md") is None
    assert repository_view("https://github.com/o", "main", "x.md") is None


@pytest.mark.parametrize("known", [True, False])
def test_a_decks_md_link_opens_its_source_rendered_or_the_published_copy(make_course, known):
    root = make_course("materials")
    if not known:
        schedule = root / "schedule.yaml"
        text = schedule.read_text("utf-8")
        old = "  repository: https://github.com/example/materials\n"
        schedule.write_text(text.replace(old, ""), "utf-8")
    expected = (
        "https://github.com/example/materials/blob/main/lectures/01_intro/intro.md"
        if known
        else "../slides/01_intro/intro/intro.md"
    )
    assert md_link(root, dt.date(2026, 6, 1)) == expected
