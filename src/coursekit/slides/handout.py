"""`handout_markdown()`: a deck as one readable, printable, searchable page.

The course build writes the result as a page of the site (MkDocs indexes it for search); it is
plain markdown with raw HTML blocks, so any markdown engine renders it. Each slide becomes a
`##` section with its title, an "Open slide" link to `deck_url#/h/v`, the slide and its notes.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from html import escape

from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for
from coursekit.slides.assets import BACKGROUNDS, SOURCES, local_path, stylesheets
from coursekit.slides.attributes import add_class, soup_of
from coursekit.slides.model import Deck, Slide

Gettext = Callable[[str], str]
MARKDOWN_SPECIAL_RE = re.compile(r"[\\`*_{}\[\]()#+!|~>$]")


def _escape(text: str) -> str:
    # Numeric entities, not backslashes: `\(…\)` and `\[…\]` are formulas to arithmatex.
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return MARKDOWN_SPECIAL_RE.sub(lambda m: f"&#{ord(m.group())};", text)


def _link(url: str) -> str:
    return f"<{url}>" if any(c in url for c in " ()") else url


def _body(slide: Slide, html: str, prefix: str, drop_title: bool, _: Gettext) -> str:
    """A slide's (or its notes') HTML as the handout shows it."""
    backgrounds = tuple(slide.attrs.get(attr) for attr in BACKGROUNDS[:2]) if drop_title else ()
    return _handout_html(
        html, prefix, drop_title, backgrounds, _("Discussion"), _("Slide background")
    )


# A slide's handout HTML depends on nothing but these arguments: a live preview's save of
# one slide parses that slide again, not the whole deck (several decks' slides and notes).
@functools.lru_cache(maxsize=2048)
def _handout_html(
    html: str,
    prefix: str,
    drop_title: bool,
    backgrounds: tuple[str | None, ...],
    discussion: str,
    background_alt: str,
) -> str:
    soup, root = soup_of(html)
    if drop_title:
        heading = root.find(["h1", "h2", "h3", "h4", "h5", "h6"])
        if heading is not None:
            heading.decompose()
    # The page's outline (and its search sections) is one heading per slide; headings inside a
    # slide become bold paragraphs.
    for heading in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        heading.name = "p"
        add_class(heading, "ck-handout-heading")
        strong = soup.new_tag("strong")
        for child in list(heading.children):
            strong.append(child.extract())
        heading.append(strong)
    for name, attr in SOURCES:
        for element in root.find_all(name, attrs={attr: True}):
            source = str(element[attr])
            if local_path(source) is not None:
                element[attr] = prefix + source
    for marker in root.find_all("div", class_="discussion"):
        marker.string = discussion
    if drop_title:
        for url in backgrounds:
            if url and local_path(url) is not None:
                image = soup.new_tag(
                    "img",
                    attrs={
                        "src": prefix + url,
                        "alt": background_alt,
                        "class": "ck-handout-background",
                    },
                )
                root.insert(0, image)
    return root.decode_contents().strip()


def handout_markdown(
    deck: Deck,
    deck_url: str,
    *,
    image_prefix: str = "",
    locale: str = DEFAULT_LANGUAGE,
    notes: bool = True,
) -> str:
    """The handout page for `deck`. `deck_url` is the deck page as seen from the handout page
    (e.g. `../../slides/01-intro/`); `image_prefix` is prepended to the deck's local file URLs
    so they resolve from the handout page (usually the deck page's folder, same as deck_url
    without a file name); its own words are in `locale`. Without `notes` the page holds no
    speaker notes."""
    _ = gettext_for(locale)
    lines = [f"# {_escape(deck.title)}", ""]
    byline = " · ".join(str(deck.meta[k]) for k in ("author", "semester") if deck.meta.get(k))
    if byline:
        lines += [_escape(byline), ""]
    open_slides, open_slide = _("Open the slides"), _("Open slide")
    lines += [f"[{_escape(open_slides)}]({_link(deck_url)})", ""]
    # The deck's theme stylesheets (course, folder and its own) style the handout too, so
    # classes such as `smallish` look the same; published beside the deck page.
    by_url = {asset.url: asset.target for asset in deck.assets}
    links = [
        f'<link rel="stylesheet" href="{escape(image_prefix + by_url[href])}">'
        for href in stylesheets(deck.meta)
        if href in by_url
    ]
    if links:
        lines += ['<div class="ck-handout-styles" hidden>', *links, "</div>", ""]
    for number, slide in enumerate(deck.slides, start=1):
        title = slide.title_text or _("Slide %(number)s") % {"number": number}
        link = f"[{_escape(open_slide)}]({_link(deck_url + slide.anchor)})"
        lines += [f"## {_escape(title)}", "", link, ""]
        body = _body(slide, slide.html, image_prefix, True, _)
        if body:
            lines += ['<div class="ck-handout-slide">', body, "</div>", ""]
        if notes and slide.notes_html:
            shown = _body(slide, slide.notes_html, image_prefix, False, _)
            speaker_notes = _("Speaker notes")
            lines += [
                '<div class="ck-handout-notes">',
                f'<p class="ck-handout-notes-title"><strong>{speaker_notes}</strong></p>',
                shown,
                "</div>",
                "",
            ]
    return "\n".join(lines)
