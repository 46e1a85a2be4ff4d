"""bench/bench_scale.py in its quick mode: a 250- and a 1,000-session offering check and
build, and the Python calls both make grow no faster than the sessions (timings are printed,
never asserted: the machine is shared)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench" / "bench_scale.py"


def test_check_and_build_grow_linearly_with_sessions():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "linear: call counts grow" in done.stdout, done.stdout
    for step in ("check", "build"):
        ratio = float(done.stdout.split(f"calls {step}")[1].split("ratio ")[1].split()[0])
        assert 3.0 < ratio < 6.0, done.stdout
