"""The course's history: the change log of each built offering read from git (`changelog.py`
with `git.py`, `snapshot.py`, `diff.py`), announcements (`announcements.py`) and the Atom feed
that carries both (`feed.py`). Plain data in and out; the pages are in `site/`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coursekit.lazy_api import lazy_api

API = {
    "announcements": ["Announcement", "read_announcements", "published", "ANNOUNCEMENTS_DIR"],
    "changelog": ["ChangeLog", "Entry", "change_log"],
    "diff": ["Change"],
    "feed": ["FeedEntry", "atom_feed"],
    "git": ["head_commit"],
    "settings": ["AnnouncementSettings", "ChangeLogSettings"],
}
__all__ = [
    "ANNOUNCEMENTS_DIR",
    "Announcement",
    "AnnouncementSettings",
    "Change",
    "ChangeLog",
    "ChangeLogSettings",
    "Entry",
    "FeedEntry",
    "atom_feed",
    "change_log",
    "head_commit",
    "published",
    "read_announcements",
]
__getattr__, __dir__ = lazy_api(__name__, __all__, API)

if TYPE_CHECKING:
    from coursekit.history.announcements import (
        ANNOUNCEMENTS_DIR,
        Announcement,
        published,
        read_announcements,
    )
    from coursekit.history.changelog import ChangeLog, Entry, change_log
    from coursekit.history.diff import Change
    from coursekit.history.feed import FeedEntry, atom_feed
    from coursekit.history.git import head_commit
    from coursekit.history.settings import AnnouncementSettings, ChangeLogSettings
