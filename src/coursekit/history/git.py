"""The versions of course files (`schedule.yaml` and the assignment pages it links) in the
course's git history, read with the `git` command (three processes in all: one `git log` lists
the commits that changed any of them, `git cat-file` names and reads every distinct blob).

Called by `changelog.py`. Measured on 1,000 commits of `schedule.yaml` (bench_changelog.py):
the CLI lists and reads them in about 0.1 s, dulwich's pure-Python walk with path filtering
took over 10 times longer, so the CLI it is. No git, or no repository: `FileHistory.in_git`
is False and the site says so.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_TIMEOUT = 60


@dataclass(frozen=True)
class Commit:
    """One commit that changed the file: its id, committer time (UTC) and the file's text
    then (None where the commit deleted it)."""

    sha: str
    time: dt.datetime
    text: str | None = None


@dataclass(frozen=True)
class FileHistory:
    """The commits that changed a file, newest first, and whether that list is complete."""

    in_git: bool
    commits: tuple[Commit, ...] = ()
    shallow: bool = False  # a shallow clone (CI's default): older commits are missing


def _git(root: Path, args: Sequence[str], stdin: bytes | None = None) -> bytes | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            input=stdin,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None  # no git on PATH, or it hung: treated as outside git
    return done.stdout if done.returncode == 0 else None


def commits_of(root: Path, paths: str | Sequence[str], since: str | None = None) -> FileHistory:
    """The commits (first-parent history of HEAD, newest first) that changed any of `paths`
    (relative to `root`), after commit `since` when given; texts not read yet."""
    paths = [paths] if isinstance(paths, str) else list(paths)
    inside = _git(root, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"])
    if inside is None or not inside.startswith(b"true"):
        return FileHistory(in_git=False)
    shallow = inside.split()[-1] == b"true"
    # The main line only: a merged branch's own commits were never published on their own.
    revisions = f"{since}..HEAD" if since else "HEAD"
    listed = _git(root, ["log", "--first-parent", "--format=%H %ct", revisions, "--", *paths])
    if listed is None:
        return FileHistory(in_git=True, shallow=shallow)  # no commit yet, or `since` unknown
    commits = []
    words = listed.decode("ascii").split()
    for sha, seconds in zip(words[::2], words[1::2], strict=True):
        commits.append(Commit(sha, dt.datetime.fromtimestamp(int(seconds), dt.UTC)))
    return FileHistory(True, tuple(commits), shallow)


def texts_of(
    root: Path, paths: Sequence[str], revisions: Sequence[str]
) -> list[tuple[str | None, ...]]:
    """The texts of `paths` at each revision, one tuple per revision in the order of `paths`
    (None where a file is missing or not UTF-8). Two processes: `git cat-file --batch-check`
    names each version's blob, `git cat-file --batch` reads each distinct blob once (an
    assignment page changes in few of the commits that list it)."""
    names = [f"{rev}:./{path}" for rev in revisions for path in paths]
    oids = _blob_ids(root, names)
    distinct = list(dict.fromkeys(oid for oid in oids if oid))
    by_id = dict(zip(distinct, _blobs(root, distinct), strict=True))
    texts = [by_id[oid] if oid else None for oid in oids]
    width = len(paths)
    return [tuple(texts[i : i + width]) for i in range(0, len(texts), width)]


def _blob_ids(root: Path, names: Sequence[str]) -> list[str | None]:
    """The blob id of each `<revision>:<path>` name (None where it is missing)."""
    if not names:
        return []
    out = _git(
        root,
        ["cat-file", "--batch-check=%(objectname) %(objecttype)"],
        stdin="".join(f"{n}\n" for n in names).encode(),
    )
    if out is None:
        return [None] * len(names)
    ids: list[str | None] = []
    for line in out.decode("utf-8", "replace").splitlines():
        words = line.split()
        # "<name> missing" where the file did not exist then.
        ids.append(words[0] if len(words) == 2 and words[1] == "blob" else None)
    return ids if len(ids) == len(names) else [None] * len(names)


def _blobs(root: Path, names: Sequence[str]) -> list[str | None]:
    """The text of each object (a blob id, or `<revision>:<path>`), read by one
    `git cat-file --batch`."""
    if not names:
        return []
    out = _git(root, ["cat-file", "--batch"], stdin="".join(f"{n}\n" for n in names).encode())
    if out is None:
        return [None] * len(names)
    texts: list[str | None] = []
    at = 0
    for _ in names:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            texts.append(None)  # "<name> missing": the file did not exist then
            continue
        size = int(header[2])
        try:
            texts.append(out[at : at + size].decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(None)
        at += size + 1
    return texts


def commit_exists(root: Path, revision: str) -> bool:
    return _git(root, ["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"]) is not None


def head_commit(root: Path) -> str | None:
    """The commit checked out at `root` (None outside git): what a cached log is keyed on."""
    out = _git(root, ["rev-parse", "HEAD"])
    return out.decode("ascii").strip() if out else None
