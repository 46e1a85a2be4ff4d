"""The site engine: the one module that talks to MkDocs.

`Engine` is what coursekit needs from a site engine — check the course's config, build a
generated project (see `generate.py`) — and `MkDocsEngine` its one implementation, reached
only through MkDocs' public API (its config, its plugin events, its `Theme` class). A build
and a live-preview session each own one engine: what it keeps between builds stays theirs.
"""

from __future__ import annotations

import copy
import functools
import html
import logging
import os
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2

from coursekit.diagnostics import rendering
from coursekit.errors import BuildError, Problem
from coursekit.site import config_check, rawhtml
from coursekit.site.caches import SessionCache

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents
    from mkdocs.theme import Theme

# Front matter key of a page that lists its own headings (level, id, text): a notebook page.
TOC_META = "coursekit_toc"
# A theme's templates (Material: ~60) times a few edits of the course's theme overrides.
TEMPLATE_CACHE_SIZE = 256
THEME_CACHE_SIZE = 8


class Engine(Protocol):
    """What coursekit asks of a site engine."""

    def check_config(self, root: Path) -> tuple[list[Problem], list[Problem]]:
        """The course's own site config as the engine reads it: (errors, warnings), each at
        the line of the course's file."""
        ...

    def build(
        self,
        config_file: Path,
        *,
        strict: bool = False,
        dirty: bool = False,
        sources: Mapping[str, Path] | None = None,
    ) -> list[str]:
        """Build the generated project at `config_file`; return the engine's warnings.

        With `strict`, any warning fails the build with a `BuildError` listing them all.
        `dirty` re-renders only pages whose source changed (live preview). `sources` maps a
        page of the project's docs to the course file it comes from, so that warnings
        logged under `coursekit` while it renders (a formula) name that file.
        """
        ...


class MkDocsEngine:
    """`Engine` on MkDocs. Compiled theme templates and loaded themes are kept between this
    engine's builds (bounded): a live-preview rebuild renders a few pages, and compiling
    Material's templates would otherwise cost more than rendering them."""

    def __init__(self) -> None:
        self.templates: SessionCache[tuple[Any, ...], bytes] = SessionCache(TEMPLATE_CACHE_SIZE)
        # Themes by their settings: making one scans every installed package's entry points.
        self.themes: SessionCache[str, Theme] = SessionCache(THEME_CACHE_SIZE)

    def check_config(self, root: Path) -> tuple[list[Problem], list[Problem]]:
        return config_check.check_config(root, _validate_config, _known_keys)

    def build(
        self,
        config_file: Path,
        *,
        strict: bool = False,
        dirty: bool = False,
        sources: Mapping[str, Path] | None = None,
    ) -> list[str]:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, ConfigurationError

        collector = _Collect()
        logger = logging.getLogger("mkdocs.commands.build")
        quiet = _QuietDirty()
        logger.addFilter(quiet)
        logging.getLogger("mkdocs").addHandler(collector)
        try:
            config = load_config(config_file=str(config_file), strict=strict)
            # A plugin object is what MkDocs' own plugins are: it joins the build's events.
            plugin = _plugin_class()(self)
            config.plugins["coursekit-engine"] = plugin

            def page_source() -> Path | None:
                page = plugin.page
                return (sources or {}).get(page.file.src_uri) if page is not None else None

            with rendering(page_source):
                build(config, dirty=dirty)
        except ConfigurationError as error:
            problem = Problem(f"MkDocs configuration: {error}", file="mkdocs.yml")
            raise BuildError(problem) from None
        except Abort:
            raise BuildError(
                [Problem(f"MkDocs: {m}", file=str(config_file)) for m in collector.messages]
                or [Problem("MkDocs aborted the build")]
            ) from None
        finally:
            logging.getLogger("mkdocs").removeHandler(collector)
            logger.removeFilter(quiet)
        if strict and collector.messages:
            raise BuildError([Problem(f"MkDocs: {m}") for m in collector.messages])
        return collector.messages


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


@functools.cache
def _plugin_class() -> type:
    """The plugin class, made on first use: importing MkDocs costs a third of a second,
    which commands that build nothing should not pay."""
    from mkdocs.plugins import BasePlugin, event_priority

    class CoursekitPlugin(BasePlugin):
        """coursekit's part in one MkDocs build, through plugin events: the theme it
        renders with (`_fast_theme`), and the page being rendered (for warnings)."""

        def __init__(self, engine: MkDocsEngine) -> None:
            self.engine = engine
            self.page: Page | None = None
            self.stashed = rawhtml.Stash()

        # First, so that every other plugin sees (and may extend) the theme used.
        @event_priority(100)
        def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
            config["theme"] = _fast_theme(config.theme, self.engine)
            return config

        def on_pre_page(self, page: Page, **_: Any) -> Page:
            self.page = page
            return page

        # Last: other plugins see the page's markdown as generated; only the markdown
        # parser sees placeholders for its blocks of finished HTML (rawhtml.py).
        @event_priority(-100)
        def on_page_markdown(self, markdown: str, page: Page, **_: Any) -> str:
            markdown, self.stashed = rawhtml.stash(markdown)
            return markdown

        # First, so that every other plugin sees the page's finished HTML.
        @event_priority(100)
        def on_page_content(self, html: str, page: Page, **_: Any) -> str:
            html, self.stashed = rawhtml.unstash(html, self.stashed), rawhtml.Stash()
            self.page = None
            # A page whose headings are in raw HTML (a notebook's) lists them itself.
            listed = page.meta.get(TOC_META)
            if isinstance(listed, list) and listed:
                page.toc = _listed_toc(listed)
            return html

        def on_page_context(self, context: Any, page: Page, **_: Any) -> Any:
            self.page = page
            return context

        def on_post_page(self, output: str, **_: Any) -> str:
            self.page = None
            return output

    return CoursekitPlugin


def _listed_toc(listed: list[Any]) -> TableOfContents:
    """The table of contents of the headings a page lists, nested by level (MkDocs reads a
    token's name as HTML; the listed text is plain)."""
    from mkdocs.structure.toc import get_toc

    root: dict[str, Any] = {"level": 0, "children": []}
    open_: list[dict[str, Any]] = [root]
    for heading in listed:
        level = int(heading["level"])
        token = {
            "level": level,
            "id": str(heading["id"]),
            "name": html.escape(str(heading["text"])),
            "children": [],
        }
        while open_[-1]["level"] >= level:
            open_.pop()
        open_[-1]["children"].append(token)
        open_.append(token)
    return get_toc(root["children"])


def _fast_theme(theme: Theme, engine: MkDocsEngine) -> Theme:
    """`theme` again, as a `Theme` whose Jinja environment reuses compiled templates and
    lists only the files a theme can publish."""
    options = {key: value for key, value in theme.items() if key not in ("name", "locale")}
    settings = (theme.name, theme.custom_dir, sorted(theme.static_templates), str(theme.locale))
    key = repr((*settings, sorted(options.items())))
    if key not in engine.themes:
        engine.themes[key] = _fast_theme_class()(
            theme.name,
            templates=engine.templates,
            custom_dir=theme.custom_dir,
            static_templates=theme.static_templates,
            locale=str(theme.locale),
            **options,
        )
    # A copy for this build, which plugins may change; the compiled templates stay shared.
    return copy.deepcopy(engine.themes[key], {id(engine.templates): engine.templates})


@functools.cache
def _fast_theme_class() -> type[Theme]:
    from mkdocs.theme import Theme

    class FastTheme(Theme):
        def __init__(
            self, *args: Any, templates: SessionCache[tuple[Any, ...], bytes], **kwargs: Any
        ) -> None:
            self.templates = templates
            super().__init__(*args, **kwargs)

        def get_env(self) -> jinja2.Environment:
            env = super().get_env()
            env.bytecode_cache = _BytecodeCache(self.templates)
            env.loader = _PublishableTemplates(self.dirs)
            return env

    return FastTheme


class _PublishableTemplates(jinja2.FileSystemLoader):
    """A theme's loader that lists no hidden file or folder. MkDocs lists a theme's
    templates only to publish its static files, and never publishes hidden ones; Material
    keeps ~14,000 icons under `.icons/`, and listing and filtering them took a tenth of a
    second each build. Hidden templates still load (Material's `{% include ".icons/…" %}`)."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for top in self.searchpath:
            for folder, folders, files in os.walk(top, followlinks=self.followlinks):
                folders[:] = [name for name in folders if not name.startswith(".")]
                relative = Path(folder).relative_to(top).as_posix()
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + name for name in files if not name.startswith("."))
        return sorted(found)


class _BytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in an engine's bounded store. Jinja's key holds a checksum of the
    template's source, so an edit is never stale; an environment's extensions change the
    compiled code, so they are part of the key too."""

    def __init__(self, store: SessionCache[tuple[Any, ...], bytes]) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        key = (*sorted(bucket.environment.extensions), bucket.key, bucket.checksum)
        if key in self.store:
            bucket.bytecode_from_string(self.store[key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = (*sorted(bucket.environment.extensions), bucket.key, bucket.checksum)
        self.store[key] = bucket.bytecode_to_string()


def _known_keys() -> Collection[str]:
    """The names of MkDocs' settings."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config.defaults import MkDocsConfig

    return list(MkDocsConfig().keys())


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
    logger = logging.getLogger("mkdocs")
    propagate = logger.propagate
    logger.addHandler(keep)
    logger.propagate = False  # reported once, placed, by the caller
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
        logger.removeHandler(keep)
        logger.propagate = propagate
    return records
