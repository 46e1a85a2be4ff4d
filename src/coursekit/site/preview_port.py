"""Why the live preview cannot listen on a port, as one problem a user can act on.

`coursekit serve` (commands/serve.py) asks `taken_on_localhost` before it listens and
`port_problem` when listening fails: both name the port, the program holding it when the
system says (psutil), and a free port to pass instead.
"""

from __future__ import annotations

import errno
import os
import socket
from typing import TYPE_CHECKING

from coursekit.errors import Problem

if TYPE_CHECKING:
    import psutil

# How far above a taken port to look for a free one to suggest.
SUGGEST_WITHIN = 20


def port_problem(host: str, port: int, error: OSError) -> Problem:
    """Listening on `host:port` failed with `error`: what to do instead."""
    if error.errno == errno.EADDRINUSE:
        return _in_use(f"{host}:{port}", port)
    if error.errno in (errno.EACCES, errno.EPERM):
        return Problem(
            f"{host}:{port}: not allowed to listen there (ports below 1024 need root)",
            fix=f"pass another port: --port {_free_port(8000) or 8000}",
        )
    reason = error.strerror or str(error)
    return Problem(f"{host}:{port}: cannot listen there: {reason}", fix="pass another --port")


def taken_on_localhost(port: int) -> Problem | None:
    """A problem if another program listens on `localhost:port` over IPv6 (`[::1]`): a
    browser opening `localhost:port` may reach it instead of the preview on 127.0.0.1.
    None where IPv6 is off, or for port 0 (any free port)."""
    if port == 0 or not socket.has_ipv6:
        return None
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("::1", port))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return _in_use(f"localhost:{port} (IPv6, [::1]:{port})", port)
    return None


def _in_use(where: str, port: int) -> Problem:
    holder = _holder(port)
    free = _free_port(port + 1)
    advice = f"pass a free port: --port {free}" if free else "pass another --port"
    return Problem(
        f"{where} is in use" + (f" by {holder}" if holder else ""),
        fix=("stop that program, or " if holder else "stop the program serving there, or ")
        + advice,
    )


def _holder(port: int) -> str | None:
    """The program listening on `port`, as `command (pid N)`, when the system says."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        for conn in psutil.net_connections("tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port:
                if conn.pid is None or conn.pid == os.getpid():
                    return None
                return f"{_command(psutil.Process(conn.pid))} (pid {conn.pid})"
    except (psutil.Error, OSError):  # access denied (macOS without root), a process gone
        return None
    return None


def _command(process: psutil.Process) -> str:
    """A process's command line, short: `python -m http.server 8000`."""
    words = list(process.cmdline()) or [process.name()]
    words[0] = os.path.basename(words[0])
    line = " ".join(" ".join(words).split())  # `python -c` code spans lines
    return line if len(line) <= 60 else line[:59] + "…"


def _free_port(start: int) -> int | None:
    """The first port from `start` that 127.0.0.1 and localhost's IPv6 both leave free."""
    for port in range(start, min(start + SUGGEST_WITHIN, 65536)):
        try:
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(("127.0.0.1", port))
        except OSError:
            continue
        if taken_on_localhost(port) is None:
            return port
    return None
