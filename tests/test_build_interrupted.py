"""A real `coursekit build` interrupted (Ctrl+C, kill, SIGKILL) or run twice at once: the previous
site is still whole, the next build succeeds, and nothing is left beside the site."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coursekit.errors import BuildError
from coursekit.site.build import build_course
from coursekit.site.lock import course_lock


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def start_build(course: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "coursekit.cli", "build", "--root", course, "--out", out],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for_staging(process: subprocess.Popen, out: Path) -> Path:
    """The build's staging folder, once the build is under way (it holds the lock then)."""
    deadline = time.monotonic() + 120
    prefix = f".{out.name}.staging-{process.pid}-"
    while time.monotonic() < deadline:
        found = [p for p in out.parent.iterdir() if p.name.startswith(prefix)]
        if found:
            return found[0]
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)
    raise AssertionError("the build never started staging")


def leftovers(course: Path, out: Path) -> list[str]:
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
    work = course / ".coursekit" / "build"
    return beside + [p.name for p in work.iterdir()] if work.is_dir() else beside


@pytest.fixture
def built(make_course, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    build_course(course, out)
    return course, out


@pytest.mark.parametrize(
    "signal_number", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["int", "term", "kill"]
)
def test_an_interrupted_build_keeps_the_site_and_the_next_one_clears_up(built, signal_number):
    course, out = built
    before = digest(out)
    process = start_build(course, out)
    wait_for_staging(process, out)
    process.send_signal(signal_number)
    _, err = process.communicate(timeout=120)
    assert digest(out) == before
    if signal_number != signal.SIGKILL:
        assert process.returncode == 1, err
        assert err.strip().endswith("Aborted."), err
        assert "Traceback" not in err
        assert leftovers(course, out) == []  # Ctrl+C and kill clean up on the way out
    else:
        assert leftovers(course, out) != []  # SIGKILL leaves them; the next build removes them

    again = start_build(course, out)
    out_text, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert leftovers(course, out) == []
    assert (out / "S2026" / "index.html").is_file()


def test_two_builds_at_once_both_succeed_one_after_the_other(built, tmp_path):
    """The test holds the course while two builds start (so neither can finish before the
    other asks, as a fast first build could), then lets go: they take turns."""
    course, out = built
    logs = [tmp_path / "first.err", tmp_path / "second.err"]
    with course_lock(course):
        builds = []
        for log in logs:
            with log.open("w") as stderr:  # the child keeps its own copy of the file
                builds.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "coursekit.cli", "build"]
                        + ["--root", course, "--out", out],
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                    )
                )
        deadline = time.monotonic() + 120
        while not all("Waiting for coursekit" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(build.poll() is None for build in builds), [log.read_text() for log in logs]
            time.sleep(0.05)
    for build, log in zip(builds, logs, strict=True):
        assert build.wait(timeout=300) == 0, log.read_text()
        waited = f"Waiting for coursekit (pid {os.getpid()}), which is building this course…"
        assert waited in log.read_text()
    assert leftovers(course, out) == []
    # The site is whole: every page's links resolve (the build checks), and the pages are there.
    for page in ("index.html", "versions.json", ".coursekit-site", "S2026/schedule/index.html"):
        assert (out / page).is_file(), page


def test_a_build_gives_up_waiting_naming_the_process(make_course, tmp_path):
    course = make_course()
    with course_lock(course), pytest.raises(BuildError) as caught:
        build_course(course, tmp_path / "site", lock_timeout=0.3)
    assert str(caught.value) == (
        f"coursekit (pid {os.getpid()}) has been building this course for over 0.3 s (it holds "
        f"{course / '.coursekit' / 'lock'}) (wait for it to finish, or stop it and build again)"
    )
    assert not (tmp_path / "site").exists()


def test_the_live_preview_rebuilds_only_when_no_build_runs(make_course, tmp_path):
    from coursekit.schedule.load import load_course
    from coursekit.site.build import build_semester_in_place, work_folder

    course = make_course()
    preview = tmp_path / "preview"
    build_course(course, preview)
    work = work_folder(course)
    schedule = course / "schedule.yaml"
    schedule.write_text(schedule.read_text().replace("Introduction", "Edited introduction"))
    page = preview / "S2026" / "schedule" / "index.html"
    before = page.read_bytes()
    with course_lock(course):  # a `coursekit build` running
        rebuild = threading.Thread(
            target=build_semester_in_place, args=(load_course(course), "S2026", preview, work)
        )
        rebuild.start()
        rebuild.join(timeout=1.5)
        assert rebuild.is_alive()  # waiting for the build
        assert page.read_bytes() == before
    rebuild.join(timeout=120)
    assert not rebuild.is_alive()
    assert "Edited introduction" in page.read_text()
    assert (work / "S2026" / "mkdocs.yml").is_file()  # its own work folder, not a build's
