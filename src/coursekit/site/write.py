"""The one writer of a semester: every file of its MkDocs project (generated pages, copied
course files, handouts, notebook pages and .ipynb, assets, the derived `mkdocs.yml`) and,
after MkDocs built the site, the reveal.js decks the plan places in it.

Called by `generate.py` (the project) and `build.py` (the decks). Writes touch only files
whose bytes changed: MkDocs' dirty rebuilds in the live preview re-render just those pages.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from coursekit.errors import CourseError
from coursekit.publishable import read_publishable
from coursekit.site.links import relative_href
from coursekit.site.places import RUNTIME_DIR, DeckPlace

if TYPE_CHECKING:
    from coursekit.slides import BackLinks

log = logging.getLogger("coursekit.build")
PDF_CACHE = ".cache/pdf"


class Tree:
    """Writes a folder of generated files, touching only files whose content changed, so
    MkDocs' dirty rebuilds (live preview) re-render just the pages that changed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: set[Path] = set()

    def write(self, relative: str, text: str) -> None:
        self.put(relative, text.encode("utf-8"))

    def copy(self, source: Path, relative: str) -> None:
        self.put(relative, source.read_bytes())

    def put(self, relative: str, data: bytes) -> None:
        target = self.folder / relative
        self.written.add(target)
        if target.is_file() and target.read_bytes() == data:
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def remove_others(self) -> None:
        """Delete files left from an earlier generation that this one did not write."""
        for path in sorted(self.folder.rglob("*"), reverse=True):
            if path.is_file() and path not in self.written:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def write_project(work: Path, docs: Mapping[str, bytes], config: str) -> Path:
    """Write a semester's MkDocs project into `work`: `docs` (docs path → bytes) as
    `work/docs/`, nothing else left there, and the derived config; return the config."""
    tree = Tree(work / "docs")
    for relative, data in docs.items():
        tree.put(relative, data)
    tree.remove_others()
    Tree(work).write("mkdocs.yml", config)
    return work / "mkdocs.yml"


def write_decks(  # type: ignore[no-untyped-def]
    materials, places: Sequence[DeckPlace | str], site_dir: Path, root: Path
) -> None:
    """Write each deck's reveal.js page, images and markdown source into the semester site
    (after MkDocs, which empties the folder), the runtime once, and PDFs when asked. A deck
    whose notes are private is written without them, unless `materials.speaker`."""
    if not places:
        return
    from coursekit.site.config import course_locale
    from coursekit.slides import copy_runtime, without_notes, write_deck

    copy_runtime(site_dir / RUNTIME_DIR)
    locale = course_locale(root)
    jobs = []
    for place in places:
        place = place if isinstance(place, DeckPlace) else DeckPlace(place)
        deck = materials.decks[place.source]
        out = site_dir / place.slides_url
        notes = materials.notes_shown(place)
        # The gate judges each file again at the copy: it may have become a symlink since the
        # parse (serve).
        write_deck(
            deck,
            out,
            relative_href(RUNTIME_DIR + "/", place.slides_url),
            handout=relative_href(place.handout_url, place.slides_url),
            root=root,
            out=materials.out,
            locale=locale,
            back=_back_links(place),
            notes=notes,
        )
        source = root / place.source
        markdown = read_publishable(source, root, shown=place.source, out=materials.out)
        if not notes:
            markdown = without_notes(markdown.decode("utf-8"), place.source).encode("utf-8")
        (out / f"{place.name}.md").write_bytes(markdown)
        if materials.pdf:
            from coursekit.slides.pdf import PdfJob

            jobs.append(PdfJob(deck, out / "index.html", out / f"{place.name}.pdf"))
    if jobs:
        from coursekit.slides.pdf import print_pdfs

        for result in print_pdfs(jobs, site_dir, cache_dir=root / PDF_CACHE):
            log.info(
                "%s %s (%.1f s)", "kept" if result.cached else "printed", result.pdf, result.seconds
            )


def write_lite(contents: Mapping[str, bytes], site_dir: Path, pyodide: str) -> None:
    """Write the offering's JupyterLite site (`lite/`) holding `contents`, after MkDocs
    (which empties the folder); nothing when the offering runs no notebooks in the browser."""
    if not contents:
        return
    from coursekit.lite.site import LITE_DIR, lite_site, user_cache

    seconds = lite_site(contents, site_dir / LITE_DIR, pyodide, user_cache())
    log.info("browser notebooks (JupyterLite) in %.1f s", seconds)


class LiteBuilds:
    """`write_lite` for each offering in a thread of its own, one job at a time: its
    `jupyter lite build` child runs on the second core while the course build renders. The
    build starts (`prepare`) as soon as the offering's contents are known, before MkDocs,
    and `start` copies it into the site after MkDocs (which empties the folder). `wait()`
    before anything reads the site (the link check); leaving the block waits too, so
    nothing writes into a staging folder after it is removed."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="coursekit-lite")
        self._pending: list[Future[object]] = []

    def __enter__(self) -> LiteBuilds:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def prefetch(self) -> None:
        """Fetch the Pyodide release into the user cache now (the notebook pages read its
        package list); a failure here is reported where a page needs it."""
        from coursekit.lite.site import user_cache

        def fetch() -> None:
            from coursekit.lite.pyodide import pyodide_core

            with contextlib.suppress(CourseError):
                pyodide_core(user_cache())

        self._pool.submit(fetch)

    def prepare(self, contents: Mapping[str, bytes], pyodide: str) -> None:
        """Build the JupyterLite site of `contents` into the user cache, from now."""
        if contents:
            from coursekit.lite.site import cached_lite_site, user_cache

            job = self._pool.submit(cached_lite_site, contents, pyodide, user_cache())
            self._pending.append(job)  # type: ignore[arg-type]

    def start(self, contents: Mapping[str, bytes], site_dir: Path, pyodide: str) -> None:
        if contents:
            job = self._pool.submit(write_lite, contents, site_dir, pyodide)
            self._pending.append(job)  # type: ignore[arg-type]

    def wait(self) -> None:
        """Until every started build ended; the first one's error, if any failed."""
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()


def _back_links(place: DeckPlace) -> BackLinks | None:
    """The deck page's links to its session's schedule row and the offering's home."""
    if not place.offering:
        return None
    from coursekit.slides import BackLinks

    anchor = f"#{place.session}" if place.session else ""
    return BackLinks(
        schedule=relative_href("schedule/", place.slides_url) + anchor,
        home=relative_href("", place.slides_url),
        title=place.offering,
    )
