"""The clock every session starts from, and times as a person reads them.

Apart so the TUI can name it without the models. Files keep UTC with its offset;
everything a person reads shows local time in one Dutch form (``local_text``).
"""

from __future__ import annotations

import datetime as dt

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def local(moment: dt.datetime) -> dt.datetime:
    """``moment`` in the local time zone; as given when that cannot be computed.

    A time near the ends of the calendar (year 1 or 9999) overflows when it is
    moved to another zone: it is then shown in its own offset, never a crash.
    """
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment


def local_text(moment: dt.datetime | None, *, missing: str = "—") -> str:
    """'1 december 2026, 15:22': local time, the Dutch way; ``missing`` for None."""
    if moment is None:
        return missing
    shown = local(moment)
    return f"{shown.day} {MONTHS[shown.month - 1]} {shown.year}, {shown:%H:%M}"


def local_date_text(day: dt.date) -> str:
    """'25 mei 2020'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
