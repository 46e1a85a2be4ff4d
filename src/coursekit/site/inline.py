"""Inline markdown for schedule cells (titles, notes): emphasis and links, no paragraphs.

Used by `schedule_page.py`. Links go through the `Publisher` so that a course file named in
a title is published and linked like any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


class _RewriteLinks(Treeprocessor):
    rewrite: Callable[[str], str] = staticmethod(lambda href: href)

    def run(self, root):  # type: ignore[no-untyped-def]
        for element in root.iter("a"):
            href = element.get("href")
            if href:
                element.set("href", self.rewrite(href))
        return None


_MD = markdown.Markdown(output_format="html")
_LINKS = _RewriteLinks(_MD)
_MD.treeprocessors.register(_LINKS, "coursekit-links", 1)


def render_inline(text: str, rewrite: Callable[[str], str]) -> str:
    # One Markdown instance for every cell: building one costs more than a short title.
    _LINKS.rewrite = rewrite
    html = _MD.reset().convert(text).strip()
    match = _PARAGRAPH.match(html)
    return match.group(1) if match else html


def has_link(text: str) -> bool:
    """True if the markdown text links somewhere itself, so we must not wrap it in a link."""
    return bool(re.search(r"\]\([^)]*\)|<a\s|<https?://", text))
