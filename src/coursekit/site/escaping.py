"""How plain course values (titles, names, rooms) become safe page source: escaped text for
markdown, escaped text for HTML, and YAML front matter.

Called by the template filters (`templating.py`) and the derived config (`config.py`).
MkDocs' templates print titles without escaping (its Jinja has no autoescape), so every
title coursekit hands to MkDocs is escaped here once.
"""

from __future__ import annotations

import re
from html import escape

import yaml

# Characters markdown or our extensions read as syntax: emphasis, links, headings, lists,
# attr_list's `{…}` (it would add attributes such as `onclick`), arithmatex's `$…$`, `\(…\)`
# and `\[…\]`, and HTML's `<&"'`. They become numeric entities, which no markdown engine reads
# as syntax (a backslash would turn `(…)` into a formula), in text and in attribute values
# alike: markdown finds `[text](url)` even inside a tag's attribute.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!$|~^=:<>&\"']")


def html_text(value: object) -> str:
    """`value` as HTML text or attribute value: `<`, `&` and quotes become entities."""
    return escape(str(value), quote=True)


def markdown_text(value: object) -> str:
    """`value` shown as typed inside markdown, as text or as the value of an attribute of
    raw HTML there: no emphasis, links, raw HTML or attributes."""
    return _MARKDOWN_SPECIAL.sub(lambda m: f"&#{ord(m.group())};", str(value))


def yaml_scalar(value: object) -> str:
    """`value` as one YAML scalar on a front matter line: a title with `: `, `#` or quotes
    stays one value (quoted where YAML would read it otherwise)."""
    dumped = yaml.safe_dump(value, allow_unicode=True, width=10**6, default_flow_style=True)
    return dumped.removesuffix("\n...\n").rstrip("\n")
