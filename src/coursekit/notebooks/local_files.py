"""Relative links in a rendered notebook: files beside the notebook that its page needs.

A markdown cell's `![diagram](img/pipeline.png)` or `<img src="chart.svg">` is relative to the
notebook's folder. The course build publishes those files and moves the links to where the
page lives; standalone pages embed the images instead. Either way a file is published only
when `publishable.py` allows it: `refused_files` names each one it refuses at its cell.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from coursekit.errors import Problem
from coursekit.publishable import problem, read_publishable, refusal
from coursekit.schedule.link import is_local

# src/href of the elements that load or link a file; escaped code (&lt;img …) never matches.
_ATTRIBUTE = re.compile(
    r"""(?P<head><(?P<tag>img|a|source|video|audio)\b[^>]*?\s(?:src|href)\s*=\s*)"""
    r"""(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""",
    re.IGNORECASE,
)


def is_relative(url: str) -> bool:
    """A path relative to the notebook's folder (not a web address, anchor or data URI)."""
    # `/x` is the site's root, not the notebook's folder; `{…}` a placeholder in a template.
    return bool(url) and is_local(url) and not url.startswith(("/", "{"))


def file_of(url: str) -> str:
    """The file a relative URL names: no query or fragment, %-escapes decoded."""
    return unquote(urlsplit(url).path)


def relative_urls(html: str) -> list[str]:
    """Every relative src/href in `html`, in order, once each."""
    urls = (match["url"] for match in _ATTRIBUTE.finditer(html))
    return list(dict.fromkeys(url for url in urls if is_relative(url) and file_of(url)))


def rewrite_relative(html: str, rewrite: Callable[[str, str], str]) -> str:
    """`html` with every relative src/href replaced by `rewrite(tag, url)`."""

    def replace(match: re.Match[str]) -> str:
        url = match["url"]
        if not is_relative(url) or not file_of(url):
            return match[0]
        new = rewrite(match["tag"].lower(), url)
        return f"{match['head']}{match['quote']}{new}{match['quote']}"

    return _ATTRIBUTE.sub(replace, html)


def is_markdown(url: str) -> bool:
    """A link to a markdown file (a lab's README): no page of the site, linked on GitHub."""
    return urlsplit(url).path.lower().endswith((".md", ".markdown"))


def course_path(source: str, url: str) -> str:
    """The course-relative file that `url`, relative to notebook `source`, names (it starts
    with `../` when it climbs out of the course)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), file_of(url)))


def files_beside(source: str, html: str) -> list[tuple[str, str]]:
    """(url, course-relative path) of each file the page of notebook `source` links
    relatively, markdown files excepted."""
    return [(url, course_path(source, url)) for url in relative_urls(html) if not is_markdown(url)]


def refused_files(
    root: Path, source: str, html: str, notebook: Callable[[], tuple[str, list]]
) -> list[Problem]:
    """An error for each existing file the page of notebook `source` links that may not be
    published, at the first line of the notebook file naming it and its cell (`notebook()`
    gives the file's text and cells, read only when there is something to report). A missing
    file is left to the site check, which names the page and the link."""
    refused = []
    for url, relative in files_beside(source, html):
        path = root / relative
        if not (path.exists() or path.is_symlink()) or (
            path.is_dir() and path.resolve().is_relative_to(root.resolve())
        ):
            continue
        reason = refusal(path, root)
        if reason is not None:
            refused.append((url, path, reason))
    if not refused:
        return []
    text, cells = notebook()
    problems = []
    for url, path, reason in refused:
        line = next((n for n, row in enumerate(text.splitlines(), 1) if url in row), None)
        cell = next((n for n, c in enumerate(cells) if url in c.get("source", "")), None)
        key = f"cells[{cell}]" if cell is not None else None
        problems.append(problem(path, reason, shown=url, file=source, line=line, key=key))
    return problems


def embed_images(html: str, folder: Path, root: Path | None = None) -> str:
    """`html` with each relative <img> that exists under `folder` inlined as a data URI, so a
    standalone page shows it wherever it is saved. An image that may not be published (a
    symlink out of `root`, a system file) is refused with an error."""

    def embed(tag: str, url: str) -> str:
        path = folder / file_of(url)
        mime = mimetypes.guess_type(path.name)[0]
        if tag != "img" or not path.is_file() or not (mime or "").startswith("image/"):
            return url
        data = read_publishable(path, root, shown=url)
        return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"

    return rewrite_relative(html, embed)
