"""One translation of library errors into problems: a YAML error is placed at the same
1-based line and column whichever reader met it (schedule, front matter, roll-forward's
round-trip reader), and pydantic's errors read as `schedule.yaml`'s expected messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from coursekit.schedule.holidays import Holiday
from coursekit.schedule.model import Schedule
from coursekit.schedule.problems import validation_problems, yaml_problem
from coursekit.schedule.yamlsource import read_front_matter, read_yaml

BAD_SCHEDULES = sorted((Path(__file__).parent / "bad_schedules").glob("*.yaml"))
UNCLOSED = 'title: Intro\nauthor: "Ada\nbody: text\n'
COLON = "title: Quality: Accuracy\n"


def _pyyaml_error(text: str) -> yaml.MarkedYAMLError:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        yaml.safe_load(text)
    return raised.value


def _ruamel_error(text: str) -> MarkedYAMLError:
    with pytest.raises(MarkedYAMLError) as raised:
        YAML().load(text)
    return raised.value


@pytest.mark.parametrize(("text", "line", "column"), [(UNCLOSED, 2, 9), (COLON, 1, 15)])
def test_every_reader_places_an_error_alike(text, line, column):
    ours = yaml_problem(_pyyaml_error(text), text, "f.yaml")
    theirs = yaml_problem(_ruamel_error(text), text, "f.yaml")
    assert (ours.line, ours.column) == (theirs.line, theirs.column) == (line, column)
    assert ours.fix == theirs.fix
    # The same YAML as front matter starts on the file's line 2.
    _, (front,) = read_front_matter(text, "deck.md", first_line=2)
    assert (front.file, front.line, front.column) == ("deck.md", line + 1, column)


def test_an_error_without_a_place_is_at_the_first_line():
    problem = yaml_problem(yaml.YAMLError("too big"), "", "deck.md", first_line=2, fix="smaller")
    assert str(problem) == "deck.md:2: YAML syntax error: too big (smaller)"


def _rejected_by_the_model(case: Path) -> bool:
    source = read_yaml(case, "schedule.yaml")
    try:
        Schedule.model_validate(source.data)
    except ValidationError:
        return source.data is not None
    return False


@pytest.mark.parametrize(
    "case", [c for c in BAD_SCHEDULES if _rejected_by_the_model(c)], ids=lambda p: p.stem
)
def test_validation_problems_are_the_loaders(case):
    """Whatever the model rejects is said as `coursekit check` says it for schedule.yaml."""
    source = read_yaml(case, "schedule.yaml")
    with pytest.raises(ValidationError) as raised:
        Schedule.model_validate(source.data)
    problems = validation_problems(raised.value, source)
    assert problems
    expected = case.with_suffix(".expected").read_text("utf-8")
    for problem in problems:
        assert f"Error: {problem}" in expected


def test_a_model_inside_another_file_keeps_its_key_path(tmp_path):
    path = tmp_path / "holidays.yaml"
    path.write_text("holidays:\n  - {name: Off, dat: 2027-01-18}\n", "utf-8")
    source = read_yaml(path, "holidays.yaml")
    with pytest.raises(ValidationError) as raised:
        Holiday.model_validate(source.data["holidays"][0])
    problems = validation_problems(raised.value, source, model=Holiday, base=("holidays", 0))
    assert [str(p) for p in problems] == [
        "holidays.yaml:2:17: holidays[0].dat: unknown key 'dat' (did you mean 'date'?)"
    ]
