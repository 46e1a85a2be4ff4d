"""The one module that talks to MkDocs: build a generated project in-process.

Everything else hands this module a plain MkDocs project (see `generate.py`). MkDocs'
warnings are collected so a strict build can fail with all of them, and so callers can
report them with the page they came from.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from pathlib import Path

from coursekit.diagnostics import rendering
from coursekit.errors import BuildError, Problem


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _QuietDirty(logging.Filter):
    """Live preview rebuilds only changed pages on purpose (and fully when the navigation
    changes); MkDocs' warning about dirty builds would print on every save."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


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


def build_project(
    config_file: Path,
    *,
    strict: bool = False,
    dirty: bool = False,
    sources: Mapping[str, Path] | None = None,
) -> list[str]:
    """Build the MkDocs project at `config_file`; return MkDocs' warnings.

    With `strict`, any warning fails the build with a `BuildError` listing them all.
    `dirty` re-renders only pages whose source changed (live preview). `sources` maps a
    page of `docs_dir` to the course file it comes from, so that warnings logged under
    `coursekit` while it renders (a formula) name that file.
    """
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _Reuse.install()
    collector = _Collect()
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _QuietDirty()
    logger.addFilter(quiet)
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), strict=strict)

        def page_source() -> Path | None:
            # MkDocs keeps the page it is rendering on the config (1.5+).
            page = getattr(config, "_current_page", None)
            return (sources or {}).get(page.file.src_uri) if page is not None else None

        with rendering(page_source):
            build(config, dirty=dirty)
    except ConfigurationError as error:
        raise BuildError(Problem(f"MkDocs configuration: {error}", file="mkdocs.yml")) from None
    except Abort:
        raise BuildError(
            [Problem(f"MkDocs: {message}", file=str(config_file)) for message in collector.messages]
            or [Problem("MkDocs aborted the build")]
        ) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)
        logger.removeFilter(quiet)
    if strict and collector.messages:
        raise BuildError([Problem(f"MkDocs: {m}") for m in collector.messages])
    return collector.messages


def _changes_only_observer():  # type: ignore[no-untyped-def]
    """A native watchdog observer that reports only writes, not reads: inotify also reports
    a file being opened, and our own rebuild opens schedule.yaml, which would loop."""
    import watchdog.observers

    observer = watchdog.observers.Observer()
    schedule = observer.schedule

    def schedule_changes(handler, path, recursive=False, **options):  # type: ignore[no-untyped-def]
        react = handler.on_any_event

        def on_change(event):  # type: ignore[no-untyped-def]
            if event.event_type in ("modified", "created", "deleted", "moved", "closed"):
                react(event)

        handler.on_any_event = on_change
        return schedule(handler, path, recursive=recursive, **options)

    observer.schedule = schedule_changes
    return observer


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
    # MkDocs polls the disk; the platform's native watcher (inotify on Linux) reports a
    # save at once and leaves the CPU to the rebuild.
    server.observer = _changes_only_observer()
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
