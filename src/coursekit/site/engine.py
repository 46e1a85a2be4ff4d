"""The one module that talks to MkDocs: build a generated project in-process.

Everything else hands this module a plain MkDocs project (see `generate.py`). MkDocs'
warnings are collected so a strict build can fail with all of them, and so callers can
report them with the page they came from.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from coursekit.errors import BuildError, Problem


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_project(config_file: Path, *, strict: bool = False) -> list[str]:
    """Build the MkDocs project at `config_file`; return MkDocs' warnings.

    With `strict`, any warning fails the build with a `BuildError` listing them all.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        build(config)
    except ConfigurationError as error:
        raise BuildError(Problem(f"MkDocs configuration: {error}", file="mkdocs.yml")) from None
    except Abort:
        raise BuildError(
            [Problem(f"MkDocs: {message}", file=str(config_file)) for message in collector.messages]
            or [Problem("MkDocs aborted the build")]
        ) from None
    finally:
        logger.removeHandler(collector)
    if strict and collector.messages:
        raise BuildError([Problem(f"MkDocs: {m}") for m in collector.messages])
    return collector.messages
