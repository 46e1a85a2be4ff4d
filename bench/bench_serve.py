"""Live preview latency: save schedule.yaml → the open schedule page shows the change.

Starts `coursekit serve` on a copy of a course, opens the semester's schedule page in
headless Chromium (Playwright, /usr/bin/chromium), edits the first session's title N times and
measures until the reloaded page shows it. Usage:

    python bench/bench_serve.py [COURSE_DIR] [--semester ID] [--runs N]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.generate import newest_built
from coursekit.slides.pdf import CHROMIUM, CHROMIUM_ARGS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?", default=str(Path(__file__).parent.parent))
    parser.add_argument("--semester")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        root = copy_course(Path(args.course), Path(folder) / "course")
        course = load_course(root)
        oid = args.semester or course.schedule.course.current or newest_built(course)
        line, column = course.source.values[("offerings", oid, "sessions", 0, "title")]
        port = free_port()
        log = Path(folder) / "serve.log"
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "coursekit.cli",
                "serve",
                "--root",
                str(root),
                "--port",
                str(port),
                "--semester",
                oid,
            ],
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        url = f"http://127.0.0.1:{port}/{oid}/schedule/"
        try:
            deadline = time.time() + 120
            while True:
                try:
                    urllib.request.urlopen(url, timeout=1)
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.2)
            times = []
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url)
                schedule = root / "schedule.yaml"
                for run in range(args.runs):
                    marker = f"Edited title {run} {time.time_ns()}"
                    lines = schedule.read_text(encoding="utf-8").splitlines(keepends=True)
                    lines[line - 1] = lines[line - 1][: column - 1] + f'"{marker}"\n'
                    time.sleep(0.3)  # let the watcher settle between runs
                    started = time.perf_counter()
                    schedule.write_text("".join(lines), encoding="utf-8")
                    page.wait_for_function(
                        "m => document.body && document.body.innerText.includes(m)",
                        arg=marker,
                        timeout=30_000,
                        polling=20,
                    )
                    times.append(time.perf_counter() - started)
                browser.close()
        finally:
            server.terminate()
            server.wait()
        rebuilds = [float(m) for m in re.findall(r"Rebuilt \S+ in ([\d.]+) s", log.read_text())]
    print(f"save → reloaded page, {oid}, {args.runs} runs")
    print(
        f"  median {statistics.median(times):.3f} s   min {min(times):.3f} s   "
        f"max {max(times):.3f} s"
    )
    if rebuilds:
        print(f"  of which the rebuild (server side): median {statistics.median(rebuilds):.3f} s")


if __name__ == "__main__":
    main()
