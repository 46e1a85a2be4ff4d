"""docs/reference/assignments.md documents every front-matter key coursekit reads from an
assignment page: a new key fails here until the page describes it."""

from __future__ import annotations

import re
from pathlib import Path

from coursekit.schedule.assignments import _FrontMatter

PAGE = Path(__file__).parent.parent / "docs" / "reference" / "assignments.md"


def test_every_front_matter_field_has_a_row_on_the_reference_page():
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", PAGE.read_text("utf-8"), re.M)
    documented = {name for name, kind, meaning in rows if kind.strip() and meaning.strip()}
    assert set(_FrontMatter.model_fields) <= documented, (
        f"undocumented in {PAGE.name}: {sorted(set(_FrontMatter.model_fields) - documented)}"
    )


def test_the_example_on_the_page_is_valid_front_matter():
    import yaml

    example = re.search(r"```yaml\n---\n(.*?)---\n", PAGE.read_text("utf-8"), re.S)
    assert example, "the page shows an example front matter"
    front = yaml.safe_load(example.group(1))
    _FrontMatter.model_validate(front)
    assert set(front) == set(_FrontMatter.model_fields) - {"due"}
