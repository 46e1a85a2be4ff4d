"""The course website: every built offering as a Material for MkDocs site, the archive
landing page, and the checks of a built site. The one package that talks to MkDocs.

`coursekit build`, `serve` and `check` use the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "build": ["build_course", "build_semester_in_place", "work_folder"],
    "engine": ["Engine", "MkDocsEngine"],
    "generate": ["newest_built"],
    "linkcheck": ["scan_site"],
    "materials": ["DECK_CACHE", "confinement_problems", "deck_findings", "held_back_files"],
    "outdir": ["check_out", "mark"],
    "places": ["is_deck"],
    "caches": ["Caches"],
    "preview_server": ["PreviewServer", "open_preview_server", "preview_folder"],
    "preview_changes": ["Snapshot", "changed_pages", "snapshot"],
    "watch": ["SourceWatcher"],
    "config": ["course_locale"],
}
__all__ = [
    "Caches",
    "DECK_CACHE",
    "Engine",
    "MkDocsEngine",
    "PreviewServer",
    "Snapshot",
    "SourceWatcher",
    "build_course",
    "build_semester_in_place",
    "changed_pages",
    "check_out",
    "confinement_problems",
    "course_locale",
    "deck_findings",
    "held_back_files",
    "is_deck",
    "mark",
    "newest_built",
    "open_preview_server",
    "preview_folder",
    "scan_site",
    "snapshot",
    "work_folder",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.site.build import build_course, build_semester_in_place, work_folder
    from coursekit.site.caches import Caches
    from coursekit.site.config import course_locale
    from coursekit.site.engine import Engine, MkDocsEngine
    from coursekit.site.generate import newest_built
    from coursekit.site.linkcheck import scan_site
    from coursekit.site.materials import (
        DECK_CACHE,
        confinement_problems,
        deck_findings,
        held_back_files,
    )
    from coursekit.site.outdir import check_out, mark
    from coursekit.site.places import is_deck
    from coursekit.site.preview_changes import Snapshot, changed_pages, snapshot
    from coursekit.site.preview_server import PreviewServer, open_preview_server, preview_folder
    from coursekit.site.watch import SourceWatcher
