"""What a link in a course file points at, decided in one place: a URL (another site, a mail
address), a path inside the course, or an anchor on the same page; and which URLs are safe.

`model.py` validates every schedule link with `safe_link`; `checks.py`, the site pages, the
notebook and deck asset code and `ics.py` ask `Link.parse` (or `is_local`/`local_target`).
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Literal

from coursekit.schedule.fixable import FixableError

SAFE_SCHEMES = ("http", "https", "mailto")
WEB_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# Browsers drop ASCII tabs and newlines anywhere in a URL and control characters and spaces
# around it, and decode entities in attributes: `java&#x09;script:` runs as `javascript:`.
_URL_IGNORED = re.compile(r"[\t\n\r]")
_AROUND_URLS = "".join(map(chr, range(33)))
_NOT_IN_URLS = '"<>`'
LINK_FIX = "use an http:, https: or mailto: URL, or a path inside the course"

LinkKind = Literal["url", "local", "anchor"]


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see in `url` (lowercase), or None for a relative path."""
    # Nearly every link starts so: nothing before the scheme for a browser to drop or decode.
    if url.startswith("https:"):
        return "https"
    if url.startswith("http:"):
        return "http"
    match = _SCHEME.match(_as_browsers_read(url))
    return match.group(1).lower() if match else None


def _as_browsers_read(url: str) -> str:
    return _URL_IGNORED.sub("", html.unescape(url)).strip(_AROUND_URLS)


@dataclass(frozen=True)
class Link:
    """A link as written, taken apart.

    ```python
    Link.parse("assignments/project.md#m1")  # local, target assignments/project.md, anchor m1
    Link.parse("https://x.org/a#b")          # url, scheme https
    Link.parse("#schedule")                  # anchor
    ```
    """

    text: str
    kind: LinkKind
    target: str
    """The file part of a local link (no `?query` or `#anchor`, as written: not %-decoded);
    the whole URL for a URL; empty for an anchor."""
    anchor: str = ""
    """What follows `#`, if anything."""
    scheme: str | None = None
    """A URL's scheme, lowercase (`https`, `mailto`); None for `//host/…` and local links."""

    @classmethod
    def parse(cls, text: str) -> Link:
        return _parsed(text) if cls is Link else cls._parse(text)

    @classmethod
    def _parse(cls, text: str) -> Link:
        _, hash_, anchor = text.partition("#")
        scheme = link_scheme(text)
        read = _as_browsers_read(text)
        if scheme is not None or read.startswith("//"):
            return cls(text, "url", text, read.partition("#")[2], scheme)
        if text.startswith("#"):
            return cls(text, "anchor", "", anchor)
        target = text.split("#", 1)[0].split("?", 1)[0]
        return cls(text, "local", target, anchor if hash_ else "")

    @property
    def is_web(self) -> bool:
        """An absolute http(s) address, which opens from anywhere (a calendar, a mail)."""
        return self.kind == "url" and self.scheme in WEB_SCHEMES


# A page of a 5,000-session schedule asks about the same few thousand links many times
# (is it a deck? a local page?); a Link is frozen, so one parse serves them all.
@functools.lru_cache(maxsize=16384)
def _parsed(text: str) -> Link:
    return Link._parse(text)


def is_local(link: str) -> bool:
    """A path in the repository, as opposed to a URL, `//host` or an in-page `#anchor`."""
    return Link.parse(link).kind == "local"


def local_target(link: str) -> str:
    """The file part of a local link: `assignments/project.md#m1` → `assignments/project.md`."""
    return link.split("#", 1)[0].split("?", 1)[0]


def safe_link(value: str) -> str:
    """Links go to web pages, mail addresses or course files; `javascript:`, `data:` and
    other schemes would run code in a reader's browser, on every site of the same origin.

    Raises `FixableError`; also used for command-line URLs and deck front matter."""
    scheme = link_scheme(value)
    if scheme is not None and scheme not in SAFE_SCHEMES:
        raise FixableError(f"'{scheme}:' links are not allowed", LINK_FIX)
    # No URL holds these as they are; templates we do not own print some links unescaped.
    if any(char in value for char in _NOT_IN_URLS):
        raw = sorted(set(value) & set(_NOT_IN_URLS))
        encoded = ", ".join(f"{c} as %{ord(c):02X}" for c in raw)
        raise FixableError(f"{' '.join(raw)} cannot appear in a link", f"write {encoded}")
    return value
