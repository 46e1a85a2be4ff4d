"""The search sections of a generated page, read by Material's own search parser from tags
found by one regular expression instead of `html.parser`.

The engine plugin (`engine.py`) calls `sections(html)` for pages with finished HTML blocks
(`rawhtml.py`: a 5,000-row schedule, its readings, the week pages), where tokenizing took
most of the search plugin's time. Material's `Parser` still decides every section, title and
word, fed the same events `html.parser` would give it; HTML this tokenizer does not read
exactly as `html.parser` does (comments, scripts, a `<` that starts no tag) returns None,
and Material indexes that page itself.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any

# Attributes Material's parser reads: `id` of a heading, `data-search-exclude` anywhere,
# `class` for `linenodiv` and `headerlink`. It never sees the others, which changes nothing.
READ = frozenset({"id", "class", "data-search-exclude"})

_QUOTED = r"""(?:"[^"]*"|'[^']*')"""
# A start tag, an end tag, or the text up to the next tag (html.parser's chunks).
_TOKEN = re.compile(rf"<(/?)([a-zA-Z][^\t\n\r\f />\x00]*)((?:[^>\"']|{_QUOTED})*)>|([^<]+)", re.S)
_ATTRIBUTE = re.compile(
    rf"""([^\s/>][^\s/=>]*)(?:\s*=\s*({_QUOTED}|[^\s>]+))?""",
)
# What html.parser reads in its own way: comments, declarations, processing instructions, a
# `<` that starts no tag, raw text (script, style, and to be safe textarea, title, …).
_UNUSUAL = re.compile(
    r"<(?![a-zA-Z]|/[a-zA-Z])|<(?:script|style|textarea|title|xmp|iframe|noembed|noframes"
    r"|noscript|plaintext)\b",
    re.I,
)


def sections(html: str) -> list[Any] | None:
    """Material's search sections of `html`, or None where only `html.parser` reads it
    right."""
    if _UNUSUAL.search(html):
        return None
    from material.plugins.search.plugin import Parser

    parser = Parser()
    end = 0
    for token in _TOKEN.finditer(html):
        if token.start() != end:
            return None  # something neither a tag nor text: leave it to html.parser
        end = token.end()
        closing, name, inside, text = token.groups()
        if text is not None:
            parser.handle_data(unescape(text))
        elif closing:
            parser.handle_endtag(name.lower())
        else:
            tag, closed = name.lower(), inside.rstrip()
            if closed.endswith("/") and closed[-2:-1] not in ("", " ", "\t", "\n", '"', "'"):
                return None  # `<a href=x/>`: is the slash the value's?
            parser.handle_starttag(tag, _attributes(inside))
            if closed.endswith("/"):
                parser.handle_endtag(tag)  # <x/>: html.parser's handle_startendtag
    if end != len(html):
        return None
    return list(parser.data)


def _attributes(inside: str) -> list[tuple[str, str | None]]:
    """The attributes Material reads, named and valued as html.parser gives them."""
    lowered = inside.lower()
    if "id" not in lowered and "class" not in lowered and "data-search-exclude" not in lowered:
        return []
    found: list[tuple[str, str | None]] = []
    for name, raw in _ATTRIBUTE.findall(inside):
        name = name.lower()
        if name not in READ:
            continue
        if not raw:  # no value (a value is never empty here: `""` keeps its quotes)
            found.append((name, None))
            continue
        if raw[:1] in ("'", '"') and raw[:1] == raw[-1:]:
            raw = raw[1:-1]
        found.append((name, unescape(raw)))
    return found
