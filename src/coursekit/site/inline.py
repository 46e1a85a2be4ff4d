"""Markdown that course values may hold on purpose — session titles and notes (inline),
an offering's logistics (blocks) — rendered to HTML with raw HTML shown as text.

Used by `plan.py` (which links a title holds, so the plan publishes their targets) and by the
page renderers, whose links go through `SemesterPlan.href`; a link the schedule check would
refuse (`javascript:`) is dropped, its text kept. The HTML comes out as `Markup`: the one
source of markup the templates print unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from coursekit.schedule.markdown_links import text_markdown
from coursekit.schedule.model import SAFE_SCHEMES, link_scheme

_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.S)


class _RewriteLinks(Treeprocessor):
    rewrite: Callable[[str], str] = staticmethod(lambda href: href)

    def run(self, root):  # type: ignore[no-untyped-def]
        for element in root.iter("a"):
            href = element.get("href")
            if href and link_scheme(href) not in (None, *SAFE_SCHEMES):
                del element.attrib["href"]
            elif href:
                element.set("href", self.rewrite(href))
        for element in root.iter("img"):
            if link_scheme(element.get("src", "")) not in (None, *SAFE_SCHEMES):
                element.set("src", "")
        return None


def _markdown() -> tuple[markdown.Markdown, _RewriteLinks]:
    md = text_markdown()  # raw HTML shows as typed; autolinks still link
    links = _RewriteLinks(md)
    md.treeprocessors.register(links, "coursekit-links", 1)
    return md, links


# Markdown instances no call is using: building one costs more than a short title, so
# they are reused; each call takes its own, so calls may nest or run in threads.
_IDLE: list[tuple[markdown.Markdown, _RewriteLinks]] = []


# Text that markdown leaves as one plain paragraph: a letter first (no list, heading or
# quote), then nothing inline markdown reads (emphasis, code, links, escapes, entities, HTML).
_PLAIN = re.compile(r"[^\W\d_][^`\\*_\[\]!<>&]*")
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z0-9]+);")


def _plain_html(text: str) -> Markup | None:
    """What markdown makes of `text` when it is plain (most titles), without running it: a
    5,000-session schedule renders ~15,000 titles and notes. None if markdown must decide."""
    bare = text.replace("&", "")
    if not (_PLAIN.fullmatch(bare) and text.isprintable() and text == text.strip()):
        return None
    if "&" in text and (_ENTITY.search(text) or text.startswith("&")):
        return None
    return Markup(text.replace("&", "&amp;"))


def render_inline(text: str, rewrite: Callable[[str], str]) -> Markup:
    """`text` as HTML without the paragraph around it, for a table cell or a heading."""
    plain = _plain_html(text)
    if plain is not None:
        return plain
    html = render_block(text, rewrite)
    match = _PARAGRAPH.match(html)
    return Markup(match.group(1)) if match else html


def render_block(text: str, rewrite: Callable[[str], str] = lambda href: href) -> Markup:
    """Paragraphs, lists and emphasis of `text` as HTML; raw HTML in it stays text."""
    try:
        md, links = _IDLE.pop()
    except IndexError:
        md, links = _markdown()
    links.rewrite = rewrite
    try:
        return Markup(md.reset().convert(text).strip())
    finally:
        del links.rewrite  # the caller's callback goes with the call
        _IDLE.append((md, links))


def linked_targets(text: str) -> list[str]:
    """The hrefs the rendered `text` links to (the ones a page would rewrite), in order."""
    if "[" not in text:  # a link in schedule markdown needs brackets (autolinks are URLs)
        return []
    found: list[str] = []
    render_block(text, lambda href: found.append(href) or href)  # type: ignore[func-returns-value]
    return found


def has_link(text: str) -> bool:
    """True if the markdown text links somewhere itself, so we must not wrap it in a link."""
    return bool(re.search(r"\]\([^)]*\)|<https?://", text))


def without_links(html: Markup) -> Markup:
    """Rendered inline markdown with its links unwrapped (material not online yet)."""
    return Markup(re.sub(r"<a(?: [^>]*)?>(.*?)</a>", r"\1", html))
