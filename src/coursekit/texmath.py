"""TeX → MathML, which browsers render natively: no script, no fonts to ship, and screen
readers read it as math. Used for notebooks, slides and the site's markdown pages.

pymdownx.arithmatex (generic mode) finds `$…$`, `$$…$$`, `\\(…\\)` and `\\[…\\]` and wraps them
as `<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`;
`tex_to_mathml` turns those into `<math>`. As a Markdown extension (`coursekit.texmath` in a
`markdown_extensions` list) it adds arithmatex and converts every page it renders. TeX that
latex2mathml cannot read stays as written, so a page never loses a formula.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from latex2mathml.converter import convert
from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

log = logging.getLogger("coursekit.math")

_WRAPPED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<block>.*?)\\\])"
    r"</(?P=tag)>",
    re.S,
)


# What to do about a formula latex2mathml cannot read (pages, notebooks and decks alike).
UNREADABLE_FIX = "fix the TeX, or write \\$ for a dollar sign"


def tex_to_mathml(fragment: str) -> str:
    """`fragment` with each arithmatex formula replaced by a MathML `<math>` element."""
    if "arithmatex" not in fragment:
        return fragment

    def replace(match: re.Match[str]) -> str:
        block = match["block"] is not None
        tex = html.unescape(match["block"] if block else match["inline"]).strip()
        try:
            mathml = convert(tex, display="block" if block else "inline")
        except Exception as error:  # any TeX latex2mathml cannot parse: keep it readable
            reason = str(error) or type(error).__name__
            log.warning(
                "formula kept as TeX, latex2mathml cannot read it (%s): %s",
                reason,
                tex,
                extra={"snippet": tex, "fix": UNREADABLE_FIX},
            )
            return match[0]
        # The TeX stays with the formula: copied text and search find what the author wrote.
        annotation = f'<annotation encoding="application/x-tex">{html.escape(tex)}</annotation>'
        head, _, rest = mathml.partition(">")
        inner = rest[: rest.rfind("</math>")]
        mathml = f"{head}><semantics><mrow>{inner}</mrow>{annotation}</semantics></math>"
        # A wide formula scrolls on a phone, so its box must take keyboard focus.
        return f'<div class="ck-math" tabindex="0">{mathml}</div>' if block else mathml

    return _WRAPPED.sub(replace, fragment)


def with_math(extensions: list[Any]) -> list[Any]:
    """A `markdown_extensions` list (names, or `{name: config}`) plus this extension."""
    names = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    return extensions if __name__ in names else [*extensions, __name__]


class _ToMathML(Postprocessor):
    def run(self, text: str) -> str:
        return tex_to_mathml(text)


class TexMathExtension(Extension):
    """Formulas in markdown become MathML: arithmatex finds them, this converts them."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's API)
        if "arithmatex-inline" not in md.inlinePatterns:
            from pymdownx.arithmatex import ArithmatexExtension

            ArithmatexExtension(generic=True).extendMarkdown(md)
        # After raw HTML is put back (priority 30): the formulas are in the final text.
        md.postprocessors.register(_ToMathML(md), "coursekit-mathml", 5)


def makeExtension(**kwargs: object) -> TexMathExtension:  # noqa: N802 (Markdown's API)
    return TexMathExtension(**kwargs)
