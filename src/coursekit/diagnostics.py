"""One channel for the warnings of a build: a logging handler on the `coursekit` logger tree
and on the libraries' loggers that turns every WARNING into a `Problem`, named by file:line
where it can be told.

`site/build.py` opens it around a whole build (`collect`), so `--strict` fails on any of them
whichever module logged it; `site/engine.py` says which course file MkDocs is rendering
(`rendering`), so a formula warning names the page or deck it came from. MkDocs' own tree
(`mkdocs.*`, Material's plugins too) is collected by `site/engine.py` per build.
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TextIO

from coursekit.errors import Problem, relative

# The course file being turned into a page right now (None: not known), asked per record.
_current: ContextVar[Callable[[], Path | None] | None] = ContextVar("_current", default=None)

# Loggers whose warnings a build reports, with the name a message starts with (None: ours).
# Python-Markdown and the extensions that log through it, nbconvert (which logs through
# traitlets), jupytext, and Python's `warnings` (a library's UserWarning while rendering).
WATCHED: dict[str, str | None] = {
    "coursekit": None,
    "MARKDOWN": "Markdown",
    "traitlets": "nbconvert",
    "nbconvert": "nbconvert",
    "jupytext": "jupytext",
    "py.warnings": "Python",
}


class Diagnostics(logging.Handler):
    """Collects the WARNINGs (and worse) of the `WATCHED` loggers while it is attached.

    A record may say where it comes from with `extra={"file": …, "line": …, "fix": …}`;
    otherwise the file being rendered names it, and `extra={"snippet": text}` (e.g. the TeX
    of a formula) finds its line in that file.
    """

    _forward: _Forward  # set by attached()

    def __init__(self, root: Path) -> None:
        super().__init__(level=logging.WARNING)
        self.root = root
        self.found: list[Problem] = []
        self._forward = _Forward()
        self._root_only = _RootOnly(self)
        self._propagated: dict[str, bool] = {}
        self._showwarning = warnings.showwarning

    def emit(self, record: logging.LogRecord) -> None:
        file, line = getattr(record, "file", None), getattr(record, "line", None)
        if file is None:
            locate = _current.get()
            path = locate() if locate else None
            if path is not None:
                file = relative(path, self.root)
                line = _line_of(path, getattr(record, "snippet", None))
        fix = getattr(record, "fix", None)
        message = record.getMessage()
        # jupytext warns on the root logger itself, as "[jupytext] …": no name to add.
        source = _source(record.name)
        if source:
            message = f"{source}: {message}"
        self.found.append(Problem(message, file=file, line=line, fix=fix))

    @property
    def problems(self) -> list[Problem]:
        """Each warning once, at the most precise place it was reported (a formula of a deck
        warns when the deck is parsed and again when its handout page is rendered)."""
        placed = {p.message for p in self.found if p.file}
        unique = {str(p): p for p in self.found if p.file or p.message not in placed}
        return list(unique.values())

    @classmethod
    def attached(cls, root: Path) -> Diagnostics:
        """Start collecting the warnings of every `WATCHED` logger (paths relative to `root`)
        until `detach()`. They are reported once, at the end, with their place; meanwhile
        they do not also go to the terminal bare. Progress messages (`-v`) still do."""
        handler = cls(root)
        for name in WATCHED:
            logger = logging.getLogger(name)
            handler._propagated[name] = logger.propagate
            logger.addHandler(handler)
            logger.addHandler(handler._forward)
            logger.propagate = False
        logging.getLogger().addHandler(handler._root_only)
        # Python's warnings go to the terminal, not to logging, unless told (as
        # `logging.captureWarnings` would, without touching its process-wide switch).
        handler._showwarning = warnings.showwarning
        warnings.showwarning = _log_warning
        return handler

    def detach(self) -> None:
        warnings.showwarning = self._showwarning
        logging.getLogger().removeHandler(self._root_only)
        for name, propagate in self._propagated.items():
            logger = logging.getLogger(name)
            logger.removeHandler(self)
            logger.removeHandler(self._forward)
            logger.propagate = propagate


def _source(name: str) -> str | None:
    """The `WATCHED` label of logger `name` or of the nearest watched logger above it."""
    while name:
        if name in WATCHED:
            return WATCHED[name]
        name = name.rpartition(".")[0]
    return None


class _RootOnly(logging.Handler):
    """Hands the `Diagnostics` what is logged on the root logger itself (`logging.warning`),
    not what reaches the root from other loggers."""

    def __init__(self, target: Diagnostics) -> None:
        super().__init__(level=logging.WARNING)
        self.target = target

    def emit(self, record: logging.LogRecord) -> None:
        if record.name == "root":
            self.target.handle(record)


def _log_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """`warnings.showwarning` while collecting: a warning becomes a `py.warnings` record."""
    logging.getLogger("py.warnings").warning("%s: %s", category.__name__, message)


class _Forward(logging.Handler):
    """Passes what is not a warning on to the root logger's handlers, as propagation would."""

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno < logging.WARNING:
            logging.getLogger().handle(record)


@contextmanager
def collect(root: Path) -> Iterator[Diagnostics]:
    """Collect the `coursekit` tree's warnings while the block runs; paths relative to `root`."""
    handler = Diagnostics.attached(root)
    try:
        yield handler
    finally:
        handler.detach()


@contextmanager
def rendering(locate: Callable[[], Path | None]) -> Iterator[None]:
    """While the block runs, `locate()` names the course file whose page is being rendered."""
    token = _current.set(locate)
    try:
        yield
    finally:
        _current.reset(token)


def _line_of(path: Path, snippet: str | None) -> int | None:
    """The first line of `path` holding `snippet` (as written, or JSON-escaped as in .ipynb)."""
    if not snippet:
        return None
    first = snippet.strip().splitlines()[0] if snippet.strip() else ""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for needle in (first, json.dumps(first)[1:-1]):
        at = text.find(needle) if needle else -1
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return None
