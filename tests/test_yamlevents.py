"""schedule.yaml read straight from the parser's events (`yamlevents.py`) gives the same
data and the same line:column of every key and value as the guarded read from composed
nodes; every file it does not read alike (aliases, duplicate or merge keys, keys that are
not text, deep nesting, several documents, syntax errors) goes the guarded way, so each
problem is reported as it always was."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coursekit.schedule.yamlevents import read_events
from coursekit.schedule.yamlsource import YamlSource, _read_guarded, read_yaml

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from bench_scale import make_course  # noqa: E402

ROOT = Path(__file__).parent.parent

READ_ALIKE = {
    "scalars": (
        "a: [no, off, yes, true, False, 017, 0o17, 0x1F, 1_000, 1:30, 1.5, .inf, .nan, ~,\n"
        "    null, '', 2026-13-01, 2022-02-30, 2022-02-03, 2022-02-03 10:00:00, '2022-01-01',\n"
        "    !!str 12, !!int '12', ! 12, =, 1e3, +1, -0, 0b11, ' x ']\n"
        "b: |-\n  block\n  text\nc: >\n  folded\n"
    ),
    "nested": "s:\n  - id: a\n    readings:\n      - {title: T, url: 'https://x.org'}\n  - b\n",
    "tagged": "a: !!set {x, y}\nb: !!omap [k: 1]\nc: !!binary aGk=\nd: !custom x\n",
    "explicit document": "%YAML 1.2\n---\na: 1\n...\n",
    "prose": "a: R&D * 2 & more *stars*\nb: 'It''s: fine'\n",
    "scalar document": "just text\n",
}
GUARDED = {
    "alias": "a: &x {k: 1}\nb: *x\n",
    "anchor alone": "a: &x 1\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "quoted merge key": "'<<': 1\n",
    "number key": "1: a\n",
    "list key": "[1]: a\n",
    "null key": "~: a\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "no document": "...\n",
    "syntax error": "title: Model Quality: Accuracy\n",
    "unclosed quote": 'a: "x\nb: 2\n',
    "too deep": "a: " + "[" * 201 + "]" * 201 + "\n",
    "far too deep": "a: " + "[" * 50_000 + "\n",
    "deep blocks": "".join("  " * i + f"k{i}:\n" for i in range(205)) + "  " * 205 + "x\n",
}


def guarded(text: str) -> YamlSource:
    source = YamlSource("schedule.yaml")
    _read_guarded(text, source)
    return source


@pytest.mark.parametrize("name", READ_ALIKE)
def test_events_give_the_data_and_places_of_the_guarded_read(name):
    text = READ_ALIKE[name]
    values: dict = {}
    keys: dict = {}
    done, data = read_events(text, values, keys)
    expected = guarded(text)
    assert done, f"{name} should be read from events"
    assert expected.problems == []
    assert data == expected.data and type(data) is type(expected.data)
    assert values == expected.values
    assert keys == expected.keys


@pytest.mark.parametrize("name", GUARDED)
def test_other_files_are_read_the_guarded_way(name, tmp_path):
    text = GUARDED[name]
    assert read_events(text, {}, {})[0] is False
    path = tmp_path / "schedule.yaml"
    path.write_text(text, "utf-8")
    found, expected = read_yaml(path, "schedule.yaml"), guarded(text)
    assert [str(p) for p in found.problems] == [str(p) for p in expected.problems]
    assert (found.data, found.values, found.keys) == (expected.data, expected.values, expected.keys)


def test_long_schedules_and_the_course_are_read_from_events(tmp_path):
    """What keeps `check` of 5,000 sessions fast: a long schedule is not read the slow way."""
    for path in (make_course(tmp_path, 300) / "schedule.yaml", ROOT / "schedule.yaml"):
        text = path.read_text("utf-8")
        values: dict = {}
        keys: dict = {}
        done, data = read_events(text, values, keys)
        assert done, path
        expected = guarded(text)
        assert (data, values, keys) == (expected.data, expected.values, expected.keys), path


def test_positions_of_a_valid_file_are_read_when_first_asked_for(tmp_path):
    """A valid schedule is read without its positions; a problem found later (a warning, a
    missing file) still gets the line:column the guarded read gives."""
    path = make_course(tmp_path, 50) / "schedule.yaml"
    source = read_yaml(path, "schedule.yaml")
    assert source.unplaced is not None
    expected = guarded(path.read_text("utf-8"))
    assert source.where(("offerings", "S2030", "sessions", 7, "title")) == expected.where(
        ("offerings", "S2030", "sessions", 7, "title")
    )
    assert (source.values, source.keys) == (expected.values, expected.keys)
    assert source.unplaced is None
