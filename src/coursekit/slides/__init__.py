"""The slides engine: markdown lecture decks (written for reveal-md) → reveal.js pages,
handouts and PDFs. Plain data in, files out; nothing here imports MkDocs.

The course build and `coursekit slides` use this API: `parse_deck` (or `parse_decks`, cached
and parallel) → `apply_themes` → `write_deck` (+ `copy_runtime` once per site) →
`handout_markdown`, `slide_count`, and `print_pdfs` for PDFs; `without_notes` for a
deck's markdown without its speaker notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "model": ["Asset", "Deck", "Slide", "slide_count"],
    "parse": ["parse_deck"],
    "batch": ["parse_decks"],
    "themes": ["CourseDecks", "apply_themes"],
    "page": ["BackLinks", "write_deck"],
    "runtime": ["PROJECT", "copy_runtime"],
    "handout": ["handout_markdown"],
    "pdf": ["PdfJob", "print_pdfs", "require_playwright"],
    "assets": ["refused_assets"],
    "front_matter_links": ["unsafe_front_matter_links"],
    "split": ["is_empty", "without_notes"],
}
__all__ = [
    "Asset",
    "BackLinks",
    "CourseDecks",
    "Deck",
    "PROJECT",
    "PdfJob",
    "Slide",
    "apply_themes",
    "copy_runtime",
    "handout_markdown",
    "is_empty",
    "parse_deck",
    "parse_decks",
    "print_pdfs",
    "refused_assets",
    "require_playwright",
    "slide_count",
    "unsafe_front_matter_links",
    "without_notes",
    "write_deck",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.slides.assets import refused_assets
    from coursekit.slides.batch import parse_decks
    from coursekit.slides.front_matter_links import unsafe_front_matter_links
    from coursekit.slides.handout import handout_markdown
    from coursekit.slides.model import Asset, Deck, Slide, slide_count
    from coursekit.slides.page import BackLinks, write_deck
    from coursekit.slides.parse import parse_deck
    from coursekit.slides.pdf import PdfJob, print_pdfs, require_playwright
    from coursekit.slides.runtime import PROJECT, copy_runtime
    from coursekit.slides.split import is_empty, without_notes
    from coursekit.slides.themes import CourseDecks, apply_themes
