"""Live preview latency: save a source → the open page in Chromium shows the change.

Starts `coursekit serve` on a copy of a course, opens pages in headless Chromium (Playwright,
/usr/bin/chromium) and, round after round, makes three kinds of save, each measured until
the reloaded page shows it:

- `title`: a session's title in schedule.yaml (the schedule page shows it);
- `deck`: a line of that session's deck (its handout page shows it);
- `new-deck`: a new deck file, linked from another session's `slides:` (the schedule page shows
  the session's new title and the new deck's page is served).

For each kind it prints the first save and the p50/p95 of all, with the server's own rebuild
time ("Rebuilt … in X s") and the CPU time the server process used per save beside them; the
anchor is a bare MkDocs dirty rebuild (`build(config, dirty=True)`, one page touched) of the
project coursekit generated, measured in the same run. Usage:

    python bench/bench_serve.py [COURSE_DIR] [--semester ID] [--runs N] [--quick]

`--quick`: the tests' minimal course, three title saves, no anchor (CI, well under 30 s).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.generate import newest_built
from coursekit.site.places import DeckPlace
from coursekit.slides.pdf import CHROMIUM, CHROMIUM_ARGS

REPO = Path(__file__).resolve().parent.parent
QUICK_COURSE = REPO / "tests" / "courses" / "minimal"
REBUILT = re.compile(r"Rebuilt \S+ in ([\d.]+) s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Kind:
    """One kind of save and what was measured for it, save by save."""

    name: str
    walls: list[float] = field(default_factory=list)
    rebuilds: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def cpu_of(process: psutil.Process) -> float:
    """CPU seconds the server and its children used so far."""
    times = process.cpu_times()
    return times.user + times.system + times.children_user + times.children_system


class Course:
    """The copied course the bench edits, and the session whose title and deck it edits."""

    def __init__(self, root: Path, semester: str | None) -> None:
        self.root = root
        course = load_course(root)
        self.oid = semester or course.schedule.course.current or newest_built(course)
        sessions = course.schedule.offerings[self.oid].sessions  # type: ignore[union-attr]
        # The first session with a deck of the course: its title and deck are edited; the
        # second one's deck is replaced by a new one (its title too, for the page to show).
        with_deck = [i for i, s in enumerate(sessions) if _local_deck(root, s)] or [0]
        at = ("offerings", self.oid, "sessions")
        self.title_at = course.source.values[(*at, with_deck[0], "title")]
        self.deck = _local_deck(root, sessions[with_deck[0]])
        other = with_deck[-1]
        self.other_title_at = course.source.values[(*at, other, "title")]
        self.slides_at = course.source.values.get((*at, other, "slides"))
        self.schedule = root / "schedule.yaml"
        self.original = self.schedule.read_text(encoding="utf-8")

    def set_line(self, at: tuple[int, int], value: str) -> None:
        line, column = at
        lines = self.schedule.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[line - 1] = lines[line - 1][: column - 1] + f'"{value}"\n'
        self.schedule.write_text("".join(lines), encoding="utf-8")


def _local_deck(root: Path, session: object) -> str | None:
    slides = getattr(session, "slides", None)
    text = str(slides) if slides else ""
    return text if text.endswith(".md") and (root / text).is_file() else None


def save(kind: str, course: Course, run: int, base: str) -> tuple[str, list[str]]:
    """Make one save of `kind`; the text the page will show and the URLs that must show it."""
    marker = f"Edited {kind} {run} {time.time_ns()}"
    if kind == "title":
        course.set_line(course.title_at, marker)
        return marker, [f"{base}schedule/"]
    assert course.deck and course.slides_at
    if kind == "deck":
        deck = course.root / course.deck
        deck.write_text(deck.read_text(encoding="utf-8") + f"\n---\n\n{marker}\n", "utf-8")
        return marker, [f"{base}{DeckPlace(course.deck).handout_url}"]
    # A new deck, then the schedule naming it (two saves, as an author makes them).
    new = f"lectures/bench_{run}/bench_{run}.md"
    (course.root / new).parent.mkdir(parents=True, exist_ok=True)
    (course.root / new).write_text(f"# {marker}\n\nA new deck.\n", "utf-8")
    lines = course.schedule.read_text(encoding="utf-8").splitlines(keepends=True)
    for at, value in ((course.other_title_at, marker), (course.slides_at, new)):
        line, column = at
        lines[line - 1] = lines[line - 1][: column - 1] + f'"{value}"\n'
    course.schedule.write_text("".join(lines), encoding="utf-8")
    return marker, [f"{base}schedule/", f"{base}{DeckPlace(new).slides_url}"]


def start_server(root: Path, oid: str, log: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    port = free_port()
    command = [sys.executable, "-m", "coursekit.cli", "serve", "--root", str(root)]
    started = time.perf_counter()
    server = subprocess.Popen(
        [*command, "--port", str(port), "--semester", oid],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}/{oid}/"
    deadline = time.time() + 600
    # Ready once it says it serves (after warming up), not at its first answer.
    while "Serving on" not in log.read_text():
        if server.poll() is not None or time.time() > deadline:
            raise SystemExit(f"serve did not start:\n{log.read_text()}")
        time.sleep(0.05)
    urllib.request.urlopen(base, timeout=10)
    return server, base, time.perf_counter() - started


def measure(
    args: argparse.Namespace, folder: Path
) -> tuple[Course, list[Kind], float, tuple[float, float] | None]:
    from playwright.sync_api import sync_playwright

    course = Course(copy_course(Path(args.course), folder / "course"), args.semester)
    full = not args.quick and course.deck and course.slides_at
    names = ["title", "deck", "new-deck"] if full else ["title"]
    kinds = [Kind(name) for name in names]
    log = folder / "serve.log"
    server, base, startup = start_server(course.root, course.oid, log)
    process = psutil.Process(server.pid)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            pages: dict[str, object] = {}
            for run in range(args.runs):
                for kind in kinds:
                    time.sleep(0.3)  # let the watcher settle between saves
                    seen = len(REBUILT.findall(log.read_text()))
                    _open(browser, pages, kind.name, course, base)
                    cpu, started = cpu_of(process), time.perf_counter()
                    marker, urls = save(kind.name, course, run, base)
                    try:
                        _wait_shown(browser, pages, urls, marker)
                    except Exception:
                        print(log.read_text()[-3000:], file=sys.stderr)
                        raise
                    kind.walls.append(time.perf_counter() - started)
                    print(f"  {kind.name} {run}: {kind.walls[-1]:.3f} s", file=sys.stderr)
                    _wait_rebuilt(log, seen)
                    kind.cpus.append(cpu_of(process) - cpu)
                    kind.rebuilds.append(float(REBUILT.findall(log.read_text())[seen]))
            browser.close()
        anchor = _bare_dirty_rebuild(course) if not args.quick else None
    finally:
        server.terminate()
        server.wait()
    return course, kinds, startup, anchor


def _open(browser, pages, kind: str, course: Course, base: str) -> None:  # type: ignore[no-untyped-def]
    """The page each kind of save is watched on stays open from one save to the next."""
    url = f"{base}{DeckPlace(course.deck).handout_url}" if kind == "deck" else f"{base}schedule/"
    if url not in pages:
        page = browser.new_page()
        page.goto(url)
        pages[url] = page


def _wait_shown(browser, pages, urls: list[str], marker: str) -> None:  # type: ignore[no-untyped-def]
    for url in urls:
        if url in pages:
            pages[url].wait_for_function(
                "m => document.body && document.body.innerText.includes(m)",
                arg=marker,
                timeout=60_000,
                polling=10,
            )
            continue
        while True:  # a new page: served once the rebuild wrote it
            try:
                with urllib.request.urlopen(url, timeout=10) as answer:
                    if marker in answer.read().decode("utf-8", "replace"):
                        break
            except OSError:
                pass
            time.sleep(0.01)


def _wait_rebuilt(log: Path, seen: int) -> None:
    deadline = time.time() + 60
    while len(REBUILT.findall(log.read_text())) <= seen and time.time() < deadline:
        time.sleep(0.01)


def _bare_dirty_rebuild(course: Course, runs: int = 5) -> tuple[float, float] | None:
    """Median wall and CPU seconds of MkDocs alone rebuilding the generated project of the
    offering dirty, one page (the schedule) touched: what no preview can beat."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # MkDocs warns on every dirty build; the preview silences it too.
    logging.getLogger("mkdocs.commands.build").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    configs = sorted((course.root / ".coursekit" / "build").glob(f"*/{course.oid}/mkdocs.yml"))
    if not configs:
        return None
    out = Path(tempfile.mkdtemp(prefix="bench-serve-bare-"))
    build(load_config(str(configs[-1]), site_dir=str(out)))
    page = configs[-1].parent / "docs" / "schedule.md"
    walls, cpus = [], []
    for _ in range(runs):
        os.utime(page)
        wall, cpu = time.perf_counter(), time.process_time()
        build(load_config(str(configs[-1]), site_dir=str(out)), dirty=True)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?")
    parser.add_argument("--semester")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="3 title saves, minimal course")
    args = parser.parse_args()
    args.course = args.course or str(QUICK_COURSE if args.quick else REPO)
    args.runs = 3 if args.quick else args.runs
    with tempfile.TemporaryDirectory() as folder:
        report(*measure(args, Path(folder)), args)


def report(course: Course, kinds: list[Kind], startup: float, anchor: object, args) -> None:  # type: ignore[no-untyped-def]
    print(f"save → reloaded page, {course.oid}, {args.runs} rounds; serve ready in {startup:.1f} s")
    first = kinds[0]
    print(
        f"  first save of the session ({first.name}): {first.walls[0]:.3f} s "
        f"(rebuild {first.rebuilds[0]:.3f} s, server CPU {first.cpus[0]:.3f} s)"
    )
    for kind in kinds:
        wall, rebuild = statistics.median(kind.walls), statistics.median(kind.rebuilds)
        print(
            f"  {kind.name:8}  first {kind.walls[0]:.3f} s   p50 {wall:.3f} s"
            f"   p95 {p95(kind.walls):.3f} s   | rebuild p50 {rebuild:.3f} s"
            f"   server CPU p50 {statistics.median(kind.cpus):.3f} s"
        )
    if isinstance(anchor, tuple):
        wall, cpu = anchor
        title = kinds[0]
        print(
            f"  anchor: bare MkDocs dirty rebuild {wall:.3f} s (CPU {cpu:.3f} s); "
            f"title save rebuild / anchor = {statistics.median(title.rebuilds) / wall:.2f}× wall, "
            f"server CPU / anchor CPU = {statistics.median(title.cpus) / cpu:.2f}×"
        )


if __name__ == "__main__":
    main()
