"""How long `check` takes on a long offering (issue 17: < 0.3 s at 5,000 sessions, linear
to 20,000), beside its anchor in the same run: the same schedule.yaml read the guarded way
(compose, alias and nesting guards, node walk), which every file took before and every file
with a problem still takes.

The course is bench_scale.py's (one session a day, a reading each, a deadline a week). For
each size: median wall and CPU time of `load_course` (what `check` runs), CPU per session,
the ratio to the first size, and the schedule read by events vs guarded. `--quick` (CI, via
tests/test_bench_check2.py) runs 500 and 2,000 sessions once, and counts the Python calls
of `load_course` at 1,000 and 4,000 sessions: the ratio (linear → 4) fails at 6. Usage:

    python bench/bench_check.py [--sizes 500 5000 20000] [--runs 5] [--quick]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from bench_scale import QUADRATIC, calls, make_course, timed

from coursekit.schedule.load import load_course
from coursekit.schedule.yamlevents import read_events
from coursekit.schedule.yamlloader import collector_paused
from coursekit.schedule.yamlsource import YamlSource, _read_guarded

GOAL = 0.3  # seconds of CPU at 5,000 sessions


def guarded(text: str) -> None:
    with collector_paused():
        _read_guarded(text, YamlSource("schedule.yaml"))


def events(text: str) -> None:
    with collector_paused():
        done, _ = read_events(text)  # as `check` reads it: positions when first asked for
        assert done, "a clean schedule must be read from events"


def measure(folder: Path, sizes: list[int], runs: int) -> None:
    print(f"{'sessions':>8} {'wall':>7} {'CPU':>7} {'CPU/session':>12} {'×first':>7} "
          f"{'×goal':>6} {'read: events':>13} {'guarded':>8} {'ratio':>6}")  # fmt: skip
    first = None
    for n in sizes:
        root = make_course(folder, n)
        text = (root / "schedule.yaml").read_text("utf-8")
        load_course(root)  # imports and first-use caches out of the figure
        wall, cpu = timed(lambda root=root: load_course(root), runs)
        first = first or cpu
        fast = timed(lambda text=text: events(text), runs)[1]
        slow = timed(lambda text=text: guarded(text), runs)[1]
        print(
            f"{n:>8} {wall:>6.3f}s {cpu:>6.3f}s {cpu / n * 1e6:>9.0f} µs {cpu / first:>6.1f}× "
            f"{cpu / GOAL:>5.2f}× {fast:>12.3f}s {slow:>7.3f}s {slow / fast:>5.1f}×"
        )
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="small sizes, one run, call counts")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.quick:
            measure(folder, args.sizes, args.runs)
            return 0
        measure(folder, [500, 2000], 1)
        small, large = (
            calls(lambda n=n: load_course(make_course(folder, n))) for n in (1000, 4000)
        )
    ratio = large / small
    print(f"calls check n=1000: {small:>10,}  4n: {large:>10,}  ratio {ratio:.2f}")
    if ratio >= QUADRATIC:
        print(f"FAIL: call count grows {ratio:.1f}× for 4× the sessions (linear → 4)")
        return 1
    print(f"linear: call counts grow {ratio:.2f}× for 4× the sessions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
