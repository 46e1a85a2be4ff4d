"""YAML text in the house style of `schedule.yaml`: a block per session with blank lines
between, flow mappings for readings, due items and meetings, quotes only where needed.

Used by `importer.py` (`coursekit import-schedule`) and `rollforward.py`
(`coursekit new-semester`), so generated offerings read like the ones written by hand.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

SESSION_KEYS = (
    "id", "date", "continues", "time", "kind", "title", "url", "slides", "notebook", "md", "pdf",
    "video", "book", "blog", "lecture_notes", "links", "notes", "readings", "due",
)  # fmt: skip
OFFERING_KEYS = (
    "title", "term", "meetings", "instructors", "description", "logistics", "pages", "source",
    "original_site", "sessions",
)  # fmt: skip
ONE_OR_MANY = frozenset({"video", "book", "blog", "lecture_notes"})  # `book: URL` for one
FLOW_LISTS = frozenset({"days", "numbers"})  # `days: [Mon, Wed]`
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
SEASONS = {"S": "Spring", "F": "Fall", "M": "Summer", "U": "Summer", "W": "Winter"}


class Comment(str):
    """A `# …` line among the sessions (a month heading, a row that was not imported)."""


def default_title(oid: str) -> str:
    """`S2027` → `Spring 2027`, `F2026` → `Fall 2026`; the id itself when it says neither."""
    match = re.fullmatch(r"([A-Za-z])(\d{4})", oid)
    if match and match.group(1).upper() in SEASONS:
        return f"{SEASONS[match.group(1).upper()]} {match.group(2)}"
    return oid


def scalar(value: Any, *, flow: bool = False) -> str:
    """One value as YAML; text is quoted only when a reader could take it for something else."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, int, float)):
        return str(value)
    text = str(value)
    if not _needs_quotes(text, flow):
        return text
    if '"' in text and "'" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _needs_quotes(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or text[0] in _INDICATORS:
        return True
    if ": " in text or " #" in text or text.endswith(":"):
        return True
    # The house style quotes times ("13:25-14:45") and, inside {…}, anything with , [ ] { }
    # or ? (URLs with queries), although some of these would parse unquoted.
    if re.search(r"\d:\d", text) or (flow and re.search(r"[,\[\]{}?]", text)):
        return True
    try:  # true, no, 3.5, 2027-01-20, ~ … would come back as something other than this text
        return yaml.safe_load(f"k: {text}") != {"k": text}
    except yaml.YAMLError:
        return True


def flow_mapping(data: dict[str, Any]) -> str:
    parts = []
    for key, value in data.items():
        if isinstance(value, list):
            shown = "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
        else:
            shown = scalar(value, flow=True)
        parts.append(f"{key}: {shown}")
    return "{" + ", ".join(parts) + "}"


def offering_block(
    oid: str, data: dict[str, Any], *, indent: int = 2, notes: Sequence[str] = ()
) -> str:
    """`<oid>:` and the offering below it, indented to sit under `offerings:`.

    `notes` become comment lines above `sessions:` (things a person should still add).
    """
    pad = " " * indent
    lines = [f"{pad}{oid}:"]
    inner = indent + 2
    for key in _ordered(data, OFFERING_KEYS):
        if key == "sessions":
            lines += [f"{' ' * inner}# {note}" for note in notes]
            lines.append(f"{' ' * inner}sessions:")
            lines += sessions_lines(data["sessions"], inner + 2)
        else:
            lines += _entry(key, data[key], inner)
    return "\n".join(lines) + "\n"


def sessions_lines(sessions: list[dict[str, Any] | Comment], indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    blank_before = False
    for item in sessions:
        if blank_before:
            lines.append("")
            blank_before = False
        if isinstance(item, Comment):
            lines.append(f"{pad}# {item}")
            continue
        block = _mapping(item, indent + 2, SESSION_KEYS)
        lines.append(f"{pad}- {block[0].lstrip()}")
        lines += block[1:]
        blank_before = True
    return lines


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    return [k for k in order if k in data] + [k for k in data if k not in order]


def _flat(value: dict[str, Any]) -> bool:
    return all(
        not isinstance(v, (dict, list)) or (isinstance(v, list) and not _has_containers(v))
        for v in value.values()
    )


def _has_containers(values: list[Any]) -> bool:
    return any(isinstance(v, (dict, list)) for v in values)


def _mapping(data: dict[str, Any], indent: int, order: tuple[str, ...] = ()) -> list[str]:
    lines: list[str] = []
    for key in _ordered(data, order):
        lines += _entry(key, data[key], indent)
    return lines


def _entry(key: str, value: Any, indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        if _flat(value):
            return [f"{pad}{key}: {flow_mapping(value)}"]
        return [f"{pad}{key}:", *_mapping(value, indent + 2)]
    if not isinstance(value, list):
        return [f"{pad}{key}: {scalar(value)}"]
    if not value:
        return [f"{pad}{key}: []"]
    if not _has_containers(value):
        if key in ONE_OR_MANY and len(value) == 1:
            return [f"{pad}{key}: {scalar(value[0])}"]
        if key in FLOW_LISTS:
            return [f"{pad}{key}: [" + ", ".join(scalar(v, flow=True) for v in value) + "]"]
        return [f"{pad}{key}:", *(f"{pad}  - {scalar(v)}" for v in value)]
    lines = [f"{pad}{key}:"]
    for item in value:
        if isinstance(item, dict) and _flat(item):
            lines.append(f"{pad}  - {flow_mapping(item)}")
        elif isinstance(item, dict):
            block = _mapping(item, indent + 4)
            lines += [f"{pad}  - {block[0].lstrip()}", *block[1:]]
        else:
            lines.append(f"{pad}  - {scalar(item)}")
    return lines
