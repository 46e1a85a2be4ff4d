"""What a built page links to: the start tags of one HTML page, parsed once with the stdlib's
html.parser, reduced to its links, images, ids and refresh target.

Called by `linkcheck.py` (the site check), which scans every page of a site with `_parse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

# Which attributes of which elements hold a URL the browser loads or follows. Adding one is a
# row here. srcset holds several URLs; meta refresh is handled on its own (its URL sits
# inside `content`).
LINK_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset", "data-src"),
    "source": ("src", "srcset"),
    "iframe": ("src", "data-src"),
    "video": ("src", "poster", "data-src"),
    "audio": ("src", "data-src"),
    "track": ("src",),
    "embed": ("src",),
    # reveal.js slide backgrounds (lecture decks)
    "section": ("data-background-image", "data-background-video", "data-background-iframe"),
}
# Resource hints name a server, not a document: there is nothing to fetch or check.
_HINT_RELS = {"preconnect", "dns-prefetch"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif"}


@dataclass
class _Page:
    """What one HTML page holds that the checks need, in document order."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    images: list[tuple[str, bool]] = field(default_factory=list)  # (src, has alt attribute)
    canonical: str | None = None
    refresh: str | None = None  # the URL of <meta http-equiv="refresh">

    def add(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Take what matters from one start tag."""
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"] or "")
        elif tag == "link":
            rels = set((values.get("rel") or "").lower().split())
            if rels & _HINT_RELS:
                return
            if "canonical" in rels:
                self.canonical = values.get("href")
        elif tag == "meta":
            if (values.get("http-equiv") or "").lower() == "refresh":
                self.refresh = _refresh_url(values.get("content") or "")
                if self.refresh:
                    self.links.append(self.refresh)
        elif tag == "img":
            self.images.append((values.get("src") or "", "alt" in values))
        for name in LINK_ATTRIBUTES.get(tag, ()):
            value = values.get(name)
            if value is None:
                continue
            if name == "srcset":
                self.links.extend(srcset_urls(value))
            elif value.strip():
                self.links.append(value.strip())


Tag = tuple[str, list[tuple[str, str | None]]]


class _StartTags(HTMLParser):
    """html.parser, keeping the start tags the checks need: those that can carry a URL,
    an id or a refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Tag] = []

    def updatepos(self, i: int, j: int) -> int:
        # html.parser keeps line numbers by counting newlines and catching a ValueError per
        # tag, nearly half its time on Material's pages. Problems name the page, not the
        # line, so position tracking is skipped.
        return j

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _WANTED or any(name == "id" for name, _ in attrs):
            self.found.append((tag, attrs))


_WANTED = {*LINK_ATTRIBUTES, "meta"}


def _parse(text: str, memo: dict[str, tuple[Tag, ...]]) -> _Page:
    """Parse one page, feeding html.parser a line at a time.

    html.parser costs several µs a tag, and Material repeats the same header, navigation and
    footer lines on every page. A line fed while the parser holds nothing back (no partial
    tag, not inside <script>/<style>) that leaves it holding nothing back always yields the
    same tags, so they are remembered in `memo` (shared by all pages of a scan) and replayed;
    only lines no page had before are parsed: 2-3 times faster on a 300-page site.
    """
    parser = _StartTags()
    page = _Page()
    remembered = memo.get
    clean = True  # the parser holds nothing back: a remembered line can be replayed
    for line in text.splitlines(keepends=True):
        if clean:
            known = remembered(line)
            if known is not None:
                for tag, attrs in known:
                    page.add(tag, attrs)
                continue
        found: list[Tag] = []
        parser.found = found
        parser.feed(line)
        for tag, attrs in found:
            page.add(tag, attrs)
        was_clean, clean = clean, not parser.rawdata and parser.cdata_elem is None
        if was_clean and clean:
            memo[line] = tuple(found)
    parser.found = found = []
    parser.close()
    for tag, attrs in found:
        page.add(tag, attrs)
    return page


def _refresh_url(content: str) -> str | None:
    """`0; url=https://…` → `https://…` (the delay and quotes are optional)."""
    _, sep, rest = content.partition(";")
    rest = rest.strip()
    if not sep or not rest.lower().startswith("url"):
        return None
    url = rest[3:].lstrip().removeprefix("=").strip().strip("'\"")
    return url or None


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a srcset: `a.png 1x, b.png 2x` → [a.png, b.png] (HTML's parsing rules: a
    URL runs to whitespace, so a data: URL's comma does not split it)."""
    urls, i, n = [], 0, len(srcset)
    while i < n:
        while i < n and (srcset[i].isspace() or srcset[i] == ","):
            i += 1
        start = i
        while i < n and not srcset[i].isspace():
            i += 1
        url = srcset[start:i]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            # skip the descriptors ("2x", "480w") up to the next candidate
            depth = 0
            while i < n and (srcset[i] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[i], 0)
                i += 1
        if url:
            urls.append(url)
    return urls
