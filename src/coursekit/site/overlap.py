"""What a course build does while the notebooks' kernels run (issue 17): the offerings that
need no notebook render first, and the work of the others that does not wait for them (the
site check's parse of finished pages, the handouts of their decks) is done meanwhile.

`build.py` (`build_course`) calls these; every result lands in the build's `Caches`, keyed
by all it depends on, so doing it early never changes a page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coursekit.schedule.load import Course
from coursekit.site.caches import Caches
from coursekit.site.linkcheck import scan_site
from coursekit.site.materials import Materials, Notebooks, start_notebooks, used_materials
from coursekit.site.write import LiteBuilds

# How long a build waits for its notebooks' kernels to start before rendering beside them.
KERNEL_START = 15.0


def notebooks_first(
    course: Course,
    here: list[str],
    targets: list[str],
    as_of: dt.date | None,
    caches: Caches,
    lite: LiteBuilds,
) -> tuple[Notebooks, list[tuple[str, bool]]]:
    """The build's notebooks, running from now, and the offerings in build order (those
    that wait for the notebooks last), each with whether it does."""
    # The kernels start first and run on the second core while the landing page, the decks
    # and the offerings without notebooks render (joined where a page needs them).
    notebooks = start_notebooks(course, here, as_of or dt.date.today(), caches)
    # Their start (reading, imports, kernel start-up) is on the build's longest path: it
    # has the GIL to itself until the kernels answer.
    notebooks.ready.wait(timeout=KERNEL_START)
    ordered = notebooks_last(course, here, targets, as_of)
    if course.schedule.course.notebooks.browser.enabled and any(n for _, n in ordered):
        lite.prefetch()  # Pyodide's files, which the notebook pages read
    return notebooks, ordered


def notebooks_last(
    course: Course, here: list[str], targets: list[str], as_of: dt.date | None
) -> list[tuple[str, bool]]:
    """`targets` in build order, each with whether it waits for this build's notebooks
    (`here`: the offerings whose notebooks this build runs): those go last."""
    as_of = as_of or dt.date.today()
    needs = {oid: oid in here and bool(used_materials(course, [oid], as_of)[1]) for oid in targets}
    return sorted(needs.items(), key=lambda item: item[1])


def _running(materials: Materials) -> bool:
    return materials.pending is not None and not materials.pending.done()


def early_site_check(site: Path, materials: Materials, caches: Caches) -> None:
    """While the kernels run, parse the pages of a finished offering's `site` for the site
    check (by their bytes: a page changed later is parsed again)."""
    if _running(materials):
        scan_site(site, caches.page_links)


def early_handouts(
    course: Course, oid: str, materials: Materials, caches: Caches, as_of: dt.date | None
) -> None:
    """While the kernels run, render the handouts of `oid`'s decks into `caches`: its page
    render then finds them."""
    if not _running(materials):
        return
    from coursekit.site.generate import semester_plan
    from coursekit.site.render import handout

    plan = semester_plan(course, oid, materials, as_of)
    for source, place in plan.decks.items():
        deck, notes = materials.decks[source], materials.notes_shown(place)
        handout(source, place, deck, caches, plan.locale, notes)
