"""Shared fixtures: copy a fixture course to tmp_path and run the CLI in-process."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
SEEDS = REPO.parent / "shared" / "seeds"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __str__(self) -> str:  # shown when an assertion on the result fails
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


@pytest.fixture
def run(capsys):
    def run(*args: str) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def make_course(tmp_path):
    def make(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(TESTS / "courses" / name, target)
        return target

    return make
