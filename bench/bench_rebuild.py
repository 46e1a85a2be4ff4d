"""Warm `build --semester` against bare MkDocs, and the cold build split by step (issue 17).

In one process: a warm `build_course(semester=<current>)` (one session's `Caches` and
`MkDocsEngine`, as `coursekit serve` keeps them) against a warm bare `mkdocs build` of the
very project coursekit generated for that semester; then a cold full build of a fresh copy
with empty caches (its own `XDG_CACHE_HOME`), timed per progress step. Prints median wall
and CPU times (CPU includes finished child processes: notebook kernels, Chromium) and the
ratios; `--cold-runs N` takes the medians of N cold builds (each of a fresh copy, notebooks
executed again), by step the last one's. `--quick` (CI, tests/test_bench_rebuild.py) builds
the tiny test course once and checks by counting calls, not timing, that the site check is
linear in pages. Usage:

    python bench/bench_rebuild.py [COURSE_DIR] [--runs 5] [--quick] [--no-cold] [--no-warm]
                                  [--cold-runs 3]
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import logging
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from measure import timed  # noqa: E402

from coursekit.layout import copy_course  # noqa: E402
from coursekit.schedule.load import load_course  # noqa: E402
from coursekit.site.build import build_course  # noqa: E402
from coursekit.site.caches import Caches  # noqa: E402
from coursekit.site.engine import MkDocsEngine  # noqa: E402
from coursekit.site.linkcheck import scan_site  # noqa: E402
from coursekit.site.plan import newest_built  # noqa: E402

HERE = Path(__file__).resolve().parent
TINY = HERE.parent / "tests" / "courses" / "minimal"


def cpu_now() -> float:
    """CPU seconds of this process and of its children that finished."""
    children = os.times()
    return time.process_time() + children.children_user + children.children_system


class KeepingEngine(MkDocsEngine):
    """The build's engine, keeping a copy of the project it builds for `oid`: the very
    project a bare MkDocs build is measured on."""

    def __init__(self, oid: str, keep: Path) -> None:
        super().__init__()
        self.oid, self.keep = oid, keep

    def build(self, config_file: Path, **kwargs: object) -> list[str]:  # type: ignore[override]
        if config_file.parent.name == self.oid and not self.keep.exists():
            shutil.copytree(config_file.parent, self.keep)
        return super().build(config_file, **kwargs)  # type: ignore[arg-type]


def bare_mkdocs(project: Path, site: Path) -> Callable[[], None]:
    """A bare `mkdocs build` of the kept project into `site`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def run() -> None:
        config = load_config(
            config_file=str(project / "mkdocs.yml"),
            docs_dir=str(project / "docs"),
            site_dir=str(site),
        )
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        build(config)

    return run


def warm(course_dir: Path, folder: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Warm `--semester <current>` rebuild and the bare MkDocs build of its project."""
    root = copy_course(course_dir, folder / "warm")
    out = folder / "warm-site"
    course = load_course(root)
    oid = course.schedule.course.current or newest_built(course) or ""
    project = folder / "project"
    engine = KeepingEngine(oid, project)
    session: Mapping[str, object] = {"caches": Caches(), "engine": engine}
    build_course(root, out, **session)  # type: ignore[arg-type]
    rebuild = lambda: build_course(root, out, semester=oid, **session)  # noqa: E731
    rebuild()
    bare = bare_mkdocs(project, folder / "bare-site")
    bare()
    # Interleaved, so that load on a shared machine falls on both alike.
    results: dict[str, list[tuple[float, float]]] = {"rebuild": [], "bare": []}
    for _ in range(runs):
        results["rebuild"].append(timed(rebuild, 1, cpu_now))
        results["bare"].append(timed(bare, 1, cpu_now))
    return {
        name: (statistics.median(w for w, _ in pairs), statistics.median(c for _, c in pairs))
        for name, pairs in results.items()
    }


class _Steps(logging.Handler):
    """The progress steps of a build, each with when it began."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.marks: list[tuple[str, float, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.marks.append((record.getMessage(), time.perf_counter(), cpu_now()))


@contextmanager
def _empty_user_cache(folder: Path) -> Iterator[None]:
    """coursekit's user cache (`~/.cache/coursekit`) empty; other programs' caches (the
    kernels' matplotlib font cache, built once per machine) where they were."""
    saved = {name: os.environ.get(name) for name in ("XDG_CACHE_HOME", "MPLCONFIGDIR")}
    home = Path(saved["XDG_CACHE_HOME"] or Path.home() / ".cache")
    os.environ["MPLCONFIGDIR"] = saved["MPLCONFIGDIR"] or str(home / "matplotlib")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def cold(course_dir: Path, folder: Path) -> list[tuple[str, float, float]]:
    """A full build of a fresh copy with empty caches: (step, wall, CPU) per step, the
    first row the whole build."""
    folder.mkdir(parents=True, exist_ok=True)
    root = copy_course(course_dir, folder / "cold")
    shutil.rmtree(root / ".cache", ignore_errors=True)
    shutil.rmtree(root / ".coursekit", ignore_errors=True)
    steps = _Steps()
    progress = logging.getLogger("coursekit.progress")
    level = progress.level
    progress.addHandler(steps)
    progress.setLevel(logging.INFO)
    try:
        with _empty_user_cache(folder / "xdg-cache"):
            started, cpu = time.perf_counter(), cpu_now()
            steps.marks.append(("loading the course", started, cpu))
            build_course(root, folder / "cold-site")
            ended, cpu_end = time.perf_counter(), cpu_now()
    finally:
        progress.removeHandler(steps)
        progress.setLevel(level)
    rows = [("whole build", ended - started, cpu_end - cpu)]
    marks = [*steps.marks, ("end", ended, cpu_end)]
    for (name, wall, cpu_at), (_, next_wall, next_cpu) in itertools.pairwise(marks):
        rows.append((name, next_wall - wall, next_cpu - cpu_at))
    return rows


def _site_of(pages: int, folder: Path) -> Path:
    """A site of `pages` pages, each linking to its neighbours, an image and an anchor."""
    folder.mkdir(parents=True)
    (folder / "img.png").write_bytes(b"png")
    for number in range(pages):
        links = "".join(
            f'<a href="p{(number + step) % pages}.html#h">next</a>' for step in (1, 2, 3)
        )
        body = f'<h1 id="h">Page {number}</h1>{links}<img src="img.png" alt="an image">'
        (folder / f"p{number}.html").write_text(f"<html><body>{body}</body></html>", "utf-8")
    return folder


def calls_of_site_check(pages: int, folder: Path) -> int:
    """Python function calls of checking a site of `pages` pages (deterministic)."""
    site = _site_of(pages, folder / f"site-{pages}")
    profile = cProfile.Profile()
    profile.enable()
    scan = scan_site(site)
    scan.broken_links()
    scan.images_without_alt()
    profile.disable()
    return sum(stat[1] for stat in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


def growth(folder: Path, n: int = 50) -> float:
    """Calls at 4n pages over calls at n: about 4 when the site check is linear."""
    return calls_of_site_check(4 * n, folder) / calls_of_site_check(n, folder)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?", default=str(HERE.parent))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="tiny course, 2 runs (CI)")
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build")
    parser.add_argument("--no-warm", action="store_true", help="skip the warm rebuild")
    parser.add_argument("--cold-runs", type=int, default=1, help="cold builds (median)")
    args = parser.parse_args(argv)
    course_dir = TINY if args.quick else Path(args.course)
    runs = 2 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        print(f"course: {course_dir}  ({runs} runs, medians)")
        print("                                       wall      CPU")
        if not args.no_warm:
            times = warm(course_dir, folder, runs)
            (rw, rc), (bw, bc) = times["rebuild"], times["bare"]
            print(f"  warm build --semester (current)   {rw:6.2f} s {rc:6.2f} s")
            print(f"  warm bare mkdocs build, same proj {bw:6.2f} s {bc:6.2f} s")
            print(f"  ratio (goal <= 1.5)               {rw / bw:6.2f} x {rc / bc:6.2f} x")
        if not args.no_cold:
            builds = [cold(course_dir, folder / f"cold-{n}") for n in range(args.cold_runs)]
            wall = statistics.median(rows[0][1] for rows in builds)
            cpu = statistics.median(rows[0][2] for rows in builds)
            print(f"  cold full build, empty caches, median of {len(builds)} (goal < 20 s)")
            print(f"    {'whole build (median)':44} {wall:6.2f} s {cpu:6.2f} s")
            print(f"    {'ratio to the goal (20 s)':44} {wall / 20:6.2f} x")
            print("   by step (the last build):")
            for name, step_wall, step_cpu in builds[-1]:
                print(f"    {name[:44]:44} {step_wall:6.2f} s {step_cpu:6.2f} s")
        ratio = growth(folder)
        print(f"  site check calls, 4n pages / n pages (linear: ~4) {ratio:6.2f}")
    return 0 if ratio < 6 else 1


if __name__ == "__main__":
    sys.exit(main())
