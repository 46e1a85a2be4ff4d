"""bench/bench_linkcheck.py on a small synthetic site: it builds through coursekit's theme and
checks every link of it (timings are printed, never asserted: the machine is shared)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench" / "bench_linkcheck.py"


def test_the_link_check_bench_builds_and_checks_a_synthetic_site():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--pages", "20", "--semesters", "2", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "problems found: 0 broken links" in done.stdout, done.stdout
    assert "check_site (parse + resolve)" in done.stdout, done.stdout
