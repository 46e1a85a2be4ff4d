"""`coursekit schema`: regenerate schedule.schema.json (editors' completion) and, in
coursekit's own repository or with `--docs`, the field reference page."""

from __future__ import annotations

from pathlib import Path

import click

from coursekit.commands._options import root_option


def _is_coursekit_checkout(root: Path) -> bool:
    """coursekit's own repository keeps the reference it publishes; a course does not."""
    return (root / "src" / "coursekit" / "schedule" / "model.py").is_file()


@click.command()
@root_option
@click.option("--check", "check_only", is_flag=True, help="Fail if the files are stale.")
@click.option(
    "--docs",
    is_flag=True,
    help="Also write docs/reference/schedule.md (the default in coursekit's own repository).",
)
def schema(root: Path, check_only: bool, docs: bool) -> None:
    """Write schedule.schema.json from the model (and docs/reference/schedule.md with --docs)."""
    from coursekit.errors import CourseError
    from coursekit.schedule.reference import SCHEMA_FILE, generated_files

    with_docs = docs or _is_coursekit_checkout(root)
    stale = []
    for relative, text in generated_files().items():
        if relative != SCHEMA_FILE and not with_docs:
            continue
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
        click.echo("schema and reference are up to date." if with_docs else "schema is up to date.")
