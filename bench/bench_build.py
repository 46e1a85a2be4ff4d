"""Build times of a course: `coursekit check`, a full build, and a one-semester rebuild.

Runs in-process on a copy of the course (default: this repository's course), each step
`--runs` times, and prints the median wall time and, beside it, the median CPU time of this
process (on a shared machine wall times follow the load; CPU times barely do). Usage:

    python bench/bench_build.py [COURSE_DIR] [--runs 3]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from measure import timed

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.build import build_course


def _session() -> dict:
    """Keyword arguments sharing one session's caches and engine between builds."""
    try:
        from coursekit.site.caches import Caches
        from coursekit.site.engine import MkDocsEngine
    except ImportError:  # coursekit before sessions: its caches were process-wide
        return {}
    return {"caches": Caches(), "engine": MkDocsEngine()}


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
        # Warm: what a live-preview session reuses between builds (its caches and engine);
        # older coursekit kept the same things process-wide.
        session = _session()
        full = timed(lambda: build_course(root, out, **session), args.runs)
        one = timed(lambda: build_course(root, out, semester=built[0], **session), args.runs)
        pages = len(list(out.rglob("*.html")))
    print(f"course: {len(built)} semesters built, {sessions} sessions, {pages} HTML pages")
    print("                               wall      CPU")
    print(f"  check (load + validate)     {check[0] * 1000:6.0f} ms {check[1] * 1000:6.0f} ms")
    print(f"  full build, first in process {cold:6.2f} s")
    print(f"  full build, warm             {full[0]:6.2f} s {full[1]:6.2f} s")
    print(f"  one semester ({built[0]}), warm   {one[0]:6.2f} s {one[1]:6.2f} s")


if __name__ == "__main__":
    main()
