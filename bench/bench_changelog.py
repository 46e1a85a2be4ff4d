"""Change-log generation over a long history: a fixture repository holding this course's
`schedule.yaml` with its assignment pages and 1,000 commits that edit them (a session renamed,
moved, a reading added, a due item moved — one small edit each, as a term of weekly edits
makes; every tenth commit also edits a page: its points, or its text every other time), made
with `git fast-import` in a temporary folder; then the S2027 change log is read `--runs` times and
the median wall and CPU time printed (target: under 2 s). Usage:

    python bench/bench_changelog.py [--commits 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from coursekit.history import ChangeLogSettings, change_log

REPO = Path(__file__).resolve().parents[1]
OID = "S2027"


def versions(text: str, count: int) -> list[str]:
    """`count` versions of the schedule, each one small edit after the one before: a title
    renamed, a reading or a note added where the session has none, or a comment."""
    out = []
    for i in range(count):
        # Titles of S2027 only: the first offering of the file, up to the next one.
        last = text.index("\n  S2022:")
        titles = [m.start() for m in re.finditer(r"(?m)^        title: ", text[:last])]
        at = titles[(i * 7) % len(titles)]
        end = text.index("\n", at)
        following = text.find("\n      - ", end)
        block = text[at : following if following > 0 else len(text)]
        line = text[at:end]
        if i % 4 == 3:  # a comment: no visible change
            line += f"\n        # edit {i}"
        elif i % 4 == 1 and "readings:" not in block:
            line += f"\n        readings: [{{title: Paper {i}, url: https://example.org/{i}}}]"
        elif i % 4 == 2 and "notes:" not in block:
            line += f"\n        notes: room change {i}"
        else:  # a rename
            quote = line[-1] if line[-1] in "'\"" else ""
            bare = re.sub(r" \(rev \d+\)$", "", line.removesuffix(quote) if quote else line)
            line = f"{bare} (rev {i}){quote}"
        text = text[:at] + line + text[end:]
        out.append(text)
    return out


def make_repository(folder: Path, count: int) -> None:
    """A repository whose `schedule.yaml` has `count` commits, made in one fast-import."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True)
    start = dt.datetime(2026, 11, 30, tzinfo=dt.UTC)
    stream = bytearray()
    texts = [
        (REPO / "schedule.yaml").read_text("utf-8"),
        *versions((REPO / "schedule.yaml").read_text("utf-8"), count),
    ]
    pages = {f"assignments/{f.name}": f.read_text("utf-8") for f in _pages()}
    for n, text in enumerate(texts):
        data = text.encode("utf-8")
        when = int((start + dt.timedelta(hours=n)).timestamp())
        message = f"edit {n}".encode()
        stream += b"commit refs/heads/main\n"
        stream += f"committer Ada <ada@example.org> {when} +0000\n".encode()
        stream += b"data %d\n%s\n" % (len(message), message)
        # Later commits on the branch continue from the one before (fast-import's rule).
        stream += b"M 100644 inline schedule.yaml\ndata %d\n%s\n" % (len(data), data)
        for path in _page_edits(pages, n):
            page = pages[path].encode("utf-8")
            stream += b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(page), page)
    subprocess.run(
        ["git", "-C", str(folder), "fast-import", "--quiet"], input=bytes(stream), check=True
    )
    subprocess.run(["git", "-C", str(folder), "checkout", "-q", "main"], check=True)


def _pages() -> list[Path]:
    return sorted((REPO / "assignments").glob("*.md"))


def _page_edits(pages: dict[str, str], n: int) -> list[str]:
    """The pages commit `n` writes: all of them first, then one in every tenth commit (its
    points, which is an entry, or a line of its text, which is not)."""
    if n == 0:
        return list(pages)
    if n % 10:
        return []
    path = list(pages)[(n // 10) % len(pages)]
    if n % 20:
        pages[path] = re.sub(r"(?m)^points: \d+", f"points: {100 + n}", pages[path], count=1)
    else:
        pages[path] += f"\nEdit {n}.\n"
    return [path]


def _cpu() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "course"
        made = time.perf_counter()
        make_repository(folder, args.commits)
        print(f"fixture: {args.commits} commits in {time.perf_counter() - made:.1f} s")
        settings = ChangeLogSettings(since=dt.date(2026, 1, 1))
        walls, cpus, entries = [], [], 0
        for _ in range(args.runs):
            # CPU of this process and of the git processes it waited for: on a shared
            # machine wall times follow the load, CPU times barely do.
            started, cpu = time.perf_counter(), _cpu()
            log = change_log(folder, OID, dt.date(2027, 1, 19), settings)
            walls.append(time.perf_counter() - started)
            cpus.append(_cpu() - cpu)
            entries = len(log.entries)
        print(
            f"change log of {OID}: {entries} entries from {args.commits} commits, "
            f"median {statistics.median(walls):.2f} s wall, {statistics.median(cpus):.2f} s CPU "
            f"(git included) "
            f"(target: under 2 s)"
        )


if __name__ == "__main__":
    main()
