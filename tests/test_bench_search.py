"""bench/bench_page_weight.py runs in CI in its quick mode, on the default course's site the
suite builds anyway: it must keep working, and the schedule page it loads as a phone must not
fetch the search index and stay within issue 17's 100 KB gzip (bytes, not timings)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser


def test_page_weight_quick(default_site, chromium):
    done = subprocess.run(
        [sys.executable, "bench/bench_page_weight.py", "--quick", "--site", str(default_site)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stderr
    print(done.stdout)  # the figures, for the CI log
    sizes = dict(re.findall(r"^\s+(\S[^\d]*?)\s+([\d.]+) KB$", done.stdout, re.M))
    assert float(sizes["search index"]) == 0, done.stdout
    total = float(re.search(r"total\s+([\d.]+) KB", done.stdout)[1])
    assert 20 < total <= 100, done.stdout
