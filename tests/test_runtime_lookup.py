"""Where decks get reveal.js: COURSEKIT_REVEAL_DIST, else the copy a wheel carries, else a
source checkout's node_modules/; with none of them, one error that says what to do."""

from __future__ import annotations

import json

import pytest

from coursekit.slides import runtime


def fake_reveal(folder, version: str):
    (folder / "dist" / "plugin").mkdir(parents=True)
    for name in runtime.DIST_FILES:
        (folder / "dist" / name).write_text(f"/* reveal.js {version}: {name} */")
    (folder / "package.json").write_text(json.dumps({"name": "reveal.js", "version": version}))
    return folder / "dist"


@pytest.fixture
def lookup(monkeypatch, tmp_path):
    """reveal_dist() with the packaged copy and the checkout pointed into tmp_path."""
    monkeypatch.setattr(runtime, "PACKAGED", tmp_path / "packaged")
    monkeypatch.setattr(runtime, "PROJECT", tmp_path / "checkout")
    monkeypatch.delenv("COURSEKIT_REVEAL_DIST", raising=False)
    runtime.reveal_dist.cache_clear()
    yield tmp_path
    runtime.reveal_dist.cache_clear()


def test_an_installed_wheel_uses_the_reveal_js_it_carries(lookup):
    dist = fake_reveal(lookup / "packaged", "6.0.2")
    # A complete checkout beside it (locked and installed) is not used.
    fake_reveal(lookup / "checkout" / "node_modules" / "reveal.js", "5.0.0")
    lock = {"packages": {"node_modules/reveal.js": {"version": "5.0.0"}}}
    (lookup / "checkout" / "package-lock.json").write_text(json.dumps(lock))
    assert runtime.reveal_dist() == dist
    assert runtime.reveal_version() == "6.0.2"


def test_coursekit_reveal_dist_wins_over_the_packaged_copy(lookup, monkeypatch):
    fake_reveal(lookup / "packaged", "6.0.2")
    override = fake_reveal(lookup / "override", "6.1.0")
    monkeypatch.setenv("COURSEKIT_REVEAL_DIST", str(override))
    assert runtime.reveal_dist() == override


def test_without_any_reveal_js_a_deck_build_says_what_to_do(lookup, run, tmp_path):
    (tmp_path / "deck.md").write_text("# One slide\n")
    result = run("slides", tmp_path / "deck.md", "--out", tmp_path / "out")
    assert result.code == 1, result
    assert result.err == (
        "Error: reveal.js runtime not found: this coursekit carries none in "
        f"{lookup / 'packaged'} and is not a source checkout (reinstall coursekit from a "
        "wheel or a git URL, whose build fetches reveal.js; or set COURSEKIT_REVEAL_DIST to "
        "reveal.js's dist/ folder)\n"
    ), result
