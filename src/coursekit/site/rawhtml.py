"""Generated HTML that the site engine passes through instead of re-parsing it as markdown.

A generated page wraps a block of finished HTML that starts with a block-level tag (the
schedule's table, a week's session) in `OPEN`/`CLOSE` comment lines; `engine.py` stashes
each block behind a placeholder before MkDocs reads the markdown and puts it back into the
page's HTML after. Python-Markdown's raw HTML parser would return the block unchanged, but
takes seconds on 5,000 table rows. Built without coursekit's engine (bare `mkdocs build`)
the page is the same, comments aside.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

OPEN = "<!-- coursekit:html -->"
CLOSE = "<!-- /coursekit:html -->"
_BLOCK = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.M | re.S)
# Letters and digits only, so markdown makes a plain paragraph of it; `x` ends the number,
# so that block 1 is not a prefix of block 10.
_TOKEN = "ckhtmlblock{}x{}"
_PLACED = re.compile(r"<p>ckhtmlblock(\d+)x([0-9a-f]+)</p>")


@dataclass
class Stash:
    """The blocks set aside from one page, and the salt of its placeholders: the page's
    own digest, so no text of the page can spell a placeholder and a build stays the same."""

    salt: str = ""
    blocks: list[str] = field(default_factory=list)


def stash(markdown: str) -> tuple[str, Stash]:
    """`markdown` with each wrapped block replaced by a placeholder paragraph."""
    if OPEN not in markdown:
        return markdown, Stash()
    kept = Stash(hashlib.sha256(markdown.encode()).hexdigest()[:12])

    def place(match: re.Match[str]) -> str:
        kept.blocks.append(match.group(1))
        return _TOKEN.format(len(kept.blocks) - 1, kept.salt)

    return _BLOCK.sub(place, markdown), kept


def unstash(html: str, kept: Stash) -> str:
    """The page's `html` with every placeholder of `stash` replaced by its block."""
    if not kept.blocks:
        return html

    def put_back(match: re.Match[str]) -> str:
        number, salt = int(match.group(1)), match.group(2)
        if salt != kept.salt or number >= len(kept.blocks):
            return match.group(0)
        # As Python-Markdown puts back a block of raw HTML: with a newline after it.
        return kept.blocks[number] + "\n"

    # …and, as it does, without white space around the page's HTML.
    return _PLACED.sub(put_back, html).strip()
