"""The live-preview web server: serves a built site, reloads the open pages after a
rebuild and shows what to fix over them while the last save is broken; the preview's own
temporary folder. Used by `coursekit serve` (commands/serve.py), which opens the server with
`open_preview_server` (a port it cannot have is one line) and calls `reload()` and `fail()`.

Every HTML page it serves carries a small script that asks
`/.coursekit/reload?seen=V&shown=E`: the answer (JSON: version, errors and their id) comes
at once if the site is no longer at version V or its errors are no longer E, else as soon
as either changes (or after half a minute, and the script asks again). A new version
reloads the page; new errors are shown in a box over it, as text, never as markup.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from coursekit.errors import CourseError
from coursekit.i18n import N_, gettext_for
from coursekit.site.lock import process_alive
from coursekit.site.preview_port import port_problem, taken_on_localhost

RELOAD_PATH = "/.coursekit/reload"
# A long poll answers within this many seconds even without a change: proxies and browsers
# give up on requests that stay silent for minutes.
LONGEST_WAIT = 30.0
# The box's words, in the course's language.
ERROR_TITLE = N_("The last save has errors: this page shows the last good build.")
ERROR_HIDE = N_("Hide")
_SCRIPT = """<script>
(() => {
  const seen = %(version)s;
  const words = %(words)s;
  let shown = "";
  const show = (errors) => {
    let box = document.getElementById("coursekit-errors");
    if (!errors.length) return box && box.remove();
    if (!box) {
      box = document.createElement("div");
      box.id = "coursekit-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;" +
        "max-height:45vh;overflow:auto;margin:0;padding:.8em 1em;box-sizing:border-box;" +
        "background:#fff4f4;color:#5f0000;border-top:4px solid #c62828;" +
        "font:15px/1.45 system-ui,sans-serif;text-align:left;color-scheme:light";
      document.body.append(box);
    }
    const title = document.createElement("strong");
    title.textContent = words.title;
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = words.hide;
    hide.style.cssText = "float:right;min-width:44px;min-height:32px;margin-left:1em;" +
      "font:inherit;color:inherit;background:#fff;border:1px solid #c62828;border-radius:4px";
    hide.onclick = () => box.remove();
    const list = document.createElement("pre");
    list.textContent = errors.join("\\n");
    list.style.cssText = "margin:.5em 0 0;white-space:pre-wrap;overflow-wrap:anywhere;" +
      "font:14px/1.45 ui-monospace,monospace;color:inherit;background:none";
    box.replaceChildren(hide, title, list);
  };
  const ask = () => fetch("%(path)s?seen=" + encodeURIComponent(seen) +
      "&shown=" + encodeURIComponent(shown), {cache: "no-store"})
    .then((answer) => answer.json())
    .then((now) => {
      if (now.version !== seen) return location.reload();
      shown = now.shown;
      show(now.errors);
      ask();
    })
    .catch(() => setTimeout(ask, 500));
  ask();
})();
</script>
"""
_BODY_END = re.compile(rb"</body\s*>", re.I)


class PreviewServer:
    """Serves `site_dir` on `host:port` from a thread of its own, from `start()` to the end
    of its `with` block."""

    def __init__(
        self, site_dir: Path, host: str = "127.0.0.1", port: int = 8000, locale: str = "en"
    ) -> None:
        self.site_dir = site_dir
        self.host = host
        _ = gettext_for(locale)
        self._words = _script_json({"title": _(ERROR_TITLE), "hide": _(ERROR_HIDE)})
        # What the last save got wrong (empty: it built), and a count of such changes.
        self._errors: list[str] = []
        self._failures = 0
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
        """The site changed: reload every open page (which shows no error box)."""
        with self._changed:
            self._count += 1
            self._errors = []
            self._changed.notify_all()

    def fail(self, problems: list[str]) -> None:
        """The last save did not build: show `problems` over every open page, which keeps
        the last good build, until the next `reload()`."""
        with self._changed:
            self._failures += 1
            self._errors = list(problems)
            self._changed.notify_all()

    @property
    def _shown(self) -> str:
        return f"{self._failures}" if self._errors else ""

    def next_state(
        self, seen: str, shown: str | None = None, timeout: float = LONGEST_WAIT
    ) -> dict[str, object]:
        """The site's version and errors once the version is not `seen` or the errors not
        those of id `shown` (None: those of now), or `timeout` passed."""
        with self._changed:
            shown = self._shown if shown is None else shown
            self._changed.wait_for(
                lambda: self.version != seen or self._shown != shown or self._closing, timeout
            )
            return {"version": self.version, "errors": self._errors, "shown": self._shown}

    def script(self) -> bytes:
        """The reload script for a page served now."""
        values = {"version": _script_json(self.version), "words": self._words}
        return (_SCRIPT % {**values, "path": RELOAD_PATH}).encode()


def open_preview_server(out: Path, port: int, locale: str = "en") -> PreviewServer:
    """The preview server on 127.0.0.1:`port`, or a one-line error saying why it cannot
    listen there (a busy port: which program holds it, and a free one to pass instead)."""
    host = "127.0.0.1"
    # A browser opening localhost:PORT may reach a program on [::1]:PORT instead.
    problem = taken_on_localhost(port)
    if problem is not None:
        raise CourseError(problem)
    try:
        return PreviewServer(out, host=host, port=port, locale=locale)
    except OSError as error:
        raise CourseError(port_problem(host, port, error)) from None


TEMP_PREFIX = "coursekit-serve-"


@contextlib.contextmanager
def preview_folder() -> Iterator[Path]:
    """A temporary folder named after this process, removed when the block ends; those of
    previews that are gone (killed with SIGKILL, a machine that lost power) are removed
    first."""
    temp = Path(tempfile.gettempdir())
    for old in temp.glob(f"{TEMP_PREFIX}*-*"):
        pid = old.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


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
            query = parse_qs(url.query, keep_blank_values=True)
            seen, shown = query.get("seen", [""])[0], query.get("shown", [None])[0]
            state = self.preview.next_state(seen, shown)
            self._send(200, "application/json", json.dumps(state).encode())
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


def _script_json(value: object) -> str:
    """`value` as a JavaScript literal that cannot end the `<script>` it is written in."""
    return json.dumps(value).replace("<", "\\u003c")
