"""The finished site replaces the old one with no moment without a site, and what killed
builds left beside it is cleared (or, for an old site with none in its place, put back)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.site import swap as swap_module
from coursekit.site.swap import clear_leftovers, staging_folder, swap


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(text)
    return folder


def test_swap_exchanges_the_folders(tmp_path):
    out = site(tmp_path / "site", "old")
    stage = site(staging_folder(out) / "site", "new")
    swap(stage, out)
    assert (out / "index.html").read_text() == "new"
    assert (stage / "index.html").read_text() == "old"  # for the caller to remove


def test_a_reader_never_finds_the_site_missing(tmp_path):
    out = site(tmp_path / "site", "0")
    stage = site(tmp_path / ".site.staging-1" / "site", "1")
    # A reader in another process, like a web server: it counts the times it found no page.
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import os, sys\n"
            "path = sys.argv[1]; missing = 0\n"
            "while not os.path.exists(path + '.stop'):\n"
            "    missing += not os.path.exists(os.path.join(path, 'index.html'))\n"
            "print(missing)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(3000):
            swap(stage, out)
    finally:
        Path(f"{out}.stop").touch()
        missing = int(reader.communicate(timeout=30)[0])
    assert missing == 0


def test_every_step_of_the_swap_leaves_a_site(tmp_path, monkeypatch):
    """Where the atomic exchange is missing, the two renames are the only gap: a crash between
    them is repaired by the next build (test below). Here: with the exchange, no step at all
    leaves `out` missing."""
    out = site(tmp_path / "site", "old")
    stage = site(tmp_path / ".site.staging-1" / "site", "new")
    real_rename = os.rename

    def rename(source, target):
        real_rename(source, target)
        assert out.exists(), f"no site after renaming {source} to {target}"

    monkeypatch.setattr(swap_module.os, "rename", rename)
    swap(stage, out)
    assert (out / "index.html").read_text() == "new"


def test_without_the_exchange_two_renames_still_swap(tmp_path, monkeypatch):
    def unsupported(first, second):
        raise OSError(errno.ENOSYS, "renameat2 is not available", str(second))

    monkeypatch.setattr(swap_module, "exchange", unsupported)
    out = site(tmp_path / "site", "old")
    stage = site(tmp_path / ".site.staging-1" / "site", "new")
    swap(stage, out)
    assert (out / "index.html").read_text() == "new"
    assert (stage / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.staging-1", "site"]


@pytest.fixture
def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


@pytest.fixture
def live_pid():
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait()


def test_leftovers_of_dead_builds_are_removed_and_live_ones_kept(tmp_path, dead_pid, live_pid):
    out = site(tmp_path / "site", "current")
    site(tmp_path / f".site.staging-{dead_pid}-abc" / "site", "half")
    site(tmp_path / f".site.old-{dead_pid}-123", "older")
    site(tmp_path / ".site.staging-k2j4_x9q" / "site", "named before pids")
    site(tmp_path / f".site.staging-{live_pid}-def" / "site", "being built")
    site(tmp_path / f".other.staging-{dead_pid}-abc", "not ours")
    clear_leftovers(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f".other.staging-{dead_pid}-abc",
        f".site.staging-{live_pid}-def",
        "site",
    ]
    assert (out / "index.html").read_text() == "current"


def test_a_build_killed_between_the_renames_gets_its_site_back(tmp_path, dead_pid):
    site(tmp_path / f".site.old-{dead_pid}-100", "older")
    site(tmp_path / f".site.old-{dead_pid}-200", "previous")
    out = tmp_path / "site"
    clear_leftovers(out)
    assert (out / "index.html").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_leftovers_are_cleared_by_the_next_build(make_course, run, tmp_path, dead_pid):
    course = make_course()
    out = tmp_path / "site"
    assert run("build", "--root", course, "--out", out).code == 0
    site(tmp_path / f".site.staging-{dead_pid}-abc" / "site", "half")
    site(course / ".coursekit" / "build" / f"{dead_pid}-xyz", "work")
    result = run("build", "--root", course, "--out", out)
    assert result.code == 0, result
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []
    assert list((course / ".coursekit" / "build").iterdir()) == []


def test_serve_keeps_its_work_folder_while_a_build_runs(make_course, tmp_path, live_pid):
    from coursekit.site.build import build_course

    course = make_course()
    serving = site(course / ".coursekit" / "build" / f"{live_pid}-serve", "serve's project")
    build_course(course, tmp_path / "site")
    assert (serving / "index.html").read_text() == "serve's project"
