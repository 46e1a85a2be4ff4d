"""Render the files of a new course from the templates beside this module.

`coursekit init` (commands/init.py) calls `render_course` and writes what it returns. Every
`{{ value }}` is escaped for the file it lands in — quoted for YAML, backslash-escaped and
entity-encoded for Markdown — by the template environment of that file type, so a title such
as `Data: Science & "ML" <script>` reads back exactly and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources

import jinja2
import yaml

from coursekit.scaffold.term import Meets, Term

# template → the file it becomes in the course, in the order `init` lists them. Templates
# ending in `.j2` are rendered; the others are copied as they are (the workflow's `${{ }}`
# expressions are GitHub's, not Jinja's).
FILES = (
    ("schedule.yaml.j2", "schedule.yaml"),
    ("mkdocs.yml.j2", "mkdocs.yml"),
    ("description.md.j2", "docs/description.md"),
    ("syllabus.md.j2", "docs/syllabus.md"),
    ("welcome.md.j2", "lectures/01-welcome/welcome.md"),
    ("intro.py", "recitations/01-python/intro.py"),
    ("A1.md.j2", "assignments/A1.md"),
    ("requirements.txt", "requirements.txt"),
    ("gitignore", ".gitignore"),
    ("pages.yml", ".github/workflows/pages.yml"),
    ("README.md.j2", "README.md"),
)
DECK = "lectures/01-welcome/welcome.md"
NOTEBOOK = "recitations/01-python/intro.py"
ASSIGNMENT = "assignments/A1.md"


@dataclass(frozen=True)
class NewCourse:
    """What `coursekit init` was asked for, checked."""

    title: str
    institution: str
    term: Term
    meets: Meets
    language: str
    timezone: str


@dataclass(frozen=True)
class _Session:
    title: str
    id: str | None = None
    kind: str = "lecture"
    slides: str | None = None
    notebook: str | None = None
    due: str | None = None  # the assignment due at this session


def render_course(course: NewCourse) -> dict[str, str]:
    """Course-relative path → text of every file a new course starts with."""
    sessions = _sessions(course.term.class_days(course.meets))
    values = {
        "course": course,
        "term": course.term,
        "meets": course.meets,
        "sessions": sessions,
        "due_session": next(session.id for session in sessions if session.due),
        "deck": DECK,
        "notebook": NOTEBOOK,
        "assignment": ASSIGNMENT,
    }
    templates = resources.files(__package__) / "templates"
    files = {}
    for name, target in FILES:
        text = (templates / name).read_text(encoding="utf-8")
        if name.endswith(".j2"):
            text = _environment(name.removesuffix(".j2")).from_string(text).render(values)
        files[target] = text
    return files


def _sessions(days: list[dt.date]) -> list[_Session]:
    """One session per class day: the deck, the notebook, placeholders, a wrap-up; the
    assignment is due at the first session from the fourth on that falls on a weekday."""
    sessions = [_Session(f"Lecture {n}") for n in range(1, len(days) + 1)]
    sessions[0] = _Session("Welcome", id="welcome", slides=DECK)
    sessions[1] = _Session("Python warm-up", id="python-warm-up", kind="lab", notebook=NOTEBOOK)
    sessions[-1] = _Session("Review and wrap-up", id="wrap-up")
    due = next((i for i in range(3, len(days)) if days[i].weekday() < 5), len(days) - 1)
    sessions[due] = _Session(
        sessions[due].title, id=sessions[due].id or f"lecture-{due + 1}", due=ASSIGNMENT
    )
    return sessions


class _Escaped(str):
    """Text already escaped for its file (by the `yaml` or `md` filter): written as is."""


def yaml_scalar(value: object) -> str:
    """A YAML scalar that reads back as `value`: plain when that is unambiguous (`Tue`,
    `docs/syllabus.md`, dates, numbers), else double-quoted."""
    if isinstance(value, bool | int | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else str(value).lower()
    text = str(value)
    # Plain words and paths only, and only when YAML reads them back as the same text (not
    # `yes`, `null` or `1e3`); `,[]{}` would end a flow collection, `: ` and ` #` the value.
    if re.fullmatch(r"[A-Za-z][\w./-]*( [\w./-]+)*", text) and yaml.safe_load(text) == text:
        return text
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.rstrip("\n")


# Characters Markdown reads as markup inside a line: emphasis, code, links, attribute lists,
# a heading's closing `#`, tables, GFM's `~~`, HTML and entities, and the `$` and `\(` of
# coursekit's formulas. Each becomes a numeric character reference, which Python-Markdown (the
# site's pages) and CommonMark (decks, GitHub showing the README) both show as the character
# itself; a backslash escape would start a formula. Values never start a line in the
# templates, so list and block markers (`-`, `1.`, `>`) need nothing.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]#$|~<>&]")


def markdown_text(value: object) -> str:
    """Inline Markdown that shows `value` as literal text."""
    return _MARKDOWN_SPECIAL.sub(lambda match: f"&#{ord(match.group())};", str(value))


_ESCAPERS = {".yaml": yaml_scalar, ".yml": yaml_scalar, ".md": markdown_text}


def _environment(target: str) -> jinja2.Environment:
    """A Jinja environment that escapes every printed value for the file type of `target`."""
    escape = _ESCAPERS[target[target.rindex(".") :]]

    def finalize(value: object) -> str:
        return value if isinstance(value, _Escaped) else escape(value)

    environment = jinja2.Environment(
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # HTML escaping is wrong for YAML and Markdown; `finalize` escapes
    )
    environment.filters["yaml"] = lambda value: _Escaped(yaml_scalar(value))
    environment.filters["md"] = lambda value: _Escaped(markdown_text(value))
    return environment
