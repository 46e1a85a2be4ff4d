"""`coursekit slides` against `reveal-md --static` on the same ≥ 200 decks, in the same run:
cold (empty cache, empty output) and unchanged (same decks again), medians and ratios.

    python bench/bench_slides_vs_revealmd.py [--copies 25] [--runs 3]

The decks are this repository's lectures copied `--copies` times (8 decks each). reveal-md
5.3.4 is installed by the bench into a temporary folder (PUPPETEER_SKIP_DOWNLOAD=1, reused
between runs); it is never a dependency of coursekit. Both run as a user runs them: one
command each, in the corpus folder (where reveal-md reads reveal-md.json). Targets (issue 11):
cold ≤ 1.0× reveal-md, unchanged ≤ 0.05×.
"""

from __future__ import annotations

import argparse
import os
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


def timed(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
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
        for run in range(args.runs):
            # Interleaved, so both see the same load on a shared machine.
            out = root / f"reveal-md-{run}"
            times["reveal-md"].append(timed([str(node), ".", "--static", str(out)], root / "src"))
            out, cache = root / f"coursekit-{run}", root / f"cache-{run}"
            command = [*coursekit, "--out", str(out), "--cache", str(cache)]
            times["cold"].append(timed(command, root / "src"))
            times["unchanged"].append(timed(command, root / "src"))
            shutil.rmtree(root / f"reveal-md-{run}")
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["reveal-md"]
    print(f"{len(decks)} decks, median of {args.runs} runs (load {os.getloadavg()[0]:.1f})")
    print(f"reveal-md --static            {base:6.2f} s   1.00×")
    print(f"coursekit slides, cold        {median['cold']:6.2f} s   {median['cold'] / base:.2f}×")
    print(
        f"coursekit slides, unchanged   {median['unchanged']:6.2f} s   "
        f"{median['unchanged'] / base:.2f}×"
    )


if __name__ == "__main__":
    main()
