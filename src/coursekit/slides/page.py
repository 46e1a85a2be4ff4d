"""`write_deck()`: a parsed deck → a standalone reveal.js page plus the files it uses.

Called by the course build (one folder per deck, runtime shared per site) and by
`coursekit slides`. The page loads reveal.js and the theme from `runtime_url`, which
`runtime.copy_runtime()` fills.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from string import Template

from coursekit.errors import relative
from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for
from coursekit.slides.assets import copy_assets, stylesheets
from coursekit.slides.model import Deck, Slide

TEMPLATE = Template((Path(__file__).parent / "templates" / "deck.html").read_text("utf-8"))

# 16:9 at 1280×720, top-aligned like lecture slides, deep links, one PDF page per slide.
REVEAL_DEFAULTS = {
    "hash": True,
    "slideNumber": "c/t",
    "width": 1280,
    "height": 720,
    "margin": 0.04,
    "center": False,
    "controls": True,
    "progress": True,
    "transition": "slide",
    "pdfSeparateFragments": False,
    "pdfMaxPagesPerSlide": 1,
}


def reveal_config(deck: Deck) -> dict:
    """reveal.js options: the defaults above, then the deck's `revealOptions:` front matter."""
    config = dict(REVEAL_DEFAULTS)
    options = deck.meta.get("revealOptions")
    if isinstance(options, dict):
        config.update({str(k): v for k, v in options.items()})
    return config


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(str(value))}"' for name, value in attrs.items())


def _section(slide: Slide) -> str:
    notes = f'\n<aside class="notes">{slide.notes_html}</aside>' if slide.notes_html else ""
    return f"<section{_attrs(slide.attrs)}>\n{slide.html}{notes}\n</section>"


def sections_html(deck: Deck) -> str:
    parts = []
    for stack in deck.stacks:
        if len(stack) == 1:
            parts.append(_section(stack[0]))
        else:
            inner = "\n".join(_section(slide) for slide in stack)
            parts.append(f"<section>\n{inner}\n</section>")
    return "\n".join(parts)


def render_page(
    deck: Deck, runtime_url: str, *, handout: str | None = None, locale: str = DEFAULT_LANGUAGE
) -> str:
    """The deck's reveal.js page; `handout` is the href of its handout page, offered to
    keyboard and screen-reader users by a skip link that shows when focused. The page is in
    `locale` unless the deck's `lang` says otherwise."""
    _ = gettext_for(locale)
    runtime = runtime_url if runtime_url.endswith("/") else runtime_url + "/"
    meta = deck.meta
    head = []
    for key in ("author", "description"):
        if meta.get(key):
            head.append(f'<meta name="{key}" content="{escape(str(meta[key]))}">')
    by_url = {asset.url: asset.target for asset in deck.assets}
    css = [
        f'<link rel="stylesheet" href="{escape(by_url.get(href, href))}">'
        for href in stylesheets(deck.meta)
    ]
    footer_parts = []
    if meta.get("footer"):
        footer_parts.append(f'<span class="ck-footer-text">{escape(str(meta["footer"]))}</span>')
    if meta.get("license"):
        footer_parts.append(f'<span class="ck-license">{escape(str(meta["license"]))}</span>')
    footer = f'<div class="ck-footer">{"".join(footer_parts)}</div>' if footer_parts else ""
    skip_text = _("Read these slides as a handout")
    # "</" inside the JSON would end the <script> element early.
    config = json.dumps(reveal_config(deck), ensure_ascii=False).replace("</", "<\\/")
    return TEMPLATE.substitute(
        lang=escape(str(meta.get("lang", locale.replace("_", "-")))),
        title=escape(deck.title),
        meta="\n".join(head),
        runtime=escape(runtime),
        css="\n".join(css),
        skip=(f'<a class="ck-skip" href="{escape(handout)}">{skip_text}</a>' if handout else ""),
        slides=sections_html(deck),
        footer=footer,
        config=config,
    )


def write_deck(
    deck: Deck,
    out_dir: Path,
    runtime_url: str,
    *,
    filename: str = "index.html",
    handout: str | None = None,
    root: Path | None = None,
    out: Path | None = None,
    locale: str = DEFAULT_LANGUAGE,
) -> list[Path]:
    """Write `out_dir/filename` and copy every local file the deck uses next to it (same
    relative paths; `..` becomes `_up`). Return the paths written.

    `root` is the course (or `standalone_root()` folder) the deck's files may not leave, and
    `out` the site folder they may not come from; a refused file is an error at its deck line
    before the page is written. Without `root`, any regular file but a system one is used.
    """
    out_dir = Path(out_dir)
    file = relative(deck.path, root) if root is not None else str(deck.path)
    # The files first: a refused one stops the deck before its page exists.
    copied = copy_assets(deck.assets, out_dir, root=root, out=out, file=file)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / filename
    html = render_page(deck, runtime_url, handout=handout, locale=locale)
    if not (page.is_file() and page.read_text(encoding="utf-8") == html):
        page.write_text(html, encoding="utf-8")
    return [page, *copied]
