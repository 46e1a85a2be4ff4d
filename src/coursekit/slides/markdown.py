"""Markdown → HTML for one slide, with the same engine as the site (Python-Markdown +
pymdown-extensions), tuned to read decks written for reveal-md (marked, GFM).

Called by `parse.py`. `prepare()` rewrites the few source patterns where Python-Markdown and
marked disagree; the HTML comments it keeps are interpreted later by `attributes.py` and
`directives.py`.
"""

from __future__ import annotations

import re
import threading

import markdown

from coursekit.slides.split import FENCE_RE

# The site's extensions plus what GFM (marked) does that Python-Markdown does not: bare URLs
# become links, ~~text~~ is struck out, a bulleted list and a numbered list stay two lists.
EXTENSIONS = [
    "tables",
    "sane_lists",
    "md_in_html",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "pymdownx.magiclink",
    "pymdownx.betterem",
    "pymdownx.tilde",
    "coursekit.texmath",  # $…$ and $$…$$ become MathML, as on the site's pages
]
EXTENSION_CONFIGS = {
    "pymdownx.highlight": {"use_pygments": True, "guess_lang": False},
    "pymdownx.tilde": {"subscript": False},
}

DIRECTIVES = (
    "colstart",
    "col",
    "split",
    "colend",
    "references",
    "references_",
    "discussion",
    "small",
)
DIRECTIVE_LINE_RE = re.compile(r"^\s*<!--\s*(" + "|".join(DIRECTIVES) + r")\s*-->\s*$")
ELEMENT_LINE_RE = re.compile(r"^\s*<!--(\s*\.element\b.*-->)\s*$")
# A lone opening <div> followed by a blank line: marked (CommonMark) reads the lines after the
# blank line as markdown again, Python-Markdown only does so with markdown="1".
OPEN_DIV_RE = re.compile(r"^<div\b(?![^>]*\bmarkdown=)([^>]*)>\s*$")
LIST_ITEM_RE = re.compile(r"^\s*([*+-]|\d+[.)])\s")

TIGHT = "ck-tight"  # marks an .element comment written right under a list (no blank line)


_local = threading.local()


def converter() -> markdown.Markdown:
    """This thread's converter: building one costs tens of milliseconds (extension setup), so
    it is reused with reset() between slides; instances are not thread-safe, hence per thread."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = markdown.Markdown(
            extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS
        )
    return md


def prepare(lines: list[str]) -> str:
    """Source lines of one slide → markdown text Python-Markdown reads as marked would."""
    out: list[str] = []
    fence: str | None = None
    in_list = False
    for index, text in enumerate(lines):
        fence_match = FENCE_RE.match(text)
        if fence is not None:
            if fence_match and fence_match.group(1)[0] == fence[0]:
                fence = None
            out.append(text)
            continue
        if fence_match:
            fence = fence_match.group(1)
            out.append(text)
            continue
        previous = lines[index - 1] if index else ""
        if DIRECTIVE_LINE_RE.match(text):
            # A directive is a block of its own even when written inside a paragraph or list.
            out.extend(["", text.strip(), ""])
            in_list = False
            continue
        element = ELEMENT_LINE_RE.match(text)
        if element and previous.strip() and in_list:
            # reveal.js gives such a comment to the list's last item, not to the list.
            out.extend(["", f"<!--{TIGHT}{element.group(1)}", ""])
            continue
        opener = OPEN_DIV_RE.match(text)
        if opener and index + 1 < len(lines) and not lines[index + 1].strip():
            text = f'<div{opener.group(1)} markdown="1">'
        if LIST_ITEM_RE.match(text):
            in_list = True
        elif not text.strip():
            pass
        elif not text.startswith((" ", "\t")) and not previous.strip():
            in_list = False
        out.append(text)
    return "\n".join(out)


def convert(md: markdown.Markdown, lines: list[str]) -> str:
    md.reset()
    return md.convert(prepare(lines))
