"""`coursekit slides`: render decks outside a course, a drop-in for `reveal-md --static`.

Each deck under PATH becomes OUT/<same relative path>.html with the files it uses; the
reveal.js runtime is copied once to OUT/_reveal/. Warnings go to stderr; --strict fails on them.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

RUNTIME_DIR = "_reveal"


def find_decks(path: Path) -> list[tuple[Path, Path]]:
    """(deck, path relative to the output folder) for a deck file or every deck under a folder:
    `*.md` except README.md, skipping node_modules and hidden folders."""
    if path.is_file():
        return [(path, Path(path.name))]
    decks = []
    for deck in sorted(path.rglob("*.md")):
        rel = deck.relative_to(path)
        if deck.name.lower() == "readme.md" or any(
            part == "node_modules" or part.startswith(".") for part in rel.parts[:-1]
        ):
            continue
        decks.append((deck, rel))
    return decks


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write the decks to (mirrors the input tree).",
)
@click.option("--pdf", is_flag=True, help="Also print each deck to a PDF next to its page.")
@click.option(
    "--notes", is_flag=True, help="With --pdf, print speaker notes on pages of their own."
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) when a deck has warnings.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where parsed decks and printed PDFs are cached [default: .cache in the first PATH].",
)
def slides(
    paths: tuple[Path, ...], out: Path, pdf: bool, notes: bool, strict: bool, cache: Path | None
) -> None:
    """Render markdown decks (reveal-md format) in PATH... to reveal.js pages in OUT."""
    from coursekit.errors import CourseError, Problem, relative
    from coursekit.publishable import standalone_root
    from coursekit.site.outdir import check_out, mark
    from coursekit.slides import copy_runtime, parse_decks, slide_count, write_deck
    from coursekit.slides.assets import refused_assets

    check_out(out, inputs=paths, replaces=False)
    jobs = []
    roots = []
    for path in paths:
        found = find_decks(path)
        if not found:
            raise CourseError(
                Problem(
                    "no decks found (looked for *.md, skipping README.md and node_modules)",
                    str(path),
                )
            )
        jobs += found
        roots += [standalone_root(path)] * len(found)
    if cache is None:
        cache = (paths[0] if paths[0].is_dir() else paths[0].parent) / ".cache"
    problems = []
    written = []
    total = 0
    decks = parse_decks([deck for deck, _ in jobs], root=Path.cwd(), cache_dir=cache / "decks")
    refused = [
        problem
        for deck, root in zip(decks, roots, strict=True)
        for problem in refused_assets(deck.assets, root, relative(deck.path, Path.cwd()))
    ]
    if refused:  # before anything is written
        raise CourseError(refused)
    # Marked before the first page is written, so a run that fails half-way (--strict) can
    # write into the same folder again.
    out.mkdir(parents=True, exist_ok=True)
    mark(out, "slides")
    for deck, (_, rel) in zip(decks, jobs, strict=True):
        target = out / rel.with_suffix(".html")
        runtime_url = os.path.relpath(out / RUNTIME_DIR, target.parent).replace(os.sep, "/")
        write_deck(deck, target.parent, runtime_url + "/", filename=target.name)
        written.append((deck, target))
        total += slide_count(deck)
        for problem in deck.warnings:
            if not strict:
                click.echo(f"Warning: {problem}", err=True)
        problems += deck.warnings
    copy_runtime(out / RUNTIME_DIR)
    if strict and problems:
        raise CourseError(problems)
    if pdf:
        from coursekit.slides.pdf import PdfJob, print_pdfs

        results = print_pdfs(
            [PdfJob(deck, target, target.with_suffix(".pdf")) for deck, target in written],
            out,
            cache_dir=cache / "pdf",
            notes=notes,
        )
        printed = sum(not r.cached for r in results)
        click.echo(f"PDFs: {printed} printed, {len(results) - printed} unchanged.")
    warned = f"; {len(problems)} warnings" if problems else ""
    click.echo(f"Wrote {len(written)} decks ({total} slides) to {out}{warned}.")
