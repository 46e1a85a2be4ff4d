"""Page weight: what a phone fetches in the first 3 s of opening a semester's schedule page.

Builds a course (default: this repository's) on a copy, serves the site over HTTP, opens
`<current>/schedule/` in headless Chromium (Playwright, /usr/bin/chromium) at 390×844 with an
empty cache, and records every response that arrives in the first 3 s after navigation start.
Each body is gzipped here at level 6 (`http.server` sends none compressed) and the totals are
printed by kind. Given another course, the default course is measured in the same run and
the ratio printed. Usage:

    python bench/bench_page_weight.py [COURSE_DIR] [--site BUILT_SITE] [--runs 3] [--quick]
        [--each]   (--each lists every response with its gzip size, largest first)
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import re
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil

from coursekit.layout import copy_course
from coursekit.schedule.load import load_course
from coursekit.site.build import build_course
from coursekit.site.generate import newest_built
from coursekit.slides.pdf import CHROMIUM, CHROMIUM_ARGS

DEFAULT = Path(__file__).resolve().parent.parent
WINDOW = 3.0  # seconds after navigation start
KINDS = ("HTML", "CSS", "JS", "fonts", "images", "search index", "other")
_SUFFIXES = {
    ".html": "HTML",
    ".css": "CSS",
    ".js": "JS",
    ".mjs": "JS",
    ".woff": "fonts",
    ".woff2": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
    ".png": "images",
    ".svg": "images",
    ".jpg": "images",
    ".jpeg": "images",
    ".gif": "images",
    ".webp": "images",
    ".ico": "images",
}


@dataclass
class Load:
    """One page load: gzip bytes by kind, the URLs fetched, wall and CPU seconds."""

    sizes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    urls: dict[str, int] = field(default_factory=dict)  # gzip bytes per URL
    wall: float = 0.0
    cpu: float = 0.0
    search_ready: float = 0.0  # first use of search → Material's search answers
    search_cpu: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.sizes.values())


def kind_of(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if path.endswith("search_index.json"):
        return "search index"
    if path.endswith("/") or "text/html" in content_type:
        return "HTML"
    return _SUFFIXES.get(Path(path).suffix.lower(), "other")


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the report clean
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def cpu_seconds() -> float:
    """CPU time of this process and every process under it (Playwright's driver, Chromium)."""
    me = psutil.Process()
    total = time.process_time()
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            times = child.cpu_times()
            total += times.user + times.system
    return total


def load_once(browser, url: str) -> Load:
    """Open `url` as a phone with an empty cache; gzip what arrived in the first 3 s."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    # No network here: other hosts fail at once instead of waiting on DNS.
    origin = urlsplit(url).netloc
    page.route(lambda u: urlsplit(u).netloc != origin, lambda route: route.abort())
    arrived = []
    load = Load()
    page.on("response", lambda r: arrived.append((time.perf_counter(), r)))
    started, cpu = time.perf_counter(), cpu_seconds()
    page.goto(url, wait_until="load")
    load.wall = time.perf_counter() - started
    page.wait_for_timeout(max(0.0, started + WINDOW - time.perf_counter()) * 1000)
    load.cpu = cpu_seconds() - cpu
    for when, response in arrived:
        if when - started > WINDOW:
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            body = b""
        kind = kind_of(response.url, response.headers.get("content-type", ""))
        packed = len(gzip.compress(body, compresslevel=6)) if body else 0
        load.sizes[kind] += packed
        load.urls[response.url] = packed
    cpu = cpu_seconds()
    load.search_ready = first_search(page)
    load.search_cpu = cpu_seconds() - cpu
    context.close()
    return load


def first_search(page) -> float:
    """Seconds from a tap on search until Material's search is ready (its result line no
    longer says "Initializing search", in the site's language, as the page was sent)."""
    sent = page.evaluate("fetch(location.href).then(r => r.text())")
    initial = re.search(r'md-search-result__meta">\s*(.*?)\s*</div>', sent, re.S)[1]
    started = time.perf_counter()
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_function(
        """initial => document.querySelector('.md-search-result__meta')
            .textContent.trim() !== initial""",
        arg=initial,
        polling=10,
    )
    return time.perf_counter() - started


def measure(browser, site: Path, oid: str, runs: int) -> Load:
    """The median of `runs` loads of the schedule page (by total bytes; timings median)."""
    with served(site) as base:
        loads = [load_once(browser, f"{base}{oid}/schedule/") for _ in range(runs)]
    middle = sorted(loads, key=lambda load: load.total)[len(loads) // 2]
    middle.wall = statistics.median(load.wall for load in loads)
    middle.cpu = statistics.median(load.cpu for load in loads)
    middle.search_ready = statistics.median(load.search_ready for load in loads)
    middle.search_cpu = statistics.median(load.search_cpu for load in loads)
    return middle


def built(course: Path, folder: Path, quick: bool) -> tuple[Path, str]:
    """Build a copy of `course` (quick: its current offering only); return site and ID."""
    root = copy_course(course, folder / "course")
    loaded = load_course(root)
    oid = loaded.schedule.course.current or newest_built(loaded)
    assert oid, f"{course} builds no offering"
    build_course(root, folder / "site", semester=oid if quick else None)
    return folder / "site", oid


def report(name: str, load: Load, anchor: Load | None) -> None:
    kb = 1024
    print(f"{name}: schedule page, first {WINDOW:.0f} s on a phone (390×844), gzip level 6")
    print(f"  total {load.total / kb:7.1f} KB   ({len(load.urls)} responses)")
    for kind in KINDS:
        print(f"    {kind:<13} {load.sizes[kind] / kb:7.1f} KB")
    print(f"  load event: median wall {load.wall:.3f} s, CPU {load.cpu:.3f} s (browser included)")
    ready, cpu = load.search_ready, load.search_cpu
    print(f"  first use of search → ready: median wall {ready:.3f} s, CPU {cpu:.3f} s")
    if anchor is not None:
        ratio = load.total / anchor.total if anchor.total else float("inf")
        print(f"  ratio against the default course: {ratio:.2f}×")


def index_size(site: Path, oid: str) -> None:
    """What the first use of search fetches (the index, fetched then, not on load)."""
    index = site / oid / "search" / "search_index.json"
    if index.is_file():
        raw = index.read_bytes()
        packed = len(gzip.compress(raw, compresslevel=6))
        sizes = f"{len(raw) / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip"
        print(f"  search index (fetched on first use of search): {sizes}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("course", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--site", type=Path, help="an already built site of COURSE (no build)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one build, one run (CI)")
    parser.add_argument("--each", action="store_true", help="also list every response")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        if args.site:
            loaded = load_course(args.course)
            site, oid = args.site, loaded.schedule.course.current or newest_built(loaded) or ""
        else:
            site, oid = built(args.course, Path(folder) / "given", args.quick)
        anchor = None
        if args.course.resolve() != DEFAULT and not args.quick:
            default_site, default_oid = built(DEFAULT, Path(folder) / "default", False)
            anchor = measure(browser, default_site, default_oid, runs)
            report("default course", anchor, None)
        load = measure(browser, site, oid, runs)
        name = "default course" if args.course.resolve() == DEFAULT else args.course.name
        report(f"{name} {oid}", load, anchor)
        if args.each:
            for url, packed in sorted(load.urls.items(), key=lambda item: -item[1]):
                print(f"    {packed / 1024:7.1f} KB  {urlsplit(url).path}")
        index_size(site, oid)
        browser.close()


if __name__ == "__main__":
    main()
