"""The links a deck's own front matter names (`css:`, a `theme:` ending in .css), held to the
rule every `schedule.yaml` link follows (`schedule.link.safe_link`).

Called by `site/materials.py` (`deck_findings`), so `coursekit build` and `coursekit check`
both report a `javascript:` stylesheet, or one whose quote would end its attribute, at the
deck's line.
"""

from __future__ import annotations

from coursekit.errors import Problem
from coursekit.schedule.fixable import FixableError
from coursekit.schedule.link import safe_link
from coursekit.slides.assets import stylesheets
from coursekit.slides.split import front_matter


def unsafe_front_matter_links(source: str, file: str) -> list[Problem]:
    """An error at its line for each front matter link the schedule would refuse. Reads the
    deck's source, not its merged meta: course and folder stylesheets are checked where
    they are named."""
    lines = source.splitlines()
    meta, end, problems = front_matter(lines, file)
    if problems:
        return []  # the deck's parse already reports its front matter
    found = []
    for href in stylesheets(meta):
        try:
            safe_link(href.strip())
        except FixableError as error:
            key = "theme" if href == meta.get("theme") else "css"
            found.append(
                Problem(
                    f"{key}: '{href}': {error}",
                    file,
                    _line_of(lines[:end], href, key),
                    fix=error.fix,
                )
            )
    return found


def _line_of(lines: list[str], href: str, key: str) -> int:
    """The front matter line naming `href` (a YAML escape may hide it: then its key's)."""
    for number, text in enumerate(lines, start=1):
        if href in text:
            return number
    return next((n for n, text in enumerate(lines, start=1) if text.startswith(f"{key}:")), 1)
