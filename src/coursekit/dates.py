"""How coursekit shows a day to people: `Wed, Jan 19`, `Wed, Jan 19, 2027`, `Jan 19, 2027`,
week ranges `Mon, Jan 17 – Fri, Jan 21`.

The one formatting module for pages, handouts and notebooks. Built on Babel's CLDR
skeletons, so a course in another language gets its own month and weekday names (`locale`,
English by default) and no platform-only `strftime` codes (`%-d` is glibc's) are needed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton

DEFAULT_LOCALE = "en"


@lru_cache(maxsize=16)
def _locale(name: str) -> Locale:
    # Parsing a locale costs more than formatting a date with it.
    return Locale.parse(name)


# Formatting with CLDR patterns costs ~60 µs a date (strftime: ~1 µs); a site shows the same
# few hundred days on several pages and again on every live-preview rebuild, so each day is
# formatted once per process (`@lru_cache` below).


@lru_cache(maxsize=4096)
def day(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Wed, Jan 19`: a session's day on the schedule."""
    return format_skeleton("MMMEd", value, locale=_locale(locale))


@lru_cache(maxsize=4096)
def day_with_year(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Wed, Jan 19, 2027`: a day outside the schedule's own term."""
    return format_skeleton("yMMMEd", value, locale=_locale(locale))


@lru_cache(maxsize=4096)
def month_day(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Jan 19`."""
    return format_skeleton("MMMd", value, locale=_locale(locale))


@lru_cache(maxsize=4096)
def long_date(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Jan 19, 2027`."""
    return format_skeleton("yMMMd", value, locale=_locale(locale))


@lru_cache(maxsize=4096)
def weekday(value: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Wednesday`."""
    return format_date(value, "EEEE", locale=_locale(locale))


def monday_of(value: dt.date) -> dt.date:
    return value - dt.timedelta(days=value.weekday())


def week_range(monday: dt.date, locale: str = DEFAULT_LOCALE) -> str:
    """`Mon, Jan 17 – Fri, Jan 21`: the school week starting on `monday`."""
    return f"{day(monday, locale)} – {day(monday + dt.timedelta(days=4), locale)}"


def week_number(value: dt.date, term_start: dt.date) -> int:
    """1 for the week the term starts in, counted in Monday-to-Sunday weeks."""
    return (monday_of(value) - monday_of(term_start)).days // 7 + 1


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_abbreviation(day: str, locale: str = DEFAULT_LOCALE) -> str:
    """A schedule's weekday (`Tue`, as `meetings` spell it) in `locale`: `Tue`, `Di.`."""
    return _locale(locale).days["format"]["abbreviated"][_WEEKDAYS.index(day)]
