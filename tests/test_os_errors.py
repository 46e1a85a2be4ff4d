"""A full, read-only or busy disk is answered in one line naming the path and the fix, exit 1,
and the previous site survives. Tests run as root, whom permissions do not stop, so the
system's refusals are simulated where they would happen."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from coursekit.site import build as build_module
from coursekit.site import swap as swap_module


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def built(make_course, run, tmp_path):
    course = make_course()
    out = tmp_path / "site"
    assert run("build", "--root", course, "--out", out).code == 0
    return course, out


def raiser(error: OSError):
    def fail(*args, **kwargs):
        raise error

    return fail


def test_a_read_only_disk(built, run, monkeypatch, tmp_path):
    course, out = built
    before = digest(out)
    monkeypatch.setattr(
        swap_module.tempfile,
        "mkdtemp",
        raiser(OSError(errno.EROFS, "Read-only file system", str(tmp_path))),
    )
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert result.err == (
        f"Error: {tmp_path}: Read-only file system (that file system is read-only: pass --out "
        "to a folder you can write)\n"
    )
    assert digest(out) == before


def test_a_full_disk_names_the_folder_being_written(built, run, monkeypatch, tmp_path):
    # write() on a full disk raises ENOSPC with no file name: the build names its folder.
    course, out = built
    before = digest(out)
    monkeypatch.setattr(build_module, "mark", raiser(OSError(errno.ENOSPC, "No space left")))
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert result.err == (
        f"Error: {out}: No space left (free space on that disk, or pass --out to a folder on "
        "another one)\n"
    )
    assert digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minimal", "site"]  # no stage left
    assert list((course / ".coursekit" / "build").iterdir()) == []


def test_a_busy_folder(built, run, monkeypatch):
    course, out = built
    before = digest(out)
    busy = OSError(errno.EBUSY, "Device or resource busy", str(out))
    monkeypatch.setattr(swap_module, "exchange", raiser(busy))
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert result.err == (
        f"Error: {out}: Device or resource busy (a mount point or a folder in use cannot be "
        "replaced: pass --out to a folder inside it)\n"
    )
    assert digest(out) == before


def test_a_missing_permission_in_slides(run, monkeypatch, tmp_path):
    from coursekit.commands import slides

    denied = OSError(errno.EACCES, "Permission denied", str(tmp_path / "out"))
    monkeypatch.setattr(slides, "find_decks", raiser(denied))
    result = run("slides", tmp_path, "--out", tmp_path / "out")
    assert result.code == 1, result
    assert result.err == (
        f"Error: {tmp_path / 'out'}: Permission denied (check the folder's owner and "
        "permissions, or pass --out to one you can write)\n"
    )
