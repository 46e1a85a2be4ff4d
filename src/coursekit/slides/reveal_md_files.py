"""reveal-md's own settings files in one folder: `reveal-md.json` and `reveal.json`, read
as reveal-md reads them from its working folder, and the custom template one of them names.

`themes.py` calls `read_folder` once per folder on the way from a deck up to the top and
cascades the layers it returns; what coursekit cannot honour comes back as warnings.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.errors import CourseError, Problem, relative
from coursekit.slides import assets as assets_mod

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


@dataclass
class Layer:
    """What one place (the course, a folder's files, the deck) says, with where it says it."""

    css: list[tuple[Path, str, int]] = field(default_factory=list)  # file, named in, line
    theme: tuple[Path, str, int] | None = None
    reveal: dict[str, Any] = field(default_factory=dict)
    footer: str | None = None
    template: Path | None = None


@dataclass(frozen=True)
class FolderTheme:
    """What `reveal-md.json` and `reveal.json` in one folder say (read once per folder)."""

    layer: Layer
    warnings: tuple[Problem, ...]
    read: tuple[Path, ...] = ()  # other files it read (a template)


def _read_json(path: Path) -> tuple[str, Any] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None
    return text, json.loads(text) if text.strip() else {}


def read_folder(folder: Path, root: Path) -> FolderTheme:
    """Read `reveal-md.json` and `reveal.json` in `folder`, as reveal-md reads them from its
    working folder: paths in them are relative to that folder. Invalid JSON is an error."""
    layer = Layer()
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


def listed(value: Any) -> list[str]:
    """reveal-md takes a list or a comma-separated string for css and scripts."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [str(v) for v in value or []]


def _read_config(
    data: dict, text: str, folder: Path, file: str, layer: Layer, warnings: list[Problem]
) -> None:
    """Fold what `reveal-md.json` says into `layer`; what coursekit ignores goes to `warnings`."""
    for href in listed(data.get("css")):
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
    for script in listed(data.get("scripts")):
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
