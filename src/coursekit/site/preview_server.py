"""The live-preview web server: serves a built site, reloads the open pages after a
rebuild and shows what to fix over them while the last save is broken; the preview's own
temporary folder. Used by `coursekit serve` (commands/serve.py), which opens the server with
`open_preview_server` (a port it cannot have is one line) and calls `reload()` and `fail()`.

Every HTML page it serves carries a small script that asks
`/.coursekit/reload?page=P&seen=V&shown=E`: the answer (JSON: version, errors and their id)
comes at once if page P is no longer at version V or the errors are no longer E, else as
soon as either changes (or after half a minute, and the script asks again). A page's
version moves when a rebuild rewrote its file, or anything a page shows besides its own
HTML (a stylesheet, an image): a save reloads the pages it changed, not every open tab. A
new version reloads the page; new errors are shown in a box over it, as text, never markup.
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
from collections.abc import Iterable, Iterator
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
  const page = %(page)s;
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
  const ask = () => fetch("%(path)s?page=" + encodeURIComponent(page) +
      "&seen=" + encodeURIComponent(seen) +
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
        # The count of the last rebuild that changed every page, and of the last one that
        # changed each page file (site-relative path): a page's version is the later one.
        self._all = 0
        self._pages: dict[str, int] = {}
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
        """The site's version: it moves with every rebuild."""
        return f"{self._start}-{self._count}"

    def page_version(self, page: str) -> str:
        """The version of the page file `page` (site-relative; "": any page, such as a 404
        page whose address may be about to exist): it moves when a rebuild changed it."""
        if not page:
            return self.version
        return f"{self._start}-{max(self._all, self._pages.get(page, 0))}"

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

    def reload(self, pages: Iterable[str] | None = None) -> None:
        """The site changed: reload the open pages whose files are among `pages`
        (site-relative paths; None: every page); no page shows an error box any more."""
        with self._changed:
            self._count += 1
            if pages is None:
                self._all = self._count
            else:
                self._pages.update(dict.fromkeys(pages, self._count))
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
        self,
        seen: str,
        shown: str | None = None,
        timeout: float = LONGEST_WAIT,
        page: str = "",
    ) -> dict[str, object]:
        """The version of `page` (see `page_version`) and the errors, once that version is
        not `seen` or the errors not those of id `shown` (None: those of now), or `timeout`
        passed."""
        with self._changed:
            shown = self._shown if shown is None else shown
            self._changed.wait_for(
                lambda: self.page_version(page) != seen or self._shown != shown or self._closing,
                timeout,
            )
            version = self.page_version(page)
            return {"version": version, "errors": self._errors, "shown": self._shown}

    def script(self, page: str = "") -> bytes:
        """The reload script for the page file `page` (site-relative), served now."""
        with self._changed:
            version = self.page_version(page)
        values = {"version": _script_json(version), "words": self._words}
        values["page"] = _script_json(page)
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
            state = self.preview.next_state(seen, shown, page=query.get("page", [""])[0])
            self._send(200, "application/json", json.dumps(state).encode())
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and url.path.endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send_page(200, path, self._page_of(path))
        elif not path.exists() and (missing := self._not_found_page(unquote(url.path))):
            # The site's own 404 page, which reloads on any change: the page may be about
            # to appear.
            self._send_page(404, missing, "")
        else:
            super().do_GET()

    def end_headers(self) -> None:
        # Every response is checked again: the site changes under the browser's cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (http.server's)
        pass  # one line per request would bury the rebuild messages

    def _page_of(self, path: Path) -> str:
        """`path` relative to the site, as the rebuild names the files it changed."""
        try:
            return path.relative_to(self.preview.site_dir).as_posix()
        except ValueError:
            return ""

    def _send_page(self, status: int, path: Path, name: str) -> None:
        try:
            page = path.read_bytes()
        except OSError:  # removed by the rebuild running now
            self.send_error(404)
            return
        script = self.preview.script(name)
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
