"""How `check` and `build --semester` scale with the length of an offering (issue 17).

Generates a valid course with one offering of N sessions (one a day, placed by the term
calendar, a reading each, a deck link, a deadline every week, an exam every ten weeks), then
times `check` (load + validate) and `build --semester` (first and warm, in one process) at
each size: median wall and CPU time, per-session cost, and each size's cost against the first
size's (linear → N/N₀). `--quick` (CI, via tests/test_bench_scale.py) runs 250 and 1,000
sessions once each (check: 1,000 and 4,000) and counts the Python function calls of both
steps under cProfile at n and 4n: that ratio (linear → 4, fails at 6), not a timing, says
whether anything is quadratic. Usage:

    python bench/bench_scale.py [--sizes 500 5000 20000] [--runs 3] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from measure import calls, timed

from coursekit.schedule.load import load_course
from coursekit.site.build import build_course
from coursekit.site.caches import Caches
from coursekit.site.engine import MkDocsEngine

MINIMAL = Path(__file__).parent.parent / "tests" / "courses" / "minimal"
START = dt.date(2030, 1, 7)  # a Monday
OFFERING = "S2030"
# A call-count ratio at 4n above this means some step does more than linear work.
QUADRATIC = 6.0

HEAD = """\
course:
  title: Long Course
  numbers: [99-101]
  units: 12
  institution: Test University
  instructors:
    - {{name: Ada Lovelace, url: https://example.org/ada}}
  license: {{name: CC BY 4.0, url: https://creativecommons.org/licenses/by/4.0/}}
  repository: https://github.com/example/long
  description: docs/description.md
  assignments: {{due_time: "23:59"}}
  books:
    - {{title: The Book, chapter_url: "https://example.org/book/ch{{n}}"}}

offerings:
  {oid}:
    title: Spring 2030
    term:
      start: {start}
      end: {end}
      holidays:
        - {{name: New Year, date: {holiday}}}
    meetings:
      - kind: lecture
        days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
        time: "13:25-14:45"
        location: Room 1
    pages:
      - {{title: Syllabus, file: docs/syllabus.md}}
    sessions:
"""


def session_yaml(i: int) -> str:
    """The schedule row of session `i`: what a real row holds, numbered."""
    if i % 70 == 69:  # pinned to the day the calendar would give it (after the holiday)
        day = START + dt.timedelta(days=i + 1)
        return f"      - {{date: {day}, kind: exam, title: 'Exam {i // 70 + 1}', notes: Room 2}}\n"
    row = (
        f"      - id: s{i}\n"
        f"        title: 'Topic {i}: Models, Data & Systems'\n"
        f"        slides: https://example.org/slides/{i}.html\n"
        f"        readings:\n"
        f"          - {{title: The Book, url: https://example.org/book,\n"
        f"             detail: 'Ch. {i % 20 + 1}'}}\n"
    )
    if i % 7 == 3:
        row += f"        due:\n          - {{title: 'Quiz {i // 7 + 1}'}}\n"
    return row


def make_course(folder: Path, sessions: int) -> Path:
    """A course in `folder` whose one offering has `sessions` sessions, one a day."""
    root = folder / f"course-{sessions}"
    shutil.copytree(MINIMAL, root, dirs_exist_ok=True)
    # One free day (the holiday) plus slack at the end of the term.
    end = START + dt.timedelta(days=sessions + 7)
    holiday = START + dt.timedelta(days=3)
    head = HEAD.format(oid=OFFERING, start=START, end=end, holiday=holiday)
    rows = "".join(session_yaml(i) for i in range(sessions))
    (root / "schedule.yaml").write_text(head + rows, encoding="utf-8")
    return root


def steps(root: Path, out: Path) -> dict[str, Callable[[], object]]:
    """`check` and `build --semester` of the course in `root`; warm builds share a session."""
    caches, engine = Caches(), MkDocsEngine()
    return {
        "check": lambda: load_course(root),
        "build": lambda: build_course(root, out, semester=OFFERING, caches=caches, engine=engine),
    }


def measure(folder: Path, sizes: list[int], runs: int) -> None:
    """Print each size's medians and its ratio to the first size."""
    print(f"{'sessions':>8} {'step':<12} {'wall':>8} {'CPU':>8} {'CPU/session':>12} {'×first':>7}")
    first: dict[str, float] = {}
    for n in sizes:
        root = make_course(folder, n)
        todo = steps(root, folder / f"site-{n}")
        started, cpu = time.perf_counter(), time.process_time()
        todo["build"]()
        rows = {"build first": (time.perf_counter() - started, time.process_time() - cpu)}
        rows["build warm"] = timed(todo["build"], runs)
        rows["check"] = timed(todo["check"], runs)
        for name, (wall, cpu) in rows.items():
            first.setdefault(name, cpu)
            ratio = cpu / first[name] if first[name] else 0.0
            per = cpu / n * 1e6
            print(f"{n:>8} {name:<12} {wall:>7.2f}s {cpu:>7.2f}s {per:>9.0f} µs {ratio:>6.1f}×")
        sys.stdout.flush()


def call_counts(folder: Path, sizes: dict[str, int]) -> dict[str, float]:
    """Time each step once at its n and 4n (`sizes`: step → n; a build is the first in its
    process), count its Python calls in a second run (a warm build), and return each step's
    4n/n count ratio. `check` is cheap enough to count at larger sizes, where work per
    session that grows with the schedule stands out from the constant part."""
    ratios = {}
    for name, n in sizes.items():
        counted = []
        for size in (n, 4 * n):
            step = steps(make_course(folder, size), folder / f"counted-{size}")[name]
            started, cpu = time.perf_counter(), time.process_time()
            step()
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            print(f"{size:>8} {name:<12} {wall:>7.2f}s {cpu:>7.2f}s {cpu / size * 1e6:>9.0f} µs")
            counted.append(calls(step))
        ratios[name] = counted[1] / counted[0]
        small, large = counted
        print(f"calls {name:<6} n={n}: {small:>10,}  4n: {large:>10,}  ratio {large / small:.2f}")
    return ratios


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run, call counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.quick:
            measure(folder, args.sizes, args.runs)
            return 0
        print(f"{'sessions':>8} {'step':<12} {'wall':>8} {'CPU':>8} {'CPU/session':>12}")
        ratios = call_counts(folder, {"check": 1000, "build": 250})
    worst = max(ratios.values())
    if worst >= QUADRATIC:
        print(f"FAIL: call count grows {worst:.1f}× for 4× the sessions (linear → 4)")
        return 1
    print(f"linear: call counts grow ≤ {worst:.2f}× for 4× the sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
