"""The rebuild bench in its quick mode (bench/bench_rebuild.py): it runs, prints its figures
and ratios, and the site check's work grows linearly with the pages (calls are counted, so
a loaded machine cannot fail it; timings are printed, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "bench_rebuild.py"


def test_quick_bench_runs_and_reports_ratios(tmp_path):
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for figure in ("warm build --semester", "warm bare mkdocs build", "ratio", "whole build"):
        assert figure in done.stdout, done.stdout
    growth = re.search(r"4n pages / n pages .*?([\d.]+)\s*$", done.stdout, re.M)
    assert growth and float(growth.group(1)) < 6, done.stdout


def test_site_check_work_is_linear_in_pages(tmp_path):
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_rebuild
    finally:
        sys.path.remove(str(BENCH.parent))
    ratio = bench_rebuild.growth(tmp_path, n=40)
    assert 3 < ratio < 6, ratio
