"""Deck markdown → HTML with markdown-it-py: a CommonMark/GFM parser, as marked is (the parser
reveal-md and reveal.js's markdown plugin use), so a deck reads as it reads in reveal-md.

Called by `parse.py` once per slide (and per speaker notes). One `MarkdownIt` per process. What
marked 4 (bundled by reveal.js 4.3.1) does beyond CommonMark is matched here and nowhere else:
list items take the lines under them up to a blank line, code fences carry reveal.js line
highlights (```` ```js [1-2|3] ```` → `data-line-numbers="1-2|3"`), `www.` autolinks and
`align` on table cells. Formulas (`$…$`, `$$…$$`) become MathML; code is highlighted by
Pygments at build time.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.html_blocks import block_names
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.tasklists import tasklists_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from coursekit.slides.split import FENCE_RE
from coursekit.texmath import log as math_log
from coursekit.texmath import tex_to_mathml

# reveal.js's markdown plugin: CODE_LINE_NUMBER_REGEX.
LINE_NUMBERS_RE = re.compile(r"\[([\s\d,|-]*)\]")
# What ends a list item in marked 4.0 without a blank line: a new bullet or a rule (its
# nextBulletRegex and hrRegex); anything else is part of the item.
ITEM_RE = re.compile(r"^( *)([*+-]|\d{1,9}[.)])( {1,4}(?=\S)|[ \t]*$)")
HR_RE = re.compile(r"^ {0,3}((?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,})$")
# What raw markup a slide holds (see render()).
COMMENTS, HTML = "comments", "html"
COMMENT_RE = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.DOTALL)
# The start of an HTML block (CommonMark types 6 and 7), and an ATX heading.
HTML_START_RE = re.compile(r"</?([A-Za-z][\w-]*)(?=[\s/>]|$)")
HEADING_RE = re.compile(r"#{1,6}(?:\s|$)")
# What every link linkify can find here contains: "//" (http:, https:, ftp: and // links),
# "@" (e-mail addresses, also after mailto:) or "www." in any case (WWW_RE). A ":" alone is
# not enough: "Note:" and "e.g.:" are on most slides, and linkify's own pretest is slow.
LINK_HINTS = ("//", "@")
# GFM's extended www autolink, as marked finds it (linkify-it only knows schemes).
WWW_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)+(?:[/?#][^\s<]*?)?(?=[?!.,:*_~)'\"]*(?:\s|<|$))")
# GFM's ~struck~ with one tilde, which marked reads and markdown-it does not (marked's `del`).
SINGLE_TILDE_RE = re.compile(r"~(?=[^\s~])((?:\\.|[^\\])*?[^\s~\\])~(?=[^~]|$)", re.DOTALL)
# A task list item as marked writes it: no classes, `<input checked="" disabled="" …>`.
TASK_CLASSES = ("contains-task-list", "task-list-item")
TASK_BOX_RE = re.compile(r'^<input class="task-list-item-checkbox"( checked="checked")?[^>]*>')


def _marked_box(match: re.Match[str]) -> str:
    checked = ' checked=""' if match.group(1) else ""
    return f'<input{checked} disabled="" type="checkbox">'


def _single_tilde(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "~" or state.src.startswith("~~", state.pos):
        return False
    if state.pos and state.src[state.pos - 1] == "~":
        return False
    match = SINGLE_TILDE_RE.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        state.push("s_open", "del", 1)
        end = state.posMax
        state.pos, state.posMax = state.pos + 1, match.end() - 1
        state.md.inline.tokenize(state)
        state.push("s_close", "del", -1)
        state.posMax = end
    state.pos = match.end()
    return True


def _may_link(text: str) -> bool:
    return any(hint in text for hint in LINK_HINTS) or "www." in text.lower()


def _www_normalize(self: Any, match: Any) -> None:  # linkify-it's normalize(self, match)
    match.url = "http://" + match.url


@cache
def engine() -> MarkdownIt:
    """This process's parser: building one costs milliseconds, rendering with it is reentrant."""
    md = MarkdownIt("gfm-like", {"html": True, "linkify": True, "typographer": False})
    linkify = md.linkify
    assert linkify is not None  # "gfm-like" with linkify-it-py installed (markdown-it-py[linkify])
    # marked links URLs with a scheme and www. addresses, not bare domains such as `train.py`.
    linkify.set({"fuzzy_link": False})
    linkify.add("www.", {"validate": WWW_RE, "normalize": _www_normalize})
    # linkify-it's own pretest is a large regex run on every text; most slides have no link.
    pretest = linkify.pretest
    linkify.pretest = lambda text: _may_link(text) and pretest(text)
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(tasklists_plugin)
    md.inline.ruler.before("strikethrough", "single_tilde", _single_tilde)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("code_block", _fence)
    md.add_render_rule("math_inline", _math_inline)
    md.add_render_rule("math_inline_double", _math_inline)  # in a paragraph: stays inline
    md.add_render_rule("s_open", lambda *_: "<del>")  # marked's element for ~~struck~~
    md.add_render_rule("s_close", lambda *_: "</del>")
    md.add_render_rule("math_block", _math_block)
    return md


def render(
    lines: list[str], kept: list[tuple[str, str]] | None = None, *, to_end: bool = False
) -> tuple[str, str]:
    """Source lines of one slide → (HTML, the raw markup in it: "" none, COMMENTS only
    comments, which cannot unbalance the HTML, or HTML any other). Formulas latex2mathml
    cannot read stay TeX and are added to `kept` as (TeX, reason). `to_end`: the text ends with
    a newline (the deck's last slide), where marked lets an unclosed fence run to the end."""
    md = engine()
    # reveal-md's separator takes the newline before it: a slide's text ends with a newline
    # only when its last line is blank (marked blanks lines of spaces).
    to_end = to_end or (len(lines) > 1 and not lines[-1].strip(" "))
    tokens = md.parse("\n".join(_marked_lists(lines, to_end)), {})
    raw = ""
    for token in tokens:
        if token.type == "html_block":
            raw = _raw_kind(raw, token.content)
        elif token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "html_inline":
                    raw = _raw_kind(raw, child.content)
        elif token.type in ("th_open", "td_open"):
            _align(token)
        if token.attrs.get("class") in TASK_CLASSES:
            del token.attrs["class"]
        if token.type == "inline" and token.children and token.children[0].type == "html_inline":
            first = token.children[0]
            first.content = TASK_BOX_RE.sub(_marked_box, first.content)
    out = md.renderer.render(tokens, md.options, {})
    if "arithmatex" not in out:
        return out, raw
    with _formulas_kept(kept if kept is not None else []):
        return tex_to_mathml(out), raw


class _Kept(logging.Handler):
    def __init__(self, kept: list[tuple[str, str]]):
        super().__init__(logging.WARNING)
        self.kept = kept

    def emit(self, record: logging.LogRecord) -> None:
        reason, tex = record.args if isinstance(record.args, tuple) else ("", record.msg)
        self.kept.append((str(tex), str(reason)))


@contextmanager
def _formulas_kept(kept: list[tuple[str, str]]) -> Iterator[None]:
    """texmath logs a formula it keeps as TeX; in a deck that is the deck's warning instead."""
    handler, propagate = _Kept(kept), math_log.propagate
    math_log.addHandler(handler)
    math_log.propagate = False
    try:
        yield
    finally:
        math_log.removeHandler(handler)
        math_log.propagate = propagate


def _raw_kind(kind: str, markup: str) -> str:
    if kind == HTML or not COMMENT_RE.fullmatch(markup):
        return HTML
    return COMMENTS


def _marked_lists(lines: list[str], to_end: bool = False) -> list[str]:
    """Indent the lines marked 4.0 keeps in a list item (every line up to a blank line that is
    not a new bullet or a rule) so that CommonMark keeps them there too; escape a fence that
    never closes, which marked reads as text unless the text ends with a newline."""
    out: list[str] = []
    columns: list[int] = []  # content columns of the open list items, innermost last
    fence: str | None = None
    raw = ""  # inside an HTML block: what ends it ("" none, "\n" a blank line, or "-->")
    paragraph = False  # the previous line left a paragraph open
    for index, text in enumerate(lines):
        body = text.lstrip(" ")
        lead = len(text) - len(body)
        pad = " " * (columns[-1] - lead) if columns and lead < columns[-1] else ""
        if fence is not None:
            if _closes(body, fence):
                fence = None
            out.append(pad + text if body else text)
            continue
        if not body:
            columns, raw, paragraph = [], "", False
            out.append(text)
            continue
        rule = HR_RE.match(text)
        item = None if rule else _item(text, columns, paragraph)
        if raw == "\n" and item and columns and lead < columns[-1]:
            raw = ""  # the next item ends the item the HTML block is in (marked)
        if raw:
            if raw == "-->" and "-->" in text:
                raw = ""
            out.append(pad + text)
            continue
        if item:
            while columns and lead < columns[-1]:
                columns.pop()
            columns.append(lead + len(item.group(2)) + max(1, len(item.group(3))))
            pad = ""
        elif rule:
            columns, pad = [], ""
        html = HTML_START_RE.match(body)
        if body.startswith("<!--"):
            raw = "" if "-->" in body[4:] else "-->"
        elif html and (not paragraph or html.group(1).lower() in block_names):
            raw = "\n"
        fence_match = FENCE_RE.match(body)
        if fence_match:
            fence = fence_match.group(1)
            if not to_end and not any(
                _closes(later.lstrip(" "), fence) for later in lines[index + 1 :]
            ):
                text = text[:lead] + "\\" + body  # marked: not a fence, text
                fence, fence_match = None, None
        paragraph = not (
            fence_match or html or body.startswith("<!--") or HEADING_RE.match(body) or rule
        )
        out.append(pad + text)
    return out


def _closes(body: str, fence: str) -> bool:
    return body.startswith(fence) and not body.strip().lstrip(fence[0])


def _item(text: str, columns: list[int], paragraph: bool) -> re.Match[str] | None:
    """The list item `text` starts, if any, given the open items' content columns."""
    item = ITEM_RE.match(text)
    if item is None:
        return None
    lead = len(item.group(1))
    if lead > 3 and not (columns and lead < columns[-1] + 4):
        return None  # indented code, not an item
    if not columns and paragraph and not _can_interrupt(item):
        return None  # a paragraph's next line, as in CommonMark and marked
    return item


def _can_interrupt(item: re.Match[str]) -> bool:
    """Only a bullet or a list starting at 1 with text may interrupt a paragraph."""
    marker = item.group(2)
    has_text = bool(item.string[item.end() :].strip())
    return has_text and (marker in "*+-" or marker[:-1] == "1")


def _align(token: Token) -> None:
    """marked writes a column's alignment as `align="…"`, markdown-it as a style."""
    style = token.attrs.get("style")
    if isinstance(style, str) and style.startswith("text-align:"):
        del token.attrs["style"]
        token.attrs["align"] = style.removeprefix("text-align:")


@cache
def _formatter() -> HtmlFormatter:
    return HtmlFormatter(nowrap=True)


@cache
def _lexer(name: str) -> Lexer | None:
    """One lexer per language and process: finding one by name scans Pygments' registry, and
    a lexer holds no state between texts."""
    try:
        return get_lexer_by_name(name)
    except ClassNotFound:
        return None


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """A code block as reveal.js's markdown plugin writes it (`<code class="js"
    data-line-numbers="…">`), highlighted by Pygments inside the `div.highlight` the themes
    style."""
    token = tokens[idx]
    info = html.unescape(token.info).strip()
    numbers = LINE_NUMBERS_RE.search(info)
    attrs = ""
    if numbers:
        attrs = f' data-line-numbers="{html.escape(numbers.group(1).strip())}"'
        info = LINE_NUMBERS_RE.sub("", info, count=1).strip()
    if info:
        attrs += f' class="{html.escape(info)}"'
    code = token.content
    lexer = _lexer(info.split()[0]) if info else None
    body = highlight(code, lexer, _formatter()) if lexer else html.escape(code, quote=False)
    return f'<div class="highlight"><pre><code{attrs}>{body}</code></pre></div>\n'


# `tex_to_mathml` converts arithmatex's markup: formulas are written in it, then converted.
def _math_inline(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<span class="arithmatex">\\({html.escape(tokens[idx].content)}\\)</span>'


def _math_block(
    self: Any, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    return f'<div class="arithmatex">\\[{html.escape(tokens[idx].content)}\\]</div>\n'
