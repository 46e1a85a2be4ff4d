"""A semester → a plain MkDocs project (generated markdown pages + a derived `mkdocs.yml`).

This is the core's last step before the engine: the project it writes builds with
`mkdocs build -f <project>/mkdocs.yml` by itself, so the course never depends on a plugin.
The root `mkdocs.yml` holds the theme and markdown setup every semester starts from.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from coursekit.errors import BuildError, Problem
from coursekit.schedule.load import Course
from coursekit.schedule.model import BuiltOffering
from coursekit.site.home_page import home_markdown
from coursekit.site.links import Publisher
from coursekit.site.schedule_page import schedule_markdown

ASSETS = "assets/coursekit"
_RESERVED = {"index.md", "schedule.md"}


@dataclass(frozen=True)
class Project:
    """A generated MkDocs project: build `config` and the site lands in `site_dir`."""

    offering_id: str
    config: Path
    site_dir: Path


def base_config(root: Path) -> dict[str, Any]:
    """The course's root `mkdocs.yml`, the starting point of every derived config."""
    path = root / "mkdocs.yml"
    if not path.exists():
        path = theme_dir() / "default-mkdocs.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise BuildError(
            Problem(
                f"cannot read mkdocs.yml: {getattr(error, 'problem', error)}",
                file=path.name,
                line=mark.line + 1 if mark else None,
                fix="plain YAML only: coursekit does not run !!python tags",
            )
        ) from None
    for key in ("docs_dir", "site_dir", "nav"):
        data.pop(key, None)  # derived per semester
    return data


def theme_dir() -> Path:
    return Path(str(resources.files("coursekit.site") / "theme"))


def generate_semester(course: Course, oid: str, work: Path, site_dir: Path) -> Project:
    """Write the MkDocs project of offering `oid` into `work` (emptied first)."""
    schedule = course.schedule
    offering = schedule.offerings[oid]
    assert isinstance(offering, BuiltOffering)
    if work.exists():
        shutil.rmtree(work)
    docs = work / "docs"
    docs.mkdir(parents=True)

    publisher = Publisher(reserved=set(_RESERVED))
    nav: list[dict[str, str]] = [{"Home": "index.md"}, {"Schedule": "schedule.md"}]
    for page in offering.pages:
        docs_path = Path(page.file).stem + ".md"
        if docs_path in _RESERVED or docs_path in publisher.reserved:
            raise BuildError(
                course.source.problem(
                    ("offerings", oid, "pages"),
                    f"two pages would publish as '{docs_path}'",
                    "rename one of the files",
                )
            )
        publisher.reserved.add(docs_path)
        publisher.pages[page.file] = docs_path
        nav.append({page.title: docs_path})

    current = schedule.course.current or newest_built(course)
    current_title = schedule.offerings[current].title if current else None
    (docs / "schedule.md").write_text(schedule_markdown(oid, offering, publisher), "utf-8")
    (docs / "index.md").write_text(
        home_markdown(
            oid,
            offering,
            schedule.course,
            course.root,
            publisher,
            archived=current is not None and current != oid,
            current_title=current_title,
        ),
        "utf-8",
    )
    titles = {page.file: page.title for page in offering.pages}
    for source, docs_path in publisher.pages.items():
        text = (course.root / source).read_text(encoding="utf-8")
        title = titles.get(source)
        if title and not text.lstrip().startswith("# "):
            text = f"# {title}\n\n{text}"
        target = docs / docs_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    for source, docs_path in publisher.files.items():
        target = docs / docs_path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(course.root / source, target)
    shutil.copytree(theme_dir() / "assets", docs / ASSETS)

    config = derived_config(course, oid, offering, docs, site_dir, nav, current)
    config_path = work / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return Project(oid, config_path, site_dir)


def derived_config(
    course: Course,
    oid: str,
    offering: BuiltOffering,
    docs: Path,
    site_dir: Path,
    nav: list[dict[str, str]],
    current: str | None,
) -> dict[str, Any]:
    meta = course.schedule.course
    config = base_config(course.root)
    base_url = config.get("site_url")
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(theme_dir() / "overrides")
    extra = dict(config.get("extra") or {})
    extra["version"] = {"provider": "mike", "default": current or oid, "alias": False}
    extra["coursekit"] = {"offering": oid, "title": offering.title}
    config.update(
        {
            "site_name": f"{meta.title} · {offering.title}",
            "site_description": f"{meta.title} ({'/'.join(meta.numbers)}), {offering.title}",
            "docs_dir": str(docs),
            "site_dir": str(site_dir),
            "nav": nav,
            "theme": theme,
            "extra": extra,
            "extra_css": [*config.get("extra_css", []), f"{ASSETS}/coursekit.css"],
            "extra_javascript": [*config.get("extra_javascript", []), f"{ASSETS}/coursekit.js"],
            "use_directory_urls": True,
        }
    )
    if base_url:
        config["site_url"] = base_url.rstrip("/") + f"/{oid}/"
    if meta.repository and "repo_url" not in config:
        config["repo_url"] = meta.repository
    if meta.license and "copyright" not in config:
        config["copyright"] = f"Course material licensed under {meta.license.name}"
    return config


def newest_built(course: Course) -> str | None:
    built = course.schedule.built()
    return max(built, key=lambda k: built[k].term.start) if built else None
