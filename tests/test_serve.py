"""Live preview: `coursekit serve` rebuilds on save and reloads the browser, keeps what it
reuses in its own bounded caches, and reaches MkDocs only through `site/engine.py`."""

from __future__ import annotations

import ast
import os
import re
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from live_serve import serving

from coursekit.schedule.load import load_course
from coursekit.site.build import build_course, build_semester_in_place, work_folder
from coursekit.site.caches import Caches, SessionCache
from coursekit.site.engine import TEMPLATE_CACHE_SIZE, MkDocsEngine
from coursekit.site.preview_server import PreviewServer
from coursekit.site.watch import SourceWatcher

SRC = Path(__file__).parent.parent / "src" / "coursekit"
DECKS = {
    "lectures/01_intro/intro.md": "# Introduction\n\n---\n\n## Why\n\nNote: say why\n",
    "lectures/02_teams/teams.md": "# Teamwork\n\n---\n\n## Roles\n",
}


@pytest.fixture
def deck_course(make_course) -> Path:
    """The minimal course with its first two sessions' slides as decks of the course."""
    root = make_course("minimal")
    for path, text in DECKS.items():
        (root / path).parent.mkdir(parents=True)
        (root / path).write_text(text, "utf-8")
    schedule = (root / "schedule.yaml").read_text("utf-8")
    for name, path in zip(("intro", "teams"), DECKS, strict=True):
        schedule = schedule.replace(f"https://example.org/slides/{name}.html", path)
    (root / "schedule.yaml").write_text(schedule, "utf-8")
    return root


def _grown_globals(before: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    return {key: size for key, size in _global_sizes().items() if size > before.get(key, 0)}


def _global_sizes() -> dict[tuple[str, str], int]:
    """The size of every dict, list and set a coursekit module holds at module level."""
    sizes = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("coursekit"):
            for attr, value in vars(module).items():
                if isinstance(value, dict | list | set):
                    sizes[(name, attr)] = len(value)
    return sizes


def test_a_preview_session_keeps_one_handout_per_deck_however_often_one_is_edited(
    deck_course, tmp_path
):
    caches, engine = Caches(), MkDocsEngine()
    out = tmp_path / "site"
    build_course(deck_course, out, caches=caches, engine=engine)
    work = work_folder(deck_course)
    deck = deck_course / "lectures/01_intro/intro.md"
    before = _global_sizes()
    for take in range(8):
        deck.write_text(f"# Introduction\n\n---\n\n## Take {take}\n", "utf-8")
        course = load_course(deck_course)
        build_semester_in_place(course, "S2026", out, work, caches=caches, engine=engine)
    handout = (out / "S2026/handouts/01_intro/intro/index.html").read_text("utf-8")
    assert "Take 7" in handout and "Take 6" not in handout
    assert len(caches.handouts) == len(DECKS)
    assert 0 < len(engine.templates) <= TEMPLATE_CACHE_SIZE
    # Nothing else remembers the eight versions: no module-level dict, list or set grew.
    assert _grown_globals(before) == {}


def test_a_session_cache_forgets_what_a_build_did_not_use_and_holds_its_bound():
    cache: SessionCache[str, int] = SessionCache(maxsize=3)
    cache["old"], cache["kept"] = 1, 2
    cache.sweep()  # both used by the first build
    assert "kept" in cache  # a lookup is no use; reading it is
    assert cache["kept"] == 2
    cache.sweep()  # the second build read only "kept"
    assert "old" not in cache and len(cache) == 1
    for n in range(10):
        cache[f"new{n}"] = n
    assert len(cache) == 3 and "new9" in cache and "kept" not in cache


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            called = ast.unparse(node.func)
            if called in ("importlib.import_module", "import_module", "__import__"):
                names.append(str(node.args[0].value))
    return names


def test_only_the_engine_module_imports_mkdocs():
    engine = SRC / "site" / "engine.py"
    assert any(name.split(".")[0] == "mkdocs" for name in _imports(engine))
    importers = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path != engine and any(name.split(".")[0] == "mkdocs" for name in _imports(path))
    ]
    assert importers == []


# Objects whose attributes engine.py may set: its own, the Jinja environment that MkDocs'
# public `Theme.get_env` returns, Python's loggers. MkDocs' classes, servers and config are
# not; their items (`config["theme"]`, `config.plugins[name]`) are MkDocs' public API.
_OWN = {"self", "env", "logger"}
_SETTERS = {"setattr", "object.__setattr__"}
# A page's table of contents is what MkDocs gives plugins to fill in `on_page_content` (a
# notebook page's headings are raw HTML; mkdocs-jupyter sets it the same way).
_PUBLIC = {"page.toc"}


def test_the_engine_sets_no_attribute_of_mkdocs_objects():
    tree = ast.parse((SRC / "site" / "engine.py").read_text("utf-8"))
    set_on = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            parts = target.elts if isinstance(target, ast.Tuple) else [target]
            for part in parts:
                base = part
                while isinstance(base, ast.Attribute):
                    base = base.value
                own = isinstance(base, ast.Name) and base.id in _OWN
                if base is not part and not own and ast.unparse(part) not in _PUBLIC:
                    set_on.append(f"line {node.lineno}: {ast.unparse(part)}")
        if isinstance(node, ast.Call) and ast.unparse(node.func) in _SETTERS:
            set_on.append(f"line {node.lineno}: {ast.unparse(node)}")
    assert set_on == []


def test_the_watcher_reports_saves_and_ignores_reads_and_editor_files(tmp_path):
    (tmp_path / "schedule.yaml").write_text("a", "utf-8")
    (tmp_path / "lectures").mkdir()
    deck = tmp_path / "lectures" / "intro.md"
    deck.write_text("# Intro", "utf-8")
    with SourceWatcher(tmp_path) as watcher:
        # What a rebuild does, and what editors and tools write beside the sources.
        deck.read_text("utf-8")
        (tmp_path / "schedule.yaml").read_text("utf-8")
        (tmp_path / "lectures" / ".intro.md.swp").write_text("swap", "utf-8")
        (tmp_path / "lectures" / "intro.md~").write_text("backup", "utf-8")
        (tmp_path / ".coursekit" / "build").mkdir(parents=True)
        (tmp_path / ".coursekit" / "build" / "mkdocs.yml").write_text("x", "utf-8")
        (tmp_path / "notes.txt").write_text("not a source", "utf-8")
        assert watcher.wait(timeout=0.5) is None
        deck.write_text("# Intro, edited", "utf-8")
        assert watcher.wait(timeout=5) == ["lectures/intro.md"]
        # Editors that save by renaming a new file over the old one.
        (tmp_path / "schedule.yaml.new").write_text("b", "utf-8")
        os.replace(tmp_path / "schedule.yaml.new", tmp_path / "schedule.yaml")
        assert watcher.wait(timeout=5) == ["schedule.yaml"]
        # A source folder made while serving is watched from then on.
        (tmp_path / "recitations").mkdir()
        assert watcher.wait(timeout=5) == ["recitations"]
        (tmp_path / "recitations" / "numpy.py").write_text("x = 1", "utf-8")
        assert watcher.wait(timeout=5) == ["recitations/numpy.py"]


def test_a_burst_of_events_is_one_change(tmp_path):
    (tmp_path / "docs").mkdir()
    with SourceWatcher(tmp_path, settle=0.3) as watcher:
        for n in range(5):
            (tmp_path / "docs" / f"page{n}.md").write_text("x", "utf-8")
            time.sleep(0.05)
        assert watcher.wait(timeout=5) == [f"docs/page{n}.md" for n in range(5)]
        assert watcher.wait(timeout=0.5) is None


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_the_preview_server_answers_a_waiting_page_when_the_site_changes(tmp_path):
    site = tmp_path / "site"
    (site / "S1").mkdir(parents=True)
    (site / "S1" / "index.html").write_text("<html><body><p>Hi</p></body></html>", "utf-8")
    (site / "S1" / "404.html").write_text("<html><body>Not here</body></html>", "utf-8")
    with PreviewServer(site, port=0) as server:
        server.start()
        status, page = _fetch(server.url + "S1/")
        assert status == 200 and page.index("<p>Hi</p>") < page.index("<script>")
        assert page.index("</script>") < page.index("</body>")
        seen = re.search(r'const seen = "([^"]+)"', page)[1]
        answers: list[str] = []
        ask = f"{server.url}.coursekit/reload?seen={seen}"
        waiting = threading.Thread(target=lambda: answers.append(_fetch(ask)[1]))
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # nothing changed yet: the page waits
        server.reload()
        waiting.join(5)
        assert answers and answers[0] != seen
        # A page not built (yet) is the semester's 404 page, which reloads too.
        status, missing = _fetch(server.url + "S1/not-yet/")
        assert status == 404 and "Not here" in missing and "/.coursekit/reload" in missing


def test_serve_on_a_busy_port_says_so_before_building(make_course, run):
    course = make_course("minimal")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.perf_counter()
        result = run("serve", "--root", course, "--port", port)
    assert result.code == 1, result
    assert f"Error: 127.0.0.1:{port} is in use (stop the program serving there" in result.err
    assert not (course / "site").exists() and time.perf_counter() - started < 5


@pytest.fixture
def served(deck_course, tmp_path):
    """`coursekit serve` on the deck course, as a user runs it: (root, base URL, log file)."""
    log = tmp_path / "serve.log"
    with serving(deck_course, log) as (url, pid):
        yield deck_course, url, log
    leftovers = list((deck_course / ".coursekit" / "build").glob(f"{pid}-*"))
    assert leftovers == [], "the preview's work folder outlived it"


def _wait_for_text(page, text: str) -> None:
    page.wait_for_function(
        "t => document.body && document.body.innerText.includes(t)", arg=text, timeout=30_000
    )


def _wait_for_log(log: Path, text: str, after: int) -> None:
    deadline = time.time() + 30
    while text not in log.read_text()[after:]:
        assert time.time() < deadline, log.read_text()
        time.sleep(0.1)


@pytest.mark.browser
def test_a_saved_edit_reloads_the_open_page_and_a_bad_one_keeps_it(browser, served):
    root, url, log = served
    page = browser.new_page()
    page.goto(url + "schedule/")
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    schedule.write_text(text.replace("title: Quality", "title: Quality, revised"), "utf-8")
    _wait_for_text(page, "Quality, revised")
    # A mistake: the error is shown where the server runs and the page stays as it was.
    page.evaluate("window.stillHere = true")
    seen = len(log.read_text())
    schedule.write_text(text.replace("date: 2026-01-21", "date: 2026-02-30"), "utf-8")
    _wait_for_log(log, "Error: schedule.yaml:", seen)
    time.sleep(0.5)
    assert page.evaluate("window.stillHere") is True
    assert "Quality, revised" in page.inner_text("body")
    # Fixed: the page reloads with the fix.
    schedule.write_text(text.replace("title: Quality", "title: Quality, fixed"), "utf-8")
    _wait_for_text(page, "Quality, fixed")
    assert page.evaluate("window.stillHere") is None


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_broken_save_shows_its_error_over_the_open_pages_until_a_good_one(
    browser, served, scheme
):
    root, url, log = served
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    line = text.splitlines().index("      - date: 2026-01-21") + 1
    page = browser.new_page(color_scheme=scheme, viewport={"width": 390, "height": 844})
    page.goto(url + "schedule/")
    page.evaluate("window.stillHere = true")
    # Markup in the bad value is shown as text, never run.
    seen = len(log.read_text())
    schedule.write_text(text.replace("date: 2026-01-21", "date: <b>Feb 30</b>"), "utf-8")
    _wait_for_log(log, "Error: schedule.yaml:", seen)
    box = page.locator("#coursekit-errors[role=alert]")
    box.wait_for(timeout=30_000)
    shown = box.inner_text()
    assert f"schedule.yaml:{line}:" in shown and "'<b>Feb 30</b>' is not a date" in shown
    assert box.locator("b").count() == 0
    # The terminal and the page say the same.
    printed = [x[len("Error: ") :] for x in log.read_text()[seen:].splitlines() if "Error:" in x]
    assert printed and all(problem in shown for problem in printed), (printed, shown)
    assert page.evaluate("window.stillHere") is True  # the last good build stays
    assert "Quality" in page.inner_text("main")
    page.screenshot(path=str(root.parent / f"error-overlay-{scheme}.png"))
    # A page opened while the save is broken (a deck too) shows it at once.
    deck = browser.new_page(color_scheme=scheme)
    deck.goto(url + "slides/01_intro/intro/")
    deck.locator("#coursekit-errors").wait_for(timeout=10_000)
    assert f"schedule.yaml:{line}:" in deck.locator("#coursekit-errors").inner_text()
    # Fixed: the pages reload with the fix and without the box.
    schedule.write_text(text.replace("title: Quality", "title: Quality, fixed"), "utf-8")
    _wait_for_text(page, "Quality, fixed")
    assert page.evaluate("window.stillHere") is None
    assert page.locator("#coursekit-errors").count() == 0
    deck.wait_for_function("!document.getElementById('coursekit-errors')", timeout=30_000)


@pytest.mark.browser
def test_an_edited_deck_shows_in_its_open_handout(browser, served):
    root, url, _ = served
    page = browser.new_page()
    page.goto(url + "handouts/01_intro/intro/")
    _wait_for_text(page, "Why")
    deck = root / "lectures/01_intro/intro.md"
    deck.write_text(deck.read_text("utf-8").replace("## Why", "## Why it matters"), "utf-8")
    _wait_for_text(page, "Why it matters")


@pytest.mark.browser
def test_a_missing_image_in_a_draft_deck_is_a_warning_and_a_box_naming_it(browser, served):
    root, url, log = served
    page = browser.new_page()
    page.goto(url + "slides/01_intro/intro/#/1")
    deck = root / "lectures/01_intro/intro.md"
    seen = len(log.read_text())
    text = "# Introduction\n\n---\n\n## Why\n\n![The pipeline](pipeline.png)\n"
    deck.write_text(text, "utf-8")
    _wait_for_log(log, "Rebuilt S2026", seen)
    printed = log.read_text()[seen:]
    assert "Warning: lectures/01_intro/intro.md:7: image 'pipeline.png' not found" in printed
    assert "Error" not in printed
    box = page.get_by_role("img", name="Missing image: pipeline.png")
    box.wait_for(timeout=30_000)
    assert box.is_visible() and box.inner_text() == "Missing image: pipeline.png"
    assert page.locator("#coursekit-errors").count() == 0  # a warning, not a broken save


def test_inline_markdown_renders_right_when_a_link_callback_renders_markdown_itself():
    from coursekit.site.inline import render_inline

    def inner(href: str) -> str:
        return "inner/" + href

    def outer(href: str) -> str:
        # A callback that renders a title of its own (a page linking to another's title).
        render_inline("[nested](n.md)", inner)
        return "outer/" + href

    html = render_inline("[a](a.md) and [b](b.md)", outer)
    assert html == '<a href="outer/a.md">a</a> and <a href="outer/b.md">b</a>'
