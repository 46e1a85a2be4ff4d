"""The Pyodide release the pinned `jupyterlite-pyodide-kernel` runs on, fetched once into
the course's cache: its core from the npm registry (`pyodide` package, checked against the
registry's integrity hash), and for a local copy the pure-Python wheels from PyPI that the
kernel and the notebooks load (their hashes written into the copy's lock file).

Callers: `imports.py` (what Pyodide provides, from its lock file) and `site.py`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from jupyterlite_pyodide_kernel.constants import PYODIDE_PYTHON_VERSION, PYODIDE_VERSION

from coursekit.errors import BuildError, Problem

REGISTRY = "https://registry.npmjs.org/pyodide"
CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
# What the kernel itself loads from Pyodide's repository at start (micropip installs the
# kernel; IPython runs it; jedi completes).
KERNEL_PACKAGES = ("micropip", "ipython", "jedi")
FIX = (
    "the build fetches Pyodide from the npm registry and PyPI once: check the network, or"
    " build without browser notebooks (`course: notebooks: browser: {enabled: false}`)"
)
_FETCHING = threading.Lock()


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pyodide_core(cache: Path) -> Path:
    """The folder holding Pyodide's core files (`pyodide.mjs`, the wasm, the stdlib and
    `pyodide-lock.json`), fetched into `cache` on first use."""
    folder = cache / f"pyodide-{PYODIDE_VERSION}" / "core"
    if (folder / "pyodide-lock.json").is_file():
        return folder
    # A build fetches it in its JupyterLite thread while pages render: one fetch at a time.
    with _FETCHING:
        if not (folder / "pyodide-lock.json").is_file():
            _fetch_core(folder)
    return folder


def _fetch_core(folder: Path) -> None:
    try:
        with urllib.request.urlopen(f"{REGISTRY}/{PYODIDE_VERSION}", timeout=60) as response:
            dist = json.load(response)["dist"]
        with urllib.request.urlopen(dist["tarball"], timeout=300) as response:
            data = response.read()
    except OSError as error:
        problem = Problem(f"could not fetch Pyodide {PYODIDE_VERSION}: {error}", fix=FIX)
        raise BuildError(problem) from None
    algorithm, _, expected = dist["integrity"].partition("-")
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode() != expected:
        raise BuildError(Problem("the Pyodide package from npm failed its integrity check"))
    partial = folder.with_name("core.partial")
    shutil.rmtree(partial, ignore_errors=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(partial, filter="data")
    shutil.rmtree(folder, ignore_errors=True)
    (partial / "package").rename(folder)
    shutil.rmtree(partial, ignore_errors=True)


def read_lock(core: Path) -> dict:
    return json.loads((core / "pyodide-lock.json").read_text(encoding="utf-8"))


def closure(lock: dict, names: Iterable[str]) -> list[str]:
    """The lock's package keys `names` need, dependencies included (unknown names skipped)."""
    packages = lock["packages"]
    keys = {canonical(key): key for key in packages}
    seen: list[str] = []
    todo = [keys[canonical(n)] for n in names if canonical(n) in keys]
    while todo:
        key = todo.pop()
        if key not in seen:
            seen.append(key)
            todo += [keys[canonical(d)] for d in packages[key]["depends"] if canonical(d) in keys]
    return sorted(seen)


def is_pure(entry: dict) -> bool:
    """A wheel any Python runs (PyPI has the same file), not a WebAssembly build."""
    return str(entry["file_name"]).endswith("-none-any.whl")


def local_pyodide(cache: Path, packages: Iterable[str]) -> tuple[Path, frozenset[str]]:
    """A local Pyodide in `cache` with the pure-Python wheels `packages` (and the kernel)
    need; returns the folder and the lock keys it holds. Packages built for WebAssembly are
    only on the CDN and are left out."""
    core = pyodide_core(cache)
    lock = read_lock(core)
    needed = closure(lock, [*KERNEL_PACKAGES, *packages])
    wanted = [key for key in needed if is_pure(lock["packages"][key])]
    key = hashlib.sha256(" ".join(wanted).encode()).hexdigest()[:16]
    folder = cache / f"pyodide-{PYODIDE_VERSION}" / f"local-{key}"
    if (folder / "pyodide-lock.json").is_file():
        return folder, frozenset(wanted)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    shutil.copytree(core, partial)
    entries = [lock["packages"][name] for name in wanted]
    found = pypi_wheels([(e["name"], e["version"]) for e in entries], cache / "wheels")
    for entry, wheel in zip(entries, found, strict=True):
        shutil.copyfile(wheel, partial / entry["file_name"])
        entry["sha256"] = hashlib.sha256(wheel.read_bytes()).hexdigest()
    (partial / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder, frozenset(wanted)


def pypi_wheels(wanted: list[tuple[str, str | None]], folder: Path) -> list[Path]:
    """Pure-Python wheels for Pyodide's Python from PyPI, one per (name, version or None
    for the newest), fetched with one pip call for those not in `folder` yet."""

    def found(name: str, version: str | None) -> Path | None:
        for wheel in sorted(folder.glob("*.whl")):
            wheel_name, wheel_version = wheel.name.split("-")[:2]
            if canonical(wheel_name) == canonical(name) and version in (None, wheel_version):
                return wheel
        return None

    folder.mkdir(parents=True, exist_ok=True)
    missing = [f"{n}=={v}" if v else n for n, v in wanted if found(n, v) is None]
    if missing:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps"]
        command += ["--only-binary=:all:", "--python-version", PYODIDE_PYTHON_VERSION]
        done = subprocess.run(
            [*command, "-d", str(folder), *missing], capture_output=True, text=True
        )
        if done.returncode:
            tail = (done.stderr.strip().splitlines() or ["no wheel"])[-1]
            problem = Problem(f"could not fetch {', '.join(missing)} from PyPI: {tail}", fix=FIX)
            raise BuildError(problem)
    wheels = [found(name, version) for name, version in wanted]
    if None in wheels:
        raise BuildError(Problem("PyPI gave no pure-Python wheel for a Pyodide package", fix=FIX))
    return [wheel for wheel in wheels if wheel is not None]
