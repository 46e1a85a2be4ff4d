"""`coursekit init DIR`: make a new course that builds and passes `coursekit check --site` at
once — a schedule dated by the term calendar, a deck, a notebook, an assignment, the site's
config, the deploy workflow and a README.

Checks the options, renders every file (scaffold/render.py), then writes them; a folder that
is not empty is refused unless `--force`, which still keeps every file the scaffold does not
write.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coursekit.commands._options import DATE
from coursekit.errors import CourseError, Problem

if TYPE_CHECKING:  # the scaffold is imported only when a course is made
    from coursekit.scaffold.term import Meets, Term

# Files that do not make a folder "not empty": a fresh `git init` may come first.
IGNORED = {".git"}
MIN_SESSIONS = 3  # the deck, the notebook and the assignment's due date


@click.command("init")
@click.argument("folder", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--title", default="My Course", show_default=True, help="The course's name.")
@click.option(
    "--institution", default="My University", show_default=True, help="University or school."
)
@click.option(
    "--id", "offering_id", metavar="ID", help="Offering id  [default: from the term, e.g. S27]"
)
@click.option("--start", type=DATE, help="First day of the term  [default: the next semester's]")
@click.option("--end", type=DATE, help="Last day of the term  [default: 15 weeks after --start]")
@click.option(
    "--meets",
    default="Tue,Thu 10:30-11:50",
    show_default=True,
    metavar="'DAYS HH:MM-HH:MM'",
    help="Weekdays and time of the lectures.",
)
@click.option(
    "--timezone",
    metavar="ZONE",
    default="America/New_York",
    show_default=True,
    help="IANA time zone of the meetings.",
)
@click.option(
    "--language",
    metavar="CODE",
    default="en",
    show_default=True,
    help="Language of the site (theme.language).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Write into a folder with files: replace those init writes, keep the others.",
)
def init(
    folder: Path,
    title: str,
    institution: str,
    offering_id: str | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    meets: str,
    timezone: str,
    language: str,
    force: bool,
) -> None:
    """Make a new course in DIR (created if missing) that builds at once."""
    from coursekit.clock import build_time
    from coursekit.scaffold.render import NewCourse, render_course
    from coursekit.scaffold.term import choose_term, parse_meets

    _check_text("--title", title)
    _check_text("--institution", institution)
    _check_id(offering_id)
    _check_timezone(timezone)
    _check_language(language)
    pattern = parse_meets(meets)
    term = choose_term(
        build_time().date(),
        start.date() if start else None,
        end.date() if end else None,
        offering_id,
    )
    days = _class_days(term, pattern)
    course = NewCourse(title.strip(), institution.strip(), term, pattern, language, timezone)
    files = render_course(course)
    kept = _check_folder(folder, files, force)
    replaced = _write(folder, files)

    click.echo(f"Made the course {course.title!r} in {folder}:")
    _echo_files(files, replaced)
    click.echo(
        f"{term.title} ({term.id}): {term.start} to {term.end}, {len(days)} sessions on "
        f"{', '.join(pattern.days)} {pattern.time}, no class in {term.break_name} "
        f"({term.break_start} to {term.break_end})."
    )
    _echo_next_steps(folder, kept)


def _class_days(term: Term, pattern: Meets) -> list[dt.date]:
    """The term's class meetings; too few for the scaffold's sessions is an error."""
    days = term.class_days(pattern)
    if len(days) < MIN_SESSIONS:
        raise CourseError(
            Problem(
                f"the term {term.start} to {term.end} has {len(days)} class meetings on "
                f"{', '.join(pattern.days)} outside its break; a new course needs "
                f"{MIN_SESSIONS}",
                path="--end",
                fix="pass a later --end, or more days in --meets",
            )
        )
    return days


def _echo_files(files: dict[str, str], replaced: set[str]) -> None:
    """List the files written, in order, marking those that replaced a file."""
    width = max(len(path) for path in files)
    for path in files:
        note = "  (replaced)" if path in replaced else ""
        click.echo(f"  {path:<{width}}{note}".rstrip())


def _echo_next_steps(folder: Path, kept: list[str]) -> None:
    """Name the files --force kept, then the commands to preview and build the course."""
    if kept:
        shown = ", ".join(kept[:5]) + (f" and {len(kept) - 5} more" if len(kept) > 5 else "")
        files_word = "file" if len(kept) == 1 else "files"
        click.echo(f"Kept {len(kept)} {files_word} it does not write: {shown}")
    click.echo("Next: preview it, then build the site into site/:")
    here = folder.resolve() == Path.cwd().resolve()
    click.echo(f"  {'' if here else f'cd {shlex.quote(str(folder))} && '}coursekit serve")
    click.echo("  coursekit build --strict && coursekit check --site site")


def _check_text(option: str, value: str) -> None:
    if not value.strip() or re.search(r"[\x00-\x1f\x7f\u2028\u2029]", value):
        raise CourseError(
            Problem(
                f"{value!r} is not one line of text" if value.strip() else "is empty",
                path=option,
                fix=f'write e.g. {option} "Data Science"',
            )
        )


def _check_id(offering_id: str | None) -> None:
    from coursekit.schedule.model import OFFERING_ID

    if offering_id is not None and not re.match(OFFERING_ID, offering_id):
        raise CourseError(
            Problem(
                f"'{offering_id}' is not an offering id",
                path="--id",
                fix="use letters, digits, - and _, e.g. --id F27",
            )
        )


def _check_timezone(timezone: str) -> None:
    import zoneinfo

    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise CourseError(
            Problem(
                f"unknown time zone '{timezone}'",
                path="--timezone",
                fix="use an IANA name, e.g. --timezone Europe/Berlin",
            )
        ) from None


def _check_language(language: str) -> None:
    """Material must know the language, or every page's labels fail to load."""
    import difflib
    from importlib import resources

    folder = resources.files("material") / "templates" / "partials" / "languages"
    known = sorted(entry.name.removesuffix(".html") for entry in folder.iterdir())
    if language not in known:
        guess = difflib.get_close_matches(language, known, n=1)
        hint = f"did you mean '{guess[0]}'? " if guess else ""
        raise CourseError(
            Problem(
                f"Material for MkDocs has no language '{language}'",
                path="--language",
                fix=f"{hint}use a code such as en, de, fr or pt-BR",
            )
        )


def _check_folder(folder: Path, files: dict[str, str], force: bool) -> list[str]:
    """Refuse a folder with files in it unless `force`; the files present it will keep."""
    if folder.exists() and not folder.is_dir():
        raise CourseError(
            Problem("is a file, not a folder", file=str(folder), fix="name a new or empty folder")
        )
    present = _files_in(folder)
    if present and not force:
        shown = ", ".join(present[:3]) + (" …" if len(present) > 3 else "")
        raise CourseError(
            Problem(
                f"the folder is not empty (it holds {shown}); nothing was written",
                file=str(folder),
                fix="name a new or empty folder, or pass --force to add the course's files "
                "(replacing those it writes, keeping the others)",
            )
        )
    # Everything that would stop a write, found before the first file is written.
    blocked = [found for path in files if (found := _blocked(folder, path)) is not None]
    problems = list(dict.fromkeys(blocked))  # a folder blocks each file in it: once
    if problems:
        raise CourseError(problems)
    return [path for path in present if path not in files]


def _blocked(folder: Path, path: str) -> Problem | None:
    """Why the course's file `path` cannot be written into `folder`, if it cannot."""
    target = folder / path
    if target.is_dir() and not target.is_symlink():
        return Problem(
            "is a folder, where the new course has a file",
            file=str(target),
            fix="move it away, or pick another folder",
        )
    for parent in list(target.relative_to(folder).parents)[-2::-1]:
        if (folder / parent).is_file():
            return Problem(
                "is a file, where the new course has a folder",
                file=str(folder / parent),
                fix="move it away, or pick another folder",
            )
    # A symlinked folder would put the file outside the course.
    if not target.parent.resolve().is_relative_to(folder.resolve()):
        return Problem(
            "leads outside the folder through a symlink",
            file=str(target.parent),
            fix="remove the link, or pick another folder",
        )
    return None


def _files_in(folder: Path) -> list[str]:
    """Every file under `folder` (relative, sorted), `.git` left out."""
    if not folder.is_dir():
        return []
    found = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED)
        for name in names:
            found.append((Path(base) / name).relative_to(folder).as_posix())
    return sorted(found)


def _write(folder: Path, files: dict[str, str]) -> set[str]:
    """Write every file; the paths that existed before."""
    replaced = set()
    for path, text in files.items():
        target = folder / path
        if target.is_symlink():
            target.unlink()  # replace the link, never the file it points to
            replaced.add(path)
        elif target.exists():
            replaced.add(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    return replaced
