"""The archive landing page (`site/index.html`) and its search over the current offering,
the semester switcher's `versions.json` and redirect stubs for offerings whose site lives
elsewhere.

Called by `build.py`; `write.py` writes the landing project. Offerings are listed newest
first: built ones by their first day, external ones by the season and year in their title
("Fall 2019").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for
from coursekit.schedule.load import Course
from coursekit.schedule.model import BuiltOffering, ExternalOffering, RefOffering
from coursekit.site.config import (
    ASSETS,
    base_config,
    course_locale,
    dump,
    theme_assets,
    theme_dir,
)
from coursekit.site.escaping import html_text
from coursekit.site.plan import newest_built
from coursekit.site.templating import render
from coursekit.site.write import write_project

_SEASONS = {"winter": 1, "spring": 1, "summer": 5, "fall": 8, "autumn": 8}


def offering_start(oid: str, offering: BuiltOffering | ExternalOffering | RefOffering) -> dt.date:
    """When an offering began, for sorting: the term's start, or season and year."""
    if isinstance(offering, BuiltOffering):
        return offering.term.start
    text = f"{offering.title} {oid}".lower()
    year = re.search(r"(19|20)\d\d", text)
    season = next((m for name, m in _SEASONS.items() if name in text), None)
    if season is None and re.match(r"^[sf]\d{4}$", oid.lower()):
        season = 1 if oid[0] in "sS" else 8
    return dt.date(int(year.group()) if year else 1900, season or 1, 1)


def ordered(course: Course) -> list[str]:
    offerings = course.schedule.offerings
    return sorted(offerings, key=lambda k: offering_start(k, offerings[k]), reverse=True)


def versions_json(course: Course) -> str:
    """mike's format: Material's version selector reads it as the semester switcher, and
    inserts each title as HTML: titles are escaped."""
    current = course.schedule.course.current or newest_built(course)
    entries = [
        {
            "version": oid,
            "title": html_text(course.schedule.offerings[oid].title),
            "aliases": ["current"] if oid == current else [],
        }
        for oid in ordered(course)
    ]
    return json.dumps(entries, indent=2) + "\n"


def redirect_html(url: str, title: str, locale: str = DEFAULT_LANGUAGE) -> str:
    """A page that forwards the switcher's visitors to an external offering's site."""
    lang = locale.replace("_", "-")
    return render("redirect.html.j2", locale=locale, lang=lang, url=url, title=title)


@dataclass(frozen=True)
class ListedOffering:
    """One offering as the landing page lists it."""

    id: str
    title: str
    href: str
    current: bool
    source: str | None
    sessions: int = 0
    start: dt.date | None = None  # set for offerings built here
    end: dt.date | None = None


def landing_markdown(course: Course, locale: str = DEFAULT_LANGUAGE) -> str:
    meta = course.schedule.course
    offerings = course.schedule.offerings
    current = meta.current or newest_built(course)
    listed = []
    for oid in ordered(course):
        offering = offerings[oid]
        assert not isinstance(offering, RefOffering)  # load.py read it from its ref
        entry = ListedOffering(
            oid,
            offering.title,
            f"./{oid}/" if isinstance(offering, BuiltOffering) else offering.url,
            oid == current,
            offering.source,
        )
        if isinstance(offering, BuiltOffering):
            entry = dataclasses.replace(
                entry,
                sessions=len(offering.sessions),
                start=offering.term.start,
                end=offering.term.end,
            )
        listed.append(entry)
    return render(
        "landing.md.j2",
        locale=locale,
        course=meta,
        current={"id": current, "title": offerings[current].title} if current else None,
        offerings=listed,
    )


SEARCH_INDEX = "search/search_index.json"


def search_current(course: Course, site: Path) -> None:
    """Give the landing page's search (Material's, one index per site) the pages of the
    current offering, so a student searching from the archive finds this semester's
    lectures: its entries join the landing's, their locations under `<ID>/`. Run after
    the offerings are built, again after each rebuild (entries from before are replaced)."""
    current = course.schedule.course.current or newest_built(course)
    landing, offering = site / SEARCH_INDEX, site / (current or "") / SEARCH_INDEX
    if current is None or not landing.is_file() or not offering.is_file():
        return
    index = json.loads(landing.read_text("utf-8"))
    prefixes = tuple(f"{oid}/" for oid in course.schedule.offerings)
    docs = [doc for doc in index["docs"] if not doc["location"].startswith(prefixes)]
    for doc in json.loads(offering.read_text("utf-8"))["docs"]:
        docs.append({**doc, "location": f"{current}/{doc['location']}"})
    index["docs"] = docs
    landing.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")


def generate_landing(
    course: Course, work: Path, site_dir: Path, site_url: str | None = None
) -> Path:
    """Write the landing page's MkDocs project; return its config file."""
    docs = work / "docs"
    config: dict[str, Any] = base_config(course.root)
    locale = course_locale(course.root)
    _ = gettext_for(locale)
    landing = landing_markdown(course, locale)
    files = {"index.md": landing.encode("utf-8"), **theme_assets()}
    meta = course.schedule.course
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(theme_dir() / "overrides")
    # One page needs no tabs.
    theme["features"] = [f for f in theme.get("features", []) if f != "navigation.tabs"]
    config.update(
        {
            # MkDocs prints the site name as HTML.
            "site_name": html_text(meta.title),
            "docs_dir": str(docs),
            "site_dir": str(site_dir),
            "nav": [{_("Offerings"): "index.md"}],
            "theme": theme,
            "extra_css": [*config.get("extra_css", []), f"{ASSETS}/coursekit.css"],
            "extra_javascript": [*config.get("extra_javascript", []), f"{ASSETS}/coursekit.js"],
        }
    )
    if meta.repository and "repo_url" not in config:
        config["repo_url"] = meta.repository
    if site_url:
        config["site_url"] = site_url
    return write_project(work, files, dump(config))
