"""Shared fixtures: copy a fixture course to tmp_path and run the CLI in-process."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from coursekit.cli import main
from coursekit.layout import copy_course

TESTS = Path(__file__).parent
REPO = TESTS.parent
SEEDS = TESTS / "seeds"  # schedule tables of the reference course (see its README)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def __str__(self) -> str:  # shown when an assertion on the result fails
        return f"exit {self.code}\n--- stdout\n{self.out}\n--- stderr\n{self.err}"


@pytest.fixture
def run(capsys):
    def run(*args: str) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def notebooks(tmp_path) -> Path:
    """A copy of the fixture notebooks in tests/notebooks/."""
    target = tmp_path / "notebooks"
    shutil.copytree(TESTS / "notebooks", target)
    return target


@pytest.fixture
def make_course(tmp_path):
    def make(name: str = "minimal") -> Path:
        target = tmp_path / name
        shutil.copytree(TESTS / "courses" / name, target)
        return target

    return make


@pytest.fixture(scope="session")
def default_site(tmp_path_factory):
    from coursekit.site.build import build_course

    root = copy_course(REPO, tmp_path_factory.mktemp("course"))
    out = root / "site"
    # A publication address lets the semester switcher keep the page (sitemaps need it).
    build_course(root, out, site_url="https://example.org/mlip/")
    return out


@pytest.fixture(scope="session")
def serve_site():
    """Serve a built site folder over HTTP on 127.0.0.1 (Material's switcher and search
    fetch JSON, which file:// URLs cannot)."""
    import functools
    import http.server
    import threading

    servers = []

    def serve(folder: Path) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


from coursekit.slides.pdf import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (one list of flags)


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The system Chromium; tests that need it skip without it, except in CI, where
    .ci/run installs it and a skipped browser test would hide a failure."""
    if not CHROMIUM.exists():
        missing = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(missing + "; in CI every browser test must run")
        pytest.skip(missing)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


ARTIFACTS = REPO / "test-artifacts"


def console_errors(page) -> list[str]:
    """Collect console errors, ignoring failed requests to other hosts (no network here)."""
    errors: list[str] = []

    def on_console(message):
        if message.type == "error" and "ERR_NAME_NOT_RESOLVED" not in message.text:
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
