"""The bad-input corpus: every case under tests/bad_inputs/ is a course a user broke on purpose
or by accident, with the answer coursekit must give, side by side.

A case is a folder holding `case.yaml` and, optionally, `files/` (laid over a copy of the
fixture course) and `setup.py` (a `setup(course: Path)` for what git cannot hold: special
files, permissions, huge inputs). `case.yaml`:

    about: a user pastes a deck title with a colon        # what happened, in one line
    course: materials                                      # fixture course (default: minimal)
    args: [build, --strict]                                # coursekit arguments (default: [check])
    replace:                                               # edits to the copied course
      - {file: schedule.yaml, old: "title: Quality", new: "title: 'Q: 1'"}
    exit: 1                                                # expected exit code (default 1)
    error: "schedule.yaml:47:9: offerings.S2026"           # must appear on stderr: file:line …
                                                           # (or the --option, for arguments)
    fix: "use YYYY-MM-DD"                                  # … and the fix it names
    also: ["2 problems found."]                            # more text stderr must hold
    absent: ["secret"]                                     # text the output and site must not hold

`{course}` in args and error stands for the copied course. `--root {course}` is added unless
given, to commands that take it. An error about a command-line option (`--out X is …`) names
the option instead of file:line.
Every case also asserts: no traceback, and the site built before the bad input is still there
byte for byte (nothing half-written, nothing deleted), with no staging folder left beside it.
A case with `exit: 0` is valid input that must build; `error`/`fix` then are not required.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml

from coursekit.cli import main

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(path.parent for path in CORPUS.glob("*/case.yaml"))
MINIMUM_CASES = 100
# Where the user must look: file:line, or the option of a bad command-line argument.
PLACE_RE = re.compile(r"[\w./-]+:\d+|--[a-z][\w-]*")


def _site_digest(site: Path) -> dict[str, str]:
    if not site.exists():
        return {}
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def built_courses(tmp_path_factory):
    """Each fixture course built once; every case starts from a copy of course + site."""
    from coursekit.site.build import build_course

    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            root = tmp_path_factory.mktemp(f"built-{name}") / name
            shutil.copytree(Path(__file__).parent / "courses" / name, root, symlinks=True)
            build_course(root, root / "site")
            shutil.rmtree(root / ".coursekit", ignore_errors=True)
            built[name] = root
        return built[name]

    return get


def _prepare(case: Path, spec: dict, template: Path, target: Path) -> Path:
    course = target / "course"
    shutil.copytree(template, course, symlinks=True)
    if (case / "files").is_dir():
        shutil.copytree(case / "files", course, symlinks=True, dirs_exist_ok=True)
    for edit in spec.get("replace", []):
        path = course / edit["file"]
        text = path.read_text("utf-8")
        assert edit["old"] in text, f"{case.name}: {edit['old']!r} is not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), "utf-8")
    if (case / "setup.py").is_file():
        module_spec = importlib.util.spec_from_file_location(f"case_{case.name}", case / "setup.py")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        module.setup(course)
    return course


def _takes_root(command: str) -> bool:
    from coursekit.cli import cli

    found = cli.get_command(None, command)  # type: ignore[arg-type]
    return found is not None and any(param.name == "root" for param in found.params)


def test_corpus_holds_at_least_100_cases():
    assert len(CASES) >= MINIMUM_CASES, f"only {len(CASES)} cases in {CORPUS}"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_answered_and_nothing_is_lost(case, built_courses, tmp_path, capsys):
    spec = yaml.safe_load((case / "case.yaml").read_text("utf-8"))
    course = _prepare(case, spec, built_courses(spec.get("course", "minimal")), tmp_path)
    site_before = _site_digest(course / "site")
    args = [str(arg).replace("{course}", str(course)) for arg in spec.get("args", ["check"])]
    if "--root" not in args and _takes_root(args[0]):
        args += ["--root", str(course)]

    code = main(args)
    captured = capsys.readouterr()
    shown = f"exit {code}\n--- stdout\n{captured.out}\n--- stderr\n{captured.err}"

    assert code == spec.get("exit", 1), shown
    assert "Traceback" not in captured.err, shown
    if code != 0:
        assert spec.get("error") and spec.get("fix"), f"{case.name}: a case names error and fix"
        assert spec["error"].replace("{course}", str(course)) in captured.err, shown
        assert PLACE_RE.search(spec["error"]), f"{case.name}: error must name file:line"
        assert spec["fix"] in captured.err, shown
        assert _site_digest(course / "site") == site_before, "the previous site changed"
    for text in spec.get("also", []):
        assert text in captured.err, shown
    for text in spec.get("absent", []):
        assert text not in captured.out + captured.err, shown
        for path in (course / "site").rglob("*"):
            if path.is_file():
                assert text.encode() not in path.read_bytes(), f"{text!r} published in {path}"
    leftovers = [p.name for p in course.iterdir() if p.name.startswith(".site.")]
    assert not leftovers, f"left beside the site: {leftovers}"
