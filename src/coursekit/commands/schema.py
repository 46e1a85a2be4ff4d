"""`coursekit schema`: regenerate schedule.schema.json and the field reference page."""

from __future__ import annotations

from pathlib import Path

import click

from coursekit.commands._options import root_option


@click.command()
@root_option
@click.option("--check", "check_only", is_flag=True, help="Fail if the files are stale.")
def schema(root: Path, check_only: bool) -> None:
    """Write schedule.schema.json and docs/reference/schedule.md from the model."""
    from coursekit.errors import CourseError
    from coursekit.schedule.reference import generated_files

    stale = []
    for relative, text in generated_files().items():
        target = root / relative
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(relative)
        if not check_only:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            click.echo(f"wrote {relative}")
    if check_only and stale:
        raise CourseError(f"stale: {', '.join(stale)} (run `coursekit schema`)")
    if not stale:
        click.echo("schema and reference are up to date.")
