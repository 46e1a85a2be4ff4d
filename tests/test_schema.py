"""The committed JSON Schema and field reference match the model, and every field is
documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coursekit.schedule.reference import SECTIONS, generated_files

REPO = Path(__file__).parent.parent


@pytest.mark.parametrize("relative", list(generated_files()))
def test_committed_file_is_current(relative):
    committed = (REPO / relative).read_text(encoding="utf-8")
    assert committed == generated_files()[relative], f"{relative} is stale: run `coursekit schema`"


@pytest.mark.parametrize("where,model", SECTIONS, ids=[s[0] for s in SECTIONS])
def test_every_field_has_a_description(where, model):
    missing = [name for name, field in model.model_fields.items() if not field.description]
    assert not missing, f"{where}: undocumented fields {missing}"


def test_schedule_yaml_points_editors_at_the_schema():
    first = (REPO / "schedule.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./schedule.schema.json"
    schema = json.loads((REPO / "schedule.schema.json").read_text())
    assert set(schema["required"]) == {"course", "offerings"}


def test_schema_check_command_fails_on_stale_files(tmp_path, run):
    (tmp_path / "schedule.schema.json").write_text("{}")
    result = run("schema", "--root", tmp_path, "--check")
    assert result.code == 1, result
    assert "stale: schedule.schema.json, docs/reference/schedule.md" in result.err
