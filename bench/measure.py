"""Timing and work counts shared by the benches: medians of wall and CPU time, and the
Python calls of one run (what the quick modes compare at n and 4n instead of timings)."""

from __future__ import annotations

import cProfile
import pstats
import statistics
import time
from collections.abc import Callable


def timed(
    step: Callable[[], object], runs: int, cpu: Callable[[], float] = time.process_time
) -> tuple[float, float]:
    """Median (wall, CPU) seconds of `runs` calls of `step`; `cpu` is the CPU clock (pass
    one counting child processes where they do the work). CPU time is steadier on a busy
    machine."""
    walls, cpus = [], []
    for _ in range(runs):
        started, spent = time.perf_counter(), cpu()
        step()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu() - spent)
    return statistics.median(walls), statistics.median(cpus)


def calls(step: Callable[[], object]) -> int:
    """Python function calls made by one run of `step`."""
    profile = cProfile.Profile()
    profile.runcall(step)
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]
