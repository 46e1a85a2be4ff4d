"""Work a course build starts early and collects when a page first needs it: the recitation
notebooks run in a thread of their own (their kernels are processes, on the second core)
while the landing page and the offerings without notebooks render.

`materials.py` makes a `Pending` for the notebooks; `build.py` opens it as a context (leaving
the block waits, so no kernel outlives the build) and joins it before the first offering that
uses the notebooks renders. The live preview and `coursekit notebook` run them in place.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """The result of `work(ready, stopped)`, computed in a thread from now (`background`) or
    right away. The work sets the event `ready` once the caller may go on beside it (its
    kernels started; it is set when the work ends, too) and starts nothing new once
    `stopped()` (the block was left: the build failed or was interrupted)."""

    def __init__(
        self,
        work: Callable[[threading.Event, Callable[[], bool]], T],
        *,
        background: bool,
        name: str = "work",
    ) -> None:
        self.background = background
        self.ready = threading.Event()
        self._stopped = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        if background:
            self._pool = ThreadPoolExecutor(1, thread_name_prefix=f"coursekit-{name}")
            # The caller's context goes along (the pinned build clock, the page being rendered).
            self._future = self._pool.submit(contextvars.copy_context().run, self._run, work)
        else:
            self._future = Future()
            self._future.set_result(self._run(work))

    def _run(self, work: Callable[[threading.Event, Callable[[], bool]], T]) -> T:
        try:
            return work(self.ready, self._stopped.is_set)
        finally:
            self.ready.set()

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def done(self) -> bool:
        """Whether the work ended (`result()` returns at once)."""
        return self._future.done()

    def result(self) -> T:
        """The result, waiting for it; the work's exception, if it raised."""
        return self._future.result()

    def close(self) -> None:
        """Wait for the work to end (a build that failed elsewhere leaves no kernel running)."""
        if self._pool is not None:
            self._stopped.set()
            self._pool.shutdown(wait=True, cancel_futures=True)
