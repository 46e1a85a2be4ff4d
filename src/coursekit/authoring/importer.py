"""Legacy markdown schedule tables (`| Date | Topic | Reading | Assignment due |`) → sessions
in the field conventions of `schedule.yaml`, ready for `emit.offering_block`.

Used by `coursekit import-schedule`. Every row and link is kept: what cannot be read becomes
a comment in the output and a `FILE:LINE: …` note.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from coursekit.authoring.cells import (
    COMMENT,
    DATE,
    DAYS,
    LINK,
    MONTHS,
    URL,
    book,
    cells,
    guess_kind,
    guest_note,
    repeated,
    split_notes,
    split_top,
    time_of,
    trailing_group,
    unlinked,
)
from coursekit.authoring.emit import Comment
from coursekit.errors import CourseError, Problem
from coursekit.schedule.kinds import import_names

# Link labels inside the parentheses after a topic → session fields; others go to `links`.
_LABELS = [
    (re.compile(r"md|markdown"), "md"),
    (re.compile(r"pdf"), "pdf"),
    (re.compile(r"slides"), "slides"),
    (re.compile(r"video"), "video"),
    (re.compile(r"book chapter( \d+)?"), "book"),
    (re.compile(r"blog( post)?( \d+)?"), "blog"),
    (re.compile(r"lecture notes"), "lecture_notes"),
]
_SINGLE = ("md", "pdf", "slides")  # one URL each; a second one goes to `links`
_COLUMNS = [
    ("date", re.compile(r"^(date|day|when)$", re.I)),
    ("reading", re.compile(r"read", re.I)),
    ("due", re.compile(r"due|assignment|deliverable|homework", re.I)),
    ("book", re.compile(r"book|chapter", re.I)),
    ("topic", re.compile(r"topic|lecture|content|session|title|subject", re.I)),
]


@dataclass
class ImportedTable:
    sessions: list[dict[str, Any] | Comment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # FILE:LINE notes, for stderr
    days: dict[str, Counter[str]] = field(default_factory=dict)  # kind → weekdays seen
    rows: int = 0  # the table's rows: each became a session or is in `skipped`
    skipped: list[int] = field(default_factory=list)  # line numbers of rows left out
    lines: list[int] = field(default_factory=list)  # the line of each session, in order
    header: int = 0  # the line of the table's header row

    def skip(self, file: str, line: int, why: str) -> None:
        self.skipped.append(line)
        self.problems.append(Problem(why, file=file, line=line))

    @property
    def session_count(self) -> int:
        return sum(1 for s in self.sessions if not isinstance(s, Comment))

    @property
    def dates(self) -> list[dt.date]:
        return [s["date"] for s in self.sessions if isinstance(s, dict) and "date" in s]

    def offering(self, title: str) -> dict[str, Any]:
        """The offering's data for `emit.offering_block`; the term spans the table's dates."""
        data: dict[str, Any] = {"title": title}
        if self.dates:
            data["term"] = {"start": min(self.dates), "end": max(self.dates)}
        data["sessions"] = self.sessions
        return data

    def meeting_note(self) -> str | None:
        """What the table says about meeting days, for a person to turn into `meetings`."""
        order = {day[:3]: i for i, day in enumerate(calendar.day_abbr)}
        seen = [
            f"{kind} {', '.join(sorted(repeated(days), key=order.__getitem__))}"
            for kind, days in self.days.items()
            if kind in ("lecture", "recitation", "lab") and any(n > 1 for n in days.values())
        ]
        if not seen:
            return None
        return f"meetings: the table has {'; '.join(seen)} (add `meetings` with times)"


def import_table(text: str, year: int, file: str) -> ImportedTable:
    """Read the first table with a Date column in `text`; dates fall in `year` (and the next
    one, once the months wrap around)."""
    lines = text.splitlines()
    header = next(
        (
            i
            for i, line in enumerate(lines[:-1])
            if line.lstrip().startswith("|")
            and any(_COLUMNS[0][1].match(cell) for cell in cells(line))
            and re.fullmatch(r"[\s|:-]+", lines[i + 1])
        ),
        None,
    )
    if header is None:
        raise CourseError(
            Problem(
                "no schedule table found",
                file=file,
                fix="the table needs a header row with a Date column, e.g. "
                "| Date | Topic | Reading | Assignment due |",
            )
        )
    result = ImportedTable(header=header + 1)
    columns = _columns(cells(lines[header]), file, header + 1, result)
    previous: dt.date | None = None
    month = None
    for number in range(header + 3, len(lines) + 1):
        line = lines[number - 1]
        if COMMENT.fullmatch(line.strip()):
            # A row commented out whole: skipped, and the table goes on below it.
            result.rows += 1
            result.skip(file, number, "a commented-out row (<!-- … -->) is left out")
            continue
        if not line.lstrip().startswith("|"):
            break
        result.rows += 1
        row = _Row(file, number, result.problems)
        session = row.read(cells(COMMENT.sub("", line)), columns, year, previous)
        if COMMENT.search(line):
            row.note("a commented-out part (<!-- … -->) is left out")
        if session is None:
            result.skipped.append(number)
            result.sessions.append(Comment(f"{file}:{number}: not imported: {line.strip()}"))
            continue
        if "date" in session:
            if previous and session["date"] < previous:
                row.note(f"{session['date']} comes before the previous row ({previous})")
            previous = session["date"]
            heading = f"{session['date']:%B %Y}"
            if heading != month:
                result.sessions.append(Comment(heading))
                month = heading
            days = result.days.setdefault(session.get("kind", "lecture"), Counter())
            days[f"{previous:%a}"] += 1
        result.sessions.append(session)
        result.lines.append(number)
    return result


def _columns(names: list[str], file: str, line: int, result: ImportedTable) -> list[str | None]:
    columns: list[str | None] = []
    for name in names:
        role = next((role for role, pattern in _COLUMNS if pattern.search(name)), None)
        if role is None or role in columns:
            result.problems.append(
                Problem(f"column '{name}' is kept in `notes`", file=file, line=line)
            )
            role = None
        columns.append(role)
    if "topic" not in columns:
        raise CourseError(
            Problem("the table has no Topic column", file=file, line=line, fix="name it Topic")
        )
    return columns


class _Row:
    """One table row: reads its cells and files notes under its line number."""

    def __init__(self, file: str, number: int, problems: list[Problem]):
        self.file, self.number, self.problems = file, number, problems

    def note(self, message: str) -> None:
        self.problems.append(Problem(message, file=self.file, line=self.number))

    def read(
        self, cells: list[str], columns: list[str | None], year: int, previous: dt.date | None
    ) -> dict[str, Any] | None:
        """The session, or None if the row cannot be read (it becomes a comment)."""
        values: dict[str, str] = {}
        extra = []
        for i, cell in enumerate(cells):
            role = columns[i] if i < len(columns) else None
            if role:
                values[role] = cell
            elif cell:
                extra.append(cell)
        session: dict[str, Any] = {}
        date_link = None
        if values.get("date"):
            text, date_link = unlinked(values["date"])
            day = self.date(text, year, previous)
            if day is None:
                return None
            session["date"] = day
            time = time_of(text)
            if time:
                session["time"] = time
        else:
            session["continues"] = True
        if not values.get("topic"):
            self.note("the row has no topic")
            return None
        session |= self.topic(values["topic"])
        if date_link:  # `[Thu, May 2](exam.pdf) (9:30am)`: the link is the session's
            if "url" in session or "slides" in session:
                links = session.setdefault("links", [])
                links.insert(0, {"label": date_link[0], "url": date_link[1]})
            else:
                session["url"] = date_link[1]
        for key, value in book(values.get("book", "")).items():
            session.setdefault(key, []).extend(value)
        if extra:
            self.note(f"cells beyond the table's columns are kept in `notes`: {extra}")
            session["notes"] = "; ".join(filter(None, [session.get("notes"), *extra]))
        for role, key in (("reading", "readings"), ("due", "due")):
            items = self.items(values.get(role, ""))
            if items:
                session[key] = items
        return session

    def date(self, text: str, year: int, previous: dt.date | None) -> dt.date | None:
        match = DATE.match(text.strip())
        try:
            # A bare number after the date is no time: `9:30`, `9am` and `5-7pm` are.
            if not match or (match["time"] and not re.search(r":|[ap]\.?m", match["time"], re.I)):
                raise ValueError
            if match["iso"]:
                day = dt.date.fromisoformat(match["iso"])
            else:
                month = MONTHS.get(match["month"].lower()) if match["month"] else int(match["m"])
                y = int(match["y"]) % 100 + 2000 if match["y"] else year
                day = dt.date(y, month or 0, int(match["day"] or match["d"]))
                # A table that runs from December into January goes on in the next year.
                if not match["y"] and previous and (previous - day).days > 180:
                    day = day.replace(year=day.year + 1)
        except (ValueError, TypeError):
            self.note(
                f"cannot read the date '{text}' (expected e.g. 'Tue, May 19'); kept as a comment"
            )
            return None
        weekday = match["weekday"]
        if weekday and DAYS.get(weekday.lower()[:3]) != day.weekday():
            self.note(
                f"'{text}': {day:%b} {day.day}, {day.year} is a {day:%A} (check the date or --year)"
            )
        return day

    def topic(self, text: str) -> dict[str, Any]:
        session: dict[str, Any] = {}
        kind = None
        while match := re.match(r"\s*" + LINK.pattern, text):
            if not match.group(1):
                break
            label = re.search(r"/badge/-?([A-Za-z]+)", match.group(3))
            name = (label.group(1) if label else match.group(2)).lower()
            # Shields.io badge label (…/badge/-rec-Yellow.svg) or alt text → session kind.
            names = import_names()
            kind = names.get(name) or names.get(match.group(2).lower())
            if kind is None:
                self.note(f"unknown badge '{match.group(2)}'; imported as kind: other")
                kind = "other"
            text = text[match.end() :]
        text = text.strip()
        title, notes = split_notes(text)
        title, guest = guest_note(title)
        if guest:  # `(guest lecture by [X](url))` is a note, with its link, not a link list
            notes = "; ".join(filter(None, [guest, notes]))
            kind = kind or "guest"
        title, extras = self.link_list(title)
        bold = False
        whole = LINK.fullmatch(title.strip("* ")) if title.count("](") == 1 else None
        if whole and not title.strip("* ").startswith("!"):
            bold = title.startswith("**") or whole.group(2).startswith("**")
            title, link = whole.group(2).strip("* "), whole.group(3).strip("<>")
        else:
            link = None
            if re.fullmatch(r"\*\*[^*]+\*\*", title):
                bold, title = True, title[2:-2].strip()
        if kind is None:
            kind = guess_kind(LINK.sub(r"\2", title), bold or link is None, "](" in title)
        if kind != "lecture":
            session["kind"] = kind
        session["title"] = title
        if link:
            target = "slides" if kind == "lecture" else "url"
            session[target] = link
            if target in extras:  # `([slides](…))` beside a title that already links
                extras.setdefault("links", []).insert(0, {"label": target, "url": extras[target]})
                del extras[target]
        session |= extras
        if notes:
            session["notes"] = notes
        return session

    def link_list(self, text: str) -> tuple[str, dict[str, Any]]:
        """Split `Title ([md](…), [pdf](…), book chapter 3)` into the title and fields."""
        inner_start = trailing_group(text)
        if inner_start is None:
            return text, {}
        inner = text[inner_start + 1 : -1]
        if not (LINK.search(inner) or URL.search(inner)):
            return text, {}  # "(continued)" is part of the title
        fields: dict[str, Any] = {}
        for item in split_top(inner, ","):
            for label, url in self.link_items(item):
                key = next((k for p, k in _LABELS if p.fullmatch(label.lower())), None)
                if key is None or url is None or (key in _SINGLE and key in fields):
                    link = {"label": label, "url": url} if url else {"label": label}
                    fields.setdefault("links", []).append(link)
                elif key in _SINGLE:
                    fields[key] = url
                else:
                    fields.setdefault(key, []).append(url)
        return text[:inner_start].rstrip(), fields

    def link_items(self, item: str) -> list[tuple[str, str | None]]:
        """`[md](u)` → (md, u); `book chapter 3` → (label, None); a bare URL → (link, u)."""
        found: list[tuple[str, str | None]] = []
        for match in LINK.finditer(item):
            found.append((match.group(2), match.group(3).strip("<>")))
        rest = LINK.sub(" ", item)
        for url in URL.findall(rest):
            self.note(f"bare URL {url} kept as `links: [{{label: link, …}}]`; give it a label")
            found.append(("link", url))
        rest = URL.sub(" ", rest).strip(" ,;")
        if rest and not found:
            found.append((rest, None))
        elif rest:
            self.note(f"text '{rest}' beside a link in the link list is kept as a label")
            found.append((rest, None))
        return found

    def items(self, text: str) -> list[dict[str, Any]]:
        """Readings or due items: `[A](u), Ch. 5 and [B](u)`, `[A](u) or [B](u)`."""
        text = text.strip()
        if not text:
            return []
        links = list(LINK.finditer(text))
        if not links:
            return [{"title": text.strip("* ")}]
        items: list[dict[str, Any]] = []
        lead = text[: links[0].start()].strip()
        if lead:
            self.note(f"text '{lead}' before the first link is kept in that item's title")
        alternative = False
        for k, match in enumerate(links):
            tail = text[match.end() : links[k + 1].start() if k + 1 < len(links) else len(text)]
            detail, separator = tail, ""
            if k + 1 < len(links):
                # Matches every tail: both groups may be empty.
                parts = re.match(r"(.*?)\s*(,|;|&|\band\b|\bor\b)?\s*$", tail, re.S)
                assert parts is not None
                detail, separator = parts.group(1), parts.group(2) or ""
            item: dict[str, Any] = {"title": match.group(2).strip()}
            if k == 0 and lead:
                item["title"] = f"{lead} {item['title']}"
            url = match.group(3).strip("<>")
            if url:
                item["url"] = url
            detail = detail.strip().lstrip(",;:").strip()
            if detail:
                item["detail"] = detail
            if alternative:
                item["alternative"] = True
            items.append(item)
            alternative = separator == "or"
        return items
