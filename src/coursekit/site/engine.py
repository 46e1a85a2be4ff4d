"""The one module that talks to MkDocs: build a generated project in-process.

Everything else hands this module a plain MkDocs project (see `generate.py`). MkDocs'
warnings are collected so a strict build can fail with all of them, and so callers can
report them with the page they came from.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

from coursekit.diagnostics import rendering
from coursekit.errors import BuildError, Problem

CONFIG_FILE = "mkdocs.yml"
CONFIG_DOCS = "https://www.mkdocs.org/user-guide/configuration/"
# Top-level key → the fix MkDocs' message lacks.
CONFIG_FIXES = {
    "theme": "use an installed theme, e.g. `name: material`",
    "plugins": "install the plugin (pip install …) or remove it from the list",
    "markdown_extensions": "install the extension's package, or fix its name or option",
}


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


def check_config(root: Path) -> tuple[list[Problem], list[Problem]]:
    """The course's own `mkdocs.yml` as MkDocs validates it: (errors, warnings), each at
    `mkdocs.yml:LINE` of the course's file (not a generated one) and without MkDocs' raw
    log lines. `coursekit check` and the build call it before generating anything."""
    import yaml

    from coursekit.schedule.yamlguards import alias_problem, oversized, syntax_problem

    path = root / CONFIG_FILE
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return [Problem("is not UTF-8", CONFIG_FILE, line, fix="save the file as UTF-8")], []
    try:
        # Composing resolves no tags: MkDocs' own (!ENV, !relative) are kept as they are.
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        fix = "check brackets, quotes, colons and indentation here"
        return [syntax_problem(error, text, CONFIG_FILE, 0, fix)], []
    if node is None:
        return [], []
    too_big = oversized(node)
    if too_big is not None:
        return [alias_problem(too_big, CONFIG_FILE, 0)], []
    if not isinstance(node, yaml.MappingNode):
        return [Problem("expected `key: value` settings", CONFIG_FILE, 1, fix=CONFIG_DOCS)], []
    tagged = _python_tag(node)
    if tagged is not None:
        # MkDocs would run it; the generated projects are read as plain YAML (generate.py).
        return [
            Problem(
                f"{tagged.tag.replace('tag:yaml.org,2002:', '!!')} runs Python code",
                CONFIG_FILE,
                tagged.start_mark.line + 1,
                tagged.start_mark.column + 1,
                fix="plain YAML only: coursekit does not run !!python tags",
            )
        ], []
    records = _validate_config(path)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for level, message in records:
        problem = _placed(message.replace(f"{path.parent}{os.sep}", ""), node)
        (errors if level >= logging.ERROR else warnings).append(problem)
    return errors, warnings


def _validate_config(path: Path) -> list[tuple[int, str]]:
    """MkDocs' validation of `path` (docs and site folders stubbed): (level, message)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    records: list[tuple[int, str]] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append((record.levelno, record.getMessage()))

    keep = Keep(level=logging.WARNING)
    mkdocs_log = logging.getLogger("mkdocs")
    propagate = mkdocs_log.propagate
    mkdocs_log.addHandler(keep)
    mkdocs_log.propagate = False  # reported once, placed, by the caller
    try:
        with tempfile.TemporaryDirectory() as scratch:
            (Path(scratch) / "docs").mkdir()
            load_config(
                config_file=str(path),
                docs_dir=str(Path(scratch) / "docs"),
                site_dir=str(Path(scratch) / "site"),
                site_name="check",  # coursekit sets it per semester
                nav=None,
            )
    except ConfigurationError as error:
        if not any(level >= logging.ERROR for level, _ in records):
            records.append((logging.ERROR, str(error)))
    except Abort:
        pass  # its errors were logged, each one
    finally:
        mkdocs_log.removeHandler(keep)
        mkdocs_log.propagate = propagate
    return records


_CONFIG_VALUE = re.compile(r"^Config value '([^']+)': (.*)", re.S)


def _placed(message: str, root) -> Problem:  # type: ignore[no-untyped-def]
    """MkDocs' "Config value 'KEY': …" as a problem at the most specific line of KEY's value
    that the message names ('abr', 'permalnk'), with one line of text and a fix."""
    import yaml

    match = _CONFIG_VALUE.match(message)
    key, text = (match.group(1), match.group(2)) if match else (None, message)
    lines = [line for line in text.splitlines() if line.strip()]
    # A failed extension carries a traceback: its first and last lines say what happened.
    text = lines[0] if lines else text
    if len(lines) > 1 and not lines[-1].startswith(" "):
        text += " " + lines[-1].strip()
    text = re.sub(r"<class '(\w+)'>", r"\1", text)
    keys = {k.value: (k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode)}
    line = column = None
    fix = CONFIG_FIXES.get(key or "", CONFIG_DOCS)
    if key in keys:
        key_node, value_node = keys[key]
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        for name in reversed(re.findall(r"['\"]([^'\"]+)['\"]", text)):
            found = _scalar_named(value_node, name)
            if found is not None:
                line, column = found.start_mark.line + 1, found.start_mark.column + 1
                break
    expected = re.search(r"Expected type: (\w+)", text)
    if expected:
        fix = {
            "list": "write a list: one `- item` per line, or [a, b]",
            "bool": "write true or false",
            "dict": "write `key: value` lines indented under it",
        }.get(expected.group(1), fix)
    if "isn't an existing" in text:
        fix = "create it, or fix the path (relative to mkdocs.yml)"
    if key and "Unrecognised configuration name" in text:
        from mkdocs.config.defaults import MkDocsConfig

        known = [name for name, _ in MkDocsConfig._schema]
        guess = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else "remove it, or move it under `extra:`"
    return Problem(text, CONFIG_FILE, line or 1, column, path=key, fix=fix)


def _python_tag(node):  # type: ignore[no-untyped-def]
    """The first node tagged `!!python/…`, if any."""
    import yaml

    if node.tag.startswith("tag:yaml.org,2002:python/"):
        return node
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    return next((found for c in children if (found := _python_tag(c)) is not None), None)


def _scalar_named(node, name: str):  # type: ignore[no-untyped-def]
    """The first scalar (key or value) under `node` whose text is `name`."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return node if node.value == name else None
    children = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        found = _scalar_named(child, name)
        if found is not None:
            return found
    return None


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
