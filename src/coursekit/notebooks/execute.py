"""Run one notebook with nbclient and describe a failure as a `Problem` a user can act on.

The kernel runs in the notebook's folder (relative data paths work as in Jupyter). A failure
names the file, the cell (1-based, as Jupyter shows it), the failing line and the exception.
In a course's venv (`environment.py`) the kernel is that venv's ipykernel, started directly;
otherwise the installed `python3` kernelspec (ipykernel puts it into
`<venv>/share/jupyter/kernels`; `python -m ipykernel install --sys-prefix` adds it where it
is missing). `build.py` is the caller.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from nbformat import NotebookNode

from coursekit.errors import Problem
from coursekit.notebooks.read import Settings, Source

if TYPE_CHECKING:  # nbclient is imported only when a notebook runs
    from nbclient import NotebookClient

DEFAULT_KERNEL = "python3"
INSTALL_KERNEL = "run `python -m ipykernel install --sys-prefix` in the course's environment"
ALLOW_ERROR_FIX = (
    "fix the cell, or tag it raises-exception if the error is intended "
    "(metadata.execution.allow_errors: true allows every cell)"
)

log = logging.getLogger("coursekit.notebooks")

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_FRAME = re.compile(r"Cell In\[(\d*)\], line (\d+)")
# IPython compiles a cell as a temporary file; a SyntaxError names it: "(730986191.py, line 1)"
_TEMP_FILE = re.compile(r"\s*\(\d+\.py, line \d+\)$")
# What every kernel start prints; not worth showing when the kernel dies.
_NOISE = ("Kernel is running over TCP without encryption",)


@dataclass(frozen=True)
class Execution:
    """The executed notebook (outputs so far, if it failed), the failure, the time taken."""

    notebook: NotebookNode
    problem: Problem | None
    seconds: float


class _NbclientLog(logging.LoggerAdapter):
    """nbclient's own log lines, all at DEBUG.

    It logs "Executing notebook with kernel" on every run and an ERROR for each timeout; we
    report failures as Problems, so at a user's log level these would only repeat them.
    """

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        super().log(logging.DEBUG, msg, *args, **kwargs)


@cache
def installed_kernels() -> frozenset[str]:
    from jupyter_client.kernelspec import KernelSpecManager

    return frozenset(KernelSpecManager().find_kernel_specs())


def is_python(notebook: NotebookNode) -> bool:
    """Whether the notebook says it is Python, or says nothing (then it is taken as Python)."""
    spec = notebook.metadata.get("kernelspec", {})
    language = spec.get("language") or notebook.metadata.get("language_info", {}).get("name")
    return language in (None, "python")


def resolve_kernel(notebook: NotebookNode) -> str:
    """The kernel to run: the notebook's own if installed, else python3 for Python notebooks.

    Notebooks written on a laptop often name a personal kernel ("ml-env"); for a Python
    notebook the build's python3 kernel is the one that has the course's dependencies.
    """
    spec = notebook.metadata.get("kernelspec", {})
    name = spec.get("name") or DEFAULT_KERNEL
    if name in installed_kernels():
        return name
    if is_python(notebook):
        if spec.get("name"):
            log.info("kernel %r is not installed; using %s", name, DEFAULT_KERNEL)
        return DEFAULT_KERNEL
    return name


def execute(
    source: Source,
    notebook: NotebookNode,
    settings: Settings,
    *,
    kernel: str,
    shown: str,
    python: Path | None = None,
    missing_module_fix: str | None = None,
    on_ready: Callable[[], None] | None = None,
) -> Execution:
    """Execute `notebook` (read from `source`) in its folder; never raises for user errors.

    With `python` (a course's venv), the kernel is that interpreter's ipykernel, whatever
    kernel specs are installed. `on_ready` is called once the kernel answers. Call it where
    no event loop runs (`build.py` uses threads).
    """
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if python is None and kernel not in installed_kernels():
        # Checked here: jupyter_client would log its own traceback before nbclient raises.
        return Execution(notebook, _kernel_not_installed(kernel, shown), 0.0)
    current: dict[str, int] = {}  # the index of the cell running now
    client = _client(source, notebook, settings, kernel, python, current)
    if on_ready is not None:
        client.on_notebook_start = lambda notebook: on_ready()
    started = time.perf_counter()
    problem = None
    # The kernel's own stderr carries start-up chatter (ipykernel warns about TCP transport
    # on every start); keep it out of the user's terminal, but show it if the kernel dies.
    with tempfile.TemporaryFile() as kernel_log:
        try:
            # asyncio.run, not client.execute(): the sync wrapper leaves an event loop open in
            # each worker thread (a ResourceWarning when the thread ends).
            # cleanup_kc: nbclient shuts down only kernels of managers it made itself.
            execution = client.async_execute(stdout=kernel_log, stderr=kernel_log, cleanup_kc=True)
            asyncio.run(execution)
        except CellTimeoutError:
            problem = _timeout_problem(source, notebook, current.get("index"), settings, shown)
        except CellExecutionError as error:
            problem = _error_problem(source, notebook, current.get("index"), error, shown)
            if missing_module_fix and getattr(error, "ename", "") == "ModuleNotFoundError":
                problem = dataclasses.replace(problem, fix=missing_module_fix)
        except DeadKernelError:
            problem = _dead_kernel_problem(
                source, notebook, current.get("index"), kernel_log, shown
            )
        except RuntimeError as error:  # nbclient: "Kernel died before replying to kernel_info"
            problem = Problem(
                f"the {kernel} kernel did not start: {error}{_tail(kernel_log)}",
                file=shown,
                fix=INSTALL_KERNEL,
            )
    return Execution(notebook, problem, time.perf_counter() - started)


def _kernel_not_installed(kernel: str, shown: str) -> Problem:
    """The problem of a notebook whose kernel is not installed, with how to get it."""
    fix = (
        INSTALL_KERNEL
        if kernel == DEFAULT_KERNEL
        else (
            f"install the {kernel} kernel, or set the notebook's kernelspec to one that "
            "`jupyter kernelspec list` shows"
        )
    )
    return Problem(f"kernel {kernel!r} is not installed", file=shown, fix=fix)


def _client(
    source: Source,
    notebook: NotebookNode,
    settings: Settings,
    kernel: str,
    python: Path | None,
    current: dict[str, int],
) -> NotebookClient:
    """An nbclient client running `notebook` in its folder, recording the running cell's
    index in `current`; in `python`'s venv when given."""
    from nbclient import NotebookClient

    return NotebookClient(
        notebook,
        timeout=settings.timeout,
        allow_errors=settings.allow_errors,
        kernel_name=kernel,
        record_timing=False,
        resources={"metadata": {"path": str(source.path.parent)}},
        on_cell_start=lambda cell, cell_index: current.update(index=cell_index),
        log=_NbclientLog(logging.getLogger("coursekit.notebooks.nbclient"), {}),
        km=venv_kernel(python, kernel) if python is not None else None,
    )


def _dead_kernel_problem(
    source: Source, notebook: NotebookNode, index: int | None, kernel_log: IO[bytes], shown: str
) -> Problem:
    """The problem of a kernel that died running cell `index`, with its last stderr lines."""
    return Problem(
        f"the kernel died{_running(notebook, index)}{_tail(kernel_log)}",
        file=shown,
        line=source.file_line(index) if index is not None else None,
        path=f"cell {index + 1}" if index is not None else None,
        fix="the code may have run out of memory or crashed the interpreter",
    )


def venv_kernel(python: Path, kernel: str):  # type: ignore[no-untyped-def]
    """A kernel manager starting ipykernel in `python`'s environment, with that
    environment's scripts first on PATH (as if activated), so `!pip` and `!python` in a
    notebook reach it too; no kernel spec is installed anywhere."""
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    prefix = python.parent.parent
    spec = KernelSpec(
        argv=[str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        display_name="Python 3 (course)",
        language="python",
        env={
            "VIRTUAL_ENV": str(prefix),
            "PATH": os.pathsep.join([str(python.parent), os.environ.get("PATH", "")]),
        },
    )

    class CourseKernels(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return spec

    return AsyncKernelManager(kernel_name=kernel, kernel_spec_manager=CourseKernels())


def unexpected_errors(notebook: NotebookNode, settings: Settings) -> bool:
    """Whether stored outputs hold an error the notebook's settings do not allow."""
    if settings.allow_errors:
        return False
    return any(
        output.get("output_type") == "error"
        for cell in notebook.cells
        if cell.cell_type == "code" and "raises-exception" not in cell.metadata.get("tags", [])
        for output in cell.get("outputs", [])
    )


def _error_problem(
    source: Source, notebook: NotebookNode, index: int | None, error: Exception, shown: str
) -> Problem:
    ename = getattr(error, "ename", type(error).__name__)
    evalue = _first_line(getattr(error, "evalue", "") or "")
    if index is None:
        return Problem(f"{ename}: {evalue}", file=shown, fix=ALLOW_ERROR_FIX)
    cell = notebook.cells[index]
    line = _failing_line(cell)
    where = f"cell {index + 1}" + (f", line {line}" if line else "")
    message = f"{ename}: {evalue}" if evalue else ename
    lines = cell.source.splitlines()
    if line and line <= len(lines) and lines[line - 1].strip():
        message += f" in `{lines[line - 1].strip()}`"
    return Problem(
        message,
        file=shown,
        line=source.file_line(index, line or 1),
        path=where,
        fix=ALLOW_ERROR_FIX,
    )


def _timeout_problem(
    source: Source, notebook: NotebookNode, index: int | None, settings: Settings, shown: str
) -> Problem:
    limit = f"{settings.timeout:g} s"
    fix = f"make the cell faster, or raise metadata.execution.timeout (now {limit})"
    if index is None:
        return Problem(f"timed out after {limit}", file=shown, fix=fix)
    cell = notebook.cells[index]
    first = next((text.strip() for text in cell.source.splitlines() if text.strip()), "")
    return Problem(
        f"timed out after {limit} running `{first}`",
        file=shown,
        line=source.file_line(index),
        path=f"cell {index + 1}",
        fix=fix,
    )


def _failing_line(cell: NotebookNode) -> int | None:
    """The line of the cell where the exception left it, from IPython's traceback.

    IPython names frames `Cell In[<execution count>], line <n>`; the first frame of this
    cell is where the error left the cell (later ones may be in functions it called).
    """
    for output in cell.get("outputs", []):
        if output.get("output_type") != "error":
            continue
        text = _ANSI.sub("", "\n".join(output.get("traceback", [])))
        frames = _FRAME.findall(text)
        count = str(cell.get("execution_count") or "")
        chosen = [line for number, line in frames if number == count] or [
            line for _, line in frames
        ]
        if chosen:
            return int(chosen[0])
    return None


def _running(notebook: NotebookNode, index: int | None) -> str:
    """The first line of the cell that was running, the way a reader finds it."""
    if index is None:
        return ""
    first = next((t.strip() for t in notebook.cells[index].source.splitlines() if t.strip()), "")
    return f" while running `{first}`" if first else f" while running cell {index + 1}"


def _tail(log_file: IO[bytes], lines: int = 5) -> str:
    log_file.seek(0)
    text = log_file.read().decode("utf-8", "replace").strip().splitlines()
    text = [line for line in text if line.strip() and not any(n in line for n in _NOISE)]
    return ("; kernel said: " + " | ".join(text[-lines:])) if text else ""


def _first_line(text: str) -> str:
    text = text.strip().splitlines()[0] if text.strip() else ""
    text = _TEMP_FILE.sub("", text)
    return text if len(text) <= 200 else text[:199] + "…"
