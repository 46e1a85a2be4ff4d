"""Offerings built from a git ref (`source: {ref: F2022}`): a fixture repository made with
git in `tmp_path` — main holds schedule.yaml, branch F2022 a legacy schedule.md table and two
decks — builds `site/F2022/` from the branch's blobs, never checking it out."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

# A 1×1 PNG: the image one deck shows.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc000000301010018dd8db00000000049454e44ae426082"
)
TABLE = """\
# Fall 2022

| Date | Topic | Reading | Assignment due |
| - | - | - | - |
| Mon, Aug 29 | [Introduction](lectures/01_intro/intro.md) | [The Book](https://x.org/b), Ch. 1 | |
| Wed, Aug 31 | [Model Quality](lectures/02_quality/quality.md) | | [I1](https://example.org/i1) |
| Fri, Sep 2 | ![Recitation](https://img.shields.io/badge/-rec-Yellow.svg) Git basics | | |
<!-- | Mon, Sep 5 | Labor day, no class | | | -->
| Thu, Dec 15 05:30-08:30pm | **Final exam** | | |
"""
INTRO = """\
# Introduction

The first deck

---

## A diagram

![Boxes and arrows](diagram.png)

---

## Summary

Only on this slide: quokka telemetry.
"""
QUALITY = "# Model Quality\n\n---\n\n## Accuracy is not enough\n"
REF_OFFERING = "  F2022:\n    title: Fall 2022\n    source: {ref: F2022}\n"


def git(repo: Path, *args: str) -> str:
    env = os.environ | {
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def write(folder: Path, files: dict[str, str | bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data)


@pytest.fixture
def repo(tmp_path, make_course) -> Path:
    """The course on main with `F2022: {source: {ref: F2022}}`; F2022, made in a clone of
    its own and fetched, holds the legacy table and the decks."""
    course = make_course()
    schedule = course / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("offerings:\n", "offerings:\n" + REF_OFFERING))
    (course / ".gitignore").write_text("site/\n.coursekit/\n.cache/\n")
    git(course, "init", "-q", "-b", "main")
    git(course, "add", "-A")
    git(course, "commit", "-q", "-m", "main")
    branch = tmp_path / "f2022"
    branch.mkdir()
    git(branch, "init", "-q", "-b", "F2022")
    write(
        branch,
        {
            "schedule.md": TABLE,
            "lectures/01_intro/intro.md": INTRO,
            "lectures/01_intro/diagram.png": PNG,
            "lectures/02_quality/quality.md": QUALITY,
            "lectures/03_unused/unused.md": "# Not in the schedule\n",
        },
    )
    git(branch, "add", "-A")
    git(branch, "commit", "-q", "-m", "F2022")
    git(course, "fetch", "-q", str(branch), "F2022:F2022")
    shutil.rmtree(branch)
    return course


def tracked_state(repo: Path) -> tuple[str, str, dict[str, bytes]]:
    """HEAD, `git status` and every file of the working tree outside ignored folders."""
    ignored = {".git", "site", ".coursekit", ".cache"}
    files = {
        str(p.relative_to(repo)): p.read_bytes()
        for p in repo.rglob("*")
        if p.is_file() and not ignored & set(p.relative_to(repo).parts)
    }
    return git(repo, "rev-parse", "HEAD"), git(repo, "status", "--porcelain"), files


def test_an_offering_builds_from_a_branch_without_checking_it_out(run, repo):
    before = tracked_state(repo)
    result = run("build", "--root", repo)
    assert result.code == 0, result
    assert tracked_state(repo) == before  # HEAD, index and working tree untouched
    assert git(repo, "branch", "--show-current").strip() == "main"

    site = repo / "site" / "F2022"
    page = BeautifulSoup((site / "schedule" / "index.html").read_text(), "html.parser")
    text = page.get_text(" ", strip=True)
    for topic in ("Introduction", "Model Quality", "Git basics", "Final exam"):
        assert topic in text, topic
    assert "05:30-08:30pm" in text
    assert "Labor day" not in text  # the commented-out row
    # Both decks rendered by the deck engine, with their slide counts, and the image.
    intro = (site / "slides" / "01_intro" / "intro" / "index.html").read_text()
    quality = (site / "slides" / "02_quality" / "quality" / "index.html").read_text()
    assert len(re.findall(r"<section\b", intro)) == 3
    assert len(re.findall(r"<section\b", quality)) == 2
    assert "quokka telemetry" in intro
    assert (site / "slides" / "01_intro" / "intro" / "diagram.png").read_bytes() == PNG
    assert not (site / "slides" / "03_unused").exists()
    # The landing page and switcher list it like any offering built here.
    landing = (repo / "site" / "index.html").read_text()
    assert "./F2022/" in landing
    assert 'href="https://github.com/example/tiny/tree/F2022/"' in landing
    assert '"version": "F2022"' in (repo / "site" / "versions.json").read_text()


def test_check_reads_the_ref_and_reports_its_notes_at_ref_lines(run, repo):
    result = run("check", "--root", repo)
    assert result.code == 0, result
    note = "F2022:schedule.md:8: a commented-out row (<!-- … -->) is left out"
    assert f"Warning: {note}\n" in result.err, result


def test_an_error_in_the_ref_table_names_ref_file_and_line(run, repo, tmp_path):
    branch = tmp_path / "broken"
    git(repo, "worktree", "add", "-q", str(branch), "F2022")  # a second worktree, not this one
    table = branch / "schedule.md"
    table.write_text(table.read_text().replace("02_quality/quality.md", "02_quality/missing.md"))
    git(branch, "commit", "-q", "-am", "typo")
    result = run("check", "--root", repo)
    assert result.code == 1, result
    assert result.err == (
        "Error: F2022:schedule.md:6: offerings.F2022.sessions[1].slides: no such file "
        "'lectures/02_quality/missing.md' (paths are relative to the folder of schedule.md)\n"
    )
    assert "Traceback" not in result.err
    built = run("build", "--root", repo)
    assert built.code == 1 and not (repo / "site").exists(), built


def test_a_missing_ref_lists_the_refs_that_exist(run, repo):
    schedule = repo / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("{ref: F2022}", "{ref: F2021}"))
    git(repo, "tag", "v1")
    result = run("check", "--root", repo)
    assert result.code == 1, result
    assert result.err == (
        "Error: schedule.yaml:18:19: offerings.F2022.source.ref: no branch or tag 'F2021' in "
        "the repository (use one of: F2022, main, v1)\n"
    )
    assert "Traceback" not in result.err


def test_a_ref_with_a_schedule_yaml_builds_its_offering(run, repo, tmp_path):
    """A branch in today's format: its own schedule.yaml, the offering of the same id."""
    branch = tmp_path / "yaml"
    git(repo, "worktree", "add", "-q", "-b", "S2023", str(branch), "main")
    schedule = branch / "schedule.yaml"
    text = schedule.read_text().replace(REF_OFFERING, "").replace("S2026:", "S2023:")
    text = text.replace("Spring 2026", "Spring 2023 (as the branch says)")
    schedule.write_text(text.replace("title: Introduction", "title: Introduction from S2023"))
    page = branch / "assignments" / "a1.md"
    page.write_text(page.read_text().replace("Do the warm-up.", "Warm up as in 2023."))
    # Its own description, at the path where main keeps the course's.
    text = schedule.read_text()
    schedule.write_text(
        text.replace("    term:", "    description: docs/description.md\n    term:", 1)
    )
    (branch / "docs" / "description.md").write_text("A tiny course, as taught in 2023.\n")
    git(branch, "commit", "-q", "-am", "S2023")
    main = repo / "schedule.yaml"
    also = "  S2023:\n    title: Spring 2023\n    source: {ref: S2023}\n"
    main.write_text(main.read_text().replace(REF_OFFERING, REF_OFFERING + also))
    result = run("build", "--root", repo)
    assert result.code == 0, result
    page = (repo / "site" / "S2023" / "schedule" / "index.html").read_text()
    assert "Introduction from S2023" in page
    # The assignment page it links is the branch's, not main's.
    a1 = (repo / "site" / "S2023" / "assignments" / "a1" / "index.html").read_text()
    assert "Warm up as in 2023." in a1 and "Do the warm-up." not in a1
    home = (repo / "site" / "S2023" / "index.html").read_text()
    assert "as taught in 2023" in home and "used by the tests" not in home
    assert "used by the tests" in (repo / "site" / "S2026" / "index.html").read_text()
    assert (
        "Do the warm-up."
        in (repo / "site" / "S2026" / "assignments" / "a1" / "index.html").read_text()
    )


def test_a_table_linking_its_own_branch_on_github_builds_that_deck(run, repo, tmp_path):
    """Legacy tables link the deck's markdown on GitHub at their own branch and the slides
    on the old site: the deck is in the ref, so it is built here."""
    branch = tmp_path / "github"
    git(repo, "worktree", "add", "-q", str(branch), "F2022")
    table = branch / "schedule.md"
    row = (
        "[Model Quality](https://example.org/F2022/quality.html) "
        "([md](https://github.com/example/tiny/blob/F2022/lectures/02_quality/quality.md), "
        "[pdf](https://example.org/F2022/quality.pdf))"
    )
    table.write_text(
        table.read_text().replace("[Model Quality](lectures/02_quality/quality.md)", row)
    )
    git(branch, "commit", "-q", "-am", "links as on GitHub")
    result = run("build", "--root", repo)
    assert result.code == 0, result
    site = repo / "site" / "F2022"
    deck = (site / "slides" / "02_quality" / "quality" / "index.html").read_text()
    assert len(re.findall(r"<section\b", deck)) == 2
    page = BeautifulSoup((site / "schedule" / "index.html").read_text(), "html.parser")
    title = page.find("a", string="Model Quality")
    assert title is not None and title["href"] == "../slides/02_quality/quality/"
    assert page.find("a", href="https://example.org/F2022/quality.pdf") is not None


def test_a_deck_problem_in_the_ref_names_the_ref(run, repo, tmp_path):
    branch = tmp_path / "noimage"
    git(repo, "worktree", "add", "-q", str(branch), "F2022")
    git(branch, "rm", "-q", "lectures/01_intro/diagram.png")
    git(branch, "commit", "-q", "-m", "lose the image")
    where = "F2022:lectures/01_intro/intro.md:9: image 'diagram.png' not found"
    # A missing deck image is a warning (the slide shows a box naming it; --strict makes
    # every warning an error), named in the ref it comes from.
    for command in ("check", "build"):
        result = run(command, "--root", repo)
        assert result.code == 0 and f"Warning: {where}" in result.err, result
    deck = (repo / "site/F2022/slides/01_intro/intro/index.html").read_text()
    assert "Missing image: diagram.png" in deck
