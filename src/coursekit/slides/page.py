"""`write_deck()`: a parsed deck → a standalone reveal.js page plus the files it uses.

Called by the course build (one folder per deck, runtime shared per site) and by
`coursekit slides`. The page loads reveal.js and the theme from `runtime_url`, which
`runtime.copy_runtime()` fills.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from coursekit.errors import relative
from coursekit.i18n import DEFAULT_LANGUAGE, template_environment
from coursekit.slides.assets import copy_assets, stylesheets
from coursekit.slides.model import Deck, Slide

# 16:9 at 1280×720, top-aligned like lecture slides, deep links, one PDF page per slide; →
# visits every slide, the ones below a slide too (students page through with the arrow keys).
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
    "navigationMode": "linear",
    "pdfSeparateFragments": False,
    "pdfMaxPagesPerSlide": 1,
}


@dataclass(frozen=True)
class BackLinks:
    """The way back from a course deck, shown under its slides: the session's row on the
    schedule and the offering's home page (hrefs relative to the deck page)."""

    schedule: str
    home: str
    title: str  # the offering's, e.g. "Spring 2027"


def reveal_config(deck: Deck) -> dict:
    """reveal.js options: the defaults above, then the deck's `revealOptions:` front matter."""
    config = dict(REVEAL_DEFAULTS)
    options = deck.meta.get("revealOptions")
    if isinstance(options, dict):
        config.update({str(k): v for k, v in options.items()})
    return config


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{escape(str(value))}"' for name, value in attrs.items())


def _section(slide: Slide, notes: bool) -> str:
    shown = notes and slide.notes_html
    aside = f'\n<aside class="notes">{slide.notes_html}</aside>' if shown else ""
    return f"<section{_attrs(slide.attrs)}>\n{slide.html}{aside}\n</section>"


def sections_html(deck: Deck, *, notes: bool = True) -> str:
    """The slides as reveal.js `<section>`s; speaker notes only with `notes`."""
    parts = []
    for stack in deck.stacks:
        if len(stack) == 1:
            parts.append(_section(stack[0], notes))
        else:
            inner = "\n".join(_section(slide, notes) for slide in stack)
            parts.append(f"<section>\n{inner}\n</section>")
    return "\n".join(parts)


@cache
def _template(locale: str) -> jinja2.Template:
    return template_environment("coursekit.slides", locale).get_template("deck.html.j2")


def render_page(
    deck: Deck,
    runtime_url: str,
    *,
    handout: str | None = None,
    locale: str = DEFAULT_LANGUAGE,
    back: BackLinks | None = None,
    notes: bool = True,
) -> str:
    """The deck's reveal.js page; `handout` is the href of its handout page, offered to
    keyboard and screen-reader users by a skip link that shows when focused; `back` links
    the course under the slides; without `notes` the page holds no speaker notes. The page
    is in `locale` unless the deck's `lang` says otherwise."""
    meta = deck.meta
    by_url = {asset.url: asset.target for asset in deck.assets}
    footer, license_ = meta.get("footer"), meta.get("license")
    # "</" inside the JSON would end the <script> element early.
    config = json.dumps(reveal_config(deck), ensure_ascii=False).replace("</", "<\\/")
    return _template(locale).render(
        lang=str(meta.get("lang", locale.replace("_", "-"))),
        title=deck.title,
        meta=[(key, str(meta[key])) for key in ("author", "description") if meta.get(key)],
        runtime=runtime_url if runtime_url.endswith("/") else runtime_url + "/",
        css=[by_url.get(href, href) for href in stylesheets(meta)],
        handout=handout,
        # The parsed deck's HTML (parse.py sanitizes and repairs it per slide).
        slides=Markup(sections_html(deck, notes=notes)),
        bar=bool(back or footer or license_),
        back=back,
        footer=str(footer) if footer else None,
        license=str(license_) if license_ else None,
        config=Markup(config),
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
    back: BackLinks | None = None,
    notes: bool = True,
) -> list[Path]:
    """Write `out_dir/filename` and copy every local file the deck uses next to it (same
    relative paths; `..` becomes `_up`). Return the paths written.

    `root` is the course (or `standalone_root()` folder) the deck's files may not leave, and
    `out` the site folder they may not come from; a refused file is an error at its deck line
    before the page is written. Without `root`, any regular file but a system one is used.
    `back` and `notes` are `render_page()`'s.
    """
    out_dir = Path(out_dir)
    file = relative(deck.path, root) if root is not None else str(deck.path)
    # The files first: a refused one stops the deck before its page exists.
    copied = copy_assets(deck.assets, out_dir, root=root, out=out, file=file)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / filename
    html = render_page(deck, runtime_url, handout=handout, locale=locale, back=back, notes=notes)
    if not (page.is_file() and page.read_text(encoding="utf-8") == html):
        page.write_text(html, encoding="utf-8")
    return [page, *copied]
