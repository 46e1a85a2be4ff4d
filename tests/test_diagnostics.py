"""One diagnostics channel: every warning logged under `coursekit` during a build is reported
with its file:line, and `build --strict` fails on it like on MkDocs' warnings."""

from __future__ import annotations

import logging

import pytest
from bs4 import BeautifulSoup

BAD = r"$$g = \frac{2a + 3p}{$$"
SAID = r"docs/syllabus.md:7: formula kept as TeX, latex2mathml cannot read it"


@pytest.fixture
def bad_formula(make_course):
    course = make_course()
    page = course / "docs" / "syllabus.md"
    page.write_text(page.read_text().replace(r"$$g = \frac{2a + 3p}{5}$$", BAD))
    return course


def test_a_bad_formula_in_a_page_fails_strict_with_its_file_and_line(bad_formula, run, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--root", bad_formula, "--out", out, "--strict")
    assert result.code == 1, result
    assert f"Error: {SAID} (NoAvailableTokensError): g = \\frac{{2a + 3p}}{{" in result.err, result
    assert "fix the TeX" in result.err
    assert not out.exists()


def test_a_bad_formula_warns_once_without_strict_and_keeps_the_tex(bad_formula, run, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--root", bad_formula, "--out", out)
    assert result.code == 0, result
    warnings = [line for line in result.err.splitlines() if "formula" in line]
    assert len(warnings) == 1 and warnings[0].startswith(f"Warning: {SAID}"), result
    page = BeautifulSoup((out / "S2026" / "syllabus" / "index.html").read_text(), "html.parser")
    assert r"\frac{2a + 3p}{" in page.get_text()


def test_any_coursekit_warning_fails_strict(make_course, run, tmp_path, monkeypatch):
    """Not only formulas: whatever module of coursekit warns, the strict build hears it."""
    from coursekit.site import build

    landing = build.generate_landing

    def warns(*args, **kwargs):
        logging.getLogger("coursekit.somewhere").warning("something looks off")
        return landing(*args, **kwargs)

    monkeypatch.setattr(build, "generate_landing", warns)
    course = make_course()
    result = run("build", "--root", course, "--out", tmp_path / "site", "--strict")
    assert result.code == 1, result
    assert "Error: something looks off" in result.err
    result = run("build", "--root", course, "--out", tmp_path / "site")
    assert result.code == 0, result
    assert result.err.count("something looks off") == 1, result


@pytest.mark.kernel
def test_bad_formulas_in_a_deck_and_a_notebook_name_their_files(make_course, run, tmp_path):
    course = make_course("materials")
    deck = course / "lectures" / "01_intro" / "intro.md"
    deck.write_text(deck.read_text().replace("A first deck", r"A first deck $\frac{1}{$"))
    notebook = course / "recitations" / "arrays.py"
    notebook.write_text(
        notebook.read_text().replace("# We add two numbers.", r"# We add $\sqrt{2}{$ numbers.")
    )
    for _ in range(2):  # the second build reuses the parsed deck and the executed notebook
        result = run("build", "--root", course, "--out", tmp_path / "site", "--strict")
        assert result.code == 1, result
        errors = [line for line in result.err.splitlines() if line.startswith("Error:")]
        assert [e.split(": formula kept as TeX")[0] for e in errors] == [
            "Error: lectures/01_intro/intro.md:8",
            "Error: recitations/arrays.py:12",
        ], result


@pytest.fixture
def warns_while_rendering(monkeypatch):
    """Make Python-Markdown's table-of-contents step, which runs on every page MkDocs
    renders, log or warn through `emit` (as a Markdown extension or a library would)."""
    from markdown.extensions import toc

    def install(emit):
        run = toc.TocTreeprocessor.run

        def run_and_warn(self, doc):
            emit()
            return run(self, doc)

        monkeypatch.setattr(toc.TocTreeprocessor, "run", run_and_warn)

    return install


def test_a_markdown_extension_warning_fails_strict_with_its_page(
    make_course, run, tmp_path, warns_while_rendering
):
    warns_while_rendering(lambda: logging.getLogger("MARKDOWN").warning("odd header"))
    course = make_course()
    result = run("build", "--root", course, "--out", tmp_path / "site", "--strict")
    assert result.code == 1, result
    assert "Error: docs/syllabus.md: Markdown: odd header" in result.err, result


@pytest.mark.filterwarnings("default::UserWarning")
def test_a_python_warning_while_rendering_fails_strict(
    make_course, run, tmp_path, warns_while_rendering
):
    import warnings

    warns_while_rendering(
        lambda: warnings.warn("markup looks like a file name", UserWarning, stacklevel=1)
    )
    course = make_course()
    result = run("build", "--root", course, "--out", tmp_path / "site", "--strict")
    assert result.code == 1, result
    assert "Python: UserWarning: markup looks like a file name" in result.err, result


def test_collect_hears_the_libraries_but_leaves_mkdocs_to_the_engine(tmp_path):
    import warnings

    from coursekit.diagnostics import collect

    before = warnings.showwarning
    with collect(tmp_path) as diagnostics:
        logging.getLogger("traitlets").warning("Alternative text is missing on 1 image(s).")
        logging.getLogger("jupytext.header").warning("a jupytext module")
        logging.warning("[jupytext] failed to parse YAML in raw cell")
        logging.getLogger("mkdocs.structure.pages").warning("collected by site/engine.py")
    assert [str(p) for p in diagnostics.problems] == [
        "nbconvert: Alternative text is missing on 1 image(s).",
        "jupytext: a jupytext module",
        "[jupytext] failed to parse YAML in raw cell",
    ]
    assert warnings.showwarning is before
    assert logging.getLogger("MARKDOWN").propagate
