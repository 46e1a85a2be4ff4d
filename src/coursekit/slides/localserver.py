"""A throwaway static HTTP server on 127.0.0.1 (random port) for one folder.

`pdf.py` prints decks through it and the browser tests open decks through it, so fonts,
images and the speaker view load as they do online rather than from file:// URLs.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser closing a connection early is normal; nothing to report.
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root`; yield the base URL (ending in '/')."""
    server = _Server(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name="coursekit-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
