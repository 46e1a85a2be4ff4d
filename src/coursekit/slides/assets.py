"""Local files a slide uses (images, videos, iframes, backgrounds): find, check, map, copy.

Called by `parse.py` (collect and check, rewriting URLs that climb out of the deck's folder),
the course build and `coursekit check`/`slides` (`refused_assets`: nothing from outside the
course) and `page.py` (copy). A file the deck names as `../_assets/x.png` is written to
`_up/_assets/x.png` next to the page, so a written deck never reaches outside its folder.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from bs4 import Tag

from coursekit.errors import BuildError, Problem
from coursekit.publishable import problem, read_publishable, refusal
from coursekit.schedule.link import is_local
from coursekit.slides.model import Asset

# (tag, attribute) pairs whose value is a file the browser loads.
SOURCES = [
    ("img", "src"),
    ("img", "data-src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
]
SOURCE_ATTRS: dict[str, tuple[str, ...]] = {}
for _name, _attr in SOURCES:
    SOURCE_ATTRS[_name] = (*SOURCE_ATTRS.get(_name, ()), _attr)
BACKGROUNDS = (
    "data-background",
    "data-background-image",
    "data-background-video",
    "data-background-iframe",
)


def local_path(url: str) -> str | None:
    """The relative file path a URL names, or None for remote, absolute, data: or #anchors."""
    url = url.strip()
    # `/x` is the site's root, not a file beside the deck.
    if not url or not is_local(url) or url.startswith("/"):
        return None
    parts = urlsplit(url)
    # data-background may be a colour or a CSS gradient rather than a file.
    if url.startswith(("rgb", "hsl", "linear-gradient", "radial-gradient")) or (
        "." not in posixpath.basename(parts.path)
    ):
        return None
    path = posixpath.normpath(unquote(parts.path))
    return None if path in (".", "") else path


def target_of(path: str) -> str:
    """Where a deck-relative file goes next to the page: `..` parts become `_up`."""
    parts = path.split("/")
    return "/".join("_up" if part == ".." else part for part in parts)


def rewrite_url(url: str, path: str) -> str:
    """The URL to write into the page for a local file (unchanged unless it climbs out)."""
    target = target_of(path)
    if target == path:
        return url
    parts = urlsplit(url.strip())
    rest = (f"?{parts.query}" if parts.query else "") + (
        f"#{parts.fragment}" if parts.fragment else ""
    )
    return quote(target) + rest


def collect(
    elements: list[Tag], section: dict[str, str], deck_dir: Path
) -> list[tuple[str, str, Path, Tag | None]]:
    """Every local file the slide's elements and section name: (url, deck-relative path, file,
    element or None for the section). URLs are rewritten in place to where `page.py` puts
    the file."""
    found: list[tuple[str, str, Path, Tag | None]] = []
    for element in elements:
        for attr in SOURCE_ATTRS.get(element.name, ()):
            url = element.get(attr)
            if not url or not isinstance(url, str):
                continue
            path = local_path(url)
            if path is not None:
                found.append((url, path, deck_dir / path, element))
                element[attr] = rewrite_url(url, path)
    for attr in BACKGROUNDS:
        url = section.get(attr)
        if url:
            path = local_path(url)
            if path is not None:
                found.append((url, path, deck_dir / path, None))
                section[attr] = rewrite_url(url, path)
    return found


# The placeholder's look travels with it: decks, handouts and their PDFs have no shared CSS.
MISSING_STYLE = (
    "display:inline-block;box-sizing:border-box;max-width:100%;padding:.6em 1em;"
    "border:3px dashed #b71c1c;border-radius:6px;background:#fff4f4;color:#b71c1c;"
    "font-size:max(.6em,16px);line-height:1.4;overflow-wrap:anywhere"
)


def show_missing(element: Tag | None, section: dict[str, str], url: str, kind: str) -> None:
    """Replace the element naming a missing file with a box saying which file is missing
    (a background naming one is dropped): the slide reads right while the file is made."""
    if element is None:
        for attr in BACKGROUNDS:
            if section.get(attr) and local_path(section[attr]) is not None:
                del section[attr]
        return
    text = f"Missing {kind}: {url}"
    attrs = {"class": "ck-missing-file", "role": "img", "aria-label": text, "style": MISSING_STYLE}
    box = Tag(name="span", attrs=attrs)
    box.string = text
    element.replace_with(box)


def stylesheets(meta: dict) -> list[str]:
    """The deck's own CSS files: front matter `css:` (one or a list) or a `theme:` ending in
    .css, e.g. `css: [../course.css]`."""
    values = meta.get("css") or []
    values = [values] if isinstance(values, str) else values
    # A value of another shape is the deck parse's error (parse.py SHAPES), not a stylesheet.
    values = [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
    theme = meta.get("theme")
    if isinstance(theme, str) and theme.endswith(".css"):
        values.append(theme)
    return [str(v) for v in values]


def refused_assets(
    assets: list[Asset], root: Path | None, file: str | None, *, out: Path | None = None
) -> list[Problem]:
    """An error at its deck line for each file the deck uses that may not be published (a
    symlink or `../` out of the course, a system file, a private or the output folder)."""
    problems = []
    for asset in assets:
        reason = refusal(asset.path, root, out=out)
        if reason is not None:
            problems.append(
                problem(asset.path, reason, shown=asset.url, file=file, line=asset.line)
            )
    return problems


def copy_assets(
    assets: list[Asset],
    out_dir: Path,
    *,
    root: Path | None = None,
    out: Path | None = None,
    file: str | None = None,
) -> list[Path]:
    """Copy each asset to `out_dir/target` unless an identical copy is there already. Every
    file first passes the publish gate (`publishable.py`: inside `root` when given, never in
    `out`); any refused one is a `BuildError` at its line of `file` before anything is copied."""
    refused = refused_assets(assets, root, file, out=out)
    if refused:
        raise BuildError(refused)
    written = []
    for asset in {a.target: a for a in assets}.values():
        dest = out_dir / asset.target
        source_stat = asset.path.stat()
        if dest.is_file():
            dest_stat = dest.stat()
            if (
                dest_stat.st_size == source_stat.st_size
                and dest_stat.st_mtime >= source_stat.st_mtime
            ):
                written.append(dest)
                continue
        data = read_publishable(asset.path, root, shown=asset.url, out=out)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        written.append(dest)
    return written
