"""Launch links for a notebook in the course repository, and the button row that shows them.

`launch_links` turns a GitHub repository URL, a branch and a repository path into Open in
Colab, Launch Binder and view-source URLs; `button_row` is the small HTML snippet the course
build puts above a notebook page (with the download of the executed .ipynb).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

from coursekit.errors import CourseError, Problem
from coursekit.i18n import DEFAULT_LANGUAGE, gettext_for

_GITHUB = re.compile(
    r"^(?:https?://(?:www\.)?github\.com/|git@github\.com:|github\.com/)?"
    r"(?P<owner>[A-Za-z0-9_.-]+)/(?P<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)


@dataclass(frozen=True)
class LaunchLinks:
    """Where a notebook opens: its source on GitHub, Colab and Binder."""

    source: str
    binder: str
    colab: str | None  # Colab opens only .ipynb files on GitHub


def launch_links(
    repository: str,
    branch: str,
    path: str,
    *,
    executed: tuple[str, str] | None = None,
) -> LaunchLinks:
    """Links for `path` (relative to the repository root) on `branch` of a GitHub repository.

    `repository` is `https://github.com/<owner>/<repo>`, its `.git` or SSH form, or
    `<owner>/<repo>`. `executed` is `(branch, path)` of the executed `.ipynb` that the deploy
    workflow publishes; Colab opens that when `path` is a jupytext text file.
    """
    match = _GITHUB.match(repository.strip())
    if not match:
        raise CourseError(
            Problem(
                f"{repository!r} is not a GitHub repository URL",
                path="repository",
                fix="use https://github.com/<owner>/<repo>; Colab and Binder links need GitHub",
            )
        )
    owner, repo = match["owner"], match["repo"]
    clean = _inside(path)
    at = f"{owner}/{repo}/blob/{quote(branch, safe='')}/{quote(clean)}"
    colab = None
    if clean.endswith(".ipynb"):
        colab = f"https://colab.research.google.com/github/{at}"
    elif executed is not None:
        on, ipynb = executed
        colab = (
            f"https://colab.research.google.com/github/{owner}/{repo}/blob/"
            f"{quote(on, safe='')}/{quote(_inside(ipynb))}"
        )
    return LaunchLinks(
        source=f"https://github.com/{at}",
        binder=(
            f"https://mybinder.org/v2/gh/{owner}/{repo}/{quote(branch, safe='')}"
            f"?labpath={quote(clean, safe='')}"
        ),
        colab=colab,
    )


def _inside(path: str) -> str:
    clean = path.replace("\\", "/").removeprefix("./").lstrip("/")
    if not clean or ".." in clean.split("/"):
        raise CourseError(Problem(f"{path!r} is not a path inside the repository", path="path"))
    return clean


def button_row(
    links: LaunchLinks | None = None,
    *,
    download: str | None = None,
    download_name: str | None = None,
    locale: str = DEFAULT_LANGUAGE,
    repository: bool = True,
    solution: str | None = None,
    browser: tuple[str, list[str]] | None = None,
) -> str:
    """`<div class="ck-notebook-actions">` with Material buttons: download, solution, Colab,
    Binder, source.

    `download` is the href of the executed .ipynb; `download_name` the file name browsers save;
    `solution` the href of the solution page; `repository` False leaves out Binder and
    source (they would show what the page withholds); `browser` the JupyterLite link and
    the modules Pyodide lacks (then a note says so instead of the button); the labels are in
    `locale`.
    """
    _ = gettext_for(locale)
    buttons = []
    if download:
        name = f' download="{html.escape(download_name)}"' if download_name else " download"
        buttons.append(
            _button(download, _("Download notebook"), extra=name, primary=True, here=True)
        )
    if solution:
        buttons.append(_button(solution, _("Solution"), here=True))
    note = ""
    if browser is not None and not browser[1]:
        buttons.append(_button(browser[0], _("Run in your browser"), here=True))
    elif browser is not None:
        text = _("Cannot run in your browser: Pyodide cannot import %(modules)s.")
        text %= {"modules": ", ".join(browser[1])}
        note = f'<p class="ck-notebook-browser-note">{html.escape(text)}</p>'
    if links is not None:
        if links.colab:
            buttons.append(_button(links.colab, _("Open in Colab")))
        if repository:
            buttons.append(_button(links.binder, _("Launch Binder")))
            buttons.append(_button(links.source, _("View source")))
    if not buttons:
        return note
    return f'<div class="ck-notebook-actions">{"".join(buttons)}</div>{note}'


def _button(
    href: str, label: str, *, extra: str = "", primary: bool = False, here: bool = False
) -> str:
    """A Material button; one that leaves the site (`here` False) opens a new tab."""
    css = "md-button md-button--primary" if primary else "md-button"
    external = "" if here else ' target="_blank" rel="noopener"'
    return f'<a class="{css}" href="{html.escape(href)}"{extra}{external}>{label}</a>'
