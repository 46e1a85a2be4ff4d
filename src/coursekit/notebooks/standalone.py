"""A complete, self-contained HTML page for one notebook (`coursekit notebook --out`).

Everything is inline: the notebook CSS the site also uses (`render.notebook_css`), Pygments
colours for the `.highlight` classes and a few base rules, so the file reads well on its own.
"""

from __future__ import annotations

import html
from pathlib import Path

from pygments.formatters import HtmlFormatter

from coursekit.notebooks.build import NotebookPage
from coursekit.notebooks.local_files import embed_images
from coursekit.notebooks.render import notebook_css

BASE_CSS = """
body { font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #222; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4 { line-height: 1.25; }
a { color: #3f51b5; }
a.headerlink { visibility: hidden; margin-left: 0.3em; text-decoration: none; }
h1:hover a.headerlink, h2:hover a.headerlink, h3:hover a.headerlink { visibility: visible; }
pre { overflow-x: auto; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; }
.highlight pre { background: #f5f5f5; padding: 0.8em 1em; border-radius: 4px; }
p code, li code { background: #f5f5f5; padding: 0.1em 0.3em; border-radius: 3px; }
table:not([class]) { border-collapse: collapse; }
table:not([class]) th, table:not([class]) td { border: 1px solid #ddd; padding: 0.3em 0.6em; }
details { border: 1px solid #ddd; border-radius: 4px; padding: 0.3em 0.8em; margin: 0.5em 0; }
.md-button { display: inline-block; border: 1px solid #3f51b5; border-radius: 4px;
             text-decoration: none; }
.md-button--primary { background: #3f51b5; color: #fff; }
.admonition { border-left: 4px solid #448aff; background: #f5f8ff; padding: 0.1em 1em;
              margin: 1em 0; }
.admonition-title { font-weight: bold; }
.ck-math { overflow-x: auto; }  /* as in the site's coursekit.css */
"""


def standalone_page(page: NotebookPage, *, header: str = "", root: Path | None = None) -> str:
    """The page as one HTML document; `header` is extra HTML above it (e.g. `button_row`).
    Images beside the notebook are embedded only from inside `root`."""
    pygments_css = HtmlFormatter(style="default").get_style_defs(".highlight")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(page.title)}</title>\n"
        f"<style>{BASE_CSS}\n{pygments_css}\n{notebook_css()}</style>\n"
        f"</head>\n<body>\n{header}\n{embed_images(page.html, page.source_path.parent, root)}\n"
        "</body>\n</html>\n"
    )
