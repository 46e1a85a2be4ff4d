"""Launch links (Colab, Binder, source) and the button row above a notebook page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from coursekit.errors import CourseError
from coursekit.notebooks.links import button_row, launch_links


@pytest.mark.parametrize(
    "repository",
    [
        "https://github.com/ml-course/recitations",
        "https://github.com/ml-course/recitations.git",
        "https://github.com/ml-course/recitations/",
        "git@github.com:ml-course/recitations.git",
        "ml-course/recitations",
    ],
)
def test_launch_links_for_an_ipynb(repository):
    links = launch_links(repository, "main", "recitations/week 1/lab.ipynb")
    assert links.source == (
        "https://github.com/ml-course/recitations/blob/main/recitations/week%201/lab.ipynb"
    )
    assert links.colab == (
        "https://colab.research.google.com/github/ml-course/recitations/blob/main/"
        "recitations/week%201/lab.ipynb"
    )
    assert links.binder == (
        "https://mybinder.org/v2/gh/ml-course/recitations/main"
        "?labpath=recitations%2Fweek%201%2Flab.ipynb"
    )


def test_text_sources_open_in_colab_only_from_the_executed_branch():
    links = launch_links("https://github.com/o/r", "S2026", "./labs/lab.py")
    assert links.colab is None
    assert links.source == "https://github.com/o/r/blob/S2026/labs/lab.py"
    assert links.binder == "https://mybinder.org/v2/gh/o/r/S2026?labpath=labs%2Flab.py"
    published = launch_links("o/r", "main", "labs/lab.py", executed=("nb", "S2026/labs/lab.ipynb"))
    assert published.colab == (
        "https://colab.research.google.com/github/o/r/blob/nb/S2026/labs/lab.ipynb"
    )
    assert published.source == "https://github.com/o/r/blob/main/labs/lab.py"


def test_non_github_repositories_are_refused_with_the_reason():
    with pytest.raises(CourseError) as caught:
        launch_links("https://gitlab.com/o/r/x", "main", "lab.ipynb")
    assert str(caught.value) == (
        "repository: 'https://gitlab.com/o/r/x' is not a GitHub repository URL "
        "(use https://github.com/<owner>/<repo>; Colab and Binder links need GitHub)"
    )
    with pytest.raises(CourseError):
        launch_links("o/r", "main", "../secrets.ipynb")


def test_button_row_lists_download_then_launchers():
    links = launch_links("o/r", "main", "lab.ipynb")
    row = BeautifulSoup(
        button_row(links, download="lab.ipynb", download_name="lab.ipynb"), "html.parser"
    )
    buttons = row.select("div.ck-notebook-actions > a.md-button")
    assert [b.get_text() for b in buttons] == [
        "Download notebook",
        "Open in Colab",
        "Launch Binder",
        "View source",
    ]
    assert buttons[0]["download"] == "lab.ipynb"
    assert "md-button--primary" in buttons[0]["class"]
    assert buttons[1]["target"] == "_blank"
    assert button_row(None) == ""
