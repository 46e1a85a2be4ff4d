"""The course's data: `schedule.yaml` read into validated models with line numbers
(`load.py`, `model.py`), dated by the calendar engine (`calendar.py`), checked (`checks.py`) and
exported (`ics.py`, `reference.py`). Plain data in and out; nothing here knows MkDocs.

The site, slides, notebooks, authoring tools and commands use the names below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "load": ["Course", "SCHEDULE_FILE", "describe_bad_date", "load_course"],
    "model": [
        "Book",
        "BuiltOffering",
        "ExternalOffering",
        "Meeting",
        "NotebookSettings",
        "OFFERING_ID",
        "Person",
        "Reading",
        "SAFE_SCHEMES",
        "Schedule",
        "Session",
        "Term",
        "link_scheme",
        "safe_link",
        "WEEKDAYS",
    ],
    "assignments": ["read_assignment", "Assignment"],
    "calendar": ["date_sessions"],
    "checks": ["is_local", "links_into", "local_target"],
    "dated": ["TermCalendar"],
    "due": ["due_time"],
    "fixable": ["FixableError"],
    "holidays": ["Holiday"],
    "ics": ["calendar_ics", "plain_text"],
    "markdown_links": ["text_markdown"],
    "reference": ["generated_files", "SCHEMA_FILE"],
    "yamlguards": ["alias_problem", "oversized", "syntax_problem"],
    "yamlsource": ["read_front_matter", "read_yaml", "front_matter_end"],
    "kinds": ["import_names", "KINDS"],
    "problems": ["yaml_problem"],
    "timerange": ["parse_time_range"],
}
__all__ = [
    "Assignment",
    "Book",
    "BuiltOffering",
    "Course",
    "ExternalOffering",
    "FixableError",
    "Holiday",
    "KINDS",
    "Meeting",
    "NotebookSettings",
    "OFFERING_ID",
    "Person",
    "Reading",
    "SAFE_SCHEMES",
    "SCHEDULE_FILE",
    "SCHEMA_FILE",
    "Schedule",
    "Session",
    "Term",
    "TermCalendar",
    "WEEKDAYS",
    "alias_problem",
    "calendar_ics",
    "date_sessions",
    "describe_bad_date",
    "due_time",
    "front_matter_end",
    "generated_files",
    "import_names",
    "is_local",
    "link_scheme",
    "links_into",
    "load_course",
    "local_target",
    "oversized",
    "parse_time_range",
    "plain_text",
    "read_assignment",
    "read_front_matter",
    "read_yaml",
    "safe_link",
    "syntax_problem",
    "text_markdown",
    "yaml_problem",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.schedule.assignments import Assignment, read_assignment
    from coursekit.schedule.calendar import date_sessions
    from coursekit.schedule.checks import is_local, links_into, local_target
    from coursekit.schedule.dated import TermCalendar
    from coursekit.schedule.due import due_time
    from coursekit.schedule.fixable import FixableError
    from coursekit.schedule.holidays import Holiday
    from coursekit.schedule.ics import calendar_ics, plain_text
    from coursekit.schedule.kinds import KINDS, import_names
    from coursekit.schedule.load import SCHEDULE_FILE, Course, describe_bad_date, load_course
    from coursekit.schedule.markdown_links import text_markdown
    from coursekit.schedule.model import (
        OFFERING_ID,
        SAFE_SCHEMES,
        WEEKDAYS,
        Book,
        BuiltOffering,
        ExternalOffering,
        Meeting,
        NotebookSettings,
        Person,
        Reading,
        Schedule,
        Session,
        Term,
        link_scheme,
        safe_link,
    )
    from coursekit.schedule.problems import yaml_problem
    from coursekit.schedule.reference import SCHEMA_FILE, generated_files
    from coursekit.schedule.timerange import parse_time_range
    from coursekit.schedule.yamlguards import alias_problem, oversized, syntax_problem
    from coursekit.schedule.yamlsource import front_matter_end, read_front_matter, read_yaml
