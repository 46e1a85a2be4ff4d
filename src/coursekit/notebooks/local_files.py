"""Relative links in a rendered notebook: files beside the notebook that its page needs.

A markdown cell's `![diagram](img/pipeline.png)` or `<img src="chart.svg">` is relative to the
notebook's folder. The course build publishes those files and moves the links to where the
page lives; standalone pages embed the images instead.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

# src/href of the elements that load or link a file; escaped code (&lt;img …) never matches.
_ATTRIBUTE = re.compile(
    r"""(?P<head><(?P<tag>img|a|source|video|audio)\b[^>]*?\s(?:src|href)\s*=\s*)"""
    r"""(?P<quote>["'])(?P<url>[^"']*)(?P=quote)""",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def is_relative(url: str) -> bool:
    """A path relative to the notebook's folder (not a web address, anchor or data URI)."""
    return bool(url) and not _SCHEME.match(url) and not url.startswith(("/", "#", "{"))


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


def embed_images(html: str, folder: Path) -> str:
    """`html` with each relative <img> that exists under `folder` inlined as a data URI, so a
    standalone page shows it wherever it is saved."""

    def embed(tag: str, url: str) -> str:
        path = folder / file_of(url)
        mime = mimetypes.guess_type(path.name)[0]
        if tag != "img" or not path.is_file() or not (mime or "").startswith("image/"):
            return url
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    return rewrite_relative(html, embed)
