"""A deck's theme: the course's `decks:` setting, reveal-md's `reveal-md.json` and `reveal.json`
in the deck's folder and the folders above it, then the deck's front matter (later wins).

`apply_theme()` folds all of it into a parsed deck (its meta, assets and warnings), so
`page.py`, `handout.py` and `pdf.py` see one deck. The course build (`site/materials.py`) and
`coursekit slides` call it right after parsing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.errors import CourseError, Problem, relative
from coursekit.publishable import FIX, refusal
from coursekit.slides import assets as assets_mod
from coursekit.slides.model import Asset, Deck

CONFIG_FILE = "reveal-md.json"
REVEAL_FILE = "reveal.json"
# reveal-md's defaults: the same split coursekit always does (a line that is exactly ---/----).
DEFAULT_SEPARATORS = {
    "separator": {r"\r?\n---\r?\n", r"^---$", r"\n---\n", r"^\r?\n---\r?\n$"},
    "verticalSeparator": {r"\r?\n----\r?\n", r"^----$", r"\n----\n", r"^\r?\n----\r?\n$"},
    "notesSeparator": {r"^\s*notes?:", r"notes?:", r"^Note:", r"note:"},
}
# Other reveal-md options (highlightTheme, port, static, glob, …) concern its own server,
# highlighter and listing, which coursekit replaces: they are ignored without a warning.
# What reveal-md's own template (template/reveal.html) loads: a custom template's other
# <script>/<link> lines are what coursekit cannot reproduce.
DEFAULT_TEMPLATE_LINES = {
    '<script src="{{{base}}}/dist/reveal.js"></script>',
    '<script src="{{{base}}}/plugin/markdown/markdown.js"></script>',
    '<script src="{{{base}}}/plugin/highlight/highlight.js"></script>',
    '<script src="{{{base}}}/plugin/zoom/zoom.js"></script>',
    '<script src="{{{base}}}/plugin/notes/notes.js"></script>',
    '<script src="{{{base}}}/plugin/math/math.js"></script>',
    '<script src="{{{.}}}"></script>',
    "<script>",
    '<link rel="shortcut icon" href="{{{base}}}/favicon.ico" />',
    '<link rel="stylesheet" href="{{{base}}}/dist/reset.css" />',
    '<link rel="stylesheet" href="{{{base}}}/dist/reveal.css" />',
    '<link rel="stylesheet" href="{{{themeUrl}}}" id="theme" />',
    '<link rel="stylesheet" href="{{{base}}}{{{highlightThemeUrl}}}" />',
    '<link rel="stylesheet" href="{{{.}}}" />',
}
TEMPLATE_TAG_RE = re.compile(r"<(script|link)\b", re.IGNORECASE)
CSS_URL_RE = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


@dataclass(frozen=True)
class CourseDecks:
    """The course-wide deck setting (`course.decks:` in schedule.yaml), paths resolved."""

    css: tuple[Path, ...] = ()
    reveal: dict[str, Any] = field(default_factory=dict)
    footer: str | None = None


@dataclass
class _Layer:
    """What one place (the course, a folder's files, the deck) says, with where it says it."""

    css: list[tuple[Path, str, int]] = field(default_factory=list)  # file, named in, line
    theme: tuple[Path, str, int] | None = None
    reveal: dict[str, Any] = field(default_factory=dict)
    footer: str | None = None
    template: Path | None = None


@dataclass(frozen=True)
class FolderTheme:
    """What `reveal-md.json` and `reveal.json` in one folder say (read once per folder)."""

    layer: _Layer
    warnings: tuple[Problem, ...]
    read: tuple[Path, ...] = ()  # other files it read (a template)


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
    layers: list[_Layer] = []
    warnings: list[Problem] = []
    if course is not None:
        layers.append(
            _Layer(
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
    meta = dict(deck.meta)
    theme_css: tuple[Path, str, int] | None = None
    reveal: dict[str, Any] = {}
    footer = None
    css: list[tuple[Path, str, int]] = []
    for layer in layers:
        theme_css = layer.theme or theme_css
        css += layer.css
        reveal.update(layer.reveal)
        footer = layer.footer if layer.footer is not None else footer
    # The front matter's stylesheets are assets already (parse.py); reveal-md links the theme
    # before the other stylesheets, and a deck's own theme replaces a folder's.
    own_css = [str(href) for href in _listed(meta.get("css"))]
    own_theme = meta.get("theme")
    if isinstance(own_theme, str) and own_theme.endswith(".css"):
        meta.pop("theme")
        theme_css = None
        own_css.insert(0, own_theme)
    hrefs: list[str] = []
    new_assets: list[Asset] = []
    for path, named_in, line in [t for t in (theme_css, *css) if t is not None]:
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
    meta["css"] = hrefs + [href for href in own_css if href not in hrefs]
    options = meta.get("revealOptions")
    meta["revealOptions"] = {**reveal, **(options if isinstance(options, dict) else {})}
    if not meta.get("footer") and footer:
        meta["footer"] = footer
    known = {a.target for a in deck.assets}
    assets = [*deck.assets, *(a for a in new_assets if a.target not in known)]
    return dataclasses.replace(deck, meta=meta, assets=assets, warnings=[*warnings, *deck.warnings])


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


def _read_json(path: Path) -> tuple[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    return text, json.loads(text) if text.strip() else {}


def read_folder(folder: Path, root: Path) -> FolderTheme:
    """Read `reveal-md.json` and `reveal.json` in `folder`, as reveal-md reads them from its
    working folder: paths in them are relative to that folder. Invalid JSON is an error."""
    layer = _Layer()
    warnings: list[Problem] = []
    for name in (REVEAL_FILE, CONFIG_FILE):
        path = folder / name
        file = relative(path, root)
        try:
            found = _read_json(path)
        except json.JSONDecodeError as error:
            raise CourseError(
                Problem(
                    f"invalid JSON: {error.msg}",
                    file,
                    error.lineno,
                    error.colno,
                    fix=f"{name} must be one JSON object, as reveal-md reads it",
                )
            ) from None
        except (OSError, UnicodeDecodeError) as error:
            raise CourseError(Problem(f"cannot read {name}: {error}", file)) from None
        if found is None:
            continue
        text, data = found
        if not isinstance(data, dict):
            raise CourseError(
                Problem(
                    f"{name} holds a JSON {type(data).__name__}, not an object",
                    file,
                    1,
                    fix='write it as {"key": value, …}',
                )
            )
        if name == REVEAL_FILE:
            layer.reveal.update(data)
            continue
        _read_config(data, text, folder, file, layer, warnings)
    template = layer.template
    return FolderTheme(layer, tuple(warnings), (template,) if template else ())


def _line(text: str, key: str) -> int:
    """The line of `"key"` in a JSON file's text (1 when not found)."""
    index = text.find(f'"{key}"')
    return text.count("\n", 0, index) + 1 if index >= 0 else 1


def _listed(value: Any) -> list[str]:
    """reveal-md takes a list or a comma-separated string for css and scripts."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v) for v in value or []]


def _read_config(
    data: dict, text: str, folder: Path, file: str, layer: _Layer, warnings: list[Problem]
) -> None:
    for href in _listed(data.get("css")):
        if assets_mod.local_path(href) is not None:
            layer.css.append((folder / href, file, _line(text, "css")))
    theme = data.get("theme")
    if isinstance(theme, str) and theme:
        if theme.endswith(".css") and assets_mod.local_path(theme) is not None:
            layer.theme = (folder / theme, file, _line(text, "theme"))
        elif theme != "coursekit":
            warnings.append(
                Problem(
                    f"theme '{theme}' is not available; the coursekit theme is used",
                    file,
                    _line(text, "theme"),
                    fix="remove 'theme' or name a .css file next to reveal-md.json",
                )
            )
    options = data.get("revealOptions")
    if isinstance(options, dict):
        layer.reveal.update(options)
    if isinstance(data.get("footer"), str):
        layer.footer = data["footer"]
    for script in _listed(data.get("scripts")):
        warnings.append(
            Problem(
                f"script '{script}' is not run: coursekit decks load no scripts of their own",
                file,
                _line(text, "scripts"),
                fix="drop it from 'scripts', or do the same with CSS or a directive",
            )
        )
    if data.get("preprocessor"):
        warnings.append(
            Problem(
                f"preprocessor '{data['preprocessor']}' is not run by coursekit",
                file,
                _line(text, "preprocessor"),
                fix="apply it to the markdown files themselves",
            )
        )
    for key, defaults in DEFAULT_SEPARATORS.items():
        value = data.get(key)
        if isinstance(value, str) and value not in defaults:
            warnings.append(
                Problem(
                    f"{key} '{value}' is not used: coursekit splits slides at lines that are "
                    "exactly --- (horizontal) and ---- (vertical), notes at 'Note:'",
                    file,
                    _line(text, key),
                    fix=f"remove '{key}' and use those separators",
                )
            )
    template = data.get("template")
    if isinstance(template, str) and template:
        layer.template = folder / template
        warnings += template_warnings(folder / template, file, _line(text, "template"))


def template_warnings(path: Path, named_in: str, line: int) -> list[Problem]:
    """A custom reveal-md template is not used: each `<script>` or `<link>` it adds to
    reveal-md's own template is a warning naming its line."""
    file = str(Path(named_in).parent / path.name) if named_in else str(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return [
            Problem(
                f"template '{path.name}' not found",
                named_in,
                line,
                fix="fix the path, or remove 'template' (coursekit renders its own page)",
            )
        ]
    found = []
    for number, text in enumerate(lines, start=1):
        if TEMPLATE_TAG_RE.search(text) and text.strip() not in DEFAULT_TEMPLATE_LINES:
            found.append(
                Problem(
                    f"template line is not used: {text.strip()[:80]}",
                    file,
                    number,
                    fix="coursekit renders its own page and runs no template scripts; put "
                    "stylesheets in 'css' of reveal-md.json or course.decks.css",
                )
            )
    return found


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
