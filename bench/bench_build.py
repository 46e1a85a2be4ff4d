"""Build times of a course: `coursekit check`, a full build, and a one-semester rebuild.

Runs in-process on a copy of the course (default: this repository's course), each step
`--runs` times, and prints the median. Usage:

    python bench/bench_build.py [COURSE_DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.build import build_course


def timed(step, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?", default=str(Path(__file__).parent.parent))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = copy_course(Path(args.course), Path(folder) / "course")
        out = Path(folder) / "site"
        course = load_course(root)
        built = list(course.schedule.built())
        sessions = sum(len(o.sessions) for o in course.schedule.built().values())
        check = timed(lambda: load_course(root), args.runs)
        cold_start = time.perf_counter()
        build_course(root, out)
        cold = time.perf_counter() - cold_start
        full = timed(lambda: build_course(root, out), args.runs)
        one = timed(lambda: build_course(root, out, semester=built[0]), args.runs)
        pages = len(list(out.rglob("*.html")))
    print(f"course: {len(built)} semesters built, {sessions} sessions, {pages} HTML pages")
    print(f"  check (load + validate)     {check * 1000:7.0f} ms")
    print(f"  full build, first in process {cold:6.2f} s")
    print(f"  full build, warm             {full:6.2f} s")
    print(f"  one semester ({built[0]}), warm   {one:6.2f} s")


if __name__ == "__main__":
    main()
