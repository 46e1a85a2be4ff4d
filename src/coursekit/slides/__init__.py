"""The slides engine: markdown lecture decks (written for reveal-md) → reveal.js pages,
handouts and PDFs. Plain data in, files out; nothing here imports MkDocs.

The course build and `coursekit slides` use this API: `parse_deck` (or `parse_decks`, cached
and parallel) → `write_deck` (+ `copy_runtime` once per site) → `handout_markdown`,
`slide_count`, and `pdf.print_pdfs` for PDFs.
"""

from coursekit.slides.batch import parse_decks
from coursekit.slides.handout import handout_markdown
from coursekit.slides.model import Asset, Deck, Slide, slide_count
from coursekit.slides.page import write_deck
from coursekit.slides.parse import parse_deck
from coursekit.slides.runtime import copy_runtime

__all__ = [
    "Asset",
    "Deck",
    "Slide",
    "copy_runtime",
    "handout_markdown",
    "parse_deck",
    "parse_decks",
    "slide_count",
    "write_deck",
]
