"""Days as pages show them: the English forms the schedule has always printed, portably, and
the course's own language when it names one."""

from __future__ import annotations

import datetime as dt

from coursekit import dates

WED = dt.date(2027, 1, 6)


def test_english_forms_match_the_seeds():
    assert dates.day(WED) == "Wed, Jan 6"
    assert dates.day_with_year(WED) == "Wed, Jan 6, 2027"
    assert dates.month_day(WED) == "Jan 6"
    assert dates.long_date(WED) == "Jan 6, 2027"
    assert dates.weekday(WED) == "Wednesday"
    assert dates.week_range(dt.date(2027, 1, 4)) == "Mon, Jan 4 – Fri, Jan 8"


def test_every_day_of_a_decade_reads_as_the_old_helpers_printed_it():
    day = dt.date(2020, 1, 1)
    while day.year < 2030:
        assert dates.day(day) == f"{day:%a}, {day:%b} {day.day}"
        assert dates.long_date(day) == f"{day:%b} {day.day}, {day.year}"
        day += dt.timedelta(days=1)


def test_another_locale_names_days_and_months_in_its_language():
    assert dates.day(WED, locale="de") == "Mi., 6. Jan."
    assert dates.long_date(WED, locale="fr") == "6 janv. 2027"


def test_weeks_count_from_the_week_the_term_starts_in():
    start = dt.date(2027, 1, 6)  # a Wednesday
    assert dates.week_number(dt.date(2027, 1, 4), start) == 1
    assert dates.week_number(dt.date(2027, 1, 10), start) == 1
    assert dates.week_number(dt.date(2027, 1, 11), start) == 2
