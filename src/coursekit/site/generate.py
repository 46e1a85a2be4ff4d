"""A semester → a plain MkDocs project (generated markdown pages + a derived `mkdocs.yml`).

This is the core's last step before the engine: the project it writes builds with
`mkdocs build -f <project>/mkdocs.yml` by itself, so the course never depends on a plugin.
The root `mkdocs.yml` holds the theme and markdown setup every semester starts from.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from coursekit.errors import BuildError, Problem
from coursekit.publishable import read_publishable
from coursekit.schedule.checks import local_target
from coursekit.schedule.ics import calendar_ics
from coursekit.schedule.load import Course
from coursekit.schedule.model import BuiltOffering
from coursekit.site.assignments_page import assignments_markdown
from coursekit.site.caches import Caches
from coursekit.site.escaping import html_text, markdown_text
from coursekit.site.home_page import home_markdown
from coursekit.site.inline import render_inline, without_links
from coursekit.site.links import Publisher, relative_href
from coursekit.site.materials import Materials
from coursekit.site.readings_page import readings_markdown
from coursekit.site.schedule_page import effective_dates, schedule_markdown, show_date
from coursekit.texmath import with_math

ASSETS = "assets/coursekit"
CALENDAR_FILE = "calendar.ics"
_RESERVED = {"index.md", "schedule.md", "readings.md", "assignments/index.md"}


@dataclass(frozen=True)
class Project:
    """A generated MkDocs project: build `config` and the site lands in `site_dir`; then
    write `decks` (repository paths) into it, which MkDocs does not render. `sources` names
    the course file each page of `docs_dir` comes from (for warnings: docs path → repo path)."""

    offering_id: str
    config: Path
    site_dir: Path
    decks: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict)


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# MkDocs' own pattern (mkdocs.utils.meta): YAML between `---` lines at the top of a page.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.S)


def base_config(root: Path) -> dict[str, Any]:
    """The course's root `mkdocs.yml`, the starting point of every derived config."""
    path = root / "mkdocs.yml"
    if not path.exists():
        path = theme_dir() / "default-mkdocs.yml"
    try:
        # MkDocs reads the file as YAML 1.1 too; libyaml reads it ~10x faster (live preview).
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
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
    schedule = course.schedule
    offering = schedule.offerings[oid]
    assert isinstance(offering, BuiltOffering)
    docs = work / "docs"
    tree = _Tree(docs)

    materials = materials or Materials()
    publisher = Publisher(
        reserved=set(_RESERVED),
        pdf=materials.pdf,
        as_of=as_of or dt.date.today(),
        root=course.root,
    )
    nav: list[dict[str, Any]] = [{"Home": "index.md"}, {"Schedule": "schedule.md"}]
    if any(session.readings for session in offering.sessions):
        nav.append({"Readings": "readings.md"})
    if any(session.due for session in offering.sessions):
        nav.append({"Assignments": "assignments/index.md"})
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
        nav.append({html_text(page.title): docs_path})

    current = schedule.course.current or newest_built(course)
    current_title = schedule.offerings[current].title if current else None
    calendar = course.calendars.get(oid)
    if calendar is not None:
        tree.put(
            CALENDAR_FILE,
            calendar_ics(
                oid,
                offering.title,
                calendar.sessions,
                calendar.deadlines,
                offering.term.timezone,
                schedule.course.title,
                site_url or base_config(course.root).get("site_url"),
            ),
        )
    tree.write(
        "schedule.md",
        schedule_markdown(oid, offering, publisher, calendar, CALENDAR_FILE if calendar else None),
    )
    if any(session.readings for session in offering.sessions):
        tree.write("readings.md", readings_markdown(offering, schedule.course.books, publisher))
    if any(session.due for session in offering.sessions):
        tree.write("assignments/index.md", assignments_markdown(offering, course.root, publisher))
    tree.write(
        "index.md",
        home_markdown(
            oid,
            offering,
            schedule.course,
            course.root,
            publisher,
            archived=current is not None and current != oid,
            current_title=current_title,
        ),
    )
    titles = {page.file: page.title for page in offering.pages}
    for source, docs_path in publisher.pages.items():
        text = read_publishable(course.root / source, course.root, shown=source).decode("utf-8")
        tree.write(docs_path, _with_heading(text, titles.get(source)))
    for source, docs_path in publisher.files.items():
        tree.put(docs_path, read_publishable(course.root / source, course.root, shown=source))
    nav += _material_pages(tree, course, oid, publisher, materials, caches or Caches())
    for asset in sorted((theme_dir() / "assets").iterdir()):
        tree.copy(asset, f"{ASSETS}/{asset.name}")
    if publisher.notebooks:
        from coursekit.notebooks.render import notebook_css

        tree.write(f"{ASSETS}/notebook.css", notebook_css())
    tree.remove_others()

    config = derived_config(course, oid, offering, docs, site_dir, nav, current, site_url)
    if publisher.notebooks:
        config["extra_css"].append(f"{ASSETS}/notebook.css")
    config_path = work / "mkdocs.yml"
    _Tree(work).write("mkdocs.yml", yaml.safe_dump(config, sort_keys=False, allow_unicode=True))
    sources = {docs_path: source for source, docs_path in publisher.pages.items()}
    sources |= {place.handout_docs: source for source, place in publisher.decks.items()}
    sources |= {place.docs: source for source, place in publisher.notebooks.items()}
    return Project(oid, config_path, site_dir, tuple(publisher.decks), sources)


def _with_heading(text: str, title: str | None) -> str:
    """A course page with the schedule's `title` as its heading unless it has one; the
    heading goes below the page's front matter, which MkDocs reads only at the very top."""
    if not title:
        return text
    front = _FRONT_MATTER.match(text)
    head, body = (text[: front.end()], text[front.end() :]) if front else ("", text)
    if body.lstrip().startswith("# "):
        return text
    return f"{head}# {markdown_text(title)}\n\n{body}"


def _material_pages(
    tree: _Tree,
    course: Course,
    oid: str,
    publisher: Publisher,
    materials: Materials,
    caches: Caches,
) -> list[dict[str, Any]]:
    """Handout pages for the decks and pages for the notebooks the schedule linked to;
    returns their navigation sections."""
    offering = course.schedule.offerings[oid]
    assert isinstance(offering, BuiltOffering)
    nav: list[dict[str, Any]] = []
    handouts = []
    for source, place in publisher.decks.items():
        deck = materials.decks[source]
        deck_url = relative_href(place.slides_url, place.handout_url)
        # The theme (stylesheets in meta and assets) changes a handout as much as its source.
        key = (source, deck.source, deck_url, repr(deck.meta), tuple(a.target for a in deck.assets))
        if key not in caches.handouts:  # live preview: unchanged decks keep their handout
            from coursekit.slides import handout_markdown

            caches.handouts[key] = handout_markdown(deck, deck_url, image_prefix=deck_url)
        tree.write(place.handout_docs, caches.handouts[key])
        handouts.append({html_text(deck.title): place.handout_docs})
    if handouts:
        nav.append({"Lectures": handouts})
    pages = []
    for source, place in publisher.notebooks.items():
        page = materials.notebooks[source]
        tree.write(place.docs, _notebook_markdown(course, oid, place, page))
        tree.put(place.ipynb_docs, page.executed_ipynb)
        # Images and files the notebook links beside itself keep their place in the course.
        for relative in _files_beside(course.root, place.source, page.html):
            if tree.folder / relative not in tree.written:
                tree.put(relative, read_publishable(course.root / relative, course.root))
        pages.append({html_text(page.title): place.docs})
    if pages:
        nav.append({"Recitations": pages})
    return nav


def _notebook_markdown(course: Course, oid: str, place, page) -> str:  # type: ignore[no-untyped-def]
    from coursekit.notebooks.links import button_row, launch_links
    from coursekit.notebooks.local_files import course_path, is_markdown, rewrite_relative

    offering = course.schedule.offerings[oid]
    assert isinstance(offering, BuiltOffering)
    meta = course.schedule.course
    links = None
    if meta.repository:
        # The deploy workflow publishes site/**/*.ipynb to this branch, paths unchanged.
        on = meta.notebooks.colab_branch
        executed = (on, f"{oid}/{place.ipynb_docs}") if on else None
        links = launch_links(
            meta.repository, meta.notebooks.branch, place.source, executed=executed
        )
    download = relative_href(place.ipynb_docs, place.url)
    sessions = []
    for session, day in zip(offering.sessions, effective_dates(offering), strict=True):
        if session.notebook and local_target(session.notebook) == place.source:
            anchor = f"#{session.id}" if session.id else ""
            href = relative_href("schedule/", place.url) + anchor
            # The title's markdown as on the schedule; its own links would nest in this one.
            title = without_links(render_inline(session.title, lambda link: "#"))
            sessions.append(
                f'<a href="{escape(href, quote=True)}">{show_date(day)}, {day.year}: {title}</a>'
            )

    def move(tag: str, url: str) -> str:
        # Relative links start from the notebook's folder; its page is one folder deeper.
        # A markdown file (the lab's README) is no page of the site: link it on GitHub.
        if is_markdown(url) and meta.repository:
            target = course_path(place.source, url)
            fragment = urlsplit(url).fragment
            source = launch_links(meta.repository, meta.notebooks.branch, target).source
            return source + (f"#{fragment}" if fragment else "")
        return "../" + url

    fragment = rewrite_relative(page.html, move)
    # The fragment starts with the notebook's own <h1>; session and buttons go right below.
    head, h1_end, body = fragment.partition("</h1>")
    if not h1_end:
        head, body = "", fragment
    lines = [head + h1_end]
    if sessions:
        lines.append(f'<p class="ck-notebook-session">Recitation · {" · ".join(sessions)}</p>')
    lines += [
        button_row(links, download=download, download_name=PurePosixPath(download).name),
        body,
        "",
    ]
    return "\n".join(lines)


def _files_beside(root: Path, source: str, fragment: str) -> list[str]:
    """Course-relative paths of the existing files that a notebook's page links relatively
    (a missing one is left to the site check, which names the page and the link)."""
    from coursekit.notebooks.local_files import files_beside

    found = []
    for _, relative in files_beside(source, fragment):
        if not relative.startswith("../") and (root / relative).is_file():
            found.append(relative)
    return found


class _Tree:
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


def derived_config(
    course: Course,
    oid: str,
    offering: BuiltOffering,
    docs: Path,
    site_dir: Path,
    nav: list[dict[str, str]],
    current: str | None,
    site_url: str | None = None,
) -> dict[str, Any]:
    meta = course.schedule.course
    config = base_config(course.root)
    base_url = site_url or config.get("site_url")
    theme = dict(config.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(theme_dir() / "overrides")
    extra = dict(config.get("extra") or {})
    extra["version"] = {"provider": "mike", "default": current or oid, "alias": False}
    extra["coursekit"] = {"offering": oid, "title": offering.title}
    config.update(
        {
            # MkDocs prints these into pages as they are: HTML, so escaped.
            "site_name": html_text(f"{meta.title} · {offering.title}"),
            "site_description": html_text(
                f"{meta.title} ({'/'.join(meta.numbers)}), {offering.title}"
            ),
            "docs_dir": str(docs),
            "site_dir": str(site_dir),
            "nav": nav,
            "theme": theme,
            "extra": extra,
            "extra_css": [*config.get("extra_css", []), f"{ASSETS}/coursekit.css"],
            "extra_javascript": [*config.get("extra_javascript", []), f"{ASSETS}/coursekit.js"],
            "use_directory_urls": True,
            # Formulas become MathML on every page, as in notebooks and decks.
            "markdown_extensions": with_math(config.get("markdown_extensions") or []),
        }
    )
    if base_url:
        config["site_url"] = base_url.rstrip("/") + f"/{oid}/"
    if meta.repository and "repo_url" not in config:
        # Material prints it into the header's href as it is (`--repository` is not validated
        # where build_course is called from Python).
        config["repo_url"] = html_text(meta.repository)
    if meta.license and "copyright" not in config:
        config["copyright"] = f"Course material licensed under {html_text(meta.license.name)}"
    return config


def newest_built(course: Course) -> str | None:
    built = course.schedule.built()
    return max(built, key=lambda k: built[k].term.start) if built else None
