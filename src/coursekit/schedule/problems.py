"""Errors of the libraries that read a course, as `Problem`s placed in the user's file.

`yaml_problem`: a YAML parse error, where the user must look (1-based line and column of the
file, front matter offset by its first line). `validation_problems`: pydantic's errors, by key
path. Called by `yamlsource.py`, `site/engine.py` (mkdocs.yml), `load.py`, `holidays.py`,
`rollforward.py` and `notebooks/read.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from coursekit.errors import Problem

if typing.TYPE_CHECKING:
    from coursekit.schedule.yamlsource import KeyPath, YamlSource

# Pydantic's tags of the offering shapes, which key paths leave out.
_TAGS = ("built", "external", "ref")
SYNTAX_FIX = "check brackets, quotes, colons and indentation here"


def yaml_problem(
    error: Exception,
    text: str,
    file: str,
    *,
    first_line: int = 1,
    fix: str = SYNTAX_FIX,
    what: str = "YAML syntax error: ",
) -> Problem:
    """A YAML parse error (PyYAML's or ruamel.yaml's) in `text`, which starts on line
    `first_line` of `file`, placed where the user must look: where an unclosed quote or
    bracket was opened, not where the parser gave up (often lines later, or the end of the
    file). Lines and columns are 1-based, as editors count; `what` comes before the
    parser's message."""
    offset = first_line - 1
    if not hasattr(error, "problem_mark"):  # no position: our own limits, a reader error
        return Problem(f"{what}{error}", file=file, line=first_line, fix=fix)
    # PyYAML's and ruamel.yaml's MarkedYAMLError share these attributes, not a class.
    marked: Any = error
    gave_up = marked.problem_mark or marked.context_mark
    quote = _unclosed_quote(text, gave_up.line if gave_up else None)
    if quote is not None:
        line, column, char = quote
        noticed = gave_up.line + 1 + offset if gave_up else None
        return Problem(
            f"{what}the quote {char} opened here is not closed on this line"
            + (
                f" (the value runs on to line {noticed})"
                if noticed and noticed > line + 1 + offset
                else ""
            ),
            file=file,
            line=line + 1 + offset,
            column=column + 1,
            fix=f"end the value with {char} on this line",
        )
    unclosed = marked.context_mark and any(
        word in (marked.context or "") for word in ("flow", "quoted")
    )
    mark = marked.context_mark if unclosed else gave_up
    if "mapping values are not allowed" in (marked.problem or ""):
        # `title: Model Quality: Accuracy`, the most common YAML mistake of all.
        fix = 'put the value in quotes: it holds ": ", e.g. title: "Quality: Accuracy"'
    message = marked.problem or "invalid YAML"
    if marked.context:
        message = f"{marked.context}, {message}"
    if unclosed and marked.problem_mark and marked.problem_mark.line != mark.line:
        message += f" (noticed on line {marked.problem_mark.line + 1 + offset})"
    return Problem(
        f"{what}{message}",
        file=file,
        line=mark.line + 1 + offset if mark else None,
        column=mark.column + 1 if mark else None,
        fix=fix,
    )


_KEY_LINE = re.compile(r"^\s*(?:- )?[\w-]+:(?:\s|$)")


def _unclosed_quote(text: str, until: int | None) -> tuple[int, int, str] | None:
    """(line, column, quote) of a quoted value that swallowed the lines after it: a quote
    left open runs on to the next quote character, taking `key:` lines with it."""
    scanner = yaml.scanner.Scanner.__new__(yaml.SafeLoader)
    yaml.SafeLoader.__init__(scanner, text)
    lines = text.splitlines()
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if until is not None and token.start_mark.line > until:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
                and any(
                    _KEY_LINE.match(line)
                    for line in lines[token.start_mark.line + 1 : token.end_mark.line + 1]
                )
            ):
                return token.start_mark.line, token.start_mark.column, token.style
    except yaml.YAMLError as error:
        context = getattr(error, "context", None) or ""
        mark = getattr(error, "context_mark", None)
        if "quoted scalar" in context and mark is not None:  # open until the end of the file
            char = text[mark.index] if mark.index < len(text) else '"'
            return mark.line, mark.column, char
    finally:
        scanner.dispose()
    return None


def validation_problems(
    error: ValidationError,
    source: YamlSource,
    *,
    model: type[BaseModel] | None = None,
    base: KeyPath = (),
) -> list[Problem]:
    """Pydantic's errors for `model` (the `Schedule`), validated from the data at key path
    `base` of `source`, as problems at their file:line:column: `'Feb 30' is not a date (…)`."""
    if model is None:
        # Imported here: the model's modules read YAML through this one.
        from coursekit.schedule.model import Schedule

        model = Schedule
    items = error.errors(include_url=False)
    # A misspelt key also makes the real one "missing"; say only "did you mean".
    guessed = set()
    for item in items:
        if item["type"] == "extra_forbidden":
            loc = _data_path(item["loc"])
            allowed = _allowed_keys(model, item["loc"][:-1])
            for guess in difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6):
                guessed.add((*loc[:-1], guess))
    return [
        _explain(item, (*base, *_data_path(item["loc"])), source, model)
        for item in items
        if not (item["type"] == "missing" and _data_path(item["loc"]) in guessed)
    ]


def _data_path(loc: tuple[Any, ...]) -> KeyPath:
    """Drop pydantic's union tags so the path reads like the YAML: offerings.S2022.title."""
    return tuple(
        part
        for i, part in enumerate(loc)
        if not (i == 2 and loc[0] == "offerings" and part in _TAGS)
    )


def _explain(
    item: ErrorDetails, loc: KeyPath, source: YamlSource, model: type[BaseModel]
) -> Problem:
    """One pydantic error as a problem a user can act on: what is wrong, and the fix."""
    problem = (
        _key_problem(item, loc, source, model)
        or _type_problem(item, loc, source)
        or _value_problem(item, loc, source)
    )
    return problem or source.problem(loc, item["msg"], "see docs/reference/schedule.md")


def _key_problem(
    item: ErrorDetails, loc: KeyPath, source: YamlSource, model: type[BaseModel]
) -> Problem | None:
    """A key the model does not know (with a guess), or one it needs that is missing."""
    kind = item["type"]
    if kind == "extra_forbidden":
        name = str(loc[-1])
        allowed = _allowed_keys(model, item["loc"][:-1])
        guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{guess[0]}'?" if guess else f"allowed keys: {', '.join(allowed)}"
        return source.problem(loc, f"unknown key '{name}'", fix, key=True)
    if kind == "missing":
        parent = loc[:-1]
        if len(parent) == 2 and parent[0] == "offerings" and loc[-1] == "url":
            return source.problem(
                parent,
                "'url' is required: an offering without `term` and `sessions` is built "
                "elsewhere and links to its site",
                "add `url:` with the offering's site, or `term:` and `sessions:` to build it here",
            )
        return source.problem(parent, f"'{loc[-1]}' is required", f"add `{loc[-1]}:` here")
    return None


def _type_problem(item: ErrorDetails, loc: KeyPath, source: YamlSource) -> Problem | None:
    """A value of the wrong type: text, true/false, a list, a mapping or a whole number."""
    kind, value = item["type"], item.get("input")
    if kind == "string_type":
        if isinstance(value, (int, float, bool, dt.date)):
            return source.problem(
                loc, f"expected text, got {_shown(value)}", "put the value in quotes"
            )
        return source.problem(
            loc, f"expected text, got {_kind_of(value)}", "write the text on the key's line"
        )
    if kind in ("bool_type", "bool_parsing"):
        return source.problem(
            loc,
            f"expected true or false, got {_shown(value)}",
            "write true or false; yes, no, on and off are text",
        )
    if kind == "list_type":
        return source.problem(
            loc, f"expected a list, got {_kind_of(value)}", "write one item per '- ' line"
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        if not loc:
            return source.problem(
                loc,
                "expected `course:` and `offerings:` at the top of the file, "
                f"got {_kind_of(value)}",
                "start from the example in docs/reference/schedule.md",
            )
        return source.problem(
            loc,
            f"expected keys and values, got {_kind_of(value)}",
            "write `key: value` lines indented under it",
        )
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return source.problem(
            loc, f"expected a whole number, got {_shown(value)}", "write digits only, e.g. 12"
        )
    return None


def _value_problem(item: ErrorDetails, loc: KeyPath, source: YamlSource) -> Problem | None:
    """A value of the right type that breaks a rule: a bad date, a choice not offered, a
    pattern, a minimum, or a check of the model's own (with its fix)."""
    kind, value = item["type"], item.get("input")
    if kind.startswith("date") or (kind == "value_error" and isinstance(value, dt.datetime)):
        return source.problem(loc, describe_bad_date(value), "use YYYY-MM-DD, e.g. 2027-01-20")
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", item["ctx"]["expected"])
        guess = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        fix = f"did you mean '{guess[0]}'?" if guess else f"use one of: {', '.join(options)}"
        return source.problem(loc, f"{_shown(value)} is not allowed here", fix)
    if kind == "string_pattern_mismatch":
        return _pattern_problem(item, loc, source)
    if kind == "string_too_short":
        return source.problem(loc, "must not be empty", "give it a value, or remove the key")
    if kind == "too_short":
        return source.problem(loc, "must not be empty", "give it at least one entry")
    if kind in ("greater_than_equal", "greater_than"):
        bound = item["ctx"].get("ge", item["ctx"].get("gt"))
        at_least = "at least" if kind == "greater_than_equal" else "more than"
        return source.problem(loc, f"{_shown(value)} is too small", f"use {at_least} {bound}")
    if kind == "value_error":
        error = item["ctx"].get("error")
        message = str(error or item["msg"])
        # A whole mapping (a holiday) is not worth repeating; a single value is.
        shown = "" if isinstance(value, (dict, list)) else f"{_shown(value)}: "
        return source.problem(loc, f"{shown}{message}", getattr(error, "fix", None))
    return None


def _pattern_problem(item: ErrorDetails, loc: KeyPath, source: YamlSource) -> Problem:
    """Text that does not match its pattern: a chapter URL without `{n}`, or a bad id."""
    value = item.get("input")
    if "{n" in item["ctx"].get("pattern", ""):
        return source.problem(
            loc,
            f"{_shown(value)} has no {{n}} where the chapter number goes",
            "write e.g. https://example.org/book/chapter-{n}",
        )
    if loc[-2:-1] == ("source",) and loc[-1] in ("ref", "path"):
        what = "a branch or tag name" if loc[-1] == "ref" else "a folder inside the ref"
        fix = (
            "name a branch, tag or commit as git shows it, e.g. F2022"
            if loc[-1] == "ref"
            else "give a relative path without `..`, e.g. course"
        )
        return source.problem(loc, f"{_shown(value)} is not {what}", fix)
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return source.problem(
            loc, f"'{loc[-1]}' is not a valid id", "use letters, digits, - and _", key=True
        )
    return source.problem(loc, f"{_shown(value)} is not a valid id", "use letters, digits, - and _")


def describe_bad_date(value: Any) -> str:
    """Why `value` is not a date, as specific as we can: `'2027-02-30' is not a date
    (February 2027 has 28 days)`. Also used for dates given on the command line."""
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if match:
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and day > calendar.monthrange(year, month)[1]:
            last = calendar.monthrange(year, month)[1]
            name = calendar.month_name[month]
            return f"'{text}' is not a date ({name} {year} has {last} days)"
    if isinstance(value, dt.datetime):
        return f"'{value}' has a time of day; expected a date only"
    return f"{_shown(value)} is not a date"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"'{value}'"
    return _kind_of(value)


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"'{value}'" if isinstance(value, str) else type(value).__name__


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names of the model found at `loc` inside `model` (for "did you mean")."""
    target: Any = model
    for part in loc:
        target = _unwrap(target)
        if isinstance(part, str) and part in _TAGS:
            from coursekit.schedule.model import BuiltOffering, ExternalOffering, RefOffering

            target = {"built": BuiltOffering, "ref": RefOffering}.get(part, ExternalOffering)
        elif isinstance(target, type) and issubclass(target, BaseModel):
            field = target.model_fields.get(str(part))
            if field is None:
                return []
            target = field.annotation
        else:
            args = typing.get_args(target)
            target = args[-1] if args else None
    target = _unwrap(target)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Annotated[X, …] → X; X | None → X."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation
