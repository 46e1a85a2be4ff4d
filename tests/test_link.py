"""One answer to "where does this link go?": `Link.parse` as golden cases, and the schedule
checks, the notebook and deck file collectors and the calendar all agreeing with it."""

from __future__ import annotations

import pytest

from coursekit.notebooks.local_files import is_relative
from coursekit.schedule import checks, event_text
from coursekit.schedule.link import Link, is_local, local_target
from coursekit.slides.assets import local_path

CASES = [
    # text, kind, target, anchor, scheme
    ("lectures/01_intro/intro.md", "local", "lectures/01_intro/intro.md", "", None),
    ("assignments/project.md#m1", "local", "assignments/project.md", "m1", None),
    ("img/a.png?v=2#top", "local", "img/a.png", "top", None),
    ("../up.png", "local", "../up.png", "", None),
    ("#schedule", "anchor", "", "schedule", None),
    ("https://x.org/a#b", "url", "https://x.org/a#b", "b", "https"),
    ("HTTP://X.ORG", "url", "HTTP://X.ORG", "", "http"),
    ("mailto:ada@x.org", "url", "mailto:ada@x.org", "", "mailto"),
    ("//cdn.x.org/lib.js", "url", "//cdn.x.org/lib.js", "", None),
    # Browsers read these as schemes: tabs dropped, entities decoded, spaces trimmed.
    ("java\tscript:alert(1)", "url", "java\tscript:alert(1)", "", "javascript"),
    ("java&#x09;script:alert(1)", "url", "java&#x09;script:alert(1)", "", "javascript"),
    (" data:image/png;base64,AAAA", "url", " data:image/png;base64,AAAA", "", "data"),
]


@pytest.mark.parametrize(("text", "kind", "target", "anchor", "scheme"), CASES)
def test_parse(text, kind, target, anchor, scheme):
    link = Link.parse(text)
    assert (link.kind, link.target, link.anchor, link.scheme) == (kind, target, anchor, scheme)
    assert is_local(text) == (kind == "local")
    if kind == "local":
        assert local_target(text) == target


@pytest.mark.parametrize(("text", "kind"), [(case[0], case[1]) for case in CASES])
def test_every_module_agrees_on_what_is_local(text, kind):
    """The schedule checks, the notebook and deck collectors and the calendar each used to
    decide this on their own, and disagreed on encoded schemes."""
    local = kind == "local"
    assert checks.is_local(text) == local
    assert is_relative(text) == local
    assert (local_path(text) is not None) == local
    assert event_text.is_web(text) == (kind == "url" and text.lower().startswith("http"))


def test_site_absolute_paths_are_not_files_beside_a_notebook_or_deck():
    assert is_local("/img/a.png")  # in schedule.yaml: a path, refused as outside the course
    assert not is_relative("/img/a.png")
    assert local_path("/img/a.png") is None
