"""A deck's theme: the course's `decks:` setting, reveal-md's `reveal-md.json` and `reveal.json`
in the deck's folder and the folders above it, then the deck's front matter (later wins).

`apply_theme()` folds all of it into a parsed deck (its meta, assets and warnings), so
`page.py`, `handout.py` and `pdf.py` see one deck. The course build (`site/materials.py`) and
`coursekit slides` call it right after parsing.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.errors import Problem, relative
from coursekit.publishable import FIX, refusal
from coursekit.slides import assets as assets_mod
from coursekit.slides.model import Asset, Deck
from coursekit.slides.reveal_md_files import (
    CONFIG_FILE,
    REVEAL_FILE,
    FolderTheme,
    Layer,
    listed,
    read_folder,
)

CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True)
class CourseDecks:
    """The course-wide deck setting (`course.decks:` in schedule.yaml), paths resolved."""

    css: tuple[Path, ...] = ()
    reveal: dict[str, Any] = field(default_factory=dict)
    footer: str | None = None


@dataclass
class _Seen:
    """What `apply_themes` read once for all its decks: each folder's theme, whether each
    stylesheet may be published (its warning if not), and the files each stylesheet loads."""

    folders: dict[Path, FolderTheme] = field(default_factory=dict)
    checked: dict[Path, Problem | None] = field(default_factory=dict)
    css: dict[Path, tuple[list[tuple[Path, int]], list[Problem]]] = field(default_factory=dict)


def apply_themes(
    decks: list[Deck],
    *,
    top: Path,
    root: Path | None = None,
    course: CourseDecks | None = None,
    read: set[Path] | None = None,
) -> list[Deck]:
    """`apply_theme` for many decks, reading each folder's files and stylesheet once; `read`
    collects every folder and file a theme could come from (for `coursekit slides` reruns)."""
    seen = _Seen()
    themed = [apply_theme(deck, top=top, root=root, course=course, _seen=seen) for deck in decks]
    if read is not None:
        for folder, theme in seen.folders.items():
            read.add(folder)
            read.update(folder / name for name in (CONFIG_FILE, REVEAL_FILE))
            read.update(theme.read)
        read.update(seen.checked)
        read.update(seen.css)
    return themed


def apply_theme(
    deck: Deck,
    *,
    top: Path,
    root: Path | None = None,
    course: CourseDecks | None = None,
    _seen: _Seen | None = None,
) -> Deck:
    """`deck` with its theme folded in: `meta['css']` lists every stylesheet in cascade
    order (course, outer folder, inner folder, front matter), `meta['revealOptions']` and
    `meta['footer']` are merged, the stylesheets (and files they use) are assets, and what
    coursekit cannot honour is a warning. Folders are searched from the deck's up to `top`;
    files must lie inside `top`. Warnings name files relative to `root`."""
    seen = _Seen() if _seen is None else _seen
    top = top.resolve()
    deck_dir = deck.path.parent.resolve()
    layers, warnings = _layers(deck_dir, top, root, course, seen)
    cascade = _cascade(layers)
    meta = dict(deck.meta)
    theme_css = cascade.theme
    # The front matter's stylesheets are assets already (parse.py); reveal-md links the theme
    # before the other stylesheets, and a deck's own theme replaces a folder's.
    own_css = [str(href) for href in listed(meta.get("css"))]
    own_theme = meta.get("theme")
    if isinstance(own_theme, str) and own_theme.endswith(".css"):
        meta.pop("theme")
        theme_css = None
        own_css.insert(0, own_theme)
    stylesheets = [t for t in (theme_css, *cascade.css) if t is not None]
    hrefs, new_assets = _stylesheet_assets(stylesheets, deck_dir, top, root, seen, warnings)
    meta["css"] = hrefs + [href for href in own_css if href not in hrefs]
    options = meta.get("revealOptions")
    meta["revealOptions"] = {**cascade.reveal, **(options if isinstance(options, dict) else {})}
    if not meta.get("footer") and cascade.footer:
        meta["footer"] = cascade.footer
    known = {a.target for a in deck.assets}
    assets = [*deck.assets, *(a for a in new_assets if a.target not in known)]
    return dataclasses.replace(deck, meta=meta, assets=assets, warnings=[*warnings, *deck.warnings])


def _layers(
    deck_dir: Path, top: Path, root: Path | None, course: CourseDecks | None, seen: _Seen
) -> tuple[list[Layer], list[Problem]]:
    """What the course and each folder from `top` down to the deck's say (outermost first),
    and the warnings of the folders this deck is the first to read."""
    layers: list[Layer] = []
    warnings: list[Problem] = []
    if course is not None:
        layers.append(
            Layer(
                css=[(path, "schedule.yaml", 0) for path in course.css],
                reveal=dict(course.reveal),
                footer=course.footer,
            )
        )
    for folder in reversed(_folders(deck_dir, top)):
        # A folder's (and a stylesheet's) warnings go with the first deck that reads it.
        if folder not in seen.folders:
            seen.folders[folder] = read_folder(folder, root or top)
            warnings += seen.folders[folder].warnings
        layers.append(seen.folders[folder].layer)
    return layers, warnings


def _cascade(layers: list[Layer]) -> Layer:
    """The layers folded in order: the last theme and footer win, stylesheets add up,
    reveal.js options are merged key by key."""
    cascade = Layer()
    for layer in layers:
        cascade.theme = layer.theme or cascade.theme
        cascade.css += layer.css
        cascade.reveal.update(layer.reveal)
        cascade.footer = layer.footer if layer.footer is not None else cascade.footer
    return cascade


def _stylesheet_assets(
    stylesheets: list[tuple[Path, str, int]],
    deck_dir: Path,
    top: Path,
    root: Path | None,
    seen: _Seen,
    warnings: list[Problem],
) -> tuple[list[str], list[Asset]]:
    """Each publishable stylesheet's href from the deck, and the assets it brings (itself and
    the files it loads); warnings about the ones not yet checked are added to `warnings`."""
    hrefs: list[str] = []
    new_assets: list[Asset] = []
    for path, named_in, line in stylesheets:
        rel = Path(os.path.relpath(path, deck_dir)).as_posix()
        if rel in hrefs:
            continue
        if path not in seen.checked:
            seen.checked[path] = problem = _unpublishable(path, top, named_in, line)
            warnings += [problem] if problem else []
        if seen.checked[path] is not None:
            continue
        hrefs.append(rel)
        new_assets.append(Asset(rel, path, assets_mod.target_of(rel), line))
        if path not in seen.css:
            seen.css[path] = _css_files(path, top, root or top)
            warnings += seen.css[path][1]
        for file, css_line in seen.css[path][0]:
            href = Path(os.path.relpath(file, deck_dir)).as_posix()
            new_assets.append(Asset(href, file, assets_mod.target_of(href), css_line))
    return hrefs, new_assets


def _unpublishable(path: Path, top: Path, named_in: str, line: int) -> Problem | None:
    """Why a stylesheet a theme names cannot be published (None when it can): the same
    gate as every other course file (publishable.py), judged from `top`."""
    inside = path.resolve().is_relative_to(top)
    shown = relative(path, top) if inside else path.name
    if not path.exists() and not path.is_symlink():
        return Problem(
            f"stylesheet '{shown}' not found",
            named_in,
            line or None,
            fix="add the file, or fix the path (relative to the file that names it)",
        )
    reason = refusal(path, top)
    if reason is None:
        return None
    return Problem(
        f"stylesheet '{shown}' {reason}; it is not published", named_in, line or None, fix=FIX
    )


def _folders(deck_dir: Path, top: Path) -> list[Path]:
    """The deck's folder and each folder above it up to `top` (innermost first); only the
    deck's own folder when it lies outside `top`."""
    if not deck_dir.is_relative_to(top):
        return [deck_dir]
    folders = [deck_dir]
    while folders[-1] != top:
        folders.append(folders[-1].parent)
    return folders


def _css_files(css: Path, top: Path, root: Path) -> tuple[list[tuple[Path, int]], list[Problem]]:
    """Files a stylesheet loads with url(…) or @import at or below its own folder (published
    beside it so the copy finds them), with their lines; the others are warnings."""
    warnings: list[Problem] = []
    try:
        text = css.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return [], warnings  # a missing stylesheet is reported where it is named
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in CSS_URL_RE.finditer(line):
            url = match.group(2) or match.group(4)
            rel = assets_mod.local_path(url)
            if rel is None:
                continue
            path = (css.parent / rel).resolve()
            if rel.startswith("../") or not path.is_file() or not path.is_relative_to(top):
                warnings.append(
                    Problem(
                        f"'{url}' is not published with the stylesheet",
                        relative(css, root),
                        number,
                        fix="keep files a stylesheet uses in its folder or below",
                    )
                )
                continue
            found.append((path, number))
    return found, warnings
