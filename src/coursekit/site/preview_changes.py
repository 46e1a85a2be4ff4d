"""What a preview rebuild changed: the pages to reload, and a search index kept whole.

`coursekit serve` (commands/serve.py) takes a `snapshot` of the semester's folder before and
after each rebuild and hands `changed_pages` to the preview server's `reload()`. The writers
leave unchanged files untouched (write.py), so a changed stamp is a changed file.
`build_semester_in_place` (build.py) calls `keep_search_entries` after a dirty MkDocs build.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from coursekit.site.landing import SEARCH_INDEX

Snapshot = dict[str, tuple[int, int]]

# Files no open page shows (the search index is fetched when a reader searches, and read
# again on the next page): their change reloads nothing. Every other file but a page's own
# HTML (a stylesheet, a script, an image, a deck's embedded HTML) may show in any page.
SHOWN_NOWHERE = frozenset({".json", ".xml", ".gz", ".ics", ".md", ".ipynb", ".pdf", ".txt"})
PAGE_NAMES = frozenset({"index.html", "404.html"})


def snapshot(folder: Path, prefix: str) -> Snapshot:
    """(mtime, size) of every file below `folder` (a semester's), by its path in the site:
    `prefix` (the semester's folder name and a slash) and its path below `folder`."""
    found: Snapshot = {}
    _stat(folder, prefix, found)
    return found


def _stat(folder: Path, prefix: str, found: Snapshot) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:  # not built (yet)
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _stat(Path(entry.path), f"{prefix}{entry.name}/", found)
            continue
        stat = entry.stat(follow_symlinks=False)
        found[prefix + entry.name] = (stat.st_mtime_ns, stat.st_size)


def changed_pages(before: Snapshot, after: Snapshot) -> list[str] | None:
    """The pages (site-relative `index.html`/`404.html` files) that differ between the two
    snapshots; None when a file any page may show changed too (reload every page)."""
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    pages = []
    for path in sorted(changed):
        name = PurePosixPath(path)
        if name.name in PAGE_NAMES:
            pages.append(path)
        elif name.suffix.lower() not in SHOWN_NOWHERE:
            return None
    return pages


def keep_search_entries(site: Path, before: bytes | None) -> None:
    """After a dirty MkDocs build of the semester site `site`, whose search index lists only
    the pages it rendered again: put back the entries of the other pages from the index as
    it was `before` (those of pages that still exist), in their order."""
    import json

    index = site / SEARCH_INDEX
    if before is None or not index.is_file():
        return
    try:
        old, new = json.loads(before), json.loads(index.read_bytes())
        old_docs, new_docs = old["docs"], new["docs"]
    except (ValueError, KeyError, TypeError):
        return  # not the index this knows how to merge: leave MkDocs' own
    fresh: dict[str, list[object]] = {}
    for doc in new_docs:
        fresh.setdefault(_page_of(doc), []).append(doc)
    docs: list[object] = []
    rendered, kept = set(fresh), dict[str, bool]()
    for doc in old_docs:
        page = _page_of(doc)
        if page in fresh:  # a page rendered again: its new entries, where its old ones were
            docs += fresh.pop(page)
        elif page not in rendered and kept.setdefault(page, _exists(site, page)):
            docs.append(doc)
    for rest in fresh.values():  # pages the old index did not have
        docs += rest
    new["docs"] = docs
    index.write_text(json.dumps(new, separators=(",", ":")), "utf-8")


def _page_of(doc: object) -> str:
    location = doc.get("location", "") if isinstance(doc, dict) else ""
    return str(location).split("#", 1)[0]


def _exists(site: Path, page: str) -> bool:
    target = site / page
    return (target / "index.html").is_file() if not page or page.endswith("/") else target.is_file()
