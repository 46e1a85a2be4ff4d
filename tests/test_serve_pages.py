"""Live preview reloads only what a save changed: a rebuild rewrites only the pages whose
sources changed, the preview server moves only their versions, and an open page nothing
changed stays as it is (from the first save of a session on)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from live_serve import serving

from coursekit.schedule.load import load_course
from coursekit.site.build import build_course, build_semester_in_place, work_folder
from coursekit.site.caches import Caches
from coursekit.site.engine import MkDocsEngine
from coursekit.site.preview_changes import changed_pages, snapshot
from coursekit.site.preview_server import PreviewServer


def _retitle(root: Path, old: str, new: str) -> None:
    schedule = root / "schedule.yaml"
    text = schedule.read_text("utf-8")
    assert f"title: {old}\n" in text
    schedule.write_text(text.replace(f"title: {old}\n", f"title: {new}\n"), "utf-8")


def test_a_new_session_title_rewrites_the_schedule_page_and_no_unrelated_page(
    make_course, tmp_path
):
    root = make_course("minimal")
    out, caches, engine = tmp_path / "site", Caches(), MkDocsEngine()
    build_course(root, out, caches=caches, engine=engine, speaker=True)
    work = work_folder(root)
    # What `coursekit serve` does before it serves: one in-place rebuild.
    build_semester_in_place(load_course(root), "S2026", out, work, caches=caches, engine=engine)
    syllabus = out / "S2026/syllabus/index.html"
    schedule = out / "S2026/schedule/index.html"
    stamps = syllabus.stat().st_mtime_ns, schedule.stat().st_mtime_ns
    before = snapshot(out / "S2026", "S2026/")
    time.sleep(0.01)  # a rewrite gets a later stamp
    _retitle(root, "Quality", "Quality, revised")
    build_semester_in_place(load_course(root), "S2026", out, work, caches=caches, engine=engine)
    assert "Quality, revised" in schedule.read_text("utf-8")
    assert schedule.stat().st_mtime_ns != stamps[1]
    assert syllabus.stat().st_mtime_ns == stamps[0], "an unrelated page was rewritten"
    pages = changed_pages(before, snapshot(out / "S2026", "S2026/"))
    assert pages is not None and "S2026/schedule/index.html" in pages
    assert "S2026/syllabus/index.html" not in pages
    # Search still finds every page, the new title too.
    index = json.loads((out / "S2026/search/search_index.json").read_text("utf-8"))
    found = {doc["location"].split("#")[0]: doc["text"] + doc["title"] for doc in index["docs"]}
    assert {"", "schedule/", "syllabus/", "assignments/"} <= found.keys(), sorted(found)
    assert "Quality, revised" in found["schedule/"]


def test_a_changed_stylesheet_or_image_reloads_every_page_and_the_search_index_none():
    before = {"S/a/index.html": (1, 1), "S/b/index.html": (1, 1), "S/x.css": (1, 1)}
    assert changed_pages(before, {**before, "S/a/index.html": (2, 1)}) == ["S/a/index.html"]
    assert changed_pages(before, {**before, "S/x.css": (2, 1)}) is None
    assert changed_pages(before, {**before, "S/img/new.png": (1, 1)}) is None
    assert changed_pages(before, {**before, "S/search/search_index.json": (2, 1)}) == []
    removed = {k: v for k, v in before.items() if k != "S/b/index.html"}
    assert changed_pages(before, removed) == ["S/b/index.html"]


def test_the_server_moves_the_version_of_the_changed_pages_only(tmp_path):
    with PreviewServer(tmp_path, port=0) as server:
        a, b = "S/a/index.html", "S/b/index.html"
        seen_a, seen_b, seen_404 = (server.page_version(p) for p in (a, b, ""))
        server.reload([a])
        assert server.page_version(a) != seen_a
        assert server.page_version(b) == seen_b
        assert server.page_version("") != seen_404  # a 404 page reloads on any change
        # A page waiting on its own version is answered at once when it moved, not otherwise.
        assert server.next_state(seen_a, page=a, timeout=5)["version"] != seen_a
        started = time.monotonic()
        assert server.next_state(seen_b, page=b, timeout=0.3)["version"] == seen_b
        assert time.monotonic() - started >= 0.25
        server.reload()  # every page
        assert server.page_version(b) != seen_b


@pytest.fixture
def served(make_course, tmp_path):
    """`coursekit serve` on the minimal course: (root, base URL, log)."""
    root = make_course("minimal")
    log = tmp_path / "serve.log"
    with serving(root, log) as (url, _):
        yield root, url, log


@pytest.mark.browser
def test_the_first_save_reloads_the_page_it_changed_and_leaves_the_others_open(browser, served):
    root, url, _ = served
    schedule = browser.new_page(viewport={"width": 1280, "height": 900})
    schedule.goto(url + "schedule/")
    syllabus = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    syllabus.goto(url + "syllabus/")
    for page in (schedule, syllabus):
        page.evaluate("window.stillHere = true")
    _retitle(root, "Quality", "Quality, revised")
    schedule.wait_for_function(
        "t => document.body && document.body.innerText.includes(t)",
        arg="Quality, revised",
        timeout=30_000,
    )
    assert schedule.evaluate("window.stillHere") is None  # reloaded
    time.sleep(1.0)  # what a needless reload would take
    assert syllabus.evaluate("window.stillHere") is True, "an unchanged page reloaded"


def test_a_dirty_rebuild_keeps_the_search_entries_of_the_pages_it_did_not_render(tmp_path):
    from coursekit.site.preview_changes import keep_search_entries

    for page in ("a", "b"):  # c/ is gone since the last build
        (tmp_path / page).mkdir()
        (tmp_path / page / "index.html").write_text("<p>page</p>", "utf-8")
    (tmp_path / "index.html").write_text("<p>home</p>", "utf-8")

    def index(*docs: tuple[str, str]) -> bytes:
        entries = [{"location": where, "title": text, "text": text} for where, text in docs]
        return json.dumps({"config": {"lang": ["en"]}, "docs": entries}).encode()

    before = index(("", "home"), ("a/", "A"), ("b/", "B old"), ("b/#part", "B part"), ("c/", "C"))
    (tmp_path / "search").mkdir()
    (tmp_path / "search/search_index.json").write_bytes(index(("b/", "B new")))
    keep_search_entries(tmp_path, before)
    merged = json.loads((tmp_path / "search/search_index.json").read_text("utf-8"))
    assert [(doc["location"], doc["text"]) for doc in merged["docs"]] == [
        ("", "home"),
        ("a/", "A"),
        ("b/", "B new"),
    ]
    assert merged["config"] == {"lang": ["en"]}
