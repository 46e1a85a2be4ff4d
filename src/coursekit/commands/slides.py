"""`coursekit slides`: render decks outside a course, a drop-in for `reveal-md --static`.

Each deck becomes OUT/<its path relative to the inputs' common folder>.html with the files it
uses; the reveal.js runtime is copied once to OUT/_reveal/. Two sources for one output are an
error before anything is written. Warnings go to stderr; --strict fails on any of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands import slides_record
from coursekit.errors import CourseError, Problem, relative

if TYPE_CHECKING:  # the slides engine is imported only when something must be rendered
    from coursekit.slides.model import Deck

RUNTIME_DIR = "_reveal"


def find_decks(path: Path) -> list[Path]:
    """A deck file, or every deck under a folder: `*.md` except README.md, skipping
    node_modules and hidden folders."""
    if path.is_file():
        return [path]
    decks = []
    for deck in sorted(path.rglob("*.md")):
        rel = deck.relative_to(path)
        if deck.name.lower() == "readme.md" or any(
            part == "node_modules" or part.startswith(".") for part in rel.parts[:-1]
        ):
            continue
        decks.append(deck)
    return decks


def common_base(paths: tuple[Path, ...]) -> Path:
    """The folder outputs mirror: the common parent of the inputs (a folder counts as
    itself, a file as its folder), so `a/x.md b/x.md` become `a/x.html` and `b/x.html`."""
    folders = [str(p.resolve() if p.is_dir() else p.resolve().parent) for p in paths]
    return Path(os.path.commonpath(folders))


def plan_outputs(written: list[tuple[Deck, Path]], pdf: bool) -> list[Problem]:
    """Every file a deck writes (page, images, stylesheets, PDF) → the file it comes from;
    two different sources for one output are a problem naming both."""
    claims: dict[Path, tuple[Path, Deck]] = {}
    problems = []
    for deck, target in written:
        outputs = [(target, deck.path), *((target.parent / a.target, a.path) for a in deck.assets)]
        if pdf:
            outputs.append((target.with_suffix(".pdf"), deck.path))
        for output, source in outputs:
            # normpath, not resolve(): no file system calls for thousands of outputs.
            key, origin = Path(os.path.abspath(output)), Path(os.path.abspath(source))
            claim = claims.setdefault(key, (origin, deck))
            if claim[0] != origin:
                first, other = claim[1], deck
                kind = "deck" if source == deck.path else "file"
                problems.append(
                    Problem(
                        f"{kind} '{_shown(source)}' and '{_shown(claim[0])}' (used by "
                        f"{_shown(first.path)}) would both be written to {_shown(output)}",
                        _shown(other.path),
                        fix="rename one of them, or render them into different --out folders",
                    )
                )
    return problems


def _shown(path: Path) -> str:
    return relative(path, Path.cwd())


def _deck_sources(paths: tuple[Path, ...]) -> dict[Path, Path | None]:
    """Each deck under the inputs → the folder that counts as its course (its files may not
    leave it); an input without decks is an error."""
    from coursekit.publishable import standalone_root

    sources: dict[Path, Path | None] = {}  # deck → the folder its files must lie in
    for path in paths:
        found = find_decks(path)
        if not found:
            raise CourseError(
                Problem(
                    "no decks found (looked for *.md, skipping README.md and node_modules)",
                    str(path),
                )
            )
        # abspath, not resolve(): a rerun of unchanged decks should cost only stats.
        root = standalone_root(path)
        sources.update((Path(os.path.abspath(deck)), root) for deck in found)
    return sources


def _check_before_writing(
    written: list[tuple[Deck, Path]],
    sources: dict[Path, Path | None],
    pdf: bool,
    cwd: Path,
    out: Path,
) -> None:
    """Raise every problem that must stop the run before anything is written: two sources
    for one output, files a deck may not use, unreadable or unsafe front matter."""
    from coursekit.slides.assets import refused_assets
    from coursekit.slides.front_matter_links import unsafe_front_matter_links

    collisions = plan_outputs(written, pdf)
    if collisions:
        raise CourseError(collisions)
    decks = [deck for deck, _ in written]
    refused = [
        problem
        for deck, root in zip(decks, sources.values(), strict=True)
        for problem in refused_assets(deck.assets, root, relative(deck.path, cwd), out=out)
    ]
    # Front matter that cannot be read would cost a deck its title and settings.
    refused += [problem for deck in decks for problem in deck.errors]
    # Its own `css:`/`theme:` links follow the course's link rule (no javascript:, data:).
    refused += [
        problem
        for deck in decks
        for problem in unsafe_front_matter_links(deck.source, relative(deck.path, cwd))
    ]
    if refused:  # before anything is written
        raise CourseError(refused)


def _warnings(decks: list[Deck], strict: bool) -> list[Problem]:
    """Every deck's warnings, printed to stderr; with --strict, raised instead."""
    problems = []
    for deck in decks:
        for problem in deck.warnings:
            if not strict:
                click.echo(f"Warning: {problem}", err=True)
        problems += deck.warnings
    if strict and problems:
        raise CourseError(problems)
    return problems


def _write_pages(
    written: list[tuple[Deck, Path]], sources: dict[Path, Path | None], out: Path, notes: bool
) -> list[Path]:
    """Write every deck's page and files and the reveal.js runtime; the files written. A
    deck's private speaker notes (`notes: private`) are left out unless `notes`."""
    from coursekit.site.outdir import mark
    from coursekit.slides import copy_runtime, write_deck

    # Marked before the first page is written, so a run that fails half-way can write into
    # the same folder again.
    out.mkdir(parents=True, exist_ok=True)
    mark(out, "slides")
    outputs: list[Path] = []
    for (deck, target), root in zip(written, sources.values(), strict=True):
        runtime_url = os.path.relpath(out / RUNTIME_DIR, target.parent).replace(os.sep, "/")
        outputs += write_deck(
            deck,
            target.parent,
            runtime_url + "/",
            filename=target.name,
            root=root,
            out=out,
            notes=notes or not deck.notes_private(),
        )
    outputs += copy_runtime(out / RUNTIME_DIR)
    return outputs


def _print_pdfs(
    written: list[tuple[Deck, Path]], out: Path, cache: Path, notes: bool
) -> tuple[list[Path], str]:
    """Print each deck to a PDF next to its page; the PDFs and the summary a rerun prints."""
    from coursekit.slides.pdf import PdfJob, print_pdfs

    results = print_pdfs(
        [PdfJob(deck, target, target.with_suffix(".pdf")) for deck, target in written],
        out,
        cache_dir=cache / "pdf",
        notes=notes,
    )
    printed = sum(not r.cached for r in results)
    click.echo(f"PDFs: {printed} printed, {len(results) - printed} unchanged.")
    return [result.pdf for result in results], f"PDFs: 0 printed, {len(results)} unchanged."


def _inputs_read(
    sources: dict[Path, Path | None], decks: list[Deck], read: set[Path], base: Path
) -> list[Path]:
    """Every file and folder whose change must render again: decks, their files, theme
    files read, the folders decks live in, coursekit's code and the runtime's lock file."""
    from coursekit.slides.runtime import PROJECT

    return [
        *sources,
        *(asset.path for deck in decks for asset in deck.assets),
        *read,
        *slides_record.folders_under(base),
        *slides_record.code_files(),
        PROJECT / "package-lock.json",
    ]


def _replay(record: slides_record.RunRecord) -> None:
    """Print what the last run printed, for a rerun that has nothing to write."""
    for warning in record.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(record.summary)


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
    "--notes",
    is_flag=True,
    help="Keep the speaker notes of decks whose front matter says 'notes: private' (for the "
    "speaker), and with --pdf print notes on pages of their own.",
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
    from coursekit.site.outdir import check_out

    if pdf:
        from coursekit.slides.pdf import require_playwright

        require_playwright()
    check_out(out, inputs=paths, replaces=False)
    sources = _deck_sources(paths)
    base = common_base(paths)
    if cache is None:
        cache = (paths[0] if paths[0].is_dir() else paths[0].parent) / ".cache"
    cwd = Path.cwd().resolve()
    # reveal-md reads reveal-md.json and reveal.json in its working folder: coursekit looks
    # there and in every folder between it and the deck (or up to the inputs' common folder).
    top = cwd if base.is_relative_to(cwd) else base
    options = {
        "decks": [str(deck) for deck in sources],
        "out": str(out.resolve()),
        "cwd": str(cwd),
        "pdf": pdf,
        "notes": notes,
        "strict": strict,
    }
    record = slides_record.unchanged(cache, options)
    if record is not None:
        _replay(record)
        return

    from coursekit.slides import parse_decks, slide_count
    from coursekit.slides.themes import apply_themes

    read: set[Path] = set()
    decks = parse_decks(list(sources), root=cwd, cache_dir=cache / "decks")
    decks = apply_themes(decks, top=top, root=cwd, read=read)
    written = [
        (deck, out / deck.path.resolve().relative_to(base).with_suffix(".html")) for deck in decks
    ]
    _check_before_writing(written, sources, pdf, cwd, out)
    problems = _warnings(decks, strict)
    total = sum(slide_count(deck) for deck in decks)
    outputs = _write_pages(written, sources, out, notes)
    lines = []
    if pdf:
        pdfs, rerun_line = _print_pdfs(written, out, cache, notes)
        outputs += pdfs
        lines.append(rerun_line)
    warned = f"; {len(problems)} warnings" if problems else ""
    lines.append(f"Wrote {len(written)} decks ({total} slides) to {out}{warned}.")
    click.echo(lines[-1])
    slides_record.RunRecord(
        options,
        inputs=slides_record.stats(sorted(set(_inputs_read(sources, decks, read, base)))),
        outputs=slides_record.stats(sorted(set(outputs))),
        warnings=[str(problem) for problem in problems],
        summary="\n".join(lines),
    ).save(cache)
