"""The plainest TOML, read line by line without tomllib: a record's header lines.

The home screen lists every draft from its header (``core.records.draft_peek``) before
its first frame, and importing tomllib and parsing each header with it was most of that
cost (docs/performance.md, issue 19). The header lines tomli-w writes are of a few plain
kinds, and only those are read here: an empty line, a comment, and ``key = value`` with a
bare key and, as value, a string without escapes, an integer of at most 18 digits,
``true`` or ``false``, or a date-time with an offset. Any other line, a key given twice, a
date that does not exist, a byte order mark or a carriage return, and the answer is None:
the caller parses the text with tomllib as always. ``tests/test_toml_lines.py`` proves
that whatever this reads, tomllib reads the same, value for value and type for type.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

_CONTROL = "\\x00-\\x08\\x0a-\\x1f\\x7f"  # TOML allows a tab, no other control character
_COMMENT = f"#[^{_CONTROL}]*"
_DATE_TIME = (
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]"
    r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6}))?"
    r"(?:(Z)|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))"
)
_LINE = (
    f"{_COMMENT}|([A-Za-z0-9_-]+) = "
    f'(?:"([^"\\\\{_CONTROL}]*)"|(0|-?[1-9][0-9]{{0,17}})|(true|false)|{_DATE_TIME})'
)
_UTC = dt.UTC


def _date_time(parts: tuple[Any, ...]) -> dt.datetime:
    """tomllib's date-time from the date-time groups of ``_LINE``; ValueError if none is."""
    year, month, day, hour, minute, second, fraction, zulu, sign, off_hour, off_minute = parts
    if zulu:
        zone = _UTC
    else:
        factor = 1 if sign == "+" else -1
        offset = dt.timedelta(hours=factor * int(off_hour), minutes=factor * int(off_minute))
        zone = dt.timezone(offset)
    micro = int(fraction.ljust(6, "0")) if fraction else 0
    return dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second), micro, zone
    )


@functools.cache
def _line() -> re.Pattern[str]:
    """Compiled when first needed: a start with no drafts reads no header."""
    return re.compile(_LINE)


def plain_table(data: bytes) -> dict[str, Any] | None:
    """The keys and values of ``data`` if every line is of the plain kinds, else None."""
    if not data.strip() or b"\r" in data:
        return None  # tomllib says "empty"; or line ends this does not read
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if text.startswith("\ufeff"):
        return None
    table: dict[str, Any] = {}
    fullmatch = _line().fullmatch
    for line in text.split("\n"):
        if not line:
            continue
        found = fullmatch(line)
        if found is None:
            return None
        key, string, integer, boolean = found.group(1, 2, 3, 4)
        if key is None:
            continue  # a comment
        if key in table:
            return None  # tomllib refuses it
        if string is not None:
            table[key] = string
        elif integer is not None:
            table[key] = int(integer)
        elif boolean is not None:
            table[key] = boolean == "true"
        else:
            try:
                table[key] = _date_time(found.group(*range(5, 16)))
            except ValueError:  # 30 February: tomllib refuses it
                return None
    return table
