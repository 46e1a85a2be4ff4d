"""coursekit's file watcher: says when an edit to the course's sources has settled.

`coursekit serve` (commands/serve.py) waits on it and rebuilds. It uses the platform's native
events (inotify on Linux), which report a save at once instead of at the next poll.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from types import TracebackType

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from coursekit.layout import SOURCES

# Events that change a file. Not "opened" or "closed_no_write": our own rebuild reads
# schedule.yaml and every deck, and would otherwise trigger the next rebuild.
CHANGES = frozenset({"modified", "created", "deleted", "moved", "closed"})
# An editor's save is several events (write, close, rename): rebuild once they stop.
SETTLE = 0.02


class SourceWatcher:
    """Watches `root`'s sources (`layout.SOURCES`) while in a `with` block."""

    def __init__(
        self, root: Path, sources: Iterable[str] = SOURCES, settle: float = SETTLE
    ) -> None:
        self.root = root.resolve()
        self.sources = frozenset(sources)
        self.settle = settle
        self._lock = threading.Lock()
        self._changed = threading.Event()
        self._paths: set[str] = set()
        self._last = 0.0
        self._observer = Observer()
        self._handler = _Handler(self)
        self._watched: set[str] = set()

    def __enter__(self) -> SourceWatcher:
        # The root itself only for its own files (schedule.yaml, mkdocs.yml) and for source
        # folders made later; never recursively, or every write to .coursekit/, .git/ or
        # site/ would wake us.
        self._observer.schedule(self._handler, str(self.root), recursive=False)
        for name in sorted(self.sources):
            self._watch_folder(name)
        self._observer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._observer.stop()
        self._observer.join()

    def wait(self, timeout: float | None = None) -> list[str] | None:
        """The sources changed since the last call (course-relative, sorted), once no new
        change came for `settle` seconds; None if nothing changed within `timeout`."""
        if not self._changed.wait(timeout):
            return None
        while True:
            with self._lock:
                quiet = time.monotonic() - self._last
                if quiet >= self.settle:
                    paths, self._paths = self._paths, set()
                    self._changed.clear()
                    return sorted(paths)
            time.sleep(self.settle - quiet)

    def _watch_folder(self, name: str) -> None:
        folder = self.root / name
        if name not in self._watched and folder.is_dir():
            self._watched.add(name)
            self._observer.schedule(self._handler, str(folder), recursive=True)

    def saw(self, path: str, is_directory: bool) -> None:
        """Called by the observer's thread for each changed path."""
        try:
            relative = PurePosixPath(Path(path).relative_to(self.root).as_posix())
        except ValueError:
            return
        parts = relative.parts
        if not parts or parts[0] not in self.sources or not _is_source(parts):
            return
        if is_directory and len(parts) == 1:
            self._watch_folder(parts[0])  # a source folder made while serving
        with self._lock:
            self._paths.add(str(relative))
            self._last = time.monotonic()
            self._changed.set()


def _is_source(parts: tuple[str, ...]) -> bool:
    """Not an editor's or a tool's own file: hidden (`.deck.md.swp`), a backup (`deck.md~`),
    Python's bytecode."""
    return not any(p.startswith(".") or p.endswith("~") or p == "__pycache__" for p in parts)


class _Handler(FileSystemEventHandler):
    def __init__(self, watcher: SourceWatcher) -> None:
        self.watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in CHANGES:
            return
        # A folder's own "modified" only repeats the events of the files inside it.
        if event.is_directory and event.event_type in ("modified", "closed"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self.watcher.saw(str(path), event.is_directory)
