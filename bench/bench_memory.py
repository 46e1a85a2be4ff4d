"""Memory: peak RSS of a full `coursekit build --pdf`, and RSS across preview rebuilds.

1. Runs `coursekit build --pdf` on a copy of the course and samples the resident memory of
   the process and all its children (Chromium printing the decks included) every 50 ms.
2. In this process, as `coursekit serve` does: one full build, then N rebuilds of the current
   offering with `build_semester_in_place` and one session's `Caches` and engine, alternating
   a session-title edit and a deck edit; prints RSS after each tenth and the growth from
   rebuild 10 to N (should be ~0: the session caches are bounded and swept).

Usage: python bench/bench_memory.py [COURSE_DIR] [--rebuilds N] [--no-pdf] [--quick]
`--quick`: the tests' minimal course, no PDFs, 10 rebuilds (CI, well under 30 s).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.build import build_course, build_semester_in_place, work_folder
from coursekit.site.caches import Caches
from coursekit.site.engine import MkDocsEngine
from coursekit.site.generate import newest_built

REPO = Path(__file__).resolve().parent.parent
QUICK_COURSE = REPO / "tests" / "courses" / "minimal"
MB = 1024 * 1024


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """Resident bytes of `process` and every process below it: summed RSS (counts pages
    Chromium's processes share once per process) and summed PSS (shares them out; Linux)."""
    rss = pss = 0
    for one in [process, *process.children(recursive=True)]:
        # One may end between the listing and the reading.
        with contextlib.suppress(psutil.Error):
            info = one.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
    return rss, pss


def peak_build_rss(root: Path, out: Path, pdf: bool) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (with children), peak summed RSS and peak summed PSS of one
    `coursekit build`."""
    command = [sys.executable, "-m", "coursekit.cli", "build", "--root", str(root)]
    command += ["--out", str(out)] + (["--pdf"] if pdf else [])
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(child.pid)
    peak = peak_pss = 0
    cpu = 0.0
    while child.poll() is None:
        try:
            rss, pss = tree_memory(watched)
            peak, peak_pss = max(peak, rss), max(peak_pss, pss)
            times = watched.cpu_times()
            cpu = times.user + times.system + times.children_user + times.children_system
        except psutil.Error:
            pass
        time.sleep(0.05)
    if child.returncode:
        raise SystemExit(f"build failed:\n{child.stderr.read().decode() if child.stderr else ''}")
    return time.perf_counter() - started, cpu, peak, peak_pss


def rebuild_rss(root: Path, rebuilds: int) -> list[tuple[float, float, int]]:
    """(wall, CPU, RSS after) of each preview rebuild, in this process."""
    me = psutil.Process()
    out = root.parent / "preview-site"
    caches, engine = Caches(), MkDocsEngine()
    build_course(root, out, caches=caches, engine=engine, speaker=True)
    course = load_course(root)
    oid = course.schedule.course.current or newest_built(course)
    sessions = course.schedule.offerings[oid].sessions  # type: ignore[union-attr]
    title = course.source.values[("offerings", oid, "sessions", 0, "title")]
    decks = [str(s.slides) for s in sessions if str(getattr(s, "slides", "")).endswith(".md")]
    deck = root / decks[0] if decks and (root / decks[0]).is_file() else None
    schedule = root / "schedule.yaml"
    work = work_folder(root)
    measured = []
    for number in range(rebuilds):
        if number % 2 == 0 or deck is None:
            line, column = title
            lines = schedule.read_text(encoding="utf-8").splitlines(keepends=True)
            lines[line - 1] = lines[line - 1][: column - 1] + f'"Edited {number}"\n'
            schedule.write_text("".join(lines), encoding="utf-8")
        else:
            deck.write_text(deck.read_text(encoding="utf-8") + f"\n---\n\nEdit {number}\n")
        wall, cpu = time.perf_counter(), time.process_time()
        build_semester_in_place(load_course(root), oid, out, work, caches=caches, engine=engine)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        gc.collect()
        measured.append((wall, cpu, me.memory_info().rss))
    return measured


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?")
    parser.add_argument("--rebuilds", type=int, default=50)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--quick", action="store_true", help="minimal course, 10 rebuilds")
    args = parser.parse_args()
    course = Path(args.course or (QUICK_COURSE if args.quick else REPO))
    rebuilds = 10 if args.quick else args.rebuilds
    pdf = not (args.quick or args.no_pdf)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as folder:
        root = copy_course(course, Path(folder) / "build-course")
        wall, cpu, peak, pss = peak_build_rss(root, Path(folder) / "site", pdf)
        name = "the default course" if course == REPO else course.name
        print(
            f"full build{' --pdf' if pdf else ''} of {name}: peak RSS {peak / MB:.0f} MB "
            f"(PSS {pss / MB:.0f} MB)"
        )
        print(f"  (process and children; wall {wall:.1f} s, CPU {cpu:.1f} s)")
        root = copy_course(course, Path(folder) / "preview-course")
        done = rebuild_rss(root, rebuilds)
    rss = [entry[2] / MB for entry in done]
    print(f"preview rebuilds in one process: {rebuilds}")
    print(
        f"  rebuild median wall {statistics.median(e[0] for e in done):.3f} s, "
        f"CPU {statistics.median(e[1] for e in done):.3f} s"
    )
    marks = [n for n in range(10, rebuilds + 1, 10)] or [rebuilds]
    print("  RSS after rebuild " + ", ".join(f"{n}: {rss[n - 1]:.0f} MB" for n in marks))
    start = min(10, rebuilds) if rebuilds > 10 else max(1, rebuilds // 3)
    growth = rss[-1] - rss[start - 1]
    print(f"  growth from rebuild {start} to {rebuilds}: {growth:+.1f} MB")


if __name__ == "__main__":
    main()
