"""A semester → a plain MkDocs project (generated markdown pages + a derived `mkdocs.yml`),
in one straight line: plan (`plan.py`) → render (`render.py`) → write (`write.py`).

This is the core's last step before the engine: the project it writes builds with
`mkdocs build -f <project>/mkdocs.yml` by itself, so the course never depends on a plugin.
Called by `build.py` (and by tests, through `generate_semester`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.schedule.load import Course
from coursekit.site.caches import Caches
from coursekit.site.config import (
    ASSETS,
    base_config,
    course_locale,
    derived_config,
    dump,
    theme_dir,
)
from coursekit.site.materials import Materials
from coursekit.site.places import DeckPlace
from coursekit.site.plan import CALENDAR_FILE, SemesterPlan, newest_built, plan_semester
from coursekit.site.render import lite_contents, semester_docs
from coursekit.site.write import write_project

# Where they were before the plan: landing.py, the serve loop and tests import them here.
__all__ = [
    "ASSETS",
    "CALENDAR_FILE",
    "Project",
    "base_config",
    "generate_semester",
    "newest_built",
    "semester_plan",
    "theme_dir",
]


@dataclass(frozen=True)
class Project:
    """A generated MkDocs project: build `config` and the site lands in `site_dir`; then
    write `decks` (their places) into it, which MkDocs does not render. `sources` names
    the course file each page of `docs_dir` comes from (for warnings: docs path → repo path)."""

    offering_id: str
    config: Path
    site_dir: Path
    decks: tuple[DeckPlace, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)
    # The browser notebooks' JupyterLite contents (path → bytes), written after MkDocs too.
    lite: dict[str, bytes] = field(default_factory=dict)


def semester_plan(
    course: Course, oid: str, materials: Materials, as_of: dt.date | None = None
) -> SemesterPlan:
    """The plan of `oid`, with the parsed decks' and notebooks' titles for its navigation."""
    titles = {source: deck.title for source, deck in materials.decks.items()}
    titles |= {source: page.title for source, page in materials.notebooks.items()}
    return plan_semester(
        course,
        oid,
        as_of=as_of or dt.date.today(),
        pdf=materials.pdf,
        titles=titles,
        locale=course_locale(course.root),
    )


def generate_semester(
    course: Course,
    oid: str,
    work: Path,
    site_dir: Path,
    materials: Materials | None = None,
    as_of: dt.date | None = None,
    site_url: str | None = None,
    caches: Caches | None = None,
) -> Project:
    """Write the MkDocs project of offering `oid` into `work`; `materials` holds the parsed
    decks and built notebooks its schedule links to; `caches` the handouts of an earlier
    build of this session (live preview)."""
    materials = materials or Materials()
    plan = semester_plan(course, oid, materials, as_of)
    caches = caches or Caches()
    docs = semester_docs(plan, materials, site_url, caches)
    config = derived_config(plan, work / "docs", site_dir, site_url)
    config_path = write_project(work, docs, dump(config))
    sources = {docs_path: source for source, docs_path in plan.pages.items()}
    sources |= {place.handout_docs: source for source, place in plan.decks.items()}
    sources |= {place.docs: source for source, place in plan.notebooks.items()}
    lite = lite_contents(plan, docs, caches)
    return Project(oid, config_path, site_dir, tuple(plan.decks.values()), sources, lite)
