"""Print decks to PDF through reveal.js's print layout (`?print-pdf`) in headless Chromium.

Called by the course build and `coursekit slides --pdf` after `write_deck()`. One browser and
a small pool of pages print every deck, biggest first. A deck whose content hash (page HTML,
files it uses, theme, reveal.js version, options) is unchanged is copied from the cache
instead of printed again. Every copy carries the build's time (clock.py), not the print's.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import importlib.util
import os
import re
import time
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from coursekit.clock import build_time
from coursekit.errors import BuildError, CourseError, Problem
from coursekit.progress import step
from coursekit.slides.localserver import serve
from coursekit.slides.model import Deck
from coursekit.slides.page import render_page
from coursekit.slides.runtime import runtime_fingerprint

if TYPE_CHECKING:  # playwright is imported only when a PDF is printed
    from playwright.async_api import Browser, Page, Playwright

T = TypeVar("T")

# Debian's package; COURSEKIT_CHROMIUM names another Chromium or Chrome (e.g. the
# google-chrome that GitHub's Ubuntu runners ship).
CHROMIUM = Path(os.environ.get("COURSEKIT_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Decks must print the same with or without a network: every request to another host goes to
# a proxy that is not there (loopback, where our server runs, bypasses proxies), so it fails
# at once, inside Chromium, without a round trip through Python per request.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1"]
CACHE_FORMAT = "1"  # bump when the way PDFs are printed changes
TIMEOUT_MS = 60_000
PARALLEL = 3  # pages printing at once in the one browser
# reveal.js has laid out every slide as a page ("pdf-ready", flagged by the page's own script)
# and every image has loaded or failed.
READY = """() => window.Reveal && Reveal.isReady()
  && document.documentElement.dataset.pdfReady === 'true'
  && Array.from(document.images).every(image => image.complete)"""


def require_playwright() -> None:
    """Fail before anything is built when `--pdf` cannot print: Playwright is the `[pdf]`
    extra, not a dependency (it is large, and only printing uses it)."""
    if importlib.util.find_spec("playwright") is None:
        raise CourseError(Problem('--pdf needs Playwright: pip install "coursekit[pdf]"'))


@dataclass(frozen=True)
class PdfJob:
    """Print `html` (a page `write_deck()` wrote, inside the served root) to `pdf`."""

    deck: Deck
    html: Path
    pdf: Path


@dataclass(frozen=True)
class PdfResult:
    pdf: Path
    cached: bool
    seconds: float


def pdf_key(deck: Deck, *, notes: bool = False) -> str:
    """The content hash that decides whether a deck must be printed again."""
    digest = hashlib.sha256(f"coursekit-pdf {CACHE_FORMAT} notes={notes}\n".encode())
    digest.update(runtime_fingerprint().encode())
    digest.update(render_page(deck, "runtime/").encode())
    for asset in sorted(deck.assets, key=lambda a: a.target):
        digest.update(asset.target.encode())
        if asset.path.is_file():
            digest.update(asset.path.read_bytes())
    return digest.hexdigest()


def print_pdfs(
    jobs: list[PdfJob],
    root: Path,
    *,
    cache_dir: Path,
    notes: bool = False,
    parallel: int = PARALLEL,
    chromium: Path = CHROMIUM,
) -> list[PdfResult]:
    """Print each job's page (served from `root`) to its PDF, one page per slide (plus one per
    slide with notes when `notes`). Unchanged decks come from `cache_dir`."""
    root = Path(root).resolve()
    cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[int, PdfResult] = {}
    todo: list[tuple[int, PdfJob, Path]] = []
    same: list[tuple[int, PdfJob, Path]] = []  # the same deck as one in todo: printed once
    printing: set[Path] = set()
    for index, job in enumerate(jobs):
        started = time.perf_counter()
        cached = cache_dir / f"{pdf_key(job.deck, notes=notes)}.pdf"
        if cached.is_file():
            _publish(cached, job.pdf)
            results[index] = PdfResult(job.pdf, True, time.perf_counter() - started)
        elif cached in printing:
            same.append((index, job, cached))
        else:
            printing.add(cached)
            todo.append((index, job, cached))
    if todo:
        if not chromium.is_file():
            raise CourseError(
                Problem(
                    f"printing PDFs needs Chromium, and {chromium} does not exist",
                    fix="install it with: apt-get install -y chromium, or set "
                    "COURSEKIT_CHROMIUM to a Chromium or Chrome binary",
                )
            )
        with serve(root) as base_url:
            printed = _run_async(
                lambda: _print_all(todo, root, base_url, notes, parallel, chromium)
            )
        results.update(printed)
    for index, job, cached in same:
        _publish(cached, job.pdf)
        results[index] = PdfResult(job.pdf, True, 0.0)
    return [results[i] for i in range(len(jobs))]


# Chromium (Skia) stamps the document information with the print's local time, e.g.
# `/CreationDate (D:20261129094803+00'00')`; the information is near the top of the file, so
# the byte offsets after it must not move.
DATE_RE = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})([^)]*)\)")
UTC_ZONES = {0: b"", 1: b"Z", 3: b"+00", 6: b"+00'00", 7: b"+00'00'"}  # by length


def pinned_dates(data: bytes, when: dt.datetime) -> bytes:
    """`data` (a PDF) with its creation and modification dates set to `when`, in UTC, byte
    for byte the same length: reprinted decks are identical files."""
    stamp = when.astimezone(dt.UTC).strftime("%Y%m%d%H%M%S").encode()

    def pinned(match: re.Match[bytes]) -> bytes:
        zone = UTC_ZONES.get(len(match[3]))
        if zone is None:  # a zone of a form Chromium does not write: leave the date be
            return match[0]
        return b"/%s (D:%s%s)" % (match[1], stamp, zone)

    return DATE_RE.sub(pinned, data)


def _publish(cached: Path, pdf: Path) -> None:
    """Copy a printed PDF from the cache to its place in the site, dated by the build."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(pinned_dates(cached.read_bytes(), build_time()))


def _weight(job: PdfJob) -> int:
    """Roughly how long a deck takes to print: its page and the files it loads, in bytes."""
    files = [job.html, *(asset.path for asset in job.deck.assets)]
    return sum(path.stat().st_size for path in files if path.is_file())


def _run_async(make_coroutine: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """asyncio.run(), also when the caller's thread already runs an event loop (a sync
    Playwright session, a notebook): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


@dataclass
class _PrintRun:
    """The decks left to print and what printing them gave, shared by the pages that print."""

    queue: asyncio.Queue[tuple[int, PdfJob, Path]]
    root: Path
    base_url: str
    query: str
    results: dict[int, PdfResult] = field(default_factory=dict)
    failures: list[Problem] = field(default_factory=list)
    total: int = 0  # decks to print, for the progress lines


async def _print_all(
    todo: list[tuple[int, PdfJob, Path]],
    root: Path,
    base_url: str,
    notes: bool,
    parallel: int,
    chromium: Path,
) -> dict[int, PdfResult]:
    """Print every job in `todo` with `parallel` pages of one Chromium; results by index."""
    require_playwright()
    from playwright.async_api import async_playwright

    query = "?print-pdf" + ("&notes=separate-page" if notes else "")
    # Biggest decks first, so no page is left printing a long deck alone at the end.
    queue: asyncio.Queue[tuple[int, PdfJob, Path]] = asyncio.Queue()
    for item in sorted(todo, key=lambda item: -_weight(item[1])):
        queue.put_nowait(item)
    run = _PrintRun(queue, root, base_url, query, total=len(todo))
    async with async_playwright() as playwright:
        browser = await _launch(playwright, chromium)
        try:
            await asyncio.gather(*(_worker(browser, run) for _ in range(min(parallel, len(todo)))))
        finally:
            await browser.close()
    if run.failures:
        raise BuildError(run.failures)
    return run.results


async def _launch(playwright: Playwright, chromium: Path) -> Browser:
    """Start `chromium` headless and offline; a Chromium that cannot start is an error."""
    from playwright.async_api import Error as PlaywrightError

    try:
        return await playwright.chromium.launch(
            executable_path=str(chromium), args=[*CHROMIUM_ARGS, *OFFLINE_ARGS]
        )
    except PlaywrightError as error:
        raise CourseError(
            Problem(
                f"cannot start Chromium: {error.message.splitlines()[0]}",
                str(chromium),
                fix="reinstall it: apt-get install -y chromium",
            )
        ) from None


async def _worker(browser: Browser, run: _PrintRun) -> None:
    """Print decks from the queue until it is empty; a failed deck is a problem, not the end."""
    from playwright.async_api import Error as PlaywrightError

    # One page prints deck after deck: no new tab (and renderer) per deck.
    page = await browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        while not run.queue.empty():
            index, job, cached = run.queue.get_nowait()
            try:
                await _print_one(page, run, index, job, cached)
            except PlaywrightError as error:
                run.failures.append(
                    Problem(
                        f"printing to PDF failed: {error.message.splitlines()[0]}",
                        str(job.html),
                    )
                )
                await page.close()
                page = await browser.new_page(viewport={"width": 1280, "height": 720})
    finally:
        await page.close()


async def _print_one(page: Page, run: _PrintRun, index: int, job: PdfJob, cached: Path) -> None:
    """Print one deck into the cache, then publish it next to its page."""
    started = time.perf_counter()
    url = run.base_url + job.html.resolve().relative_to(run.root).as_posix() + run.query
    await page.goto(url, wait_until="load", timeout=TIMEOUT_MS)
    await page.wait_for_function(READY, timeout=TIMEOUT_MS)
    await page.evaluate("document.fonts.ready.then(() => true)")
    partial = cached.with_suffix(f".{os.getpid()}.part")  # another build may print it too
    await page.pdf(path=str(partial), prefer_css_page_size=True, print_background=True)
    partial.replace(cached)
    _publish(cached, job.pdf)
    result = run.results[index] = PdfResult(job.pdf, False, time.perf_counter() - started)
    step("PDF %d/%d: %s (%.1f s)", len(run.results), run.total, job.pdf.name, result.seconds)
