"""An Atom feed (RFC 4287) of an offering's change log and announcements, built with the
standard library's ElementTree, which escapes every text it writes.

Called by `site/changes_page.py`. Each entry carries an Atom `category` (`changes` or
`announcements`) so a reader can filter; ids are tag URIs built from the commit id or the
announcement's file, so they stay the same from one build to the next.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
XML = "http://www.w3.org/XML/1998/namespace"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # unique and stable, e.g. `tag:coursekit,2027:S2027/changes/4f2c9e1…`
    title: str  # plain text
    updated: dt.datetime  # aware
    link: str  # absolute where the site's address is known, else site-relative
    html: str  # the entry's content, HTML rendered by an autoescaping template
    category: str  # `changes` or `announcements`
    category_label: str  # the category's name in the site's language


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def atom_feed(
    feed_id: str,
    title: str,
    link: str,
    self_link: str,
    entries: Sequence[FeedEntry],
    fallback_updated: dt.datetime,
    *,
    author: str,
    language: str = "en",
) -> bytes:
    """The feed's bytes, entries newest first; `updated` is the newest entry's time (or
    `fallback_updated`, the build's time, for an empty feed) so rebuilds are identical."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {f"{{{XML}}}lang": language})
    ordered = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    newest = ordered[0].updated if ordered else fallback_updated
    _text(feed, "updated", _stamp(newest))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": link})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": self_link})
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", author)
    _text(feed, "generator", "coursekit")
    for item in ordered:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "updated", _stamp(item.updated))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": item.link})
        ET.SubElement(
            entry, f"{{{ATOM}}}category", {"term": item.category, "label": item.category_label}
        )
        content = _text(entry, "content", item.html)
        content.set("type", "html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _text(parent: ET.Element, tag: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = value
    return element
