"""Build an offering's JupyterLite site (`site/<ID>/lite/`) with the pinned
`jupyterlite-core` and `jupyterlite-pyodide-kernel`: the students' versions of its notebooks
and the files beside them as contents, Pyodide from the CDN, a URL, or a local copy.

The build (`jupyter lite build`, tens of seconds) is cached by its inputs in the course's
cache; the course build calls `lite_site` after MkDocs wrote the offering, and the notebook
page asks `can_run` what its button says.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from nbformat import NotebookNode

from coursekit.errors import BuildError, Problem
from coursekit.lazy_imports import python_command
from coursekit.lite.imports import missing_modules, notebook_imports, packages_for, provided_modules
from coursekit.lite.pyodide import local_pyodide, pyodide_core, pypi_wheels, read_lock

log = logging.getLogger("coursekit.build")
LITE_DIR = "lite"
# The kernel installs itself with micropip and needs `comm`, which Pyodide does not ship.
KERNEL_WHEELS = ("comm",)
# JupyterLite's Pyodide kernel; a notebook asking for another kernel would ask which to use.
KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}


def user_cache() -> Path:
    """Where Pyodide and built JupyterLite sites are kept: they depend only on their inputs,
    so every course (and every test copy of one) on this machine shares them."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "coursekit" / "lite"


def missing_in_browser(notebook: NotebookNode, pyodide: str, cache: Path) -> list[str]:
    """The modules `notebook` imports that Pyodide cannot provide (empty: it can run);
    `pyodide` is the course's `notebooks.browser.pyodide`."""
    lock = read_lock(pyodide_core(cache))
    imports = notebook_imports(notebook)
    packages = None
    if pyodide == "local":
        _, packages = local_pyodide(cache, packages_for(lock, imports))
    return missing_modules(imports, provided_modules(lock, packages))


def browser_notebook(ipynb: bytes) -> bytes:
    """The students' .ipynb as JupyterLite opens it: with its Pyodide kernel."""
    notebook = json.loads(ipynb)
    notebook.setdefault("metadata", {})["kernelspec"] = KERNELSPEC
    return json.dumps(notebook, indent=1).encode("utf-8")


def lite_site(contents: Mapping[str, bytes], out: Path, pyodide: str, cache: Path) -> float:
    """Write the JupyterLite site with `contents` (path → bytes) to `out`, loading Pyodide
    from `pyodide` (`cdn`, `local` or a URL); returns the seconds it took (a cached site is
    copied)."""
    started = time.perf_counter()
    key = _key(contents, pyodide)
    marker = out / ".coursekit-lite"
    if marker.is_file() and marker.read_text(encoding="utf-8") == key:
        return 0.0  # live preview: the site there is this one
    cached = cached_lite_site(contents, pyodide, cache)
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(cached, out)
    marker.write_text(key, encoding="utf-8")
    return time.perf_counter() - started


def cached_lite_site(contents: Mapping[str, bytes], pyodide: str, cache: Path) -> Path:
    """The JupyterLite site holding `contents` in `cache`, built now if it is not there: a
    course build calls it before MkDocs writes the offering, `lite_site` copies it after."""
    cached = cache / f"site-{_key(contents, pyodide)}"
    if not cached.is_dir():
        _build(contents, pyodide, cache, cached)
    return cached


def _key(contents: Mapping[str, bytes], pyodide: str) -> str:
    digest = hashlib.sha256()
    for package in ("jupyterlite-core", "jupyterlite-pyodide-kernel"):
        digest.update(f"{package}={importlib.metadata.version(package)};".encode())
    digest.update(pyodide.encode())
    for path in sorted(contents):
        digest.update(path.encode() + b"\0" + hashlib.sha256(contents[path]).digest())
    return digest.hexdigest()[:20]


def _build(contents: Mapping[str, bytes], pyodide: str, cache: Path, target: Path) -> None:
    lock = read_lock(pyodide_core(cache))
    with tempfile.TemporaryDirectory(prefix="coursekit-lite-") as temp:
        lite_dir, files, output = Path(temp, "lite"), Path(temp, "files"), Path(temp, "out")
        for path, data in contents.items():
            (files / path).parent.mkdir(parents=True, exist_ok=True)
            (files / path).write_bytes(data)
        files.mkdir(exist_ok=True)
        lite_dir.mkdir()
        if pyodide == "local":
            imports = [
                module
                for path, data in contents.items()
                if path.endswith(".ipynb")
                for module in notebook_imports(_as_notebook(data))
            ]
            local, _ = local_pyodide(cache, packages_for(lock, imports))
            shutil.copytree(local, lite_dir / "static" / "pyodide")
        elif pyodide != "cdn":
            url = pyodide.rstrip("/") + "/pyodide.mjs"
            plugin = {"@jupyterlite/pyodide-kernel-extension:kernel": {"pyodideUrl": url}}
            config = {"jupyter-config-data": {"litePluginSettings": plugin}}
            (lite_dir / "jupyter-lite.json").write_text(json.dumps(config), encoding="utf-8")
        kernel = pypi_wheels([(name, None) for name in KERNEL_WHEELS], cache / "wheels")
        wheels = [str(wheel) for wheel in kernel]
        # Through coursekit's deferred imports: JupyterLite imports nbformat too.
        command = [*python_command("jupyterlite_core"), "build", "--no-sourcemaps"]
        command += ["--apps", "notebooks", "--no-unused-shared-packages"]
        command += ["--lite-dir", str(lite_dir), "--contents", str(files)]
        command += ["--output-dir", str(output), "--piplite-wheels", *wheels]
        done = subprocess.run(command, cwd=lite_dir, capture_output=True, text=True)
        if done.returncode:
            tail = "\n".join(done.stderr.strip().splitlines()[-5:])
            raise BuildError(
                Problem(
                    f"JupyterLite could not build the browser notebooks:\n{tail}",
                    fix="turn it off with `course.notebooks.lite: off` and report the error",
                )
            )
        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(output, partial)
        partial.rename(target)


def _as_notebook(data: bytes) -> NotebookNode:
    import nbformat

    return nbformat.reads(data.decode("utf-8"), as_version=4)
