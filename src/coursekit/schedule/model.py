"""The schedule model: what `schedule.yaml` may say, as frozen pydantic models.

`load.py` turns YAML into these models; `checks.py` adds the checks that need more than one
field (dates inside the term, order, files on disk). The attribute docstrings below are the
field reference: they feed `schedule.schema.json` and `docs/reference/schedule.md`. The
`course:` block lives in `settings.py`, the field types in `fields.py`; link rules live in
`link.py` (all re-exported from here).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import Discriminator, Field, StrictBool, StringConstraints, Tag

from coursekit.schedule.fields import Link as Link
from coursekit.schedule.fields import Links as Links
from coursekit.schedule.fields import Model as Model
from coursekit.schedule.fields import Text as Text
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.kinds import MeetingKind, SessionKind
from coursekit.schedule.link import SAFE_SCHEMES as SAFE_SCHEMES
from coursekit.schedule.link import link_scheme as link_scheme
from coursekit.schedule.link import safe_link as safe_link
from coursekit.schedule.scalars import WEEKDAYS as WEEKDAYS
from coursekit.schedule.scalars import Date, Weekday
from coursekit.schedule.settings import AssignmentSettings as AssignmentSettings
from coursekit.schedule.settings import Book as Book
from coursekit.schedule.settings import Course as Course
from coursekit.schedule.settings import DeckSettings as DeckSettings
from coursekit.schedule.settings import ExecuteMode as ExecuteMode
from coursekit.schedule.settings import License as License
from coursekit.schedule.settings import NotebookSettings as NotebookSettings
from coursekit.schedule.settings import OfferingDeckSettings
from coursekit.schedule.settings import Person as Person
from coursekit.schedule.solutions_date import SolutionsDate
from coursekit.schedule.staff import OfficeHours, StaffMember
from coursekit.schedule.timerange import ClockTime, MeetingTime, meeting_times

OFFERING_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
# A git ref name as `git check-ref-format` allows it, never starting with `-` (an option).
GIT_REF = r"^(?!.*(\.\.|@\{|//|\.lock$|/$|\.$))[A-Za-z0-9_][^\s~^:?*\[\\]*$"
# A folder inside the ref: relative, no `..`.
GIT_PATH = r"^(?!/)(?!.*(^|/)\.\.(/|$))[^\\]+$"


class Term(Model):
    """First and last day of an offering.

    ```yaml
    term: {start: 2027-01-19, end: 2027-05-07, timezone: America/New_York}
    ```
    """

    start: Date
    """First day of classes (YYYY-MM-DD)."""
    end: Date
    """Last day of the term, final presentations included (YYYY-MM-DD)."""
    timezone: str = "America/New_York"
    """IANA time zone of the meeting times."""
    holidays: list[Holiday] = []
    """Days without classes; sessions without a date skip them and the schedule shows them
    as "No class" rows.

    ```yaml
    holidays:
      - {name: Spring break, start: 2027-03-08, end: 2027-03-12}
      - {name: Spring carnival, start: 2027-04-15, end: 2027-04-17}
    ```
    """


class Meeting(Model):
    """A weekly meeting pattern for one kind of session.

    ```yaml
    - {kind: lecture, days: [Mon, Wed], time: "13:25-14:45", location: TEP 1403}
    ```
    """

    kind: MeetingKind
    """Which sessions meet at this time (any kind but `break`)."""
    days: list[Weekday] = Field(min_length=1)
    """Weekdays, as `Mon` … `Sun`."""
    time: MeetingTime
    """Start and end in 24-hour time, e.g. `"13:25-14:45"` (quote it)."""
    location: str | None = None
    """Room, building or `Zoom`."""

    def times(self) -> tuple[dt.time, dt.time]:
        """When each meeting starts and ends."""
        return meeting_times(self.time)


class Reading(Model):
    """A reading assigned for a session.

    ```yaml
    - {title: Building Intelligent Systems, url: https://…, detail: "Ch. 5, 7, 8"}
    ```
    """

    title: Text
    """Title of the book, paper or post."""
    url: Link | None = None
    """Where to read it: a URL or a file in the repository."""
    detail: str | None = None
    """Free text after the title, such as chapters: `Ch. 5, 7, 8`."""
    alternative: StrictBool = False
    """`true` if students may read this *instead of* the previous reading ("or")."""


class DueItem(Model):
    """An assignment or milestone due on a session's date.

    ```yaml
    - {title: "I1: Case Study", url: assignments/I1_case_study.md}
    ```
    """

    title: Text
    """Name of the assignment or milestone."""
    url: Link | None = None
    """The assignment: a URL or a page in the repository."""
    detail: str | None = None
    """Free text after the title."""
    alternative: StrictBool = False
    """`true` if this is an alternative to the previous item ("or")."""
    time: ClockTime | None = None
    """When on that day it is due (24-hour, in quotes: `"17:00"`); overrides the course's
    `assignments.due_time`."""


class ExtraLink(Model):
    """Any further link beside a session's topic, in order.

    ```yaml
    links: [{label: video2, url: https://youtu.be/…}, {label: book chapter 3}]
    ```
    """

    label: Text
    """The link text."""
    url: Link | None = None
    """Target; without it the label is shown as plain text."""


class Session(Model):
    """One row of the schedule: a lecture, recitation, exam, break, …

    ```yaml
    - date: 2022-01-26
      title: "Model Quality 1: Accuracy and Correctness"
      slides: https://ckaestne.github.io/seai/S2022/slides/03_modelquality/modelquality1.html
      md: https://github.com/ckaestne/seai/blob/S2022/lectures/03_modelquality/modelquality1.md
      book: [https://ckaestne.medium.com/…, https://ckaestne.medium.com/…]
      readings: [{title: Building Intelligent Systems, url: https://…, detail: Ch. 19}]
      due: [{title: "I1: Case Study", url: https://…}]
    ```
    """

    id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
    """Stable name for this session, unique in its offering (letters, digits, `-`, `_`)."""
    date: Date | None = None
    """Day of the session (YYYY-MM-DD). Required unless `continues` is set."""
    continues: StrictBool = False
    """`true` if this row shares the previous session's date and slot (a second topic in
    the same class meeting); it then takes no `date`."""
    time: str | None = None
    """Time shown after the date when it differs from the meeting pattern, e.g.
    `5:30-8:30 PM`."""
    kind: SessionKind = "lecture"
    """`lecture`, `recitation`, `lab`, `exam`, `break`, `guest`, `presentation` or
    `other`; shown as a badge."""
    title: Text
    """The topic. Inline markdown is allowed; a title with its own links is shown as
    written, otherwise it links to `url` or `slides`."""
    url: Link | None = None
    """Where the title links when it is not the slides (a recitation folder, an exam)."""
    slides: Link | None = None
    """The lecture's slides: a URL, or a markdown deck in the repository
    (`lectures/01_intro/intro.md`), which the build renders as reveal.js slides plus a
    handout page and links as *slides*, *handout*, *md* and *pdf*."""
    notebook: Link | None = None
    """A recitation notebook in the repository (`.ipynb`, or jupytext `.py`/`.md`): the
    build executes it and publishes a page with downloads and Colab/Binder links."""
    solutions: SolutionsDate | None = None
    """When the notebook's solutions go online: a date, `due + N days` (after the first due
    item that links the notebook, else the session's day) or `session + N days`. Until then
    everything students get shows placeholders where the solutions are (cells between
    `### BEGIN SOLUTION` and `### END SOLUTION`, cells tagged `solution`); without it the
    solutions are never published."""
    md: Link | None = None
    """The slides' markdown source."""
    pdf: Link | None = None
    """The slides as PDF."""
    video: Links = Field(default_factory=list)
    """Recording(s) of the session."""
    book: Links = Field(default_factory=list)
    """Book chapter(s) that go with the session; shown as *book chapter* (*1*, *2*, …)."""
    blog: Links = Field(default_factory=list)
    """Blog post(s) on the topic."""
    lecture_notes: Links = Field(default_factory=list)
    """Lecture notes."""
    links: list[ExtraLink] = Field(default_factory=list)
    """Further links, after the ones above."""
    readings: list[Reading] = Field(default_factory=list)
    """What to read before the session."""
    due: list[DueItem] = Field(default_factory=list)
    """Assignments and milestones due that day."""
    notes: str | None = None
    """Free text after the topic (inline markdown), e.g. `1-4pm in GHC 4401`."""
    location: str | None = None
    """Where this session meets when it is not its meeting pattern's room (an exam hall);
    the LOCATION of its `calendar.ics` event."""
    release: Date | None = None
    """Day this session's material (slides, handout, notebook, linked files) goes online;
    until then the schedule shows the topic with *available <date>*. Preview a later day
    with `coursekit build --as-of DATE`."""


class Page(Model):
    """An extra page of a semester site, written in markdown.

    ```yaml
    pages:
      - {title: Syllabus and Policies, file: docs/course/S2022/syllabus.md}
    ```
    """

    title: Text
    """Title in the navigation."""
    file: Link
    """Markdown file, relative to the course root."""


class BuiltOffering(Model):
    """An offering whose site coursekit builds into `site/<ID>/`."""

    title: Text
    """Human name of the offering, e.g. `Spring 2022`."""
    term: Term
    """First and last day."""
    meetings: list[Meeting] = []
    """Weekly meeting pattern, shown under logistics."""
    instructors: list[Person] | None = None
    """Who teaches this offering; the course's instructors when left out."""
    description: Link | None = None
    """Markdown file for the home page's description; the course's when left out."""
    logistics: str | None = None
    """Extra logistics text (markdown) shown on the home page."""
    pages: list[Page] = []
    """Further pages (syllabus, policies, …), in navigation order."""
    source: Link | None = None
    """The offering's branch or folder on GitHub."""
    original_site: Link | None = None
    """Where this offering's site was first published, if elsewhere."""
    sessions: list[Session] = []
    """The schedule, one entry per row, in date order."""
    staff: list[StaffMember] | None = None
    """Who teaches this offering, shown on its staff page; the course's `staff` when left
    out."""
    office_hours: list[OfficeHours] = []
    """Weekly office hours of the staff, on the staff page, the home page and in
    `calendar.ics`."""
    decks: OfferingDeckSettings = OfferingDeckSettings()
    """This offering's decks where they differ from the course's `decks`: `{notes: private}`
    keeps their speaker notes off its site."""

    def session_dates(self) -> list[dt.date]:
        """Each session's date; a session that `continues` takes its predecessor's."""
        dates: list[dt.date] = []
        for session in self.sessions:
            dates.append(dates[-1] if session.continues or session.date is None else session.date)
        return dates


class ExternalOffering(Model):
    """An offering whose site lives elsewhere; the landing page links to it.

    ```yaml
    F2019: {title: Fall 2019, url: https://ckaestne.github.io/seai/F2019}
    ```
    """

    title: Text
    """Human name, e.g. `Fall 2019`."""
    url: Link
    """The offering's site."""
    source: Link | None = None
    """The offering's branch or folder on GitHub."""


class GitRef(Model):
    """Where an offering's files are in this repository's git history: a branch or tag (or
    a commit), read without a checkout.

    ```yaml
    source: {ref: F2022}                 # the course at the same folder of branch F2022
    source: {ref: archive/S2021, path: course}
    ```
    """

    # The ref rules need look-ahead, which pydantic's default regex engine lacks.
    model_config = Model.model_config | {"regex_engine": "python-re"}

    ref: Annotated[str, StringConstraints(pattern=GIT_REF)]
    """Branch, tag or commit id; a branch only the remote has (`origin/F2022`, as in a CI
    checkout) is found too."""
    path: Annotated[str, StringConstraints(pattern=GIT_PATH)] | None = None
    """The course's folder in that ref, from the repository's top (`.` for the top); the
    folder this course is in when left out."""


class RefOffering(Model):
    """An offering built here from another branch or tag of the course's repository, as
    that ref holds it: its `schedule.yaml` (the offering with this id, or its only one) or
    a legacy `schedule.md` table (read as `coursekit import-schedule` reads it), its decks,
    notebooks and the files they link. Problems name `REF:FILE:LINE`. The `course:` block,
    `mkdocs.yml` and the course-level files stay this branch's.

    ```yaml
    F2022: {title: Fall 2022, source: {ref: F2022}}
    ```
    """

    title: Text
    """Human name of the offering, e.g. `Fall 2022`."""
    source: GitRef
    """The branch or tag (and folder) the offering is built from."""


_EXTERNAL_ONLY_KEYS = {"title", "url", "source"}


def offering_shape(value: Any) -> str:
    """Tell the two offering shapes apart by their keys, so errors speak to the right one:
    one with only a title (and source) is external and lacks its `url`; one whose `source`
    is a mapping (`{ref: F2022}`) is built from a git ref."""
    if isinstance(value, dict) and isinstance(value.get("source"), dict):
        return "ref"
    if (
        isinstance(value, dict)
        and not {"term", "sessions"} & value.keys()
        and ("url" in value or value.keys() <= _EXTERNAL_ONLY_KEYS)
    ):
        return "external"
    return "built"


Offering = Annotated[
    Annotated[BuiltOffering, Tag("built")]
    | Annotated[ExternalOffering, Tag("external")]
    | Annotated[RefOffering, Tag("ref")],
    Discriminator(offering_shape),
]
OfferingId = Annotated[str, StringConstraints(pattern=OFFERING_ID)]


class Schedule(Model):
    """The whole of `schedule.yaml`."""

    course: Course
    """Course metadata."""
    offerings: dict[OfferingId, Offering] = Field(
        min_length=1, json_schema_extra={"propertyNames": {"pattern": OFFERING_ID}}
    )
    """Every offering by id (`S2027`, `F2019`, …): built here (with `term` and
    `sessions`), external (with `url`) or built from a git ref (`source: {ref: F2022}`)."""

    def built(self) -> dict[str, BuiltOffering]:
        return {k: v for k, v in self.offerings.items() if isinstance(v, BuiltOffering)}

    def from_refs(self) -> dict[str, RefOffering]:
        """Offerings built from a git ref, before `load.py` reads them from that ref."""
        return {k: v for k, v in self.offerings.items() if isinstance(v, RefOffering)}
