"""The one module that talks to MkDocs: build a generated project in-process.

Everything else hands this module a plain MkDocs project (see `generate.py`). MkDocs'
warnings are collected so a strict build can fail with all of them, and so callers can
report them with the page they came from.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from coursekit.errors import BuildError, Problem


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Reuse:
    """What MkDocs would otherwise redo for every build in this process: compiling the
    theme's ~40 Jinja templates and listing the theme's ~10,000 files (Material ships its
    icons there). Both dominate a small rebuild; live preview rebuilds on every save."""

    listings: dict[tuple[str, ...], list[str]] = {}
    installed = False

    @classmethod
    def install(cls) -> None:
        if cls.installed:
            return
        import jinja2
        from mkdocs.theme import Theme

        class MemoryBytecodeCache(jinja2.BytecodeCache):
            # Keys include a checksum of the template source, so edits are never stale.
            def __init__(self) -> None:
                self.store: dict[str, bytes] = {}

            def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                if bucket.key in self.store:
                    bucket.bytecode_from_string(self.store[bucket.key])

            def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
                self.store[bucket.key] = bucket.bytecode_to_string()

        cache = MemoryBytecodeCache()
        original = Theme.get_env

        def get_env(theme: Theme) -> jinja2.Environment:
            env = original(theme)
            env.bytecode_cache = cache
            # The custom_dir is small and may change while serving: it is part of the key.
            custom = sorted(
                str(p) for d in theme.dirs[:1] for p in Path(d).rglob("*") if p.is_file()
            )
            key = (*theme.dirs, *custom)
            list_templates = env.list_templates

            def cached(extensions=None, filter_func=None):  # type: ignore[no-untyped-def]
                # MkDocs filters the theme's files with a fresh closure each build; the
                # result depends only on the theme, which the key pins.
                name = getattr(filter_func, "__qualname__", None)
                full = (*key, str(extensions), str(name))
                if full not in cls.listings:
                    cls.listings[full] = list_templates(extensions, filter_func)
                return list(cls.listings[full])

            env.list_templates = cached  # type: ignore[method-assign]
            return env

        Theme.get_env = get_env  # type: ignore[method-assign]
        cls.installed = True


def build_project(config_file: Path, *, strict: bool = False, dirty: bool = False) -> list[str]:
    """Build the MkDocs project at `config_file`; return MkDocs' warnings.

    With `strict`, any warning fails the build with a `BuildError` listing them all.
    `dirty` re-renders only pages whose source changed (live preview).
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _Reuse.install()
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        build(config, dirty=dirty)
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


def serve(
    site_dir: Path,
    rebuild: Callable[[], None],
    watch: list[Path],
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_path: str = "",
    polling_interval: float = 0.05,
) -> None:
    """Serve `site_dir` with MkDocs' livereload server; call `rebuild` when a watched path
    changes, then reload open pages. Blocks until interrupted."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.livereload import LiveReloadServer

    # A short polling interval keeps save → reload well under half a second.
    server = LiveReloadServer(
        builder=rebuild,
        host=host,
        port=port,
        root=str(site_dir),
        polling_interval=polling_interval,
    )
    server.build_delay = 0.02  # MkDocs waits 0.1 s for "more changes" before rebuilding
    for path in watch:
        if path.exists():
            server.watch(str(path))
    print(f"Serving on {server.url}{open_path} (Ctrl+C to stop)", flush=True)  # noqa: T201
    try:
        server.serve()  # blocks: serves, watches and rebuilds
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
