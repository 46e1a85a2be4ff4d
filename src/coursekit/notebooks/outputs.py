"""Render a code cell's outputs (streams, results, images, errors) as HTML.

`render.py` calls `render_outputs` for each code cell. Each output picks the richest type we
can show (`MIME_ORDER`); images become data URIs so a page is one file; long text is cut to
`Limits` with a visible note (the executed .ipynb download keeps everything). An output larger
than `Limits.output_bytes` (`course.notebooks.max_output_mb`) is not published at all: the
page shows a `ck-capped` note, and `cap_notebook` does the same to the download.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import dataclass

import nbformat
from nbconvert.filters import ansi2html
from nbformat import NotebookNode

from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for

Markdown = Callable[[str], str]


@dataclass(frozen=True)
class Limits:
    """How much of one output a page shows before cutting it, and the language of the notes
    that say so."""

    lines: int = 2000
    bytes: int = 100_000
    # A whole output (a 50 MB image or HTML table) larger than this is replaced by a note.
    output_bytes: int = 5_000_000
    locale: str = DEFAULT_LANGUAGE


DEFAULT_LIMITS = Limits()


def render_outputs(outputs: list, *, limits: Limits, markdown: Markdown) -> str:
    """The HTML of a cell's outputs, one `<div class="ck-output …">` each."""
    parts = []
    for output in _coalesce_streams(outputs):
        kind = output.get("output_type")
        size = output_size(output)
        if size > limits.output_bytes:
            parts.append(_capped(size, limits.output_bytes, limits.locale))
        elif kind == "stream":
            name = output.get("name", "stdout")
            parts.append(_text(output.get("text", ""), f"ck-stream ck-{name}", limits))
        elif kind == "error":
            parts.append(_text("\n".join(output.get("traceback", [])), "ck-error", limits))
        elif kind in ("execute_result", "display_data"):
            parts.append(_rich(output, limits, markdown))
    return "".join(part for part in parts if part)


WIDGET = "application/vnd.jupyter.widget-view+json"
CAPPED_CLASS = "ck-capped"
# The note's data-bytes attribute: what `site/materials.py` turns into a warning.
CAPPED_RE = re.compile(rf'<p class="ck-truncated {CAPPED_CLASS}" data-bytes="(\d+)">')


def output_size(output: dict) -> int:
    """Bytes of one output as stored: its text, traceback or every representation."""
    if output.get("output_type") == "stream":
        values = [output.get("text", "")]
    elif output.get("output_type") == "error":
        values = list(output.get("traceback", []))
    else:
        values = list(output.get("data", {}).values())
    return sum(len(_joined(v).encode("utf-8")) if isinstance(v, str | list) else 0 for v in values)


def capped_note(size: int, limit: int, locale: str = DEFAULT_LANGUAGE) -> str:
    _ = gettext_for(locale)
    note = _(
        "Output of %(size)s not published: larger than the course's limit of %(limit)s"
        " (course.notebooks.max_output_mb). Run the notebook to see it."
    )
    return note % {"size": megabytes(size), "limit": megabytes(limit)}


def megabytes(size: int) -> str:
    return f"{size / 1e6:,.{1 if size >= 1e6 else 3}f} MB"


def _capped(size: int, limit: int, locale: str) -> str:
    return (
        f'<div class="ck-output"><p class="ck-truncated {CAPPED_CLASS}" data-bytes="{size}">'
        f"{html.escape(capped_note(size, limit, locale))}</p></div>"
    )


def cap_notebook(notebook: NotebookNode, limit: int) -> bool:
    """Replace each output larger than `limit` bytes in `notebook` (in place) by a text
    note, so the published download holds no more than the page; True if any was."""
    capped = False
    for cell in notebook.cells:
        for i, output in enumerate(cell.get("outputs", [])):
            size = output_size(output)
            if size > limit:
                note = {"text/plain": capped_note(size, limit)}
                cell.outputs[i] = nbformat.from_dict(
                    {"output_type": "display_data", "data": note, "metadata": {}}
                )
                capped = True
    return capped


def _rich(output: dict, limits: Limits, markdown: Markdown) -> str:
    data = output.get("data", {})
    metadata = output.get("metadata", {})
    if WIDGET in data:
        # A widget (slider, tqdm bar) lives in a running kernel; its text form ("IntSlider(
        # value=3)") is noise on a page.
        _ = gettext_for(limits.locale)
        return _note(_("Interactive widget: open the notebook (Colab, Binder) to use it."))
    for mime in MIME_ORDER:
        if mime not in data:
            continue
        value = data[mime]
        if isinstance(value, list):  # nbformat allows multi-line strings as lists
            value = "".join(value)
        if mime == "text/html" and len(value.encode("utf-8")) > limits.bytes:
            # Cutting HTML would break its markup; fall back to the text form, cut.
            _ = gettext_for(limits.locale)
            note = _("HTML output of %(size)s not shown; its text form follows.") % {
                "size": _kb(value)
            }
            note = _note(note)
            plain = data.get("text/plain", "")
            plain = "".join(plain) if isinstance(plain, list) else plain
            return note + (_text(plain, "ck-result", limits) if plain else "")
        return RENDERERS[mime](value, metadata.get(mime, {}), limits, markdown)
    return ""


def _html(value: str, meta: dict, limits: Limits, markdown: Markdown) -> str:
    return f'<div class="ck-output ck-html">{value}</div>'


def _image(mime: str) -> Callable[[str, dict, Limits, Markdown], str]:
    def render(value: str, meta: dict, limits: Limits, markdown: Markdown) -> str:
        if mime == "image/svg+xml":
            payload = base64.b64encode(value.encode("utf-8")).decode("ascii")
        else:
            payload = re.sub(r"\s+", "", value)  # stored base64 may be wrapped
        size = "".join(
            f' {key}="{int(meta[key])}"'
            for key in ("width", "height")
            if isinstance(meta.get(key), int | float)
        )
        return (
            f'<div class="ck-output ck-image">'
            f'<img src="data:{mime};base64,{payload}" alt="cell output"{size}></div>'
        )

    return render


def _markdown(value: str, meta: dict, limits: Limits, markdown: Markdown) -> str:
    return f'<div class="ck-output ck-markdown">{markdown(value)}</div>'


def _latex(value: str, meta: dict, limits: Limits, markdown: Markdown) -> str:
    # sympy and IPython.display.Math send `$…$`: the markdown path typesets it as MathML.
    return f'<div class="ck-output ck-latex">{markdown(value)}</div>'


def _plain(value: str, meta: dict, limits: Limits, markdown: Markdown) -> str:
    return _text(value, "ck-result", limits)


# mime type → renderer, richest first; the first one an output has is shown.
RENDERERS: dict[str, Callable[[str, dict, Limits, Markdown], str]] = {
    "text/html": _html,
    "image/svg+xml": _image("image/svg+xml"),
    "image/png": _image("image/png"),
    "image/jpeg": _image("image/jpeg"),
    "image/gif": _image("image/gif"),
    "text/latex": _latex,
    "text/markdown": _markdown,
    "text/plain": _plain,
}
MIME_ORDER = tuple(RENDERERS)


def _text(text: str, css: str, limits: Limits) -> str:
    """A `<pre>` block of output text with ANSI colours as classes, cut to the limits."""
    if not text:
        return ""
    shown, note = _truncate(text, limits)
    return (
        f'<div class="ck-output {css}"><pre><code>{ansi2html(shown.rstrip(chr(10)))}'
        f"</code></pre>{note}</div>"
    )


def _truncate(text: str, limits: Limits) -> tuple[str, str]:
    lines = text.splitlines(keepends=True)
    cut = "".join(lines[: limits.lines])
    encoded = cut.encode("utf-8")
    if len(encoded) > limits.bytes:
        cut = encoded[: limits.bytes].decode("utf-8", "ignore")
        cut = cut[: cut.rfind("\n") + 1] or cut  # end on a whole line when there is one
    if cut == text:
        return text, ""
    shown_lines = cut.count("\n") + (not cut.endswith("\n"))
    _ = gettext_for(limits.locale)
    note = _(
        "Output truncated: showing the first %(shown)s of %(lines)s lines"
        " (%(size)s of %(total)s). Download the notebook to see all of it."
    )
    numbers = {"shown": f"{shown_lines:,}", "lines": f"{len(lines):,}"}
    return cut, _note(note % {**numbers, "size": _kb(cut), "total": _kb(text)})


def _note(text: str) -> str:
    return f'<p class="ck-truncated">{html.escape(text)}</p>'


def _kb(text: str) -> str:
    return f"{len(text.encode('utf-8')) / 1000:,.0f} kB"


def _coalesce_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same name and apply carriage returns.

    A kernel sends print() output in many small messages, and progress bars redraw a line
    with `\\r`; readers want the final text in one block.
    """
    merged: list = []
    for output in outputs:
        if (
            output.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == output.get("name")
        ):
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + _joined(output["text"])}
        elif output.get("output_type") == "stream":
            merged.append({**output, "text": _joined(output.get("text", ""))})
        else:
            merged.append(output)
    for output in merged:
        if output.get("output_type") == "stream":
            output["text"] = _carriage_returns(output["text"])
    return merged


def _joined(text: str | list) -> str:
    return "".join(text) if isinstance(text, list) else text


def _carriage_returns(text: str) -> str:
    text = re.sub(r"\r+\n", "\n", text)
    text = re.sub(r"^.*\r(?=[^\n])", "", text, flags=re.MULTILINE)
    return text.replace("\r", "")  # a trailing one left by a last redraw
