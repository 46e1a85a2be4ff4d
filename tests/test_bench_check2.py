"""bench/bench_check.py in its quick mode: `check` of a 500- and a 2,000-session offering,
the schedule read from events (the guarded read beside it), and the Python calls of `check`
growing no faster than the sessions (timings are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench" / "bench_check.py"


def test_check_grows_linearly_with_sessions():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "linear: call counts grow" in done.stdout, done.stdout
    ratio = float(done.stdout.split("calls check")[1].split("ratio ")[1].split()[0])
    assert 3.0 < ratio < 6.0, done.stdout
