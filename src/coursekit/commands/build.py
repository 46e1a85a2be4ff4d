"""`coursekit build`: check the course, then build every semester site atomically."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from coursekit.commands._options import DATE, root_option


class LinkParam(click.ParamType):
    """A URL given on the command line, held to the rule `schedule.yaml` links follow: the
    model's validators never see it (the build swaps it in with `model_copy`), and Material
    prints `repo_url` into the page header as it is."""

    name = "URL"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        from coursekit.schedule.fixable import FixableError
        from coursekit.schedule.link import safe_link

        text = str(value).strip()
        if not text:
            self.fail("is empty (pass a URL such as https://github.com/you/course)", param, ctx)
        try:
            return safe_link(text)
        except FixableError as error:
            self.fail(f"{text!r}: {error} ({error.fix})", param, ctx)


LINK = LinkParam()


@click.command()
@root_option
@click.option("--semester", metavar="ID", help="Build only this offering (others are kept).")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the site.  [default: <root>/site]",
)
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings (e.g. broken links) as errors.")
@click.option(
    "--pdf",
    is_flag=True,
    help='Also print every lecture deck to PDF (needs Chromium and pip install "coursekit[pdf]").',
)
@click.option(
    "--as-of",
    type=DATE,
    help="Build the site as it will look on this day (YYYY-MM-DD): release dates up to it count.",
)
@click.option(
    "--site-url",
    type=LINK,
    help="Where the site is published, e.g. https://you.github.io/course/ (overrides "
    "mkdocs.yml's site_url; CI passes the Pages URL).",
)
@click.option(
    "--repository",
    type=LINK,
    help="The GitHub repository this build comes from (overrides course.repository in "
    "schedule.yaml; CI passes its own, so source, Binder and Colab links open its files).",
)
def build(
    root: Path,
    semester: str | None,
    out: Path | None,
    strict: bool,
    pdf: bool,
    as_of: datetime | None,
    site_url: str | None,
    repository: str | None,
) -> None:
    """Build the course site: <out>/<ID>/ per offering, the landing page and versions.json."""
    from coursekit.progress import shown, wanted
    from coursekit.site.build import build_course

    if pdf:
        from coursekit.slides.pdf import require_playwright

        require_playwright()
    stderr = sys.stderr  # where click.echo(err=True) writes too
    # A line per offering, notebook and PDF on a terminal: a first build takes a while.
    with shown(stderr, enabled=wanted(stderr, verbose=verbose_given())):
        report = build_course(
            root,
            out,
            semester=semester,
            strict=strict,
            pdf=pdf,
            as_of=as_of.date() if as_of else None,
            site_url=site_url,
            repository=repository,
            on_wait=lambda line: click.echo(line, err=True),
        )
    for warning in report.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(f"Built {', '.join(report.built)} into {report.out} in {report.seconds:.1f} s.")


def verbose_given() -> bool:
    """Whether `coursekit -v` was given (an option of the group, not of this command)."""
    context = click.get_current_context(silent=True)
    return bool(context and context.find_root().params.get("verbose"))
