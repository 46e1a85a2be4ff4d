"""The environment notebooks execute in: the one coursekit runs in, or a virtual environment
made from the course's requirements file, cached under `.cache/notebook-env/<hash>`.

`site/materials.py` picks it from the course's settings (`course_environment`); `build.py`
hashes it into the execution cache's key and, before the first kernel starts, makes it
(`ensure_environment`). Callers hold the course lock, so one process makes a course's venv.
"""

from __future__ import annotations

import hashlib
import logging
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from coursekit.errors import BuildError, Problem, relative

log = logging.getLogger("coursekit.notebooks")
# Shown without -v (cli.py): making the environment takes a minute or more on a first build.
notice = logging.getLogger("coursekit.notice")

DEFAULT_REQUIREMENTS = "requirements.txt"
ENV_CACHE = ".cache/notebook-env"
# What the kernel itself needs, installed beside the course's requirements.
KERNEL_REQUIREMENT = "ipykernel>=6.29"
CURRENT_FIX = (
    "or set course.notebooks.environment: current to use the environment coursekit runs in"
)
# `-r other.txt` / `-c constraints.txt` lines: the files they name are part of the hash.
_INCLUDE = re.compile(r"^\s*(?:-r|-c|--requirement|--constraint)[\s=]+(\S+)")


@dataclass(frozen=True)
class Environment:
    """Where notebooks execute: `requirements` None means the environment coursekit runs in.

    `key` names the environment in cache keys: a venv's hash covers the requirements (and the
    files they include), the Python interpreter and the kernel requirement.
    """

    key: str = "current"
    requirements: Path | None = None
    root: Path | None = None

    @property
    def folder(self) -> Path | None:
        """The venv's cache folder (a link to the finished venv), None for the current one."""
        if self.requirements is None or self.root is None:
            return None
        return self.root / ENV_CACHE / self.key

    @property
    def missing_module_fix(self) -> str:
        """What to do when a notebook imports a package this environment lacks."""
        if self.requirements is not None:
            return f"add the package that provides it to {self.shown}"
        if self.root is not None:  # a course that has not declared its packages yet
            return (
                f"add the package that provides it to {DEFAULT_REQUIREMENTS} beside "
                "schedule.yaml: notebooks then execute in an environment made from it"
            )
        return "install the package that provides it in the environment coursekit runs in"

    @property
    def shown(self) -> str:
        if self.requirements is None:
            return "the current environment"
        return relative(self.requirements, self.root) if self.root else str(self.requirements)


CURRENT = Environment()


def course_environment(
    root: Path, *, requirements: str | None = None, environment: str = "auto"
) -> Environment:
    """The environment a course's settings ask for (`course.notebooks.environment` and
    `.requirements`): a venv from the requirements file, else the current environment."""
    if environment == "current":
        return CURRENT
    path = root / (requirements or DEFAULT_REQUIREMENTS)
    if not path.is_file():
        if requirements is None:
            return Environment(root=root)
        # `coursekit check` reports it at its schedule line; this guards other callers.
        raise BuildError(
            Problem(
                f"no such file '{requirements}'",
                path="course.notebooks.requirements",
                fix="paths are relative to the folder of schedule.yaml",
            )
        )
    if not _declares_packages(path):
        # Nothing to install: a venv holding only the kernel would cost a minute and a
        # hundred megabytes to run the same standard library (what `coursekit init` writes).
        return Environment(root=root)
    return Environment(_hash(path), path, root)


def _declares_packages(path: Path) -> bool:
    """Whether a requirements file names anything to install (an included file counts)."""
    lines = path.read_text("utf-8").splitlines()
    return any(line.strip() and not line.lstrip().startswith("#") for line in lines)


def ensure_environment(env: Environment) -> Path:
    """The Python that runs the notebooks' kernel; makes the venv on first use.

    The venv is made in a folder of its own beside the cache entry, and the entry, a link to
    it, appears in one rename once pip succeeded: a killed creation leaves only a folder no
    entry points to, which the next creation removes.
    """
    if env.folder is None:
        return Path(sys.executable)
    python = _python_in(env.folder)
    if python.exists():
        return python
    base = env.folder.parent
    base.mkdir(parents=True, exist_ok=True)
    ignore = base / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# created by coursekit\n*\n", encoding="utf-8")
    _remove_unfinished(base)
    notice.info("creating the notebooks' environment from %s (first build only)…", env.shown)
    started = time.perf_counter()
    made = Path(tempfile.mkdtemp(dir=base, prefix=f"{env.key}-"))
    try:
        _create(env, made)
        link = base / f".{env.key}.{os.getpid()}.link"
        link.unlink(missing_ok=True)
        link.symlink_to(made.name, target_is_directory=True)
        if env.folder.is_dir() and not env.folder.is_symlink():
            shutil.rmtree(env.folder)  # not one of ours: a link is the only entry we trust
        os.replace(link, env.folder)
    except BaseException:
        shutil.rmtree(made, ignore_errors=True)
        raise
    took = time.perf_counter() - started
    notice.info("notebooks' environment ready in %.0f s: %s/%s", took, ENV_CACHE, env.key)
    return python


def _create(env: Environment, folder: Path) -> None:
    assert env.requirements is not None
    venv = subprocess.run(
        [sys.executable, "-m", "venv", str(folder)], capture_output=True, text=True, check=False
    )
    if venv.returncode != 0:
        raise BuildError(
            Problem(
                "could not create the notebooks' virtual environment: "
                + _tail(venv.stdout + venv.stderr),
                file=env.shown,
                fix=f"install Python's venv module (e.g. apt-get install python3-venv), "
                f"{CURRENT_FIX}",
            )
        )
    python = _python_in(folder)
    # pip resolves relative paths in requirement lines (`./mypackage`) against the course.
    command = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
    command += ["-r", str(env.requirements), KERNEL_REQUIREMENT]
    pip = subprocess.run(command, capture_output=True, text=True, check=False, cwd=env.root)
    if pip.returncode != 0:
        raise BuildError(_pip_problem(env, pip.stdout + pip.stderr))


def _python_in(venv: Path) -> Path:
    return venv / "Scripts" / "python.exe" if os.name == "nt" else venv / "bin" / "python"


def _pip_problem(env: Environment, output: str) -> Problem:
    """Name the requirement pip failed on, at its line of the requirements file."""
    assert env.requirements is not None
    failing = re.search(
        r"(?:No matching distribution found for|Failed to build|Could not build wheels for|"
        r"Invalid requirement:)\s*'?([^\s',]+)",
        output,
    )
    line = None
    message = "pip could not install the requirements"
    if failing:
        name = failing.group(1)
        message = f"pip could not install '{name}'"
        line = _line_naming(env.requirements, name)
    return Problem(
        f"{message}: {_tail(output)}",
        file=env.shown,
        line=line,
        fix=f"correct or remove the requirement and build again, {CURRENT_FIX}",
    )


def _line_naming(requirements: Path, name: str) -> int | None:
    wanted = _normalize(re.split(r"[\s<>=!~;\[@]", name, maxsplit=1)[0])
    for number, text in enumerate(requirements.read_text("utf-8").splitlines(), 1):
        if wanted and _normalize(re.split(r"[\s<>=!~;\[@]", text.strip(), maxsplit=1)[0]) == wanted:
            return number
    return None


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _tail(output: str, lines: int = 4) -> str:
    """pip's last words: its ERROR lines if it printed any (it warns about much else)."""
    text = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in text if line.startswith("ERROR:")]
    return " | ".join((errors or text)[-lines:]) or "(no output)"


def _hash(requirements: Path) -> str:
    digest = hashlib.sha256()
    for part in (sys.version, sys.base_prefix, sys.platform, platform.machine()):
        digest.update(part.encode("utf-8") + b"\0")
    digest.update(KERNEL_REQUIREMENT.encode("utf-8") + b"\0")
    for path in _with_includes(requirements):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _with_includes(path: Path, seen: frozenset[Path] = frozenset()) -> list[Path]:
    """The requirements file and every file it includes with `-r`/`-c`, in order."""
    files = [path]
    for line in path.read_text("utf-8").splitlines():
        match = _INCLUDE.match(line)
        included = (path.parent / match.group(1)).resolve() if match else None
        if included and included.is_file() and included not in seen | {path.resolve()}:
            files += _with_includes(included, seen | {path.resolve()})
    return files


def _remove_unfinished(base: Path) -> None:
    """Folders no cache entry links to: venvs whose creation was killed."""
    linked = {os.readlink(entry) for entry in base.iterdir() if entry.is_symlink()}
    for entry in base.iterdir():
        if entry.is_dir() and not entry.is_symlink() and entry.name not in linked:
            shutil.rmtree(entry, ignore_errors=True)
        elif entry.is_symlink() and entry.name.endswith(".link"):
            entry.unlink(missing_ok=True)
