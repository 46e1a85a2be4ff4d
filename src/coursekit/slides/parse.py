"""`parse_deck(path) -> Deck`: a markdown deck → slides as HTML fragments, plus warnings.

The entry point of the slides core; the course build and `coursekit slides` call it. Each raw
slide from `split.py` goes through `markdown.py`, is parsed alone by `fragment.py` (so a broken
slide stays broken alone), then `attributes.py` (.element/.slide), `directives.py` (the course's
own comments) and `assets.py` (local files, checked).
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from coursekit.errors import CourseError, Problem, relative
from coursekit.slides import assets as assets_mod
from coursekit.slides.attributes import apply_attributes, nodes, soup_of
from coursekit.slides.directives import apply_directives, hide_empty_items
from coursekit.slides.fragment import Repair, parse_fragment
from coursekit.slides.markdown import HTML, render
from coursekit.slides.model import Asset, Deck, Slide
from coursekit.slides.split import RawSlide, front_matter, split_slides
from coursekit.texmath import UNREADABLE_FIX

SPACES_RE = re.compile(r"\s+")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
HEADING_RE = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.DOTALL)
TAG_RE = re.compile(r"<[^>]+>")
# What only a parsed tree can handle besides raw HTML (which always is parsed): files a slide
# loads, empty list items.
NEEDS_TREE_RE = re.compile(r"<(?:img|source|video|audio|iframe|embed|object)\b|<li></li>")


class _Missing(list[Path]):
    """The local files a deck names that do not exist; `placeholders` says whether each
    element naming one becomes a box saying so."""

    def __init__(self, placeholders: bool):
        super().__init__()
        self.placeholders = placeholders


def parse_deck(path: Path, *, root: Path | None = None, placeholders: bool = True) -> Deck:
    """Read and render one deck. Warnings name the file relative to `root` when given. An
    image or file that does not exist shows as a box naming it (`placeholders` False keeps
    the element as written, as reveal.js would: the differential tests compare that)."""
    return parse_deck_checked(path, root=root, placeholders=placeholders)[0]


def parse_deck_checked(
    path: Path, *, root: Path | None = None, placeholders: bool = True
) -> tuple[Deck, list[Path]]:
    """`parse_deck`, plus the local files the deck names that do not exist (`cache.py` keeps
    a parsed deck only while those are still missing and its assets still exist)."""
    path = Path(path)
    file = relative(path, root) if root is not None else str(path)
    try:
        source = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise CourseError(Problem(f"cannot read deck: {error.strerror}", file)) from None
    except UnicodeDecodeError as error:
        raise CourseError(
            Problem(f"deck is not UTF-8 text ({error.reason})", file, fix="save the file as UTF-8")
        ) from None
    lines = source.splitlines()
    meta, start, problems = front_matter(lines, file)
    # Front matter that cannot be read comes back empty with why: errors, not warnings.
    errors, problems = (problems, []) if not meta else ([], problems)
    meta, wrong = _typed(meta, lines, start, file)
    errors += wrong
    raw_slides, split_problems = split_slides(lines, start, file)
    problems += split_problems
    if raw_slides and source.endswith(("\n", "\r")):
        raw_slides[-1].final_newline = True
    slides: list[Slide] = []
    assets: dict[str, Asset] = {}
    missing = _Missing(placeholders)
    for raw in raw_slides:
        slide, used, found = _render(raw, path.parent, file, missing)
        slides.append(slide)
        problems += found
        for asset in used:
            assets.setdefault(asset.target, asset)
    for asset in _meta_assets(meta, lines, path.parent, file, problems, missing):
        assets.setdefault(asset.target, asset)
    problems.sort(key=lambda p: p.line or 0)
    deck = Deck(
        path=path,
        meta=meta,
        slides=slides,
        warnings=problems,
        assets=list(assets.values()),
        source=source,
        errors=errors,
    )
    return deck, missing


# Front matter keys coursekit reads, with the shape each must have: (test, what, example).
SHAPES = {
    **{
        key: (lambda v: not isinstance(v, dict | list), "text", f'{key}: "…"')
        for key in ("title", "author", "description", "footer", "license", "lang", "theme")
    },
    "css": (
        lambda v: all(isinstance(i, str) for i in (v if isinstance(v, list) else [v])),
        "a stylesheet path or a list of them",
        "css: [../course.css]",
    ),
    "revealOptions": (
        lambda v: isinstance(v, dict),
        "a mapping of reveal.js options",
        "revealOptions: {transition: fade}",
    ),
    # A typo must not publish what the author meant to keep private: an error, not public.
    "notes": (lambda v: v in ("public", "private"), "public or private", "notes: private"),
}


def _typed(meta: dict, lines: list[str], end: int, file: str) -> tuple[dict, list[Problem]]:
    """The front matter without values of the wrong shape, and an error at the line of each
    (`css: 5` would break the page; a title that is a list would show as one)."""
    errors = []
    kept = dict(meta)
    for key, (fits, what, example) in SHAPES.items():
        value = meta.get(key)
        if value is None or fits(value):
            continue
        del kept[key]
        kind = repr(value)
        if key != "css" and isinstance(value, dict | list):
            kind = "a mapping" if isinstance(value, dict) else "a list"
        line = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 1)
        errors.append(
            Problem(f"front matter '{key}' must be {what}, not {kind}", file, line, fix=example)
        )
    return kept, errors


def _meta_assets(
    meta: dict,
    lines: list[str],
    deck_dir: Path,
    file: str,
    problems: list[Problem],
    missing: list[Path],
) -> list[Asset]:
    """Stylesheets named in the front matter, and a warning for a theme we cannot honour."""
    found = []
    for href in assets_mod.stylesheets(meta):
        line = next((i + 1 for i, text in enumerate(lines) if href in text), 1)
        rel = assets_mod.local_path(href)
        if rel is None:
            continue
        if (deck_dir / rel).exists():  # a pipe or device too: the gate refuses it
            found.append(Asset(href, deck_dir / rel, assets_mod.target_of(rel), line))
        else:
            missing.append(deck_dir / rel)
            problems.append(
                Problem(
                    f"stylesheet '{href}' not found",
                    file,
                    line,
                    fix=f"add the file at {rel} next to the deck, or fix the path",
                )
            )
    theme = meta.get("theme")
    if theme and not str(theme).endswith(".css") and theme != "coursekit":
        line = next((i + 1 for i, text in enumerate(lines) if text.startswith("theme:")), 1)
        problems.append(
            Problem(
                f"theme '{theme}' is not available; the coursekit theme is used",
                file,
                line,
                fix="remove 'theme:' or name a .css file next to the deck",
            )
        )
    return found


def _render(
    raw: RawSlide, deck_dir: Path, file: str, missing: list[Path]
) -> tuple[Slide, list[Asset], list[Problem]]:
    """One raw slide → its Slide, the files it uses and its warnings."""
    problems: list[Problem] = []
    section: dict[str, str] = {}
    used: list[Asset] = []
    kept: list[tuple[str, str]] = []
    html, markup = render(raw.lines, kept, to_end=raw.final_newline and not raw.notes_line)
    if markup or NEEDS_TREE_RE.search(html):
        html, title, used, problems = _render_tree(
            raw, html, markup, section, deck_dir, file, missing
        )
    else:
        # Most slides are headings, bullets, code and tables: markdown-it's own HTML is
        # well-formed, so there is nothing for a parser to repair.
        title = _heading_text(html)
        html = html.strip()
    notes_html = ""
    if raw.notes_line:
        notes_html, notes_used, notes_found = _render_notes(raw, kept, deck_dir, file, missing)
        used += notes_used
        problems += notes_found
    for tex, reason in kept:
        problems.append(
            Problem(
                f"formula kept as TeX, latex2mathml cannot read it ({reason}): {tex}",
                file,
                raw.line_of(f"${tex}$", tex),
                fix=UNREADABLE_FIX,
            )
        )
    slide = Slide(
        h=raw.h,
        v=raw.v,
        html=html,
        notes_html=notes_html,
        attrs=section,
        title_text=title,
        source_line=raw.first_line,
    )
    return slide, used, problems


def _render_tree(
    raw: RawSlide,
    html: str,
    markup: str,
    section: dict[str, str],
    deck_dir: Path,
    file: str,
    missing: list[Path],
) -> tuple[str, str, list[Asset], list[Problem]]:
    """A slide's HTML parsed and repaired, its attributes (into `section`) and directives
    applied, its files checked: its HTML, title, files and warnings."""
    problems: list[Problem] = []
    soup, root, repairs = _tree(html, markup)
    source = "\n".join(raw.lines).lower()
    for repair in repairs:
        # Only tags the author wrote: a `</p>` markdown added is not theirs to fix.
        if repair.tag[:-1] not in source:
            continue
        line = raw.line_of(repair.tag, repair.tag[:-1] + " ", repair.tag[:-1])
        problems.append(Problem(repair.message, file, line, fix=repair.fix))
    comments, elements = nodes(root)
    for text in apply_attributes(root, section, comments):
        problems.append(
            Problem(
                f"<!-- {text} --> sets no attribute",
                file,
                raw.line_of(text),
                fix='write attributes as name="value" in double quotes',
            )
        )
    for message, fix, text in apply_directives(soup, root, comments):
        problems.append(Problem(message, file, raw.line_of(text.strip()), fix=fix))
    hide_empty_items(elements)
    used, found = _check_assets(raw, elements, section, deck_dir, file, missing)
    problems += found
    heading = next((e for e in elements if e.name in HEADINGS and e.parent), None)
    title = SPACES_RE.sub(" ", heading.get_text()).strip() if heading else ""
    return root.decode_contents().strip(), title, used, problems


def _heading_text(html: str) -> str:
    """The text of the first heading in markdown-it's own HTML ("" without one)."""
    heading_match = HEADING_RE.search(html)
    return (
        SPACES_RE.sub(" ", unescape(TAG_RE.sub("", heading_match.group(2)))).strip()
        if heading_match
        else ""
    )


def _render_notes(
    raw: RawSlide, kept: list[tuple[str, str]], deck_dir: Path, file: str, missing: list[Path]
) -> tuple[str, list[Asset], list[Problem]]:
    """The slide's speaker notes as HTML, with the files they use and their warnings."""
    used: list[Asset] = []
    problems: list[Problem] = []
    notes_html, markup = render(raw.notes, kept)
    if markup or NEEDS_TREE_RE.search(notes_html):
        soup, notes_root, _ = _tree(notes_html, markup)
        comments, elements = nodes(notes_root)
        apply_attributes(notes_root, {}, comments)
        apply_directives(soup, notes_root, comments)
        used, problems = _check_assets(raw, elements, {}, deck_dir, file, missing)
        notes_html = notes_root.decode_contents()
    return notes_html.strip(), used, problems


def _tree(html: str, markup: str) -> tuple[BeautifulSoup, Tag, list[Repair]]:
    """The slide's HTML as a tree: markdown-it's own HTML (and comments) is well-formed, so
    only a slide with raw HTML needs html5lib's repairs."""
    if markup == HTML:
        return parse_fragment(html)
    return (*soup_of(html), [])


def _check_assets(
    raw: RawSlide,
    elements: list,
    section: dict[str, str],
    deck_dir: Path,
    file: str,
    missing: list[Path],
) -> tuple[list[Asset], list[Problem]]:
    used: list[Asset] = []
    problems: list[Problem] = []
    source = "\n".join(raw.lines + raw.notes)
    for url, rel, path, element in assets_mod.collect(elements, section, deck_dir):
        line = raw.line_of(f"]({url}", f'"{url}"', url)
        kind = (
            "background image"
            if element is None
            else "image"
            if element.name == "img"
            else f"<{element.name}> file"
        )
        # A pipe, device or folder exists: it is used, and the publish gate says why it is
        # refused (in `build` and `check`), rather than calling it missing.
        if path.exists():
            used.append(Asset(url=url, path=path, target=assets_mod.target_of(rel), line=line))
        else:
            missing.append(path)
            # A draft may name a file not made yet: the slide shows which, not a broken image.
            if not isinstance(missing, _Missing) or missing.placeholders:
                assets_mod.show_missing(element, section, url, kind)
            problems.append(
                Problem(
                    f"{kind} '{url}' not found",
                    file,
                    line,
                    fix=f"add the file at {rel} next to the deck, or fix the path",
                )
            )
    for image in (e for e in elements if e.name == "img"):
        url = image.get("src") or image.get("data-src") or ""
        alt = image.get("alt")
        # An explicit alt="" in HTML marks a decorative image; ![](x.png) is an omission.
        if alt is None or (not alt.strip() and "![](" in source.replace("![ ](", "![](")):
            fix = (
                f"describe it: ![what it shows]({url})"
                if alt is not None
                else 'add alt="what it shows", or alt="" if it is decoration'
            )
            needles = (f"![]({url}", f"![ ]({url}") if alt is not None else (f'"{url}"', url)
            problems.append(
                Problem(
                    f"image '{url}' has no alt text",
                    file,
                    raw.line_of(*needles) if url else raw.first_line,
                    fix=fix,
                )
            )
    return used, problems
