"""Start a new offering from an old one: the same sessions in the same order without their
dates, a new term and holidays, and the calendar engine to date them again.

Used by `coursekit new-semester`. Edits `schedule.yaml` through ruamel.yaml's round trip, so
every comment and line elsewhere in the file stays exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import MarkedYAMLError

from coursekit.authoring.emit import default_title, offering_block
from coursekit.errors import CourseError, Problem
from coursekit.schedule.calendar import date_sessions
from coursekit.schedule.dated import TermCalendar
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.model import BuiltOffering, Meeting, Session, Term
from coursekit.schedule.problems import yaml_problem

HEADER_WIDTH = 84  # the `# ── Spring 2022 ────…` lines between offerings in schedule.yaml


@dataclass(frozen=True)
class RollForward:
    text: str  # the whole new schedule.yaml
    block: str  # the new offering as YAML text, as it appears in `text`
    offering: dict[str, Any]  # the new offering as plain data
    calendar: TermCalendar  # its sessions dated in the new term
    dropped: list[str]  # titles of the old offering's break rows, left out


def roll_forward(
    text: str,
    new_id: str,
    old_id: str,
    start: dt.date,
    end: dt.date | None = None,
    holidays: Sequence[Holiday] = (),
    *,
    title: str | None = None,
    file: str = "schedule.yaml",
) -> RollForward:
    """Add offering `new_id` to the schedule `text`, copied from `old_id`; raise
    `CourseError` when that cannot be done faithfully."""
    yaml, document = _load(text, file)
    offerings = _offerings_without(document, new_id, file)
    old = _old_offering(offerings, old_id, file)
    term = _new_term(offerings[old_id]["term"], old.term, start, end, holidays)
    sessions, dropped = _undated_sessions(_plain(offerings[old_id]["sessions"]))
    data = {
        "title": title or default_title(new_id),
        "term": term,
        "meetings": _plain(offerings[old_id]["meetings"]),
        "sessions": sessions,
    }
    block = offering_block(new_id, data)
    header = _add_offering(yaml, offerings, new_id, old_id, data["title"], block)
    new_text = _dump(yaml, document)
    _check_only_added(new_text, text, f"\n  # {header}\n{block}", file)
    calendar = date_sessions(
        Term(start=start, end=term["end"], timezone=old.term.timezone),
        [Meeting.model_validate(m) for m in data["meetings"]],
        [Session.model_validate(s) for s in sessions],
        list(holidays),
    )
    return RollForward(new_text, block, data, calendar, dropped)


def _offerings_without(document: Any, new_id: str, file: str) -> CommentedMap:
    """The schedule's `offerings:` mapping, which must not hold `new_id` yet."""
    # Round-trip loading gives every mapping as a CommentedMap, which knows its lines.
    offerings = document.get("offerings") if isinstance(document, dict) else None
    if not isinstance(offerings, CommentedMap):
        raise CourseError(Problem("no `offerings:` mapping", file=file, fix="run coursekit check"))
    if new_id in offerings:
        line, column = offerings.lc.key(new_id)
        raise CourseError(
            Problem(
                f"offering '{new_id}' already exists",
                file=file,
                line=line + 1,
                column=column + 1,
                path=f"offerings.{new_id}",
                fix="choose another id, or remove that offering first",
            )
        )
    return offerings


def _new_term(
    old_yaml: CommentedMap,
    old: Term,
    start: dt.date,
    end: dt.date | None,
    holidays: Sequence[Holiday],
) -> dict[str, Any]:
    """The new offering's `term:` as plain data: as long as the old one unless `end` is
    given, its time zone kept only where the old one named it."""
    term: dict[str, Any] = {
        "start": start,
        "end": end or start + (old.end - old.start),
    }
    if term["end"] < start:
        raise CourseError(
            Problem(
                f"the new term ends ({term['end']}) before it starts ({start})",
                fix="pass an --end date after --start",
            )
        )
    if "timezone" in old_yaml:
        term["timezone"] = old.timezone
    if holidays:
        term["holidays"] = [holiday.as_yaml_data() for holiday in holidays]
    return term


def _add_offering(
    yaml: YAML, offerings: CommentedMap, new_id: str, old_id: str, title: str, block: str
) -> str:
    """Insert `block` as offering `new_id` under a header comment; return the header."""
    # Parse the block in the same round-trip mode so its blank lines come along.
    offerings[new_id] = yaml.load("offerings:\n" + block)["offerings"][new_id]
    header = f"── {title} (from {old_id}, by coursekit new-semester) "
    header += "─" * max(3, HEADER_WIDTH - 4 - len(header))
    offerings.yaml_set_comment_before_after_key(new_id, before=f"\n{header}", indent=2)
    return header


def _check_only_added(new_text: str, text: str, added: str, file: str) -> None:
    """Refuse a result that differs from `text` anywhere but the `added` lines."""
    # Everything but the new lines must come out as it went in; ruamel re-indents files
    # laid out differently from schedule.yaml, and then we write nothing.
    at = new_text.find(added)
    if at < 0 or (new_text[:at] + new_text[at + len(added) :]).rstrip() != text.rstrip():
        raise CourseError(
            Problem(
                "ruamel.yaml would change the layout of this file, so it was left alone",
                file=file,
                fix="indent mappings by 2 and list items by 4 (`  - `), as the committed "
                "schedule.yaml does, or add the offering by hand",
            )
        )


def _load(text: str, file: str) -> tuple[YAML, Any]:
    yaml = YAML()  # round trip: keeps comments, quotes, flow style and blank lines
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines (URLs)
    yaml.indent(mapping=2, sequence=4, offset=2)  # the layout of schedule.yaml
    try:
        document = yaml.load(text)
    except MarkedYAMLError as error:
        raise CourseError(yaml_problem(error, text, file, fix="run coursekit check")) from None
    return yaml, document


def _dump(yaml: YAML, document: Any) -> str:
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue()


def _old_offering(offerings: CommentedMap, old_id: str, file: str) -> BuiltOffering:
    raw = offerings.get(old_id)
    line, column = (n + 1 for n in offerings.lc.key(old_id)) if raw else (None, None)

    def problem(message: str, fix: str) -> CourseError:
        path = f"offerings.{old_id}" if raw else None
        return CourseError(Problem(message, file, line, column, path=path, fix=fix))

    built = [k for k, v in offerings.items() if isinstance(v, dict) and "sessions" in v]
    if not isinstance(raw, dict) or "sessions" not in raw:
        reason = "is hosted elsewhere and has no sessions" if raw else "does not exist"
        fix = f"copy one of: {', '.join(built)}" if built else "add an offering first"
        raise problem(f"offering '{old_id}' {reason}", fix)
    try:
        old = BuiltOffering.model_validate(_plain(raw))
    except ValidationError:
        raise problem(f"offering '{old_id}' is not valid", "run coursekit check") from None
    if not old.meetings:
        raise problem(
            f"offering '{old_id}' has no `meetings`, so its sessions cannot be dated again",
            f"add `meetings` (weekly days and times) to {old_id}, then run this again",
        )
    return old


def _undated_sessions(sessions: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """Sessions without `date`; break rows (and rows continuing them) are left out because
    the new term's holidays make their own."""
    kept: list[dict[str, Any]] = []
    dropped: list[str] = []
    in_break = False
    for session in sessions:
        if session.get("kind") == "break" or (in_break and session.get("continues")):
            in_break = True
            dropped.append(session["title"])
            continue
        in_break = False
        kept.append({k: v for k, v in session.items() if k != "date"})
    return kept, dropped


def _plain(value: Any) -> Any:
    """ruamel's commented containers and scalar types → plain dicts, lists, str, bool."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return bool(value)
    return value
