"""`--out` never costs a user a file: refused folders are left exactly as they were, and
coursekit's own output folders are recognised, so a rebuild just works.

The messages themselves are in the bad-input corpus (tests/bad_inputs/out-*).
"""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path

import pytest

DECKS = Path(__file__).parent / "decks"


def tree(folder: Path) -> dict[str, str]:
    """Every file and link under `folder` (not followed) with a digest of its content."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found


@pytest.fixture
def repo(make_course, tmp_path):
    """The fixture course as a git checkout with a draft beside it, inside a folder holding
    other work of the user's."""
    course = make_course("materials")
    (course / ".git").mkdir()
    (course / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (course / "draft-not-committed.md").write_text("# half a lecture\n")
    (tmp_path / "thesis.tex").write_text("\\begin{document}\n")
    return course


@pytest.mark.parametrize(
    "out", [".", "..", "lectures", "recitations", ".git", ".cache", "lectures/new"]
)
def test_a_refused_out_leaves_every_file_where_it_was(repo, run, tmp_path, out, monkeypatch):
    monkeypatch.chdir(repo)
    before = tree(tmp_path)
    result = run("build", "--out", out)
    assert result.code == 1, result
    assert result.err.startswith(f"Error: --out {out} "), result
    assert result.err.count("\n") == 1, result  # one line, no traceback
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", ["build", "slides", "notebook", "export-notebooks"])
def test_every_command_refuses_a_folder_of_someone_elses_files(repo, run, tmp_path, command):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("my homepage")
    inputs = {
        "build": ["--root", repo],
        "slides": [repo / "lectures"],
        "notebook": [repo / "recitations" / "arrays.py"],
        "export-notebooks": [repo],  # never reached: --out is checked first
    }[command]
    result = run(command, *inputs, "--out", mine)
    assert result.code == 1, result
    assert f"--out {mine} is not empty and is no coursekit output" in result.err, result
    assert tree(mine) == {"index.html": hashlib.sha256(b"my homepage").hexdigest()}


def test_an_empty_folder_and_an_earlier_site_are_built_into(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "empty"
    out.mkdir()
    assert run("build", "--root", course, "--out", out).code == 0
    assert (out / ".coursekit-site").is_file() and (out / "S2026" / "index.html").is_file()
    again = run("build", "--root", course, "--out", out)
    assert again.code == 0, again


def test_slides_and_notebook_pages_can_be_written_again(run, notebooks, tmp_path, monkeypatch):
    slides_out = tmp_path / "slides"
    assert run("slides", DECKS / "simple", "--out", slides_out).code == 0
    again = run("slides", DECKS / "simple", "--out", slides_out)
    assert again.code == 0, again
    # Written before the marker existed: recognised by the reveal.js runtime it holds.
    (slides_out / ".coursekit-site").unlink()
    assert run("slides", DECKS / "simple", "--out", slides_out).code == 0

    # A run that failed half-way (here: the disk filled up after the first deck) wrote pages:
    # the folder is still recognised as ours.
    import coursekit.slides

    real = coursekit.slides.write_deck
    calls = []

    def fill_up(*args, **kwargs):
        calls.append(args)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    failed = tmp_path / "failed"
    monkeypatch.setattr(coursekit.slides, "write_deck", fill_up)
    assert run("slides", DECKS, "--out", failed).code == 1
    assert any(failed.rglob("*.html"))
    monkeypatch.undo()
    again = run("slides", DECKS, "--out", failed)
    assert again.code == 0, again

    pages = tmp_path / "pages"
    assert run("notebook", notebooks / "basic.ipynb", "--out", pages).code == 0
    again = run("notebook", notebooks / "basic.ipynb", "--out", pages)
    assert again.code == 0, again


def test_out_on_a_mount_point_is_refused_with_the_fix(make_course, run, tmp_path, monkeypatch):
    # A container volume mounted at site/: renaming it fails with EBUSY on every build.
    course = make_course()
    out = tmp_path / "volume"
    out.mkdir()
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == out)
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert result.err == (
        f"Error: --out {out} is a mount point: a build swaps the finished site in by renaming "
        f"folders, and a mount point cannot be renamed (pass a folder inside it, e.g. --out "
        f"{out / 'site'}, and publish that)\n"
    )
    assert list(out.iterdir()) == []
    monkeypatch.undo()
    inside = run("build", "--root", course, "--out", out / "site")
    assert inside.code == 0, inside
