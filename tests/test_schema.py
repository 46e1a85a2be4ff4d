"""The committed JSON Schema and field reference match the model, and every field is
documented."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from coursekit.errors import ScheduleError
from coursekit.schedule.load import load_course
from coursekit.schedule.model import Schedule
from coursekit.schedule.reference import SECTIONS, generated_files
from coursekit.schedule.yamlsource import read_yaml

REPO = Path(__file__).parent.parent


@pytest.mark.parametrize("relative", list(generated_files()))
def test_committed_file_is_current(relative):
    committed = (REPO / relative).read_text(encoding="utf-8")
    assert committed == generated_files()[relative], f"{relative} is stale: run `coursekit schema`"


@pytest.mark.parametrize("where,model", SECTIONS, ids=[s[0] for s in SECTIONS])
def test_every_field_has_a_description(where, model):
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert not missing, f"{where}: undocumented fields {missing}"


def test_every_model_the_schema_holds_has_a_reference_section():
    """The sections are derived from the model; whatever an editor's schema can hold (each
    `$defs` entry, the root) is documented, under a heading of its own."""
    schema = json.loads(generated_files()["schedule.schema.json"])
    in_schema = {"Schedule", *schema["$defs"]}  # the root, and every model under it
    documented = {model.__name__ for _, model in SECTIONS}
    assert in_schema - documented == set(), "models missing from docs/reference/schedule.md"
    page = generated_files()["docs/reference/schedule.md"]
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(headings) == len(set(headings)) == len(SECTIONS), headings
    assert "## `offerings.ID.term.holidays[]`" in headings
    holidays = page.split("## `offerings.ID.term.holidays[]`")[1].split("\n## ")[0]
    start = "| `start` | date | `none` | First day of a range (YYYY-MM-DD); give `end` too. |"
    assert start in holidays.splitlines()


def test_schedule_yaml_points_editors_at_the_schema():
    first = (REPO / "schedule.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schedule.schema.json"
    schema = json.loads((REPO / "schedule.schema.json").read_text())
    assert set(schema["required"]) == {"course", "offerings"}


def test_schema_check_command_fails_on_stale_files(tmp_path, run):
    (tmp_path / "schedule.schema.json").write_text("{}")
    result = run("schema", "--root", tmp_path, "--check", "--docs")
    assert result.code == 1, result
    assert "stale: schedule.schema.json, docs/reference/schedule.md" in result.err


def test_schema_in_a_course_writes_only_what_editors_need(make_course, run):
    course = make_course("minimal")
    result = run("schema", "--root", course)
    assert result.code == 0, result
    assert result.out == "wrote schedule.schema.json\n"
    assert not (course / "docs" / "reference").exists()
    assert json.loads((course / "schedule.schema.json").read_text())["required"]
    result = run("schema", "--root", course, "--check")
    assert (result.code, result.out) == (0, "schema is up to date.\n"), result


def test_schema_docs_writes_the_reference_into_a_course_when_asked(make_course, run):
    course = make_course("minimal")
    result = run("schema", "--root", course, "--docs")
    assert result.code == 0, result
    reference = (course / "docs" / "reference" / "schedule.md").read_text("utf-8")
    assert "## `course.assignments`" in reference


# --- The committed schema accepts exactly what the loader accepts ---------------------------

BAD_SCHEDULES = REPO / "tests" / "bad_schedules"


def _as_editors_see_it(value):
    """YAML data as the YAML language server hands it to the schema: YAML 1.2 has no date
    type, so `2027-01-20` is a string, and mapping keys are strings."""
    if isinstance(value, dict):
        return {str(k): _as_editors_see_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _read(path: Path):
    """The data `coursekit check` reads (an impossible date stays text, as for editors)."""
    return read_yaml(path, path.name).data


def _schema_problems(data) -> list[str]:
    schema = json.loads((REPO / "schedule.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(_as_editors_see_it(data))
    ]


def _loader_accepts_shape(data) -> bool:
    try:
        Schedule.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "relative",
    [
        "schedule.yaml",
        "tests/courses/minimal/schedule.yaml",
        "tests/courses/materials/schedule.yaml",
    ],
)
def test_every_schedule_in_the_repository_validates_against_the_schema(relative):
    data = _read(REPO / relative)
    assert _schema_problems(data) == []


def test_an_imported_offering_validates_against_the_schema():
    schedule = _read(REPO / "tests/courses/minimal/schedule.yaml")
    imported = _read(REPO / "tests/imports/F2026.expected.yaml")
    schedule["offerings"].update(imported)
    assert _loader_accepts_shape(schedule)
    assert _schema_problems(schedule) == []


@pytest.mark.parametrize("case", sorted(BAD_SCHEDULES.glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_and_loader_agree_on_each_bad_schedule(case):
    """A schedule that only fails checks across fields (order, files on disk) is valid to
    the schema; one the model rejects is invalid to the schema too."""
    data = _read(case)
    if not isinstance(data, dict):
        assert _schema_problems(data)
        return
    assert _loader_accepts_shape(data) == (not _schema_problems(data)), _schema_problems(data)


@pytest.mark.parametrize(
    "old,new",
    [
        ("video: [https://example.org/v1, https://example.org/v2]", "video: https://e.org/v"),
        ("video: [https://example.org/v1, https://example.org/v2]", "book: https://e.org/b"),
        ("date: 2026-01-16", "date: '2026-01-16'"),
        (
            "term: {start: 2026-01-12, end: 2026-01-30}",
            "term: {start: 2026-01-12, end: 2026-01-30, holidays: [{name: Off, start: 2026-01-14,"
            " end: 2026-01-15}, {name: MLK, date: 2026-01-19}]}",
        ),
        ("books:\n", "books:\n    - {title: B2, chapters: {3: https://e.org/3}}\n"),
        ('time: "10:10-11:00"', 'time: "9:05 - 9:55"'),
    ],
    ids=["one-video", "one-book", "quoted-date", "holidays", "chapters", "loose-time"],
)
def test_valid_variants_pass_loader_and_schema(make_course, old, new):
    course = make_course()
    path = course / "schedule.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    load_course(course)
    assert _schema_problems(_read(path)) == []


@pytest.mark.parametrize(
    "old,new",
    [
        ("units: 6", "units: '6'"),
        ("units: 6", "units: true"),
        ("date: 2026-01-16\n", "date: 2026-01-16\n        release: 86400\n"),
        ("date: 2026-01-16", "date: 2026-01-16 00:00"),
        ("date: 2026-01-16", "date: 2026-02-30"),
        ('time: "10:10-11:00"', 'time: "24:00-25:00"'),
        ("title: Introduction", "title: '   '"),
        ("video: [https://example.org/v1, https://example.org/v2]", "video: ''"),
        ("video: [https://example.org/v1, https://example.org/v2]", "video: {url: x}"),
        ("  S2026:", "  S 2026:"),
        ("books:\n", "books:\n    - {title: B2, chapters: {three: https://e.org/3}}\n"),
        (
            "term: {start: 2026-01-12, end: 2026-01-30}",
            "term: {start: 2026-01-12, end: 2026-01-30, holidays: [{name: Off, date: 2026-01-14,"
            " end: 2026-01-15}]}",
        ),
        (
            "title: Fall 2025\n",
            "title: Fall 2025\n    term: {start: 2025-09-01, end: 2025-12-01}\n",
        ),
        ("alternative: true", "alternative: yes"),
    ],
    ids=[
        "quoted-units",
        "bool-units",
        "timestamp-date",
        "datetime",
        "impossible-date",
        "hour-24",
        "blank-title",
        "empty-video",
        "video-mapping",
        "offering-id",
        "chapter-key",
        "holiday-date-and-end",
        "external-with-term",
        "yes-is-text",
    ],
)
def test_invalid_variants_fail_loader_and_schema(make_course, old, new):
    course = make_course()
    path = course / "schedule.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ScheduleError):
        load_course(course)
    assert _schema_problems(_read(path))
