"""`coursekit slides`: a drop-in for `reveal-md --static`, checked through its output."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DECKS = Path(__file__).parent / "decks"


@pytest.fixture
def decks(tmp_path):
    target = tmp_path / "decks"
    shutil.copytree(DECKS, target)
    (target / "node_modules" / "pkg").mkdir(parents=True)
    (target / "node_modules" / "pkg" / "notes.md").write_text("# not a deck\n")
    return target


def test_renders_a_folder_mirroring_the_tree(run, decks, tmp_path, monkeypatch):
    monkeypatch.chdir(decks)
    out = tmp_path / "out"
    result = run("slides", ".", "--out", out)
    assert result.code == 0, result
    assert "Wrote 10 decks (31 slides)" in result.out, result  # 8 in decks/engine
    assert (out / "lecture" / "deck.html").is_file()
    assert (out / "lecture" / "img" / "a.svg").is_file()
    assert (out / "simple" / "sub" / "second.html").is_file()
    assert (out / "simple" / "sub" / "_up" / "_up" / "shared" / "logo.svg").is_file()
    assert (out / "_reveal" / "reveal" / "reveal.js").is_file()
    assert not (out / "README.html").exists() and not (out / "node_modules").exists()
    html = (out / "simple" / "sub" / "second.html").read_text()
    assert 'src="../../_reveal/reveal/reveal.js"' in html


def test_warnings_go_to_stderr_and_exit_0(run, decks, tmp_path, monkeypatch):
    monkeypatch.chdir(decks)
    result = run("slides", "lecture/deck.md", "--out", tmp_path / "out")
    assert result.code == 0, result
    expected = (decks / "lecture" / "expected-warnings.txt").read_text().splitlines()
    assert result.err.splitlines() == [f"Warning: {line}" for line in expected], result
    assert "5 warnings" in result.out
    assert (tmp_path / "out" / "deck.html").is_file()


def test_strict_turns_warnings_into_errors(run, decks, tmp_path, monkeypatch):
    monkeypatch.chdir(decks)
    result = run("slides", "lecture", "--out", tmp_path / "out", "--strict")
    assert result.code == 1, result
    assert "Error: lecture/deck.md:112: '--- ' looks like a slide separator" in result.err, result
    assert "5 problems found." in result.err


def test_strict_passes_a_clean_deck(run, decks, tmp_path):
    result = run("slides", decks / "simple", "--out", tmp_path / "out", "--strict")
    assert result.code == 0, result
    assert result.err == ""


def test_a_folder_without_decks_is_an_error(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("slides", tmp_path / "empty", "--out", tmp_path / "out")
    assert result.code == 1
    assert "no decks found" in result.err


def test_pdf_without_the_named_chromium_says_how_to_get_one(decks, tmp_path):
    import os
    import subprocess
    import sys

    deck = decks / "lecture" / "deck.md"
    env = {**os.environ, "COURSEKIT_CHROMIUM": str(tmp_path / "no-chrome")}
    result = subprocess.run(
        [sys.executable, "-m", "coursekit.cli", "slides", deck, "--out", tmp_path / "out", "--pdf"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: printing PDFs needs Chromium, and {tmp_path / 'no-chrome'} does not exist "
        "(install it with: apt-get install -y chromium, or set COURSEKIT_CHROMIUM to a "
        "Chromium or Chrome binary)"
    )


def test_front_matter_that_cannot_be_read_fails_without_strict(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deck.md").write_text('---\ntitle: "Unclosed\n---\n# Slide\n')
    result = run("slides", "deck.md", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert "deck.md:2:8: front matter is not valid YAML: the quote" in result.err
    assert 'end the value with " on this line' in result.err
    assert not (tmp_path / "out").exists(), "nothing is written"


def test_a_javascript_stylesheet_in_front_matter_is_refused(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("deck.md").write_text('---\ntitle: T\ncss: "JavaScript:alert(1)"\n---\n# Slide\n')
    result = run("slides", "deck.md", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert "deck.md:3: css: 'JavaScript:alert(1)': 'javascript:' links are not" in result.err
    assert not (tmp_path / "out").exists(), "nothing is written"
