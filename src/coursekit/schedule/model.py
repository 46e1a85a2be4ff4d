"""The schedule model: what `schedule.yaml` may say, as frozen pydantic models.

`load.py` turns YAML into these models; `checks.py` adds the checks that need more than one
field (dates inside the term, order, files on disk). The attribute docstrings below are the
field reference: they feed `schedule.schema.json` and `docs/reference/schedule.md`. Link
rules live in `link.py` (`SAFE_SCHEMES` and `link_scheme` are re-exported from here).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StringConstraints,
    Tag,
)

from coursekit.schedule.fixable import FixableError
from coursekit.schedule.holidays import Holiday
from coursekit.schedule.kinds import MeetingKind, SessionKind
from coursekit.schedule.link import SAFE_SCHEMES as SAFE_SCHEMES
from coursekit.schedule.link import link_scheme as link_scheme
from coursekit.schedule.link import safe_link
from coursekit.schedule.scalars import Date, WholeNumber
from coursekit.schedule.timerange import MeetingTime, meeting_times

Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
WEEKDAYS: tuple[Weekday, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

OFFERING_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _one_or_many(value: Any) -> Any:
    """Let a field that takes a list also take one item: `video: URL` or `video: [URL, URL]`."""
    return [value] if isinstance(value, str) else value


# A link target: an absolute URL, or a path relative to the course root (checked on disk).
Link = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1), AfterValidator(safe_link)
]
Links = Annotated[
    list[Link], BeforeValidator(_one_or_many, json_schema_input_type=Link | list[Link])
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Person(Model):
    """Someone who teaches the course."""

    name: Text
    """Full name, as students should see it."""
    url: Link | None = None
    """Home page, linked from the name."""
    email: str | None = None
    """Contact address, shown on the semester's home page."""


class License(Model):
    """The license the course material is shared under."""

    name: Text
    """Short name, e.g. `CC BY-SA 4.0`."""
    url: Link | None = None
    """The license text."""


class Book(Model):
    """A book that readings cite by chapter ("Ch. 5, 7"); the readings page links each
    chapter number when this maps it to a URL.

    ```yaml
    books:
      - title: Building Intelligent Systems
        chapter_url: https://link.springer.com/chapter/10.1007/978-1-4842-3432-7_{n}
        chapters: {25: https://example.org/errata-25}   # overrides one chapter
    ```
    """

    title: Text
    """Exactly as readings name it."""
    chapter_url: (
        Annotated[str, StringConstraints(pattern=r"\{n\}"), AfterValidator(safe_link)] | None
    ) = None
    """URL of chapter `{n}`: the number replaces `{n}`."""
    chapters: dict[Annotated[int, Field(ge=0)], Link] = Field(
        default={}, json_schema_extra={"propertyNames": {"pattern": "^[0-9]+$"}}
    )
    """Chapter number → URL, for chapters the template does not fit."""

    def chapter(self, number: int) -> str | None:
        if number in self.chapters:
            return self.chapters[number]
        return self.chapter_url.replace("{n}", str(number)) if self.chapter_url else None


ExecuteMode = Literal["auto", "force", "cache", "off"]


def _local_file(value: str) -> str:
    if link_scheme(value) is not None or value.startswith("//"):
        raise FixableError(
            "expected a file of the course, not a URL", "give a path relative to schedule.yaml"
        )
    return value


class NotebookSettings(Model):
    """How recitation notebooks are executed and where launch links point.

    ```yaml
    notebooks: {execute: auto, timeout: 120, branch: main, colab_branch: notebooks}
    ```

    Notebooks import what the course declares in a pip `requirements.txt` beside
    schedule.yaml: the first build makes a virtual environment from it (with ipykernel) in
    `.cache/notebook-env/<hash>/`, every Python notebook's kernel runs there, and editing
    the file makes a new one. Without the file, with one that names no package, or with
    `environment: current`, notebooks execute in the environment coursekit runs in.
    """

    execute: ExecuteMode = "auto"
    """`auto` runs notebooks that changed or have no outputs; `force` runs all; `cache`
    only uses earlier results (fails if missing); `off` publishes them as they are."""
    timeout: WholeNumber = Field(default=120, gt=0)
    """Seconds a cell may run (a notebook's own metadata may say otherwise)."""
    jobs: WholeNumber = Field(default=4, ge=1)
    """Notebooks executed at once, each in its own kernel; 1 runs them one after another
    (for notebooks that read files another one writes)."""
    never_execute: list[Text] = []
    """Notebooks (glob patterns relative to the course root, e.g. `recitations/lab4*.ipynb`)
    that are published with the outputs they hold and never executed: labs written for Colab
    that install packages, download models or ask for a login. A notebook can say the same
    in its metadata: `coursekit: {execute: off}`."""
    max_output_mb: float = Field(default=5, gt=0)
    """Largest single cell output (in MB) a notebook page and its download publish; a larger
    one (a 50 MB image or table) is replaced by a note, with a warning naming the cell."""
    branch: str = "main"
    """Branch of `course.repository` that Colab, Binder and *view source* links open."""
    colab_branch: str | None = None
    """Branch the deploy workflow publishes the executed notebooks to (`coursekit
    export-notebooks`). Colab opens only `.ipynb` files on GitHub, so notebooks kept as
    jupytext text get their *Open in Colab* link from this branch; without it, only `.ipynb`
    sources do."""
    environment: Literal["auto", "current"] = "auto"
    """Where notebooks execute. `auto`: in a virtual environment made from the course's
    requirements file on the first build and cached under `.cache/notebook-env/` (a course
    without one executes in the environment coursekit runs in); `current`: always in the
    environment coursekit runs in, for a course that installs its packages itself."""
    requirements: Annotated[Link, AfterValidator(_local_file)] | None = None
    """The pip requirements file of the notebooks' environment, relative to schedule.yaml;
    by default `requirements.txt` beside schedule.yaml, when there is one."""


class DeckSettings(Model):
    """How every lecture deck looks, before the `reveal-md.json`/`reveal.json` files in the
    decks' folders and each deck's front matter (later wins; stylesheets add up, in that
    order). Stylesheets are published with the decks and used by handouts and PDFs too.

    ```yaml
    decks:
      css: [lectures/course.css]          # paths relative to schedule.yaml
      reveal: {margin: 0.06, transition: fade}
      footer: 17-445/17-645 Machine Learning in Production
    ```
    """

    css: Links = []
    """Stylesheets every deck links after coursekit's theme (one path or a list)."""
    reveal: dict[str, Any] = {}
    """reveal.js options (`Reveal.initialize`), e.g. `margin`, `transition`, `width`."""
    footer: str | None = None
    """Text at the bottom of every slide unless a deck's `footer:` says otherwise."""


class AssignmentSettings(Model):
    """What the assignments page says about every assignment of the course.

    ```yaml
    assignments:
      policy: Late days use tokens (see the [syllabus](https://example.edu/syllabus).
    ```
    """

    policy: Text | None = None
    """The course's rules for deadlines (late days, extensions), shown after the assignments
    page's first line; inline markdown (links are full URLs). Nothing is said when left
    out."""


class Course(Model):
    """What stays the same across offerings.

    ```yaml
    course:
      title: Machine Learning in Production
      numbers: [17-445, 17-645, 17-745, 11-695]
      institution: Carnegie Mellon University
      instructors:
        - {name: Christian Kaestner, url: https://www.cs.cmu.edu/~ckaestne/}
    ```
    """

    title: Text
    """The course's name, the first words of every page title."""
    subtitle: str | None = None
    """A second name the course is known under, e.g. `AI Engineering`."""
    numbers: list[Text] = []
    """Course numbers (cross-listings) as the registrar writes them."""
    units: WholeNumber | None = None
    """Credit units."""
    institution: Text
    """The university or school."""
    instructors: list[Person] = []
    """Default instructors; an offering may list its own."""
    license: License | None = None
    """License of the material, named in every page footer."""
    repository: Link | None = None
    """The course's public repository (a URL); pages link their source there."""
    description: Link | None = None
    """Markdown file with the course description and learning outcomes, shown on every
    semester's home page unless the offering names its own `description`."""
    current: str | None = None
    """Offering id that the landing page and semester switcher open by default; the newest
    built offering when left out."""
    notebooks: NotebookSettings = NotebookSettings()
    """Notebook execution and launch links."""
    books: list[Book] = []
    """Books whose chapters readings cite; their chapter numbers become links."""
    decks: DeckSettings = DeckSettings()
    """Stylesheets, reveal.js options and footer of every lecture deck."""
    assignments: AssignmentSettings = AssignmentSettings()
    """The course's deadline policy, shown on the assignments page."""


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
    md: Link | None = None
    """The slides' markdown source."""
    pdf: Link | None = None
    """The slides as PDF."""
    video: Links = []
    """Recording(s) of the session."""
    book: Links = []
    """Book chapter(s) that go with the session; shown as *book chapter* (*1*, *2*, …)."""
    blog: Links = []
    """Blog post(s) on the topic."""
    lecture_notes: Links = []
    """Lecture notes."""
    links: list[ExtraLink] = []
    """Further links, after the ones above."""
    readings: list[Reading] = []
    """What to read before the session."""
    due: list[DueItem] = []
    """Assignments and milestones due that day."""
    notes: str | None = None
    """Free text after the topic (inline markdown), e.g. `1-4pm in GHC 4401`."""
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


_EXTERNAL_ONLY_KEYS = {"title", "url", "source"}


def offering_shape(value: Any) -> str:
    """Tell the two offering shapes apart by their keys, so errors speak to the right one:
    one with only a title (and source) is external and lacks its `url`."""
    if (
        isinstance(value, dict)
        and not {"term", "sessions"} & value.keys()
        and ("url" in value or value.keys() <= _EXTERNAL_ONLY_KEYS)
    ):
        return "external"
    return "built"


Offering = Annotated[
    Annotated[BuiltOffering, Tag("built")] | Annotated[ExternalOffering, Tag("external")],
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
    `sessions`) or external (with `url`)."""

    def built(self) -> dict[str, BuiltOffering]:
        return {k: v for k, v in self.offerings.items() if isinstance(v, BuiltOffering)}
