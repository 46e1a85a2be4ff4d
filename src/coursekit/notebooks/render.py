"""Render a notebook as an HTML fragment that sits inside a Material for MkDocs page.

Markdown cells go through Python-Markdown with the site's extensions; code is highlighted by
pymdownx.highlight, so it carries the classes Material styles. Outputs sit in
`<section class="ck-outputs" data-search-exclude>`: Material's search skips them. Called by
`build.py`; knows nothing of MkDocs beyond those class names.
"""

from __future__ import annotations

import base64
import copy
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, Protocol

import markdown as python_markdown
from markdown.extensions.toc import slugify as default_slugify
from nbformat import NotebookNode
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound
from pymdownx.highlight import Highlight

from coursekit.i18n import N_, gettext_for
from coursekit.notebooks.outputs import DEFAULT_LIMITS, Limits, render_outputs
from coursekit.texmath import with_math

# What the default course's mkdocs.yml enables, plus coursekit.texmath (TeX survives Markdown's
# emphasis rules and becomes MathML; added to a course's own list too). Same shape as
# mkdocs.yml's `markdown_extensions`, so a course can pass its own list.
DEFAULT_EXTENSIONS: list[str | dict[str, Any]] = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.superfences",
    "coursekit.texmath",
]

# tag (jupyter-book's names) → (part of the cell, what happens to it)
TAGS: dict[str, tuple[str, str]] = {
    "remove-cell": ("cell", "remove"),
    "remove-input": ("input", "remove"),
    "remove-output": ("output", "remove"),
    "hide-cell": ("cell", "hide"),
    "hide-input": ("input", "hide"),
    "hide-output": ("output", "hide"),
}
# Translated where they are shown (`N_` only marks them for the catalog).
SUMMARIES = {"cell": N_("Show cell"), "input": N_("Show code"), "output": N_("Show output")}


@cache
def notebook_css() -> str:
    """The CSS the fragments need (outputs, ANSI colours, tables); add it to the site's CSS."""
    return files("coursekit.notebooks").joinpath("notebook.css").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


@dataclass(frozen=True)
class Rendered:
    html: str
    title: str | None  # the first markdown heading's text
    headings: tuple[Heading, ...]


def render_notebook(
    notebook: NotebookNode,
    *,
    markdown_extensions: Sequence[str | Mapping[str, Any]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Rendered:
    """The notebook as `<div class="ck-notebook">…</div>`, with its title and headings."""
    md = _markdown(markdown_extensions)
    headings: list[Heading] = []
    highlighter = Highlight(None)
    lexer = _lexer(notebook)

    def to_html(text: str, *, page_headings: bool = True) -> str:
        md.reset()
        converted = md.convert(text)
        if page_headings:  # a text/markdown output's headings are not the page's
            headings.extend(_flatten(getattr(md, "toc_tokens", [])))
        return converted

    parts = ['<div class="ck-notebook">']
    for number, cell in enumerate(notebook.cells, start=1):
        actions = _actions(cell)
        if actions.get("cell") == "remove":
            continue
        if cell.cell_type == "markdown":
            # Not wrapped: Material's search splits a page into sections at headings, and a
            # heading inside a wrapper would end its section at the wrapper's end.
            parts.append(to_html(_inline_attachments(cell)))
        elif cell.cell_type == "code":
            parts.append(_code_cell(cell, number, actions, highlighter, lexer, to_html, limits))
        elif cell.cell_type == "raw" and _raw_mime(cell) == "text/html":
            parts.append(cell.source)
    parts.append("</div>")
    title = headings[0].text if headings else None
    return Rendered("\n".join(p for p in parts if p), title, tuple(headings))


class _ToHtml(Protocol):
    """`render_notebook`'s markdown renderer, which records the page's headings."""

    def __call__(self, text: str, *, page_headings: bool = True) -> str: ...


def _code_cell(
    cell: NotebookNode,
    number: int,
    actions: dict[str, str],
    highlighter: Highlight,
    lexer: str,
    to_html: _ToHtml,
    limits: Limits,
) -> str:
    source = cell.source.rstrip()
    code = ""
    if source and actions.get("input") != "remove":
        code = f'<div class="ck-input">{highlighter.highlight(source, lexer)}</div>'
        code = _maybe_hidden(code, "input", actions, limits.locale)
    out = ""
    if cell.get("outputs") and actions.get("output") != "remove":
        rendered = render_outputs(
            cell.outputs, limits=limits, markdown=lambda text: to_html(text, page_headings=False)
        )
        if rendered:
            # A <section>, not a <div>: Material's search parser tracks the excluded element
            # by tag name, so the first nested </div> would end the exclusion. Wide outputs
            # scroll sideways, so keyboard users must be able to focus them (WCAG 2.1.1).
            _ = gettext_for(limits.locale)
            label = _("Output of cell %(number)s") % {"number": number}
            out = (
                f'<section class="ck-outputs" data-search-exclude tabindex="0" '
                f'aria-label="{label}">{rendered}</section>'
            )
            out = _maybe_hidden(out, "output", actions, limits.locale)
    if not code and not out:
        return ""
    body = _maybe_hidden(code + out, "cell", actions, limits.locale)
    return f'<div class="ck-cell ck-code-cell" data-cell="{number}">{body}</div>'


def _maybe_hidden(content: str, part: str, actions: dict[str, str], locale: str) -> str:
    if actions.get(part) != "hide":
        return content
    summary = gettext_for(locale)(SUMMARIES[part])
    return (
        f'<details class="ck-hidden ck-hidden-{part}"><summary>{summary}</summary>'
        f"{content}</details>"
    )


def _actions(cell: NotebookNode) -> dict[str, str]:
    actions: dict[str, str] = {}
    for tag in cell.get("metadata", {}).get("tags", []):
        if tag in TAGS:
            part, action = TAGS[tag]
            # remove beats hide when a cell carries both
            if actions.get(part) != "remove":
                actions[part] = action
    return actions


def _markdown(extensions: Sequence[str | Mapping[str, Any]] | None) -> python_markdown.Markdown:
    """A Markdown instance for the site's extensions, giving ids unique across cells.

    Each cell converts separately (an unclosed fence must not swallow the next cell), so the
    toc extension's own de-duplication, which is per conversion, is extended over the notebook.
    """
    names: list[str] = []
    configs: dict[str, dict[str, Any]] = {}
    for entry in with_math(list(DEFAULT_EXTENSIONS if extensions is None else extensions)):
        if isinstance(entry, str):
            names.append(entry)
        else:
            for name, config in entry.items():
                names.append(name)
                configs[name] = copy.deepcopy(dict(config or {}))
    if "toc" not in names:
        names.append("toc")
    toc = configs.setdefault("toc", {})
    used: set[str] = set()
    inner = toc.get("slugify", default_slugify)

    def unique_slug(value: str, separator: str) -> str:
        base = inner(value, separator)
        slug, n = base, 0
        while slug in used:
            n += 1
            slug = f"{base}_{n}"
        used.add(slug)
        return slug

    toc["slugify"] = unique_slug
    return python_markdown.Markdown(extensions=names, extension_configs=configs)


def _flatten(tokens: list[dict]) -> list[Heading]:
    found = []
    for token in tokens:
        found.append(Heading(token["level"], token["id"], html.unescape(token["name"])))
        found.extend(_flatten(token.get("children", [])))
    return found


def _lexer(notebook: NotebookNode) -> str:
    """The Pygments lexer for code cells: the kernel's (ipython3 knows magics), else python."""
    info = notebook.metadata.get("language_info", {})
    mode = info.get("codemirror_mode")
    candidates = [
        info.get("pygments_lexer"),
        notebook.metadata.get("jupytext", {}).get("default_lexer"),
        mode.get("name") if isinstance(mode, dict) else mode,
        info.get("name"),
        notebook.metadata.get("kernelspec", {}).get("language"),
    ]
    for name in candidates:
        if not name:
            continue
        try:
            get_lexer_by_name(name)
            return name
        except ClassNotFound:
            continue
    return "python"


_ATTACHMENT = re.compile(r"attachment:([^\s)\"'>]+)")


def _inline_attachments(cell: NotebookNode) -> str:
    """Markdown with `attachment:name` images replaced by data URIs (pasted screenshots)."""
    attachments = cell.get("attachments") or {}
    if not attachments:
        return cell.source

    def replace(match: re.Match) -> str:
        bundle = attachments.get(match.group(1))
        if not bundle:
            return match.group(0)
        mime, data = next(iter(bundle.items()))
        if mime == "image/svg+xml":
            data = base64.b64encode(data.encode("utf-8")).decode("ascii")
        return f"data:{mime};base64,{''.join(data.split())}"

    return _ATTACHMENT.sub(replace, cell.source)


def _raw_mime(cell: NotebookNode) -> str | None:
    metadata = cell.get("metadata", {})
    return metadata.get("format") or metadata.get("raw_mimetype")
