"""A cold build runs the notebooks' kernels while the rest of the course renders (issue 17):
an offering without notebooks is built before the notebooks end, every broken deck and
notebook is still reported at once, and a failure still leaves the previous site."""

from __future__ import annotations

import textwrap
import traceback

import pytest
from bs4 import BeautifulSoup

from coursekit.site.build import build_course

pytestmark = pytest.mark.kernel

# A notebook that waits (up to 30 s) for the other offering's home page in the staging
# folder, and prints whether it appeared: it does only if that offering renders while this
# kernel runs.
WAITING = """\
    # %% [markdown]
    # # Waiting

    # %%
    import glob, os, time
    deadline = time.monotonic() + 30
    while not glob.glob(os.environ["CK_WAIT_FOR"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    print("S2025 built:", bool(glob.glob(os.environ["CK_WAIT_FOR"])))
    time.sleep(float(os.environ.get("CK_THEN_SLEEP", "0")))
"""

OTHER = """\
  S2025:
    title: Spring 2025
    term: {start: 2025-01-13, end: 2025-01-31}
    sessions:
      - {date: 2025-01-13, id: hello, title: Hello}
"""


@pytest.fixture
def course(make_course):
    root = make_course("materials")
    (root / "recitations" / "arrays.py").write_text(textwrap.dedent(WAITING), "utf-8")
    schedule = root / "schedule.yaml"
    schedule.write_text(schedule.read_text("utf-8") + OTHER, "utf-8")
    return root


def test_an_offering_without_notebooks_renders_while_the_kernel_runs(course, tmp_path, monkeypatch):
    out = tmp_path / "site"
    monkeypatch.setenv("CK_WAIT_FOR", str(tmp_path / ".site.staging-*" / "site" / "S2025" / "*"))
    monkeypatch.setenv("CK_THEN_SLEEP", "5")  # still running when S2026's turn comes
    import coursekit.slides

    renders = []
    real = coursekit.slides.handout_markdown

    def render(*args, **kwargs):
        renders.append([frame.name for frame in traceback.extract_stack()])
        return real(*args, **kwargs)

    monkeypatch.setattr(coursekit.slides, "handout_markdown", render)
    report = build_course(course, out)
    assert report.built == ["S2026", "S2025"], report  # in the schedule's order, as before
    page = (out / "S2026" / "recitations" / "arrays" / "index.html").read_text("utf-8")
    outputs = BeautifulSoup(page, "html.parser").select(".ck-notebook pre")
    assert "S2025 built: True" in [pre.get_text(strip=True) for pre in outputs], page
    assert (out / "S2025" / "index.html").is_file()
    # The deck's handout, rendered once while the kernel ran, is the deck's.
    assert len(renders) == 1 and "early_handouts" in renders[0], renders
    handout = out / "S2026" / "handouts" / "01_intro" / "intro" / "index.html"
    text = BeautifulSoup(handout.read_text("utf-8"), "html.parser").get_text(" ")
    assert "Why this course" in text and "Models are not products" in text, text


def test_broken_decks_and_notebooks_are_reported_together_and_keep_the_site(
    course, tmp_path, run, monkeypatch
):
    out = tmp_path / "site"
    monkeypatch.setenv("CK_WAIT_FOR", str(tmp_path / "nothing"))
    notebook = course / "recitations" / "arrays.py"
    notebook.write_text(notebook.read_text("utf-8").replace("time.monotonic() + 30", "0"))
    assert run("build", "--root", course, "--out", out).code == 0
    before = (out / "S2026" / "index.html").read_bytes()
    notebook.write_text(notebook.read_text("utf-8") + "\n# %%\nprint(1 / 0)\n", "utf-8")
    (course / "lectures" / "01_intro" / "intro.md").write_text("", "utf-8")
    result = run("build", "--root", course, "--out", out)
    assert result.code == 1, result
    assert "lectures/01_intro/intro.md:1: the deck has no slides" in result.err, result
    assert "recitations/arrays.py" in result.err and "ZeroDivisionError" in result.err, result
    assert "Traceback" not in result.err, result
    assert (out / "S2026" / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".site.staging-*")), "a failed build leaves its staging"
