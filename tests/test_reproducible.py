"""Two builds of the same course write the same bytes: the calendar's DTSTAMP, sitemap dates
and notebook cell ids come from the course (its last commit, or the schedule), not the clock.

What may still differ, on purpose or outside coursekit's reach: pages with a `release:` date
appear on their day; a notebook executed again prints what it prints (timings, chance, and
how its output streams were chunked), so CI keeps executed notebooks in `.cache/`; a slide
PDF carries the time Chromium printed it, and is reused from `.cache/pdf` while its deck is
unchanged. Measured on the default course: two builds with the same `.cache/` are identical
in every byte; without it, only the re-executed notebooks' outputs differ.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from coursekit.site.build import build_course

TESTS = Path(__file__).parent


def _digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def _build_twice(name: str, tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    sites = []
    for folder in ("first", "second"):
        root = tmp_path / folder / name
        shutil.copytree(TESTS / "courses" / name, root)
        build_course(root, root / "site", site_url="https://example.org/course/")
        sites.append(root / "site")
        time.sleep(1.1)  # a clock read anywhere shows in a second
    return sites[0], sites[1]


def test_two_builds_of_the_minimal_course_are_byte_identical(tmp_path, monkeypatch):
    first, second = _build_twice("minimal", tmp_path, monkeypatch)
    a, b = _digests(first), _digests(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    # Not today: the first day of the newest term (the course is not in git here).
    assert "DTSTAMP:20260112T000000Z" in (first / "S2026" / "calendar.ics").read_text()
    assert "<lastmod>2026-01-12</lastmod>" in (first / "S2026" / "sitemap.xml").read_text()


@pytest.mark.kernel
def test_two_builds_of_a_course_with_a_notebook_are_byte_identical(tmp_path, monkeypatch):
    first, second = _build_twice("materials", tmp_path, monkeypatch)
    a, b = _digests(first), _digests(second)
    assert a.keys() == b.keys()
    assert [name for name in a if a[name] != b[name]] == []
    ipynb = json.loads((first / "S2026" / "recitations" / "arrays.ipynb").read_text())
    ids = [cell["id"] for cell in ipynb["cells"]]
    assert len(set(ids)) == len(ids) == len(ipynb["cells"])


def test_the_build_time_is_the_last_commit_or_source_date_epoch(make_course, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    course = make_course()
    git = ["git", "-C", str(course), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    env = {"GIT_COMMITTER_DATE": "2026-01-05T10:00:00Z", "GIT_AUTHOR_DATE": "2026-01-05T10:00:00Z"}
    subprocess.run([*git, "commit", "-qm", "x"], check=True, env={**os.environ, **env})
    build_course(course, tmp_path / "site")
    assert "DTSTAMP:20260105T100000Z" in (tmp_path / "site" / "S2026" / "calendar.ics").read_text()

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767268800")  # 2026-01-01 12:00 UTC
    build_course(course, tmp_path / "site")
    assert "DTSTAMP:20260101T120000Z" in (tmp_path / "site" / "S2026" / "calendar.ics").read_text()
