"""`coursekit serve` run as a user runs it, for the tests of the live preview: a separate
process on a free port, stopped with SIGTERM (what `kill` sends) and required to exit 0."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(root: Path, log: Path, port: int | None = None) -> Iterator[tuple[str, int]]:
    """Serve the course in `root`, its output in `log`: yields (the offering's base URL for
    the test courses' S2026, the server's pid) once it says "Serving on"."""
    port = port or free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "coursekit.cli", "serve", "--root", str(root)]
            + ["--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        deadline = time.time() + 120
        while "Serving on" not in log.read_text():
            assert server.poll() is None, log.read_text()
            assert time.time() < deadline, log.read_text()
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/S2026/", server.pid
    except BaseException:
        server.kill()
        server.wait(timeout=30)
        raise
    server.send_signal(signal.SIGTERM)  # Ctrl+C ends it the same way
    assert server.wait(timeout=30) == 0, log.read_text()
