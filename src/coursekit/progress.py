"""Progress lines of a long build: each offering built, each notebook executed, each PDF
printed, one line each, so a first build is not 25 silent seconds.

The build (site/build.py), the notebook runner (notebooks/build.py) and the PDF printer
(slides/pdf.py) call `step()`; `coursekit build` and `serve` show the lines with `shown()`
where `wanted()` says so: on a terminal, not in CI, always with `--verbose`.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from typing import TextIO

log = logging.getLogger("coursekit.progress")


def step(message: str, *args: object) -> None:
    """One progress line (`%`-style arguments, as logging takes them)."""
    log.info(message, *args)


def wanted(stream: TextIO, *, verbose: bool = False) -> bool:
    """Whether to show progress on `stream`: with `verbose` always; otherwise only on a
    terminal, and not under CI (its log keeps every line, and the build's own summary
    says what was built)."""
    if verbose:
        return True
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-less stream
        return False


@contextlib.contextmanager
def shown(stream: TextIO, *, enabled: bool = True) -> Iterator[None]:
    """While the block runs, write each `step()` to `stream` as a line of its own (nothing
    when not `enabled`). They go to this handler only: the build's warning collector and
    `-v`'s log format never see them."""
    if not enabled:
        yield
        return
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level, propagate = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate
