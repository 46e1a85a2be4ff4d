"""The notebook engine: recitation notebooks → executed, cached, rendered pages.

`build_notebooks` is the entry point the course build and `coursekit notebook` call; it
reads (`read.py`), executes (`execute.py`) with a cache (`cache.py`) and renders (`render.py`).
Nothing here knows MkDocs: pages come back as plain data and HTML fragments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "build": ["NotebookPage", "build_notebooks", "solution_page"],
    "read": ["Mode", "read_source", "settings", "Source"],
    "render": ["notebook_css", "render_notebook"],
    "outputs": ["CAPPED_RE", "Limits", "cap_notebook", "megabytes"],
    "links": ["button_row", "launch_links"],
    "local_files": [
        "course_path",
        "files_beside",
        "is_markdown",
        "refused_files",
        "rewrite_relative",
    ],
    "export": ["export_notebooks"],
    "standalone": ["standalone_page"],
    "environment": ["course_environment"],
}
__all__ = [
    "CAPPED_RE",
    "Limits",
    "Mode",
    "NotebookPage",
    "Source",
    "build_notebooks",
    "button_row",
    "cap_notebook",
    "course_environment",
    "course_path",
    "export_notebooks",
    "files_beside",
    "is_markdown",
    "launch_links",
    "megabytes",
    "notebook_css",
    "read_source",
    "refused_files",
    "render_notebook",
    "rewrite_relative",
    "settings",
    "solution_page",
    "standalone_page",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.notebooks.build import NotebookPage, build_notebooks, solution_page
    from coursekit.notebooks.environment import course_environment
    from coursekit.notebooks.export import export_notebooks
    from coursekit.notebooks.links import button_row, launch_links
    from coursekit.notebooks.local_files import (
        course_path,
        files_beside,
        is_markdown,
        refused_files,
        rewrite_relative,
    )
    from coursekit.notebooks.outputs import CAPPED_RE, Limits, cap_notebook, megabytes
    from coursekit.notebooks.read import Mode, Source, read_source, settings
    from coursekit.notebooks.render import notebook_css, render_notebook
    from coursekit.notebooks.standalone import standalone_page
