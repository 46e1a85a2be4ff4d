"""The link targets a markdown course value holds (a session's title or notes, an offering's
logistics), read by the engine the pages render them with: Python-Markdown, raw HTML as text.

Called by `checks.py`, so a `javascript:` link that `site/inline.py` would drop from the page
is an error at its line in `check` and `build` rather than a link that silently vanishes.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from coursekit.schedule.link import SAFE_SCHEMES, link_scheme


class _CollectLinks(Treeprocessor):
    found: list[str]

    def run(self, root: Element) -> None:
        self.found = [a.get("href", "") for a in root.iter("a")]
        self.found += [img.get("src", "") for img in root.iter("img")]
        return None


def text_markdown() -> markdown.Markdown:
    """Markdown as schedule values are read, here and by the pages (`site/inline.py`): raw
    HTML is shown as text, so `<img onerror=…>` or `<a href=…>` in a title does nothing."""
    md = markdown.Markdown(output_format="html")
    md.inlinePatterns.deregister("html")
    md.preprocessors.deregister("html_block")
    return md


def _markdown() -> tuple[markdown.Markdown, _CollectLinks]:
    md = text_markdown()
    links = _CollectLinks(md)
    md.treeprocessors.register(links, "coursekit-collect-links", 0)
    return md, links


_MD, _LINKS = _markdown()


def unsafe_links(text: str) -> list[tuple[str, str]]:
    """(target, scheme) of each link or image in markdown `text` whose scheme is not one
    the site links to (`javascript:`, `data:`, `ftp:` …), in the order they appear."""
    if "[" not in text and "<" not in text:
        # Markdown makes a link or image only from `[…]` or `<…>`: most titles have
        # neither, and converting 5,000 of them would be most of `check`.
        return []
    _MD.reset().convert(text)
    found = []
    for target in _LINKS.found:
        scheme = link_scheme(target)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            found.append((target, scheme))
    return found
