"""The live-preview web server: serves a built site and reloads the open pages after a
rebuild. Used by `coursekit serve` (commands/serve.py), which calls `reload()`.

Every HTML page it serves carries a small script that asks `/.coursekit/reload?seen=V`:
the answer comes at once if the site is no longer at version V, else as soon as it
changes (or after half a minute, and the script asks again); a new version reloads the page.
"""

from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

RELOAD_PATH = "/.coursekit/reload"
# A long poll answers within this many seconds even without a change: proxies and browsers
# give up on requests that stay silent for minutes.
LONGEST_WAIT = 30.0
_SCRIPT = """<script>
(() => {
  const seen = %s;
  const ask = () => fetch("%s?seen=" + encodeURIComponent(seen), {cache: "no-store"})
    .then((answer) => answer.text())
    .then((now) => (now === seen ? ask() : location.reload()))
    .catch(() => setTimeout(ask, 500));
  ask();
})();
</script>
"""
_BODY_END = re.compile(rb"</body\s*>", re.I)


class PreviewServer:
    """Serves `site_dir` on `host:port` from a thread of its own, from `start()` to the end
    of its `with` block."""

    def __init__(self, site_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
        self.site_dir = site_dir
        self.host = host
        # A new server starts a new line of versions: pages left open reload when it answers.
        self._start = f"{time.time_ns():x}"
        self._count = 0
        self._changed = threading.Condition()
        self._closing = False
        handler = functools.partial(_Handler, directory=str(site_dir), preview=self)
        self._http = _Server((host, port), handler)
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self._http.server_address[1]}/"

    @property
    def version(self) -> str:
        return f"{self._start}-{self._count}"

    def start(self) -> None:
        """Answer requests (the port is taken from the moment the server is made)."""
        self._thread.start()

    def __enter__(self) -> PreviewServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._thread.is_alive():
            self._http.shutdown()
        self._http.server_close()

    def reload(self) -> None:
        """The site changed: reload every open page."""
        with self._changed:
            self._count += 1
            self._changed.notify_all()

    def next_version(self, seen: str, timeout: float = LONGEST_WAIT) -> str:
        """The site's version once it is not `seen` (or `timeout` passed)."""
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self._closing, timeout)
            return self.version

    def script(self) -> bytes:
        """The reload script for a page served now."""
        return (_SCRIPT % (f'"{self.version}"', RELOAD_PATH)).encode()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True  # a waiting long poll must not keep the process alive

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that moved on closed its connection: nothing went wrong here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, preview: PreviewServer, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        url = urlsplit(self.path)
        if url.path == RELOAD_PATH:
            seen = parse_qs(url.query).get("seen", [""])[0]
            self._send(200, "text/plain", self.preview.next_version(seen).encode())
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send_page(200, path)
        elif not path.exists() and (missing := self._not_found_page(unquote(url.path))):
            # The site's own 404 page, which reloads too: the page may be about to appear.
            self._send_page(404, missing)
        else:
            super().do_GET()

    def end_headers(self) -> None:
        # Every response is checked again: the site changes under the browser's cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's)
        pass  # one line per request would bury the rebuild messages

    def _send_page(self, status: int, path: Path) -> None:
        try:
            page = path.read_bytes()
        except OSError:  # removed by the rebuild running now
            self.send_error(404)
            return
        script = self.preview.script()
        found = list(_BODY_END.finditer(page))
        at = found[-1].start() if found else len(page)
        self._send(status, "text/html; charset=utf-8", page[:at] + script + page[at:])

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _not_found_page(self, url_path: str) -> Path | None:
        """The 404 page of the semester the path is in, or of the site."""
        site = self.preview.site_dir
        first = url_path.strip("/").split("/", 1)[0]
        candidates = [site / "404.html"]
        if first not in ("", ".", ".."):
            candidates.insert(0, site / first / "404.html")
        return next((page for page in candidates if page.is_file()), None)
