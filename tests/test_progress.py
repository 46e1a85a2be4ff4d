"""Progress lines: a build on a terminal says what it is doing (each notebook executed, each
offering built); piped, in CI, or in-process it prints what it always did."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest


def _in_terminal(args: list[str | Path], **env: str) -> tuple[int, str]:
    """Run `coursekit` with its output on a pseudo-terminal, as a user's shell does."""
    base = {k: v for k, v in os.environ.items() if k != "CI"}  # CI sets it for the suite
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "coursekit.cli", *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env={**base, **env},
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process ended
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=300)
    os.close(leader)
    return code, b"".join(chunks).decode().replace("\r\n", "\n")


@pytest.mark.kernel
def test_a_build_on_a_terminal_prints_a_line_per_notebook_and_offering(make_course, tmp_path):
    course = make_course("materials")
    code, output = _in_terminal(["build", "--root", course, "--out", tmp_path / "site"])
    assert code == 0, output
    lines = output.splitlines()
    assert "running 1 notebook, 1 at once" in lines, output
    notebook = next(i for i, line in enumerate(lines) if line.startswith("notebook 1/1: "))
    assert lines[notebook].startswith("notebook 1/1: recitations/arrays.py ("), output
    site = lines.index("S2026: building the site (1/1)")
    built = next(i for i, line in enumerate(lines) if line.startswith("Built S2026 into"))
    assert notebook < site < built, output


def test_without_a_terminal_a_build_prints_only_its_summary(make_course, run, tmp_path):
    course = make_course("minimal")
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    assert result.err == "", result
    assert result.out.splitlines() == [f"Built S2026 into {tmp_path / 'site'} in " + _secs(result)]


def _secs(result) -> str:
    return result.out.split(" in ")[-1].strip()


def test_in_ci_a_terminal_gets_no_progress_unless_verbose(make_course, tmp_path):
    course = make_course("minimal")
    build = ["build", "--root", course, "--out", tmp_path / "site"]
    code, quiet = _in_terminal(build, CI="true")
    assert code == 0 and "building the site" not in quiet, quiet
    assert quiet.strip().startswith("Built S2026 into"), quiet
    code, verbose = _in_terminal(["-v", *build], CI="true")
    assert code == 0 and "S2026: building the site (1/1)\n" in verbose, verbose
    # One line as written: not also in -v's `INFO: …` log format.
    assert "INFO: S2026: building" not in verbose, verbose
