"""Notebook build times: a cold build (empty cache, every notebook executes) vs a warm one.

Generates N small percent-format notebooks in a temporary course, builds them with the
cache, then again (nothing executes), then after a markdown edit (still nothing). Usage:

    python bench/bench_notebooks.py [--notebooks 10] [--jobs 1]
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import time
from pathlib import Path

from coursekit.notebooks.build import build_notebooks

NOTEBOOK = """\
# %% [markdown]
# # Recitation {n}
#
# A small generated notebook.

# %%
import math

values = [math.sqrt(i) for i in range({size})]
print(f"{{len(values)}} values, last {{values[-1]:.3f}}")

# %% [markdown]
# ## Summary

# %%
sum(values)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=1, help="kernels at once on a cold build")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "requirements.txt").write_text("numpy\n")
        paths = []
        for n in range(args.notebooks):
            path = root / "recitations" / f"r{n:02d}.py"
            path.parent.mkdir(exist_ok=True)
            path.write_text(NOTEBOOK.format(n=n, size=100 + n), encoding="utf-8")
            paths.append(path.relative_to(root))

        def build():
            started = time.perf_counter()
            result = build_notebooks(
                paths,
                root=root,
                cache_dir=Path(".cache/notebooks"),
                lock_files=[Path("requirements.txt")],
                jobs=args.jobs,
            )
            return time.perf_counter() - started, result

        cold, first = build()
        warm, second = build()
        for path in paths:
            text = (root / path).read_text(encoding="utf-8")
            (root / path).write_text(text.replace("## Summary", "## In short"), encoding="utf-8")
        edited, third = build()

    print(f"{args.notebooks} notebooks, jobs={args.jobs}")
    print(f"cold build:          {cold:6.2f} s  executed {len(first.executed)}")
    print(f"warm build:          {warm:6.2f} s  executed {len(second.executed)}")
    print(f"after markdown edit: {edited:6.2f} s  executed {len(third.executed)}")
    print(f"warm speed-up:       {cold / warm:6.1f}x")


if __name__ == "__main__":
    main()
