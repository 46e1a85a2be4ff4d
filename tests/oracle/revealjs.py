"""The reference side of the differential deck tests: a deck as reveal-md 5.3.4 shows it.

`read_source()` does what reveal-md's server does before reveal.js sees a deck (front matter,
separators from the front matter and `reveal-md.json`); `RevealJs` renders batches of decks
with reveal.js 4.3.1's markdown plugin in Chromium (`harness.js`). Used by `differ.py`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ORACLE = Path(__file__).parent
MARKDOWN_JS = ORACLE / "node_modules" / "reveal.js" / "plugin" / "markdown" / "markdown.js"
HARNESS_JS = ORACLE / "harness.js"
INSTALL = "npm ci --ignore-scripts --prefix tests/oracle"

# reveal-md 5.3.4 lib/defaults.json; notesSeparator and attributes are left to the plugin
# (`notes?:`, case-insensitive, anywhere in the slide; no attributes).
DEFAULTS = {"separator": "\r?\n---\r?\n", "verticalSeparator": "\r?\n----\r?\n"}
SLIDIFY_KEYS = ("separator", "verticalSeparator", "notesSeparator", "attributes")
# yaml-front-matter 4.1.1 (what reveal-md's parseYamlFrontMatter calls): front matter is
# `---` + newline at the very start up to the first newline + `---`, which ends it even when
# more text follows on that line.
FRONT_MATTER_RE = re.compile(r"(-{3}(?:\n|\r)([\s\S]+?)(?:\n|\r)-{3})?([\s\S]*)")
BATCH = 200  # decks per page.evaluate(): a few MB of JSON, well under a second


@dataclass(frozen=True)
class Source:
    """A deck's markdown as reveal-md hands it to the plugin, with the slidify options and the
    file line the markdown starts on."""

    markdown: str
    options: dict[str, str]
    first_line: int


def read_source(path: Path) -> Source:
    """A deck file → what reveal-md's render() passes to `slidify()`."""
    content = Path(path).read_bytes().decode("utf-8")  # as fs.readFile: CRLF stays CRLF
    match = FRONT_MATTER_RE.match(content.removeprefix("\ufeff"))
    assert match is not None  # every group is optional
    meta: dict[str, Any] = {}
    if match.group(2):
        try:
            loaded = (
                json.loads(match.group(2))
                if match.group(2).startswith("{")
                else yaml.safe_load(match.group(2))
            )
        except (ValueError, yaml.YAMLError):
            loaded = None  # reveal-md itself would stop with an error here
        meta = loaded if isinstance(loaded, dict) else {}
    markdown = match.group(3) or content
    first_line = 1 + (content.count("\n", 0, match.start(3)) if match.group(3) else 0)
    options = dict(DEFAULTS)
    options.update(_local_config(Path(path)))
    options.update({k: str(meta[k]) for k in SLIDIFY_KEYS if meta.get(k)})
    return Source(markdown, options, first_line)


def _local_config(path: Path) -> dict[str, str]:
    """Slidify options from the nearest `reveal-md.json` (reveal-md reads the one in the folder
    it runs in; a course keeps it beside its decks or in `lectures/`)."""
    for folder in path.resolve().parents:
        config = folder / "reveal-md.json"
        if config.is_file():
            data = json.loads(config.read_text(encoding="utf-8"))
            return {k: str(data[k]) for k in SLIDIFY_KEYS if data.get(k)}
        if (folder / ".git").exists():
            break
    return {}


def slide_lines(source: Source) -> list[int]:
    """The file line each slide starts on, in presentation order (reveal-md's first split;
    Python's `re` reads these JavaScript patterns the same way)."""
    pattern = source.options["separator"]
    if source.options.get("verticalSeparator"):
        pattern += "|" + source.options["verticalSeparator"]
    lines = [source.first_line]
    for match in re.finditer(pattern, source.markdown, re.MULTILINE):
        lines.append(source.first_line + source.markdown.count("\n", 0, match.end()))
    return lines


def install() -> None:
    """Install the locked reveal.js into tests/oracle/node_modules unless it is there (CI runs
    the same command in .ci/run), so a fresh clone's `pytest` needs no extra step."""
    if MARKDOWN_JS.is_file():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            f"reveal.js 4.3.1 is not installed in {ORACLE}: install npm, run {INSTALL}"
        )
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--prefix", str(ORACLE)], capture_output=True, text=True
    )
    if done.returncode or not MARKDOWN_JS.is_file():
        raise RuntimeError(f"{INSTALL} failed:\n{done.stdout}{done.stderr}")


class RevealJs:
    """One Chromium page with reveal.js 4.3.1's markdown plugin loaded; `render()` many decks."""

    def __init__(self, browser: Any) -> None:
        install()
        self.page = browser.new_page()
        self.page.set_content("<!DOCTYPE html><html><body></body></html>")
        self.page.add_script_tag(path=str(MARKDOWN_JS))
        self.page.add_script_tag(path=str(HARNESS_JS))

    def render(self, sources: list[Source]) -> list[list[dict[str, Any]]]:
        """Every deck's slides as `{h, v, attrs, html, notes}` (notes None without any)."""
        decks: list[list[dict[str, Any]]] = []
        for start in range(0, len(sources), BATCH):
            batch = [
                {"markdown": s.markdown, "options": s.options}
                for s in sources[start : start + BATCH]
            ]
            decks += self._call("renderDecks", batch)
        return decks

    def read_pages(self, pages: list[str]) -> list[list[dict[str, Any]]]:
        """Slides, as `render()` gives them, of pages' `.slides` HTML parsed by Chromium."""
        decks: list[list[dict[str, Any]]] = []
        for start in range(0, len(pages), BATCH):
            decks += self._call("readPages", pages[start : start + BATCH])
        return decks

    def _call(self, function: str, argument: list) -> list:
        # One JSON string each way: Playwright's structured serialization of thousands of
        # nested nodes is many times slower.
        script = f"async arg => JSON.stringify(await {function}(JSON.parse(arg)))"
        return json.loads(self.page.evaluate(script, json.dumps(argument)))

    def close(self) -> None:
        self.page.close()
