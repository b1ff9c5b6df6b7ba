"""Dates as writers type them, as readers see them, and 'now' (which a test or CI may freeze)."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?:\s+([A-Za-z]{3,5}))?)?$")
NOW_VARIABLE = "NEWSDESK_NOW"


def parse_date(value: str, tz: ZoneInfo) -> tuple[datetime, bool]:
    """'2024-12-19' or '2024-12-19 09:30' as an aware datetime, and whether a time was given.

    Raises ValueError with a message that tells the writer what to write instead, also for a time
    the clocks skip when they go forward. A time that happens twice when they go back is the
    first unless the zone is named ('2025-10-26 01:30 GMT'); `ambiguity` says so, for a warning.
    """
    match = _DATE.match(value.strip())
    if not match:
        raise ValueError(f"expected YYYY-MM-DD or YYYY-MM-DD HH:MM, got '{value}'")
    year, month, day, hour, minute = (int(g) if g else 0 for g in match.groups()[:5])
    zone = match.group(6)
    try:
        datetime(year, month, day)
    except ValueError:
        raise ValueError(f"'{value}' is not a real date; check the day and month") from None
    try:
        moment = datetime(year, month, day, hour, minute, tzinfo=tz)
    except ValueError:
        raise ValueError(f"'{value}' is not a real time; check the hours (00-23) and minutes (00-59)") from None
    if _skipped(moment):
        before = (moment - timedelta(hours=1)).strftime("%H:%M")
        raise ValueError(
            f"'{value}' does not exist: the clocks go forward that night and skip from "
            f"{moment.replace(minute=0):%H:%M} to the next hour; write a time before "
            f"{moment.replace(minute=0):%H:%M} (such as {before}) or one an hour later"
        )
    if zone:
        chosen = [m for m in (moment, moment.replace(fold=1)) if (m.tzname() or "").upper() == zone.upper()]
        if not chosen:
            raise ValueError(
                f"'{value}': the time at {hour:02d}:{minute:02d} that day is {moment.tzname()}, not {zone}; "
                f"write '{match.group(0)[:16]}' without '{zone}'"
            )
        moment = chosen[0]
    return moment, match.group(4) is not None


def _skipped(moment: datetime) -> bool:
    """Whether the clocks skip this wall time (it does not survive a round trip through UTC)."""
    return moment.astimezone(UTC).astimezone(moment.tzinfo).replace(tzinfo=None) != moment.replace(tzinfo=None)


def ambiguity(moment: datetime, value: str) -> str | None:
    """For a time the clocks pass twice (when they go back), which one is used and how to choose."""
    other = moment.replace(fold=1 - moment.fold)
    if other.utcoffset() == moment.utcoffset() or re.search(r"[A-Za-z]$", value.strip()):
        return None
    clock = f"{moment:%Y-%m-%d %H:%M}"
    return (
        f"{moment:%H:%M} happens twice on {moment:%Y-%m-%d}, because the clocks go back; the first "
        f"({moment.tzname()}) is used; to mean the second, write '{clock} {other.tzname()}' "
        f"(or '{clock} {moment.tzname()}' to keep the first and silence this warning)"
    )


def current_time(tz: ZoneInfo) -> datetime:
    """Now, or the moment in NEWSDESK_NOW ('2026-12-01T09:00', local time if no offset)."""
    frozen = os.environ.get(NOW_VARIABLE)
    if not frozen:
        return datetime.now(tz)
    try:
        moment = datetime.fromisoformat(frozen)
    except ValueError:
        raise ValueError(f"{NOW_VARIABLE}: expected a date and time such as 2026-12-01T09:00, got '{frozen}'") from None
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment


def human_date(moment: datetime) -> str:
    """'19 December 2024': the GOV.UK style, with no leading zero and no locale dependence."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def machine_date(moment: datetime) -> str:
    """The value of <time datetime>: '2024-12-19' for a bare date, else '2024-12-19T09:30:00+00:00'."""
    return moment.isoformat() if (moment.hour, moment.minute) != (0, 0) else moment.date().isoformat()


def written_date(moment: datetime, with_time: bool | None = None) -> str:
    """A date as a writer types it, the inverse of parse_date: '2024-12-19', or '2024-12-19 09:30'
    when it has a time (by default, when the time is not midnight)."""
    if with_time is None:
        with_time = (moment.hour, moment.minute) != (0, 0)
    return f"{moment:%Y-%m-%d %H:%M}" if with_time else f"{moment:%Y-%m-%d}"


def human_time(moment: datetime) -> str:
    """'10am', '4:30pm', 'midday', 'midnight': the GOV.UK style for times."""
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    minutes = f":{moment.minute:02d}" if moment.minute else ""
    return f"{hour}{minutes}{'am' if moment.hour < 12 else 'pm'}"


def human_datetime(moment: datetime) -> str:
    """'16 April 2026, 10am', or only the date when no time was given (midnight)."""
    if (moment.hour, moment.minute) == (0, 0):
        return human_date(moment)
    return f"{human_date(moment)}, {human_time(moment)}"
