"""`coursekit export-notebooks`: the executed notebooks of a built site, for Open in Colab."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("export-notebooks")
@click.argument(
    "site",
    default="site",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="New folder to copy them into; it becomes the whole Colab branch.",
)
def export_notebooks(site: Path, out: Path) -> None:
    """Copy every executed .ipynb of the built SITE (default: site) into OUT, paths unchanged.

    The deploy workflow pushes OUT to `course.notebooks.colab_branch`, where the notebook
    pages' Open in Colab links point.
    """
    from coursekit.notebooks.export import export_notebooks as export
    from coursekit.site.outdir import check_out

    check_out(out, inputs=[site], replaces=False)
    copied = export(site, out)
    for path in copied:
        click.echo(f"  {path.as_posix()}")
    click.echo(f"{len(copied)} notebook(s) in {out}")
