"""Parse many decks fast: a disk cache of parsed decks and a process pool for the rest.

The course build and `coursekit slides` call `parse_decks()`. A cached deck is reused while
its source, the slides code and the markdown engine are unchanged, every file it uses still
exists and every file it reported missing is still missing; anything else is parsed again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from importlib.metadata import version
from pathlib import Path

from coursekit.errors import relative
from coursekit.slides.markdown import engine
from coursekit.slides.model import Deck
from coursekit.slides.parse import parse_deck_checked

# Forking workers pays off only past a few decks (a worker costs ~10 ms to start).
PARALLEL_FROM = 8


@cache
def _code_fingerprint() -> str:
    """Changes when the slides code or the markdown engine changes."""
    digest = hashlib.sha256(b"deck engine 2: markdown-it\n")
    names = ("markdown-it-py", "mdit-py-plugins", "linkify-it-py", "html5lib", "pygments")
    for name in (*names, "beautifulsoup4", "pyyaml", "latex2mathml"):
        digest.update(f"{name}={version(name)}\n".encode())
    here = Path(__file__).parent
    for path in [*sorted(here.glob("*.py")), here.parent / "texmath.py"]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(path: Path, file: str) -> str:
    digest = hashlib.sha256(_code_fingerprint().encode())
    digest.update(f"\n{path.resolve()}\n{file}\n".encode())
    digest.update(path.read_bytes())
    return digest.hexdigest()


def _load(entry: Path) -> Deck | None:
    try:
        deck, missing = pickle.loads(entry.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None
    if all(a.path.is_file() for a in deck.assets) and not any(p.exists() for p in missing):
        return deck
    return None


def _cached(args: tuple[Path, Path | None, Path | None]) -> Deck | None:
    path, root, cache_dir = args
    if cache_dir is None or not path.is_file():
        return None
    file = relative(path, root) if root is not None else str(path)
    return _load(cache_dir / f"{_key(path, file)}.pickle")


def _parse_one(args: tuple[Path, Path | None, Path | None]) -> Deck:
    """Parse a deck that is not cached, and cache it."""
    path, root, cache_dir = args
    file = relative(path, root) if root is not None else str(path)
    entry = None
    if cache_dir is not None and path.is_file():
        entry = cache_dir / f"{_key(path, file)}.pickle"
    deck, missing = parse_deck_checked(path, root=root)
    if entry is not None:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(pickle.dumps((deck, missing), protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(entry)
    return deck


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def parse_decks(
    paths: list[Path],
    *,
    root: Path | None = None,
    cache_dir: Path | None = None,
    workers: int | None = None,
) -> list[Deck]:
    """`parse_deck` for each path, in order; cached in `cache_dir` (e.g. `.cache/decks`) when
    given, and spread over `workers` processes (default: one per CPU) for many decks."""
    jobs = [(Path(p), root, cache_dir) for p in paths]
    decks = [_cached(job) for job in jobs]  # cheap: no worker for a deck that is cached
    todo = [job for job, deck in zip(jobs, decks, strict=True) if deck is None]
    workers = workers or os.cpu_count() or 1
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(todo) < PARALLEL_FROM or not can_fork:
        parsed = iter([_parse_one(job) for job in todo])
    else:
        # fork: workers start with everything already imported and the markdown engine
        # built, so they are cheap.
        engine()
        context = multiprocessing.get_context("fork")
        # Largest decks first, one at a time: no worker idles at the end while the other
        # still has a batch of big decks (sending a path and a deck back costs little).
        order = sorted(range(len(todo)), key=lambda i: -_size(todo[i][0]))
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            done = dict(zip(order, pool.map(_parse_one, [todo[i] for i in order]), strict=True))
        parsed = iter([done[i] for i in range(len(todo))])
    return [deck if deck is not None else next(parsed) for deck in decks]
