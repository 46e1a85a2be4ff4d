"""`coursekit slides` against `reveal-md --static` on the same ≥ 200 decks, in the same run:
cold (empty cache, empty output) and unchanged (same decks again), medians and ratios.

    python bench/bench_slides_vs_revealmd.py [--copies 25] [--runs 3]

The decks are this repository's lectures copied `--copies` times (8 decks each). reveal-md
5.3.4 is installed by the bench into a temporary folder (PUPPETEER_SKIP_DOWNLOAD=1, reused
between runs); it is never a dependency of coursekit. Both run as a user runs them: one
command each, in the corpus folder (where reveal-md reads reveal-md.json). Targets (issue 11):
cold ≤ 1.0× reveal-md, unchanged ≤ 0.05×. Wall times and CPU times (user + system of the
command and its workers) are both reported: on a shared machine the wall ratio follows the load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import repo_decks

REVEAL_MD = "reveal-md@5.3.4"
INSTALL = Path(tempfile.gettempdir()) / "coursekit-bench-reveal-md"


def reveal_md() -> Path:
    """reveal-md's executable, installed with npm into INSTALL on first use."""
    binary = INSTALL / "node_modules" / ".bin" / "reveal-md"
    if not binary.is_file():
        INSTALL.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            "PUPPETEER_SKIP_DOWNLOAD": "1",
            "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1",
        }
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(INSTALL), REVEAL_MD],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
    return binary


def timed(command: list[str], cwd: Path, cpu: list[float]) -> float:
    """Wall time of `command`; its CPU time (user + system, its children included) is
    appended to `cpu`: on a shared machine wall times swing with the load, CPU times do not."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=25)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    node = reveal_md()
    coursekit = [sys.executable, "-m", "coursekit.cli", "slides", "."]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        decks = repo_decks(root / "src", args.copies)
        times: dict[str, list[float]] = {"reveal-md": [], "cold": [], "unchanged": []}
        cpu: dict[str, list[float]] = {name: [] for name in times}
        for run in range(args.runs):
            # Interleaved, so both see the same load on a shared machine.
            out = root / f"reveal-md-{run}"
            static = [str(node), ".", "--static", str(out)]
            times["reveal-md"].append(timed(static, root / "src", cpu["reveal-md"]))
            out, cache = root / f"coursekit-{run}", root / f"cache-{run}"
            command = [*coursekit, "--out", str(out), "--cache", str(cache)]
            times["cold"].append(timed(command, root / "src", cpu["cold"]))
            times["unchanged"].append(timed(command, root / "src", cpu["unchanged"]))
            shutil.rmtree(root / f"reveal-md-{run}")
    print(f"{len(decks)} decks, median of {args.runs} runs (load {os.getloadavg()[0]:.1f})")
    print(f"{'':30} {'wall':>8} {'ratio':>6} {'CPU':>8} {'ratio':>6}")
    rows = [("reveal-md --static", "reveal-md"), ("coursekit slides, cold", "cold")]
    rows.append(("coursekit slides, unchanged", "unchanged"))
    base = {
        "wall": statistics.median(times["reveal-md"]),
        "cpu": statistics.median(cpu["reveal-md"]),
    }
    for label, name in rows:
        wall, used = statistics.median(times[name]), statistics.median(cpu[name])
        print(
            f"{label:30} {wall:6.2f} s {wall / base['wall']:5.2f}× "
            f"{used:6.2f} s {used / base['cpu']:5.2f}×"
        )


if __name__ == "__main__":
    main()
