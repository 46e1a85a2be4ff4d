"""The browser side of a deck: reveal.js from npm plus coursekit's theme, copied into a site.

`write_deck` pages load it from a `runtime_url`; the course build calls `copy_runtime()` once per
site and `coursekit slides` once per output folder. reveal.js is never committed: a wheel carries
it (setup.py fetches it when the wheel is built); a source checkout installs it with `npm ci`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from coursekit.errors import CourseError, Problem
from coursekit.slides.reveal_package import DIST_FILES, PACKAGED_FOLDER

# An installed wheel's copy of reveal.js (absent in a source checkout).
PACKAGED = Path(__file__).parent / PACKAGED_FOLDER
# src/coursekit/slides/runtime.py → the repository root holding package.json.
PROJECT = Path(__file__).resolve().parents[3]
THEME = Path(__file__).parent / "theme"
PYGMENTS_STYLE = "default"


def _locked_version() -> str | None:
    lock = PROJECT / "package-lock.json"
    if not lock.is_file():
        return None
    packages = json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
    return packages.get("node_modules/reveal.js", {}).get("version")


def _installed_version(dist: Path) -> str | None:
    package = dist.parent / "package.json"
    if not package.is_file():
        return None
    return json.loads(package.read_text(encoding="utf-8")).get("version")


@cache
def reveal_dist() -> Path:
    """reveal.js's `dist/` folder: `COURSEKIT_REVEAL_DIST` if set, else the copy an installed
    wheel carries, else a source checkout's node_modules/ (installed with `npm ci` if missing or
    not the locked version)."""
    override = os.environ.get("COURSEKIT_REVEAL_DIST")
    if override:
        dist = Path(override)
        if not (dist / "reveal.js").is_file():
            raise CourseError(
                Problem(
                    f"COURSEKIT_REVEAL_DIST={override} holds no reveal.js",
                    fix="point it to reveal.js's dist/ folder",
                )
            )
        return dist
    if (PACKAGED / "dist" / "reveal.js").is_file():
        return PACKAGED / "dist"
    return _checkout_dist()


def _checkout_dist() -> Path:
    wanted = _locked_version()
    if wanted is None:
        raise CourseError(
            Problem(
                f"reveal.js runtime not found: this coursekit carries none in {PACKAGED} and "
                "is not a source checkout",
                fix="reinstall coursekit from a wheel or a git URL, whose build fetches "
                "reveal.js; or set COURSEKIT_REVEAL_DIST to reveal.js's dist/ folder",
            )
        )
    dist = PROJECT / "node_modules" / "reveal.js" / "dist"
    if (dist / "reveal.js").is_file() and _installed_version(dist) == wanted:
        return dist
    return _npm_ci(dist, wanted)


def _npm_ci(dist: Path, wanted: str) -> Path:
    npm = shutil.which("npm")
    if npm is None:
        raise CourseError(
            Problem(
                f"reveal.js {wanted} is not installed and npm is not on PATH",
                fix=f"install npm (apt-get install -y npm), then run 'npm ci' in {PROJECT}",
            )
        )
    result = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],  # no package code runs
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or not (dist / "reveal.js").is_file():
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise CourseError(
            Problem(
                f"'npm ci' failed installing reveal.js: {' | '.join(tail)}",
                str(PROJECT / "package.json"),
                fix=f"run 'npm ci' in {PROJECT} to see the full error",
            )
        )
    return dist


def reveal_version() -> str:
    return _installed_version(reveal_dist()) or "unknown"


def pygments_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style=PYGMENTS_STYLE).get_style_defs(".reveal .highlight")


def runtime_files() -> dict[str, bytes | Path]:
    """Relative path in the runtime folder → file to copy (or bytes to write)."""
    dist = reveal_dist()
    files: dict[str, bytes | Path] = {f"reveal/{name}": dist / name for name in DIST_FILES}
    license_file = dist.parent / "LICENSE"
    if license_file.is_file():
        files["reveal/LICENSE"] = license_file
    for path in sorted([*THEME.glob("*.css"), *THEME.glob("*.js")]):
        files[f"theme/{path.name}"] = path
    files["theme/pygments.css"] = pygments_css().encode()
    return files


def runtime_fingerprint() -> str:
    """Changes whenever anything a printed deck looks like depends on changes."""
    digest = hashlib.sha256(reveal_version().encode())
    for name, source in runtime_files().items():
        if name.startswith("theme/"):
            digest.update(name.encode())
            digest.update(source if isinstance(source, bytes) else source.read_bytes())
    return digest.hexdigest()


def copy_runtime(dest: Path) -> list[Path]:
    """Copy reveal.js (the files decks load) and the theme into `dest`; unchanged files are
    left alone so a rebuild does not touch them."""
    written = []
    for name, source in runtime_files().items():
        target = dest / name
        data = source if isinstance(source, bytes) else source.read_bytes()
        if not (target.is_file() and target.read_bytes() == data):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        written.append(target)
    return written
