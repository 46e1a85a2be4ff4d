"""Build notebook pages: read each notebook, execute it or reuse outputs, render it.

The course build and `coursekit notebook` call `build_notebooks`. Every notebook is tried
before failing, so one `BuildError` lists every broken notebook. Log lines under
`coursekit.notebooks` ("executed X", "cache hit X") tell what ran.
"""

from __future__ import annotations

import copy
import dataclasses
import fnmatch
import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import nbformat
from nbformat import NotebookNode

from coursekit.errors import BuildError, Problem, relative
from coursekit.notebooks.cache import (
    NotebookCache,
    cache_key,
    has_outputs,
    hash_files,
    merge_outputs,
)
from coursekit.notebooks.environment import CURRENT, Environment, ensure_environment
from coursekit.notebooks.execute import (
    Execution,
    execute,
    is_python,
    resolve_kernel,
    unexpected_errors,
)
from coursekit.notebooks.outputs import DEFAULT_LIMITS, Limits
from coursekit.notebooks.read import (
    DEFAULT_TIMEOUT,
    MODES,
    Mode,
    Settings,
    Source,
    read_source,
    settings,
)
from coursekit.notebooks.render import Heading, render_notebook
from coursekit.notebooks.solutions import (
    has_solutions,
    marker_problems,
    solution_version,
    student_version,
)
from coursekit.progress import step
from coursekit.schedule.settings import SOLUTION_PLACEHOLDER

log = logging.getLogger("coursekit.notebooks")

Status = Literal["executed", "cached", "saved", "unexecuted"]


@dataclass(frozen=True)
class NotebookPage:
    """One rendered notebook, as plain data for the course build."""

    source_path: Path  # the file read (a paired text source rather than its .ipynb)
    title: str  # the first markdown heading, else the file name
    html: str  # fragment: `<div class="ck-notebook">…</div>`
    executed_ipynb: bytes  # the notebook with outputs, for the download button
    headings: tuple[Heading, ...] = ()
    status: Status = "unexecuted"  # executed now, from the cache, saved in the file, or none
    seconds: float = 0.0  # execution time when executed now
    # The notebook with its solutions, when it has any: `html` and `executed_ipynb` are
    # then the students' version, with placeholders instead.
    solution: SolutionVersion | None = None

    @property
    def stem(self) -> str:
        return self.source_path.stem


@dataclass(frozen=True)
class SolutionVersion:
    """A notebook's solution version, rendered like its page."""

    html: str
    executed_ipynb: bytes
    headings: tuple[Heading, ...] = ()


@dataclass
class NotebookBuild:
    pages: list[NotebookPage] = field(default_factory=list)

    @property
    def executed(self) -> list[Path]:
        return [p.source_path for p in self.pages if p.status == "executed"]

    @property
    def cache_hits(self) -> list[Path]:
        return [p.source_path for p in self.pages if p.status == "cached"]


@dataclass
class _Job:
    """One notebook between reading and rendering."""

    source: Source
    shown: str
    settings: Settings
    kernel: str
    notebook: NotebookNode
    key: str | None = None
    status: Status = "unexecuted"
    seconds: float = 0.0
    runs: bool = False  # to be executed now (`status` says what it shows until then)
    in_environment: bool = False  # runs in the course's venv (else coursekit's environment)


def build_notebooks(
    paths: Iterable[Path],
    *,
    root: Path | None = None,
    cache_dir: Path | None = None,
    mode: Mode = "auto",
    lock_files: Sequence[Path] = (),
    default_timeout: float | None = DEFAULT_TIMEOUT,
    markdown_extensions: Sequence[str | Mapping[str, Any]] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    jobs: int = 1,
    never_execute: Sequence[str] = (),
    environment: Environment = CURRENT,
    solution_placeholder: str = SOLUTION_PLACEHOLDER,
    on_kernels: Callable[[], None] | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> NotebookBuild:
    """Pages for `paths`, in order; raises one `BuildError` listing every failure.

    Relative paths (notebooks, `cache_dir`, `lock_files`) are taken against `root`, the course
    folder. `lock_files` (e.g. requirements.txt) are hashed into the cache key: changing a
    dependency re-executes. `jobs` > 1 runs that many kernels at once. Notebooks matching a
    `never_execute` glob (relative to `root`), or whose metadata says
    `coursekit: {execute: off}`, are published with the outputs they hold. Python notebooks
    execute in `environment` (made on first use if it is a course's venv). A notebook with
    solutions executes whole; its page shows `solution_placeholder` in their place and
    carries the solution version beside it. `on_kernels` is called once the first kernels
    answer (or nothing runs): the course build then renders beside them; once `stopped()`
    (the build that runs them failed or was interrupted), no further kernel starts.
    """
    if mode not in MODES:
        raise BuildError(f"unknown execution mode {mode!r} (use one of {', '.join(MODES)})")
    if mode == "cache" and cache_dir is None:
        raise BuildError("execution mode 'cache' needs a cache folder (pass cache_dir)")
    base = root or Path(".")
    cache = NotebookCache(base / cache_dir) if cache_dir is not None else None
    lock = hash_files([base / p for p in lock_files], base=base) if mode != "off" else {}
    problems: list[Problem] = []
    prepared: list[_Job] = []
    for path in paths:
        try:
            course_mode = "off" if _matches(Path(path), never_execute) else mode
            prepared.append(
                _prepare(base / path, root, cache, course_mode, lock, default_timeout, environment)
            )
        except BuildError as error:
            problems.extend(error.problems)

    to_run = [job for job in prepared if job.runs]
    ready = _Countdown(min(max(1, jobs), len(to_run)), on_kernels)
    try:
        run = _runner(to_run, environment, problems, ready.tick, stopped)
        _execute_jobs(to_run, run, jobs, cache, problems)
    finally:
        ready.done()
    if problems:
        raise BuildError(problems)
    return NotebookBuild(
        [_page(job, markdown_extensions, limits, solution_placeholder) for job in prepared]
    )


def _execute_jobs(
    to_run: list[_Job],
    run: Callable[[_Job], Execution],
    jobs: int,
    cache: NotebookCache | None,
    problems: list[Problem],
) -> None:
    """Execute `to_run` with `jobs` kernels at once: each job takes its outputs (and the
    cache keeps them); each failure is added to `problems`."""
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    if to_run:
        count, kernels = len(to_run), min(max(1, jobs), len(to_run))
        step("running %d notebook%s, %d at once", count, "s" * (count > 1), kernels)
    try:
        # Results arrive in order as kernels finish: each is logged and cached at once, so an
        # interrupted build keeps what it finished.
        for done, (job, result) in enumerate(zip(to_run, pool.map(run, to_run), strict=True), 1):
            if result.problem:
                step("notebook %d/%d: %s failed", done, len(to_run), job.shown)
                problems.append(result.problem)
                continue
            step("notebook %d/%d: %s (%.1f s)", done, len(to_run), job.shown, result.seconds)
            job.notebook, job.status, job.seconds = result.notebook, "executed", result.seconds
            log.info("executed %s (%.1f s)", job.shown, result.seconds)
            if cache is not None and job.key:
                cache.save(job.key, result.notebook)
    finally:
        # On Ctrl-C, start no further kernels; running ones end with their cell or timeout.
        pool.shutdown(cancel_futures=True)


def _prepare(
    path: Path,
    root: Path | None,
    cache: NotebookCache | None,
    mode: str,
    lock: dict[str, str | None],
    default_timeout: float | None,
    environment: Environment,
) -> _Job:
    source = read_source(path, root)
    shown = relative(source.path, root) if root else str(source.path)
    unpaired = marker_problems(source.notebook, shown, source.file_line)
    if unpaired:
        raise BuildError(unpaired)
    job = _Job(
        source,
        shown,
        settings(source, default_timeout=default_timeout, root=root),
        resolve_kernel(source.notebook),
        source.notebook,
        in_environment=environment.folder is not None and is_python(source.notebook),
    )
    own = job.settings.mode
    # A notebook may always opt out; it may ask for more only where the course executes.
    if own == "off" or (own is not None and mode in ("auto", "force")):
        mode = own
    if mode == "off":
        job.status = "saved" if has_outputs(job.notebook) else "unexecuted"
        return job
    job.key = cache_key(
        job.notebook,
        kernel=job.kernel,
        data=_data_hashes(job, root),
        lock=lock,
        environment=environment.key if job.in_environment else CURRENT.key,
    )
    if mode != "force" and cache is not None:
        stored = cache.load(job.key)
        merged = merge_outputs(job.notebook, stored) if stored is not None else None
        if merged is not None and not unexpected_errors(merged, job.settings):
            job.notebook, job.status = merged, "cached"
            log.info("cache hit %s", shown)
            return job
    if mode == "cache":
        raise BuildError(
            Problem(
                "no cached outputs for this version of the code, data and dependencies",
                file=shown,
                fix="build once with execution mode auto or force to fill the cache",
            )
        )
    if mode == "auto" and has_outputs(job.notebook):
        job.status = "saved"
    job.runs = job.status == "unexecuted"  # auto without outputs, or force
    return job


class _Countdown:
    """Calls `then` once, after `count` ticks or at `done()`, whichever comes first."""

    def __init__(self, count: int, then: Callable[[], None] | None) -> None:
        self._left, self._then = count, then
        self._lock = threading.Lock()
        if count == 0:
            self.done()

    def tick(self) -> None:
        with self._lock:
            self._left -= 1
            fire = self._left == 0
        if fire:
            self.done()

    def done(self) -> None:
        with self._lock:
            then, self._then = self._then, None
        if then is not None:
            then()


def _runner(
    to_run: list[_Job],
    environment: Environment,
    problems: list[Problem],
    on_ready: Callable[[], None] | None = None,
    stopped: Callable[[], bool] = lambda: False,
) -> Callable[[_Job], Execution]:
    """What executes one job: in the course's venv, made now if any job needs it (a failure
    is raised with the `problems` found so far), or in coursekit's environment."""
    python = None
    if any(job.in_environment for job in to_run):
        try:
            python = ensure_environment(environment)
        except BuildError as error:
            raise BuildError(problems + error.problems) from None

    def run(job: _Job) -> Execution:
        if stopped():
            return Execution(job.notebook, Problem("not run: the build stopped", job.shown), 0.0)
        notebook = copy.deepcopy(job.notebook)
        return execute(
            job.source,
            notebook,
            job.settings,
            kernel=job.kernel,
            shown=job.shown,
            python=python if job.in_environment else None,
            missing_module_fix=environment.missing_module_fix if is_python(notebook) else None,
            on_ready=on_ready,
        )

    return run


def _matches(path: Path, patterns: Sequence[str]) -> bool:
    posix = path.as_posix().removeprefix("./")
    return any(fnmatch.fnmatchcase(posix, pattern) for pattern in patterns)


def _data_hashes(job: _Job, root: Path | None) -> dict[str, str | None]:
    folder = job.source.path.parent
    problems = []
    for n, name in enumerate(job.settings.data):
        if not (folder / name).exists():
            problems.append(
                Problem(
                    f"data file {name!r} does not exist",
                    file=job.shown,
                    path=f"metadata.coursekit.data[{n}]",
                    fix="paths are relative to the notebook's folder",
                )
            )
    if problems:
        raise BuildError(problems)
    return hash_files([folder / name for name in job.settings.data], base=folder)


def _page(
    job: _Job,
    extensions: Sequence[str | Mapping[str, Any]] | None,
    limits: Limits,
    placeholder: str,
) -> NotebookPage:
    """The rendered page; for a notebook with solutions, the students' version carrying the
    solution version beside it."""
    solution = None
    shown = job.notebook
    if has_solutions(job.notebook):
        full = solution_version(job.notebook)
        rendered_full = render_notebook(full, markdown_extensions=extensions, limits=limits)
        solution = SolutionVersion(
            rendered_full.html, _ipynb(full, job.kernel), rendered_full.headings
        )
        shown = student_version(job.notebook, placeholder)
    rendered = render_notebook(shown, markdown_extensions=extensions, limits=limits)
    return NotebookPage(
        source_path=job.source.path,
        title=rendered.title or job.source.path.stem,
        html=rendered.html,
        executed_ipynb=_ipynb(shown, job.kernel),
        headings=rendered.headings,
        status=job.status,
        seconds=job.seconds,
        solution=solution,
    )


def solution_page(page: NotebookPage) -> NotebookPage:
    """`page` showing its solutions (itself if it has none)."""
    if page.solution is None:
        return page
    return dataclasses.replace(
        page,
        html=page.solution.html,
        executed_ipynb=page.solution.executed_ipynb,
        headings=page.solution.headings,
        solution=None,
    )


def _ipynb(notebook: NotebookNode, kernel: str) -> bytes:
    """The notebook as students download it: no jupytext pairing, a kernel to open it with."""
    download = copy.deepcopy(notebook)
    download.metadata.pop("jupytext", None)
    download.metadata.setdefault(
        "kernelspec", {"name": kernel, "display_name": "Python 3", "language": "python"}
    )
    return nbformat.writes(download).encode("utf-8")
