"""Every URL reaches its attribute escaped even when validation is bypassed: the schedule
refuses `"`, `<` and `>` in links (schedule/model.py), so only this test notices a page
generator that stops escaping one. The payload course (tests/courses/escape) is loaded, then
every http(s) value in its schedule gets a tail that ends a double-quoted attribute and opens
an element, through `model_copy` (which does not validate), and the site is built from it.
Each `href` escape in site/ was removed once by hand: this test then failed.
"""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel
from test_escaping import FIXTURE, build_past_the_link_check, injected

from coursekit.schedule.model import Session

# (An element with no src: `<img src=x>` would fail the build's link check before the
# pages are looked at.)
TAIL = '"><svg onload=window.__xss=10>'
# An optional `url:` left out gets one, so every kind of link is on some page.
FILLED = "https://example.org/filled" + TAIL


# `course.repository` must be github.com/<owner>/<repo> (notebooks/links.py refuses the rest).
KEPT = {"repository"}


def poisoned(value):  # type: ignore[no-untyped-def]
    """`value` with TAIL after every http(s) URL in it, however deep, unvalidated."""
    if isinstance(value, str):
        return value + TAIL if value.startswith(("http://", "https://")) else value
    if isinstance(value, BaseModel):
        update = {
            name: poisoned(getattr(value, name))
            for name in type(value).model_fields
            if name not in KEPT
        }
        if "url" in update and update["url"] is None:
            update["url"] = FILLED
        if isinstance(value, Session):
            # A title that links itself is not wrapped in a link to the session's URL.
            update["title"] = "Session title"
        return value.model_copy(update=update)
    if isinstance(value, list | tuple):
        return type(value)(poisoned(item) for item in value)
    if isinstance(value, dict):
        return {key: poisoned(item) for key, item in value.items()}
    return value


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from coursekit.schedule.load import load_course
    from coursekit.site import build

    def load_poisoned(root):  # type: ignore[no-untyped-def]
        course = load_course(root)
        return dataclasses.replace(course, schedule=poisoned(course.schedule))

    root = tmp_path_factory.mktemp("escape-unvalidated") / "course"
    shutil.copytree(FIXTURE, root)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build, "load_course", load_poisoned)
        build_past_the_link_check(root, root / "site")
    return root / "site"


def test_the_tail_reaches_every_url_field(monkeypatch):
    """Guards the guard: the URL fields of the payload course got the tail."""
    from coursekit.schedule import checks
    from coursekit.schedule.load import load_course

    monkeypatch.setattr(checks, "unsafe_links", lambda text: [])
    schedule = poisoned(load_course(FIXTURE).schedule)
    assert repr(schedule).count(TAIL) >= 10


def test_no_url_becomes_markup_on_any_page(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 10
    found = {}
    for page in pages:
        # html5lib parses as a browser does: an attribute a quote ends is seen ended.
        soup = BeautifulSoup(page.read_text("utf-8"), "html5lib")
        elements = injected(soup)
        if elements:
            found[page.relative_to(site).as_posix()] = elements
    assert found == {}


def test_a_repository_passed_to_the_build_stays_in_the_header_link(tmp_path):
    """build_course(repository=…) skips validation (the CLI checks `--repository`); Material
    prints `repo_url` into the header unescaped."""
    from coursekit.site.build import build_course

    root = tmp_path / "course"
    shutil.copytree(FIXTURE.parent / "minimal", root)
    repository = "https://github.com/example/tiny" + TAIL
    build_course(root, root / "site", repository=repository)
    soup = BeautifulSoup((root / "site/S2026/index.html").read_text("utf-8"), "html5lib")
    assert injected(soup) == []
    assert soup.select_one(".md-header__source a")["href"] == repository
