"""Announcements: `announcements/*.md`, each a markdown body below YAML front matter, read
and checked like assignment pages (every problem at `file:line` with its fix).

```yaml
---
date: 2027-01-19
title: Welcome to Spring 2027
pin: true             # shown first on the home page
release: 2027-01-18   # not published before this day (`--as-of` moves the clock)
offering: S2027       # needed when the course builds several offerings
---
```

`load.py` reads them once (`read_announcements`); the site asks `published` which are online.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.errors import Problem
from coursekit.schedule.model import Schedule
from coursekit.schedule.yamlsource import front_matter_end, read_front_matter

ANNOUNCEMENTS_DIR = "announcements"
_KEYS = ("date", "title", "pin", "release", "offering")
_EXAMPLE = "`date: 2027-01-19` and `title: Welcome` between two `---` lines"


@dataclass(frozen=True)
class Announcement:
    path: str  # `announcements/welcome.md`
    date: dt.date
    title: str
    body: str  # markdown, as written
    offering: str
    pin: bool = False
    release: dt.date | None = None

    @property
    def slug(self) -> str:
        """Its anchor on the announcements page and its name in feed ids: the file's stem."""
        return Path(self.path).stem


def read_announcements(
    schedule: Schedule, root: Path
) -> tuple[tuple[Announcement, ...], list[Problem]]:
    """Every announcement of the course (sorted by file name) and the problems found."""
    folder = root / ANNOUNCEMENTS_DIR
    if not folder.is_dir():
        return (), []
    built = list(schedule.built())
    found: list[Announcement] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        shown = f"{ANNOUNCEMENTS_DIR}/{path.name}"
        item, errors = _read(path, shown, built)
        problems += errors
        if item is not None:
            found.append(item)
    return tuple(found), problems


def published(
    announcements: tuple[Announcement, ...], oid: str, as_of: dt.date
) -> list[Announcement]:
    """The announcements of `oid` online on `as_of`, newest first."""
    shown = [a for a in announcements if a.offering == oid]
    shown = [a for a in shown if a.release is None or a.release <= as_of]
    return sorted(shown, key=lambda a: (a.date, a.path), reverse=True)


def _read(path: Path, shown: str, built: list[str]) -> tuple[Announcement | None, list[Problem]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem(f"byte {error.start} is not UTF-8", shown, 1, fix="save as UTF-8")]
    lines = text.replace("\r\n", "\n").split("\n")
    end = front_matter_end(lines) if lines and lines[0].rstrip() == "---" else None
    if end is None:
        fix = f"start the file with front matter: {_EXAMPLE}"
        return None, [Problem("an announcement needs front matter", shown, 1, fix=fix)]
    meta, problems = read_front_matter("\n".join(lines[1:end]) + "\n", shown, first_line=2)
    if problems:
        return None, problems
    if not isinstance(meta, dict):
        fix = "write `key: value` lines, e.g. `title: Welcome`"
        return None, [Problem("front matter must be keys and values", shown, 2, fix=fix)]
    at = {k: n for n, line in enumerate(lines[1:end], start=2) for k in meta if _keyed(line, k)}
    problems = _check(meta, shown, at, built)
    if problems:
        return None, problems
    body = "\n".join(lines[end + 1 :]).strip("\n")
    offering = meta.get("offering") or built[0]
    return Announcement(
        shown,
        meta["date"],
        meta["title"],
        body,
        offering,
        meta.get("pin", False),
        meta.get("release"),
    ), []


def _keyed(line: str, key: object) -> bool:
    return line.startswith(f"{key}:")


def _check(meta: dict[str, Any], shown: str, at: dict[str, int], built: list[str]) -> list[Problem]:
    problems = []

    def wrong(key: str, message: str, fix: str) -> None:
        problems.append(Problem(f"{key}: {message}", shown, at.get(key, 1), fix=fix))

    for key in meta:
        if key not in _KEYS:
            wrong(str(key), "not a key of announcements", f"use {', '.join(_KEYS)}")
    for key in ("date", "title"):
        if key not in meta:
            wrong(key, "missing", f"add `{key}:` to the front matter, e.g. {_EXAMPLE}")
    for key in ("date", "release"):
        value = meta.get(key)
        if value is not None and type(value) is not dt.date:
            wrong(key, f"'{value}' is not a date", f"write e.g. `{key}: 2027-01-19`")
    if "title" in meta and (not isinstance(meta["title"], str) or not meta["title"].strip()):
        wrong("title", "expected text", "write e.g. `title: Welcome`")
    if not isinstance(meta.get("pin", False), bool):
        wrong("pin", f"'{meta['pin']}' is not true or false", "write `pin: true`")
    offering = meta.get("offering")
    if offering is None and len(built) > 1:
        choices = ", ".join(built)
        wrong("offering", f"missing (this course builds {choices})", f"add `offering: {built[0]}`")
    elif offering is not None and offering not in built:
        choices = ", ".join(built) or "none"
        wrong("offering", f"no built offering '{offering}'", f"built here: {choices}")
    elif not built:
        wrong("offering", "this course builds no offering", "remove the announcement")
    return problems
