"""The preview's benches run in CI in their quick modes: they finish and print their figures
(timings are printed, never asserted), and memory does not grow across preview rebuilds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "bench"


def _quick(name: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / name), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.browser
def test_the_serve_bench_reports_the_first_save_and_p50_p95_beside_the_rebuild(chromium):
    printed = _quick("bench_serve.py")
    assert re.search(r"first save of the session \(title\): [\d.]+ s \(rebuild [\d.]+ s", printed)
    assert re.search(r"title +first [\d.]+ s +p50 [\d.]+ s +p95 [\d.]+ s", printed), printed
    assert "server CPU p50" in printed, printed


def test_the_memory_bench_reports_peak_rss_and_no_growth_across_rebuilds():
    printed = _quick("bench_memory.py")
    assert re.search(r"peak RSS \d+ MB", printed), printed
    growth = re.search(r"growth from rebuild \d+ to 10: ([-+][\d.]+) MB", printed)
    assert growth, printed
    # A bound far above the noise of a garbage-collected process (~1 MB), far below what a
    # cache keeping every rebuild's pages would add.
    assert float(growth.group(1)) < 8, printed
