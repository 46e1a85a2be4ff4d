"""The course-wide part of `schedule.yaml`: the `course:` block with its people, license,
books, and the settings every deck and notebook of every offering shares.

`model.py` re-exports these, so `coursekit.schedule.model.Course` keeps working; the
attribute docstrings feed the field reference like the rest of the model.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, StrictBool, StringConstraints

from coursekit.history.settings import AnnouncementSettings, ChangeLogSettings
from coursekit.schedule.fields import Link, Links, Model, Text
from coursekit.schedule.fixable import FixableError
from coursekit.schedule.link import link_scheme, safe_link
from coursekit.schedule.scalars import WholeNumber
from coursekit.schedule.staff import StaffMember
from coursekit.schedule.timerange import ClockTime


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


def _pyodide_source(value: str) -> str:
    if value in ("cdn", "local") or value.startswith("https://"):
        return value
    raise FixableError(
        "expected `cdn`, `local` or the https:// URL of a Pyodide distribution folder",
        "write `pyodide: cdn` (the official CDN), `pyodide: local` (a copy in the site) or a URL",
    )


class BrowserSettings(Model):
    """Notebooks that run in the student's browser (JupyterLite with the Pyodide kernel).

    ```yaml
    notebooks: {browser: {enabled: true, pyodide: local}}
    ```

    Each offering with notebooks gets a JupyterLite site at `site/<ID>/lite/` holding the
    students' version of every notebook and the files beside it, and each notebook page a
    *Run in your browser* button, or a note naming the modules Pyodide cannot provide.
    """

    enabled: StrictBool = True
    """`false` builds no JupyterLite site and shows no button."""
    pyodide: Annotated[str, AfterValidator(_pyodide_source)] = "cdn"
    """Where the student's browser loads Python and its packages from: `cdn` (the official
    Pyodide CDN, `cdn.jsdelivr.net`, which students' browsers then contact), `local` (a copy
    published with the site, about 16 MB, with the pure-Python packages the notebooks import;
    packages built for WebAssembly, such as NumPy, exist only on the CDN), or the https:// URL
    of a Pyodide distribution folder you host."""


# What students see instead of a solution's code (nbgrader's stub, in Python).
SOLUTION_PLACEHOLDER = "# your code here\nraise NotImplementedError"


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
    """Branch of `course.repository` that Colab, Binder and *view source* links open, and
    the schedule's "md" links (a deck or `md:` file, shown rendered on GitHub or GitLab)."""
    colab_branch: str | None = None
    """Branch the deploy workflow publishes the executed notebooks to (`coursekit
    export-notebooks`). Colab opens only `.ipynb` files on GitHub, so notebooks kept as
    jupytext text get their *Open in Colab* link from this branch; without it, only `.ipynb`
    sources do."""
    solution_placeholder: str = SOLUTION_PLACEHOLDER
    """What students see instead of a solution's code until the solutions are released."""
    browser: BrowserSettings = BrowserSettings()
    """Running notebooks in the student's browser (JupyterLite)."""
    environment: Literal["auto", "current"] = "auto"
    """Where notebooks execute. `auto`: in a virtual environment made from the course's
    requirements file on the first build and cached under `.cache/notebook-env/` (a course
    without one executes in the environment coursekit runs in); `current`: always in the
    environment coursekit runs in, for a course that installs its packages itself."""
    requirements: Annotated[Link, AfterValidator(_local_file)] | None = None
    """The pip requirements file of the notebooks' environment, relative to schedule.yaml;
    by default `requirements.txt` beside schedule.yaml, when there is one."""


NotesVisibility = Literal["public", "private"]


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
    notes: NotesVisibility = "public"
    """Who reads the speaker notes. `public`: the site publishes them with the decks and in
    the handouts. `private`: they are left out of everything the site publishes (deck pages,
    handouts, the search index, PDFs, the decks' markdown copies) and shown only to the
    speaker, in `coursekit serve` and `coursekit slides --notes`. An offering's
    `decks: {notes: …}` and a deck's front matter `notes:` say otherwise for their decks."""


class OfferingDeckSettings(Model):
    """What an offering changes about its decks.

    ```yaml
    decks: {notes: private}
    ```
    """

    notes: NotesVisibility | None = None
    """`public` or `private` speaker notes for this offering's decks, over the course's
    `decks.notes`; a deck's own front matter `notes:` still wins."""


class AssignmentSettings(Model):
    """What the assignments page says about every assignment of the course.

    ```yaml
    assignments:
      policy: Late days use tokens (see the [syllabus](https://example.edu/syllabus).
      due_time: "23:59"
    ```
    """

    policy: Text | None = None
    """The course's rules for deadlines (late days, extensions), shown after the assignments
    page's first line; inline markdown (links are full URLs). Nothing is said when left
    out."""
    due_time: ClockTime | None = None
    """The time of day every assignment and milestone is due (24-hour, in quotes: `"23:59"`),
    in the offering's time zone, unless a due item gives its own `time`. Without it, due items
    are due on their date with no time."""


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
    short_title: Text | None = None
    """A short name, e.g. `MLiP`, shown in the page header where the title does not fit (on
    phones); the first course number when left out."""
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
    changes: ChangeLogSettings = ChangeLogSettings()
    """Which commits each offering's "What changed" page and feed read from git."""
    announcements: AnnouncementSettings = AnnouncementSettings()
    """Where announcements (`announcements/*.md`) appear besides their page and the feed."""
    staff: list[StaffMember] = []
    """Everyone who teaches the course (instructors, teaching assistants), shown on each
    offering's staff page unless the offering lists its own `staff`."""
