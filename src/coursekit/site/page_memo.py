"""Generated files a build session keeps from one rebuild to the next (the calendar, notebook
pages, browser notebooks), each under a digest of every input that reaches it.

`render.py` asks `memo()` with the inputs it hands the renderer; the entries live in the
session's `Caches.generated` (caches.py), so a live preview (`coursekit serve`) renders again
only what a save changed, and a one-off build, whose caches are new, renders everything.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

from coursekit import __version__
from coursekit.site.caches import SessionCache

T = TypeVar("T")


def fingerprint(*parts: object) -> bytes:
    """A digest of `parts`: bytes as they are, models by their JSON, mappings item by item,
    anything else by its `repr` (the plan's dataclasses and dates show every field there).
    The coursekit version is always part of it: a new renderer makes new pages."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=20)
    for part in parts:
        _feed(digest, part)
    return digest.digest()


def _feed(digest: Any, part: object) -> None:
    # A separator per part and kind: ("ab", "c") and ("a", "bc") must differ.
    if isinstance(part, bytes):
        digest.update(b"\0b%d:" % len(part))
        digest.update(part)
    elif isinstance(part, BaseModel):
        _feed(digest, part.model_dump_json().encode())
    elif isinstance(part, Mapping):
        digest.update(b"\0m%d:" % len(part))
        for key, value in part.items():
            _feed(digest, key)
            _feed(digest, value)
    elif isinstance(part, tuple | list):
        digest.update(b"\0t%d:" % len(part))
        for item in part:
            _feed(digest, item)
    else:
        _feed(digest, repr(part).encode())


def memo(
    cache: SessionCache[bytes, Any] | None,
    kind: str,
    make: Callable[[], T],
    *parts: object,
) -> T:
    """What `make()` returns for these inputs: made once, then kept while the session uses
    it (no `cache`: made now). `parts` must hold everything `make` reads, or a rebuild would
    publish a stale file."""
    if cache is None:
        return make()
    key = fingerprint(kind, *parts)
    if key not in cache:
        cache[key] = make()
    return cache[key]
