"""A day and month with a weekday but no year ('Monday 19th October'): the years it could be.

The weekday narrows the year down to a few in any dozen, so the importer can ask the writer
which one they mean instead of leaving them to work it out.
"""

from __future__ import annotations

import re
from datetime import date

from .shape import MONTHS

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
YEARS_BACK = 12  # an old site's pages are rarely older than this
_WRITTEN = re.compile(
    r"(?P<weekday>[a-z]+day),?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]+)", re.I
)


def candidate_years(written: str, today: date) -> tuple[str, list[int]] | None:
    """'Monday 19th October' -> ('Monday 19 October', [2015, 2020, 2026]): every year from
    YEARS_BACK years ago to next year in which that day fell on that weekday, oldest first.
    None when the text names no weekday."""
    match = _WRITTEN.search(written)
    if not match or match.group("weekday").lower() not in WEEKDAYS:
        return None
    weekday = WEEKDAYS.index(match.group("weekday").lower())
    month = next((n for n, name in enumerate(MONTHS, 1) if name.startswith(match.group("month").lower()[:3])), None)
    if month is None:
        return None
    day = int(match.group("day"))
    label = f"{WEEKDAYS[weekday].capitalize()} {day} {MONTHS[month - 1].capitalize()}"
    years = []
    for year in range(today.year - YEARS_BACK, today.year + 2):
        try:
            if date(year, month, day).weekday() == weekday:
                years.append(year)
        except ValueError:  # 29 February in a year that has none, or 31 April in any
            continue
    return label, years


def question(written: str, today: date) -> str:
    """What the importer asks when a page gives a day without its year."""
    found = candidate_years(written, today)
    if found is None:
        return f"the text gives the date '{written}' but not the year; run the import again with --date YYYY-MM-DD"
    label, years = found
    if not years:
        return (
            f"the text gives the date '{written}', but {label} fell in no year from "
            f"{today.year - YEARS_BACK} to {today.year + 1}; run the import again with --date YYYY-MM-DD"
        )
    _, day, month = label.split()
    on = [date(year, MONTHS.index(month.lower()) + 1, int(day)) for year in years]
    suggested = ([moment for moment in on if moment <= today] or on)[-1]  # an old page: the latest day gone by
    choices = ", ".join(map(str, years[:-1])) + " or " if len(years) > 1 else ""
    return (
        f"the text gives no year for '{written}'. {label}: {choices}{years[-1]}? Give the year with --date {suggested}"
    )
