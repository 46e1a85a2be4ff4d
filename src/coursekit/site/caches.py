"""What one build session reuses between rebuilds: handouts of unchanged decks and pages of
unchanged notebooks, each in a bounded cache.

`build_course` makes a fresh `Caches` for each build; `coursekit serve` keeps one for its
lifetime and sweeps it after every rebuild, so editing a deck a hundred times keeps one entry.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from coursekit.notebooks.build import NotebookPage
    from coursekit.site.pagelinks import _Page

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# Pages of whole sites (the default course's four offerings: ~120), several builds apart.
PAGE_ENTRIES = 8192
# Far above any semester's decks or notebooks (the default course publishes ~40 decks a
# semester): a bound that only a runaway caller reaches, never a course that cycles through
# its decks (an LRU smaller than that cycle would never hit).
MAX_ENTRIES = 512
CALENDAR_EVENTS = 32768


class SessionCache(Generic[K, V]):
    """A dict with a size bound (least recently used out first) that also forgets, on
    `sweep()`, every entry not used since the previous sweep: an edited deck's old handout
    goes at the next rebuild instead of waiting for the bound."""

    def __init__(self, maxsize: int = MAX_ENTRIES) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self._entries: OrderedDict[K, V] = OrderedDict()
        self._used: set[K] = set()

    def __getitem__(self, key: K) -> V:
        """The value stored for `key` (KeyError if none); counts as a use."""
        value = self._entries[key]
        self._entries.move_to_end(key)
        self._used.add(key)
        return value

    def __setitem__(self, key: K, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        self._used.add(key)
        while len(self._entries) > self.maxsize:
            oldest, _ = self._entries.popitem(last=False)
            self._used.discard(oldest)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def sweep(self) -> None:
        """Forget what was not used since the last sweep (call it after a complete build)."""
        for key in [key for key in self._entries if key not in self._used]:
            del self._entries[key]
        self._used.clear()


@dataclass
class Caches:
    """The caches of one build session: handouts by deck (its text, URL and theme) and
    rendered notebook pages by notebook (its file stats and execution settings)."""

    handouts: SessionCache[Any, str] = field(default_factory=SessionCache)
    # A page holds its executed notebook (megabytes with plots): a tighter bound.
    notebook_pages: SessionCache[Any, NotebookPage] = field(
        default_factory=lambda: SessionCache(maxsize=128)
    )

    # What the site check found on each built page, by a digest of the page's bytes
    # (linkcheck.py): a rebuild parses only the pages that changed.
    page_links: SessionCache[bytes, _Page] = field(
        default_factory=lambda: SessionCache(maxsize=PAGE_ENTRIES)
    )

    # Each calendar event's bytes by what the event says (schedule/ics_event.py): a rebuild
    # serializes only the events that changed. Bounded above a 20,000-session offering.
    calendar_events: SessionCache[Any, bytes] = field(
        default_factory=lambda: SessionCache(maxsize=CALENDAR_EVENTS)
    )

    # Generated files by a digest of their inputs (page_memo.py): the calendar, notebook
    # pages and browser notebooks a preview save did not change are not rendered again.
    # None (a one-off build): nothing to reuse, so their inputs are not even digested.
    generated: SessionCache[bytes, Any] | None = None

    @classmethod
    def for_preview(cls) -> Caches:
        """The caches of a live-preview session: generated files are kept too."""
        return cls(generated=SessionCache())

    def sweep(self) -> None:
        """After a complete build: keep only what it used."""
        self.calendar_events.sweep()
        if self.generated is not None:
            self.generated.sweep()
        self.handouts.sweep()
        self.notebook_pages.sweep()
        self.page_links.sweep()
