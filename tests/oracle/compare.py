"""Print, slide by slide, where coursekit's decks differ from what reveal-md (reveal.js 4.3.1)
shows. For people working on the deck engine; the tests use the same code (`differ.py`).

    python tests/oracle/compare.py lectures/ tests/oracle/fixtures/x.md …
    python tests/oracle/compare.py --all            # the tests' whole corpus
    python tests/oracle/compare.py --kinds --summary   # which constructs differ, counted
    PYTHONPATH=/path/to/other/worktree/src python tests/oracle/compare.py --all --summary

Compares whichever coursekit is importable. Exits 1 when a difference is not listed in
known_differences.yaml (or a slide's structure differs), 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # `oracle` is tests/oracle

from oracle.corpus import (  # noqa: E402 (after the path it comes from)
    SEED,
    decks_in,
    fixture_decks,
    generated_label,
    repository_decks,
    write_generated,
)
from oracle.differ import compare, label_of  # noqa: E402
from oracle.generate import KINDS, generate_kind_decks  # noqa: E402
from oracle.revealjs import RevealJs  # noqa: E402


def main(argv: list[str] | None = None, browser=None) -> int:
    """The command; `browser` is a Playwright browser to reuse (tests), else one is launched."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="decks, or folders of decks")
    parser.add_argument("--all", action="store_true", help="repository decks, fixtures, generated")
    parser.add_argument("--generated", action="store_true", help="the generated corpus")
    parser.add_argument(
        "--kinds", action="store_true", help="one generated deck per construct, counted apart"
    )
    parser.add_argument("--known", action="store_true", help="also show listed differences")
    parser.add_argument("--summary", action="store_true", help="numbers only, no diffs")
    args = parser.parse_args(argv)

    paths: list[Path] = []
    for path in args.paths:
        paths += decks_in(path) if path.is_dir() else [path]
    if args.all:
        paths += repository_decks() + fixture_decks()
    labels = [label_of(p) for p in paths]
    with tempfile.TemporaryDirectory() as tmp:
        if args.all or args.generated:
            generated = write_generated(Path(tmp))
            paths += generated
            labels += [generated_label(p) for p in generated]
        if args.kinds:
            for name, text in generate_kind_decks(SEED):
                (Path(tmp) / name).write_text(text, encoding="utf-8")
                paths.append(Path(tmp) / name)
                labels.append(generated_label(Path(tmp) / name))
        if not paths:
            parser.error("name decks or folders, or use --all / --generated")
        report = _compare(paths, labels, browser) if browser else _run(paths, labels)

    shown = [s for s in report.slides if not s.dom_ok and (args.known or s.known is None)]
    if not args.summary:
        for slide in shown:
            print(slide.describe())
            if slide.known:
                print(f"  (listed: {slide.known})")
            print()
    for error in report.errors:
        print(f"coursekit failed: {error}")
    decks = Counter(s.deck for s in report.unlisted)
    if args.kinds:
        print("slides that differ, per construct (generated/kind-*.md):")
        for kind in KINDS:
            slides = [s for s in report.slides if s.deck == f"generated/kind-{kind}.md"]
            print(f"  {kind:22} {sum(not s.dom_ok for s in slides):3d} of {len(slides)}")
    elif decks:
        print("unlisted differences per deck:")
        for deck, count in decks.most_common():
            print(f"  {count:5d}  {deck}")
    print(report.summary())
    structure_ok = all(s.structure_ok for s in report.slides)
    return 0 if structure_ok and not report.unlisted and not report.errors else 1


def _compare(paths: list[Path], labels: list[str], browser):
    reveal = RevealJs(browser)
    try:
        return compare(paths, reveal, labels)
    finally:
        reveal.close()


def _run(paths: list[Path], labels: list[str]):
    from playwright.sync_api import sync_playwright

    try:
        from coursekit.slides.pdf import CHROMIUM, CHROMIUM_ARGS
    except ImportError:  # another engine may keep them elsewhere
        CHROMIUM, CHROMIUM_ARGS = Path("/usr/bin/chromium"), ["--no-sandbox"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return _compare(paths, labels, browser)
        finally:
            browser.close()


if __name__ == "__main__":
    sys.exit(main())
