"""`coursekit notebook`: render notebooks as standalone HTML pages, executing them on request."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument(
    "notebooks",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the pages: <out>/<stem>.html per notebook.",
)
@click.option(
    "--execute",
    is_flag=True,
    help="Run the notebooks first (without --cache-dir: every one, every time).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep executed notebooks here and re-run only those whose code changed.",
)
@click.option(
    "--timeout",
    type=float,
    default=120,
    show_default=True,
    help="Seconds a cell may run, unless the notebook sets metadata.execution.timeout "
    "(-1: no limit).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Notebooks to execute at once.",
)
@click.option(
    "--student/--solution",
    default=True,
    help="Render the students' version (solutions replaced by a placeholder; the default) "
    "or the solution version.",
)
def notebook(
    notebooks: tuple[Path, ...],
    out: Path,
    execute: bool,
    cache_dir: Path | None,
    timeout: float,
    jobs: int,
    student: bool,
) -> None:
    """Render NOTEBOOKS (.ipynb, .py percent or .md MyST) as self-contained HTML pages.

    Solutions marked the nbgrader way (`### BEGIN SOLUTION` … `### END SOLUTION`, cells
    tagged `solution`) show as a placeholder unless --solution is given.

    Without --execute, pages show the outputs saved in the files. Executing needs the
    python3 kernel: `python -m ipykernel install --sys-prefix` installs it into the
    environment coursekit runs in.
    """
    from coursekit.errors import CourseError, Problem
    from coursekit.notebooks.build import build_notebooks, solution_page
    from coursekit.notebooks.read import Mode
    from coursekit.notebooks.standalone import standalone_page
    from coursekit.publishable import standalone_root
    from coursekit.site.outdir import check_out, mark

    check_out(out, inputs=notebooks, replaces=False)
    targets: dict[str, Path] = {}
    clashes = []
    for path in notebooks:
        if path.stem in targets and targets[path.stem] != path:
            clashes.append(
                Problem(
                    f"{targets[path.stem]} and {path} would both write {out / path.stem}.html",
                    fix="render them in separate runs with different --out folders",
                )
            )
        targets[path.stem] = path
    if clashes:
        raise CourseError(clashes)

    mode: Mode = ("auto" if cache_dir else "force") if execute else "off"
    build = build_notebooks(
        list(targets.values()),
        cache_dir=cache_dir,
        mode=mode,
        default_timeout=timeout if timeout > 0 else None,
        jobs=jobs,
    )
    pages = build.pages if student else [solution_page(page) for page in build.pages]
    # Every page first: an image that may not be embedded stops the run before any write.
    documents = [standalone_page(page, root=standalone_root(page.source_path)) for page in pages]
    out.mkdir(parents=True, exist_ok=True)
    mark(out, "notebook")
    for page, document in zip(pages, documents, strict=True):
        target = out / f"{page.stem}.html"
        target.write_text(document, encoding="utf-8")
        note = {"executed": f"executed in {page.seconds:.1f} s", "cached": "from cache"}
        extra = f" ({note[page.status]})" if page.status in note else ""
        click.echo(f"wrote {target}{extra}")
