"""The MkDocs configuration of a semester: the course's root `mkdocs.yml` (theme and markdown
setup every semester starts from) with what the plan decides (pages, navigation, folders,
the semester switcher) laid over it.

Called by `generate.py` and `landing.py`; plain dicts in and out (the engine runs them).
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from coursekit.errors import BuildError, Problem
from coursekit.i18n import gettext_for, language_of
from coursekit.site.escaping import html_text
from coursekit.site.plan import NavEntry, SemesterPlan
from coursekit.texmath import with_math

ASSETS = "assets/coursekit"
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def base_config(root: Path) -> dict[str, Any]:
    """The course's root `mkdocs.yml`, the starting point of every derived config."""
    path = root / "mkdocs.yml"
    if not path.exists():
        path = theme_dir() / "default-mkdocs.yml"
    # A copy: callers lay the plan over it, and the parsed original is shared.
    return copy.deepcopy(_parsed(path.name, path.read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=8)
def _parsed(name: str, text: str) -> dict[str, Any]:
    """`text` of the config file `name`, parsed; one rebuild asks for it several times
    (locale, site address, the derived config), a preview session once per save: keyed by
    the file's text, so an edit is read at once."""
    try:
        # MkDocs reads the file as YAML 1.1 too; libyaml reads it ~10x faster (live preview).
        data = yaml.load(text, Loader=_SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            Problem(
                f"cannot read mkdocs.yml: {getattr(error, 'problem', error)}",
                file=name,
                line=mark.line + 1 if mark else None,
                fix="plain YAML only: coursekit does not run !!python tags",
            )
        ) from None
    for key in ("docs_dir", "site_dir", "nav"):
        data.pop(key, None)  # derived per semester
    return data


def course_locale(root: Path) -> str:
    """The language coursekit writes the course's pages in: its mkdocs.yml's
    `theme.language`, the one Material shows its own interface in (English without one)."""
    try:
        return language_of(base_config(root))
    except BuildError as error:
        # Point at the line that names the language, which is all the reader must fix.
        path = root / "mkdocs.yml"
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        match = re.search(r"^\s*language\s*:", text, re.M)
        if not match:
            raise
        problem = dataclasses.replace(
            error.problems[0], line=text.count("\n", 0, match.start()) + 1
        )
        raise BuildError(problem) from None


def theme_dir() -> Path:
    return Path(str(resources.files("coursekit.site") / "theme"))


def theme_assets() -> dict[str, bytes]:
    """coursekit's stylesheet and scripts, docs path → bytes, for every site it writes."""
    folder = theme_dir() / "assets"
    return {f"{ASSETS}/{asset.name}": asset.read_bytes() for asset in sorted(folder.iterdir())}


def nav_config(nav: tuple[NavEntry, ...]) -> list[dict[str, Any]]:
    """The plan's navigation in mkdocs.yml's shape; MkDocs prints titles as HTML."""
    return [
        {html_text(entry.title): entry.docs if entry.docs else nav_config(entry.children)}
        for entry in nav
    ]


def derived_config(
    plan: SemesterPlan, docs: Path, site_dir: Path, site_url: str | None = None
) -> dict[str, Any]:
    """The semester's `mkdocs.yml`: the course's with the plan's pages, folders and URL."""
    meta = plan.course.schedule.course
    config = base_config(plan.course.root)
    base_url = site_url or config.get("site_url")
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(theme_dir() / "overrides")
    extra = dict(config.get("extra") or {})
    extra["version"] = {"provider": "mike", "default": plan.current or plan.oid, "alias": False}
    _ = gettext_for(plan.locale)
    extra["coursekit"] = {
        "offering": plan.oid,
        "title": plan.offering.title,
        # The archive banner (overrides/main.html) in the course's language.
        "archived": _("You are viewing an archived offering of this course."),
        "go_current": _("Go to the current offering."),
        # The header's title where the full one does not fit (coursekit.js, phones).
        "short_title": meta.short_title or next(iter(meta.numbers), None),
    }
    extra_css = [*config.get("extra_css", []), f"{ASSETS}/coursekit.css"]
    if plan.notebooks:
        extra_css.append(f"{ASSETS}/notebook.css")
    config.update(
        {
            # MkDocs prints these into pages as they are: HTML, so escaped.
            "site_name": html_text(f"{meta.title} · {plan.offering.title}"),
            "site_description": html_text(
                f"{meta.title} ({'/'.join(meta.numbers)}), {plan.offering.title}"
            ),
            "docs_dir": str(docs),
            "site_dir": str(site_dir),
            "nav": nav_config(plan.nav),
            "theme": theme,
            "extra": extra,
            "extra_css": extra_css,
            "extra_javascript": [*config.get("extra_javascript", []), f"{ASSETS}/coursekit.js"],
            "use_directory_urls": True,
            # Formulas become MathML on every page, as in notebooks and decks.
            "markdown_extensions": with_math(config.get("markdown_extensions") or []),
        }
    )
    if base_url:
        config["site_url"] = base_url.rstrip("/") + f"/{plan.oid}/"
    if meta.repository and "repo_url" not in config:
        # Material prints it into the header's href as it is (`--repository` is not validated
        # where build_course is called from Python).
        config["repo_url"] = html_text(meta.repository)
    if meta.license and "copyright" not in config:
        licensed = _("Course material licensed under %(license)s")
        config["copyright"] = licensed % {"license": html_text(meta.license.name)}
    return config


def dump(config: dict[str, Any]) -> str:
    """The generated mkdocs.yml's text. libyaml's emitter where installed: a preview save
    writes the config every time, and the pure-Python one took ~35 ms for the default course."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True)
