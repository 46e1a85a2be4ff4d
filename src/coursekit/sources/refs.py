"""Offerings built from a git ref (`source: {ref: F2022}`): each one read from that ref's
`schedule.yaml` or legacy `schedule.md` table, and the files it needs materialised from the
ref's blobs into `.coursekit/refs/<commit>-<folder>/`, the folder the build then reads as
that offering's course root. `schedule/load.py` calls `read_ref_offerings`; every problem
names `REF:FILE:LINE`.

Why materialise instead of teaching each reader git: the schedule checks, the deck engine,
notebooks and the site all read files under a course root, and one folder per commit gives
them that root unchanged. It is named by the commit, so it never goes stale.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from pydantic import ValidationError

from coursekit.errors import CourseError, Problem
from coursekit.schedule import checks
from coursekit.schedule.calendar import TermCalendar, offering_calendar
from coursekit.schedule.link import is_local, local_target
from coursekit.schedule.model import BuiltOffering, RefOffering, Schedule, offering_shape
from coursekit.schedule.problems import validation_problems
from coursekit.schedule.yamlsource import KeyPath, YamlSource, read_yaml
from coursekit.sources.git import RefTree, open_ref

REFS_DIR = ".coursekit/refs"
SCHEDULE_FILES = ("schedule.yaml", "schedule.md")
# Relative targets in a deck or page: `![](../_assets/x.png)`, `src="img/y.svg"`, `url(z)`.
_RELATIVE = re.compile(r"""(?:\]\(\s*<?|\bsrc=["']|\burl\(["']?)([^)\s"'<>#?]+)""")


@dataclass
class RefOfferings:
    """What `load.py` merges into the course: each offering (dated), its root folder and
    calendar, problems (errors) and warnings (importer notes, calendar findings)."""

    offerings: dict[str, BuiltOffering] = field(default_factory=dict)
    roots: dict[str, Path] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # `F2022:` (and its folder)
    calendars: dict[str, TermCalendar] = field(default_factory=dict)
    sources: dict[str, YamlSource] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Read:
    """One ref's offering as its schedule file says it, before any file check."""

    key: str  # its id in the ref's file, which key paths name
    offering: BuiltOffering
    source: YamlSource


def read_ref_offerings(schedule: Schedule, source: YamlSource, root: Path) -> RefOfferings:
    """Every `source: {ref: …}` offering of `schedule`, read from its ref."""
    result = RefOfferings()
    for oid, offering in schedule.from_refs().items():
        here: KeyPath = ("offerings", oid, "source", "ref")
        try:
            tree = open_ref(root, offering.source.ref, offering.source.path)
            _read_offering(oid, offering, tree, schedule, root, result)
        except CourseError as error:
            result.problems += [
                p if p.file else source.problem(here, p.message, p.fix) for p in error.problems
            ]
    return result


def _read_offering(
    oid: str,
    offering: RefOffering,
    tree: RefTree,
    schedule: Schedule,
    root: Path,
    result: RefOfferings,
) -> None:
    name = next((n for n in SCHEDULE_FILES if n in tree.files), None)
    if name is None:
        where = f"{tree.ref}:{tree.prefix or './'}"
        raise CourseError(
            Problem(
                f"{where} holds neither schedule.yaml nor schedule.md",
                fix="name the ref (and `path`) that holds the course's schedule",
            )
        )
    folder = root / REFS_DIR / f"{tree.commit[:12]}-{_slug(tree.prefix)}"
    shown = f"{tree.ref}:{tree.prefix}{name}"
    data = tree.read([name])[name]
    _materialise(folder, {name: data})
    if name.endswith(".yaml"):
        read = _from_yaml(oid, folder / name, shown, result)
    else:
        here = _Here(tree, schedule.course.repository)
        read = _from_table(oid, offering, data, shown, result, here)
    if read is None:
        return
    # The landing page links an offering's source: here, the ref on the course's repository.
    repository = schedule.course.repository
    branch = f"{repository.rstrip('/')}/tree/{tree.ref}/{tree.prefix}" if repository else None
    built = read.offering.model_copy(update={"title": offering.title, "source": branch})
    needed = _needed(tree, built)
    _materialise(folder, tree.read(sorted(needed)))
    # The course's own files fill in; a file the ref's offering links is the ref's.
    ours = _course_files(schedule, root)
    _materialise(folder, {name: data for name, data in ours.items() if name not in needed})
    found = checks.check_sessions(
        read.key, built.term, list(enumerate(built.sessions)), read.source, folder
    )
    calendar, errors, warnings = offering_calendar(read.key, built, read.source)
    if name != "schedule.yaml":  # the checks' fixes speak of schedule.yaml
        found = [_about(p, name) for p in found]
    if found or errors:
        result.problems += found + errors
        return
    result.offerings[oid] = built
    result.roots[oid] = folder
    result.labels[oid] = f"{tree.ref}:{tree.prefix}"
    result.calendars[oid] = calendar
    result.sources[oid] = read.source
    result.warnings += warnings


def _about(problem: Problem, name: str) -> Problem:
    fix = problem.fix.replace("schedule.yaml", name) if problem.fix else None
    return dataclasses.replace(problem, fix=fix)


def _from_yaml(oid: str, path: Path, shown: str, result: RefOfferings) -> _Read | None:
    """The ref's `schedule.yaml`: its offering `oid`, or its only offering built there."""
    source = read_yaml(path, shown)
    result.problems += source.problems
    if source.data is None:
        return None
    offerings = source.data.get("offerings") if isinstance(source.data, dict) else None
    built = {
        str(k): v
        for k, v in (offerings.items() if isinstance(offerings, dict) else [])
        if offering_shape(v) == "built"
    }
    key = oid if oid in built else next(iter(built)) if len(built) == 1 else None
    if key is None:
        result.problems.append(
            source.problem(
                ("offerings",),
                f"no offering '{oid}' built here"
                + (f" (it has {', '.join(built)})" if built else ""),
                "give the offering the id it has in that ref, or keep one built offering there",
                key=True,
            )
        )
        return None
    try:
        offering = BuiltOffering.model_validate(built[key])
    except ValidationError as error:
        base: KeyPath = ("offerings", key)
        result.problems += validation_problems(error, source, model=BuiltOffering, base=base)
        return None
    return _Read(key, offering, source)


def _from_table(
    oid: str, offering: RefOffering, data: bytes, shown: str, result: RefOfferings, here: _Here
) -> _Read | None:
    """A legacy `schedule.md`, read as `coursekit import-schedule` reads it; each session's
    problems point at its table row."""
    from coursekit.authoring.emit import Comment
    from coursekit.authoring.importer import import_table

    year = re.search(r"(?:19|20)\d\d", f"{oid} {offering.source.ref}")
    if year is None:
        raise CourseError(
            Problem(
                f"cannot tell the year of {shown}'s dates from '{oid}' or its ref",
                fix="give the offering an id with its year, e.g. F2022",
            )
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CourseError(Problem("not UTF-8", file=shown, line=line)) from None
    table = import_table(text, int(year.group()), shown)
    result.warnings += table.problems
    sessions = [here.localised(s) for s in table.sessions if not isinstance(s, Comment)]
    raw: dict[str, Any] = table.offering(offering.title) | {"sessions": sessions}
    base: KeyPath = ("offerings", oid)
    source = YamlSource(file=shown, data={"offerings": {oid: raw}})
    # Rows have lines, not columns: column 0 is left out of messages.
    source.values[()] = source.values[base] = (table.header, 0)
    for i, line in enumerate(table.lines):
        source.values[(*base, "sessions", i)] = (line, 0)
    try:
        return _Read(oid, BuiltOffering.model_validate(raw), source)
    except ValidationError as error:
        result.problems += validation_problems(error, source, model=BuiltOffering, base=base)
        return None


@dataclass(frozen=True)
class _Here:
    """Links of a legacy table into its own ref on the course's repository
    (`https://github.com/o/r/blob/F2022/lectures/intro.md`) as course files: the deck is
    then built here, from the ref, instead of linking the old site."""

    tree: RefTree
    repository: str | None

    def local(self, link: str) -> str:
        if not self.repository:
            return link
        base = self.repository.rstrip("/")
        for kind in ("blob", "raw", "tree"):
            start = f"{base}/{kind}/{self.tree.ref}/{self.tree.prefix}"
            if link.startswith(start):
                path, _, anchor = link[len(start) :].partition("#")
                path = unquote(path).strip("/")
                folder = any(p.startswith(f"{path}/") for p in self.tree.files)
                if path in self.tree.files or (kind == "tree" and folder):
                    return f"{path}#{anchor}" if anchor else path
        return link

    def localised(self, session: dict[str, Any]) -> dict[str, Any]:
        """The session with its links into the ref made local; a deck whose markdown is
        in the ref becomes the session's `slides`, which the build renders."""
        fields: dict[str, Any] = {}
        for key, value in session.items():
            if isinstance(value, str) and key in _LINK_FIELDS:
                fields[key] = self.local(value)
            elif isinstance(value, list) and key in _LINK_LISTS:
                fields[key] = [self.local(v) for v in value]
            elif isinstance(value, list) and key in ("links", "readings", "due"):
                fields[key] = [
                    item | {"url": self.local(item["url"])} if "url" in item else item
                    for item in value
                ]
            else:
                fields[key] = value
        md = fields.get("md", "")
        if md.endswith(".md") and md in self.tree.files:
            fields["slides"] = fields.pop("md")
        return fields


_LINK_FIELDS = ("slides", "notebook", "md", "pdf", "url")
_LINK_LISTS = ("video", "book", "blog", "lecture_notes")


def _needed(tree: RefTree, offering: BuiltOffering) -> set[str]:
    """The ref's files the offering uses: every file it links, everything in the folder of
    a linked file (a deck's images sit beside it), and what linked markdown links outside
    that folder (`../_assets/x.png`)."""
    linked = {t for t in map(_in_tree, _links(offering)) if t in tree.files}
    needed = set(linked)
    for target in linked:
        folder = posixpath.dirname(target)
        if folder:
            needed |= {p for p in tree.files if p.startswith(f"{folder}/")}
    markdown = sorted(p for p in linked if p.endswith(".md"))
    for path, data in tree.read(markdown).items():
        text = data.decode("utf-8", "replace")
        for relative in _RELATIVE.findall(text):
            target = _in_tree(posixpath.join(posixpath.dirname(path), relative))
            if target in tree.files:
                needed.add(target)
    return needed


def _links(offering: BuiltOffering) -> list[str]:
    links = [page.file for page in offering.pages]
    links += [offering.description] if offering.description else []
    for s in offering.sessions:
        links += [v for v in (s.slides, s.notebook, s.md, s.pdf, s.url) if v]
        links += [*s.video, *s.book, *s.blog, *s.lecture_notes]
        links += [item.url for item in s.links if item.url]
        links += [item.url for item in s.readings if item.url]
        links += [item.url for item in s.due if item.url]
    return [link for link in links if is_local(link)]


def _in_tree(link: str) -> str:
    return posixpath.normpath(local_target(link)).lstrip("/")


def _course_files(schedule: Schedule, root: Path) -> dict[str, bytes]:
    """This branch's course-level files, which the ref's offering is built with: the site
    config and the files the `course:` block names."""
    course = schedule.course
    names = ["mkdocs.yml", course.description, *course.decks.css, course.notebooks.requirements]
    files = {}
    for name in filter(None, names):
        path = root / local_target(name)
        if is_local(name) and path.is_file():
            files[local_target(name)] = path.read_bytes()
    return files


def _materialise(folder: Path, files: dict[str, bytes]) -> None:
    """Write `files` under `folder`, each replaced whole (a build reading it meanwhile sees
    the old or the new bytes), and only where they differ (caches key on mtimes)."""
    for name, data in files.items():
        target = folder / name
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)


def _slug(prefix: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", prefix.strip("/")) or "top"
