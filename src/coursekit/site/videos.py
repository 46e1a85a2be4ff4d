"""A recording's URL → how a page shows it: YouTube through its privacy-enhanced player
(`youtube-nocookie.com`, no cookies until the visitor plays), Panopto through its embed page,
anything else as a plain link. Called by `week_pages.py`; the template always prints the
plain link too, for readers whose browser blocks the frame.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

_YOUTUBE_HOSTS = {"youtube.com", "m.youtube.com", "youtube-nocookie.com", "music.youtube.com"}
_YOUTUBE_ID = re.compile(r"^[\w-]{11}$")
_PANOPTO_ID = re.compile(r"^[0-9a-fA-F-]{36}$")
_SECONDS = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


@dataclass(frozen=True)
class Video:
    """A recording: its link, and the player to embed (None: a link only)."""

    href: str
    embed: str | None = None
    service: str | None = None  # "YouTube" or "Panopto" where embedded


def video(href: str) -> Video:
    """How the recording at `href` is shown."""
    parts = urlsplit(href)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.scheme not in ("http", "https"):
        return Video(href)
    query = parse_qs(parts.query)
    if host in _YOUTUBE_HOSTS or host == "youtu.be":
        ident = _youtube_id(host, parts.path, query)
        if ident:
            start = _seconds((query.get("t") or query.get("start") or [""])[0])
            suffix = f"?start={start}" if start else ""
            return Video(href, f"https://www.youtube-nocookie.com/embed/{ident}{suffix}", "YouTube")
    if host.endswith((".panopto.com", ".panopto.eu")):
        ident = (query.get("id") or [""])[0]
        if _PANOPTO_ID.match(ident) and parts.path.lower().startswith("/panopto/pages/"):
            embed = urlencode({"id": ident, "autoplay": "false", "offerviewer": "true"})
            return Video(href, f"https://{host}/Panopto/Pages/Embed.aspx?{embed}", "Panopto")
    return Video(href)


def _youtube_id(host: str, path: str, query: dict[str, list[str]]) -> str | None:
    """The video id of a watch, share (`youtu.be`), embed, live or shorts URL."""
    if host == "youtu.be":
        ident = path.strip("/").split("/")[0]
    elif path.rstrip("/") == "/watch":
        ident = (query.get("v") or [""])[0]
    else:
        head, _, rest = path.strip("/").partition("/")
        ident = rest.split("/")[0] if head in ("embed", "live", "shorts", "v") else ""
    return ident if _YOUTUBE_ID.match(ident) else None


def _seconds(value: str) -> int:
    """`90`, `90s` or `1m30s` → 90; anything else → 0."""
    match = _SECONDS.match(value) if value else None
    if not match:
        return 0
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds
