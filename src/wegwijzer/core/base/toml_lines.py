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

Read with string methods, not a regex: compiling the one regex these lines need cost
more than reading the header with it (docs/performance.md, issue 19). The test also
holds this reader to that regex, kept there as the lines' definition:
``#[^C]*`` or ``([A-Za-z0-9_-]+) = `` and one of ``"([^"\\C]*)"``,
``0|-?[1-9][0-9]{0,17}``, ``true|false`` or a date-time, C being every control
character but the tab.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

# TOML allows a tab, no other control character
CONTROLS = frozenset(map(chr, [*range(0x09), *range(0x0A, 0x20), 0x7F]))
KEY_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_NOT_IN_STRING = CONTROLS | {'"', "\\"}
_DIGITS = frozenset("0123456789")
_UTC = dt.UTC
_ODD = object()  # a line of none of the plain kinds


def _number(text: str, start: int, end: int, low: int, high: int) -> int | None:
    """The ASCII digits ``text[start:end]`` as a number from ``low`` to ``high``, else None."""
    part = text[start:end]
    if len(part) != end - start or not set(part) <= _DIGITS:
        return None
    value = int(part)
    return value if low <= value <= high else None


def _date_time(text: str) -> dt.datetime | None:
    """``YYYY-MM-DD HH:MM:SS``, "T" or a blank between, up to six digits of a second, and
    "Z" or an offset ``+HH:MM``: tomllib's date-time; None when ``text`` is not of that
    form; ValueError when it is, for a day that does not exist (30 February)."""
    if len(text) < 20 or text[4] + text[7] + text[13] + text[16] != "--::":
        return None
    if text[10] not in ("T", " "):
        return None
    parts = (
        _number(text, 0, 4, 0, 9999),
        _number(text, 5, 7, 1, 12),
        _number(text, 8, 10, 1, 31),
        _number(text, 11, 13, 0, 23),
        _number(text, 14, 16, 0, 59),
        _number(text, 17, 19, 0, 59),
    )
    rest = text[19:]
    micro = 0
    if rest.startswith("."):
        digits = len(rest) - 1 - len(rest[1:].lstrip("0123456789"))
        if not 1 <= digits <= 6:
            return None
        micro = int(rest[1 : 1 + digits].ljust(6, "0"))
        rest = rest[1 + digits :]
    if rest == "Z":
        zone = _UTC
    elif len(rest) == 6 and rest[0] in ("+", "-") and rest[3] == ":":
        hours, minutes = _number(rest, 1, 3, 0, 23), _number(rest, 4, 6, 0, 59)
        if hours is None or minutes is None:
            return None
        factor = 1 if rest[0] == "+" else -1
        zone = dt.timezone(dt.timedelta(hours=factor * hours, minutes=factor * minutes))
    else:
        return None
    year, month, day, hour, minute, second = parts
    if year is None or month is None or day is None:
        return None
    if hour is None or minute is None or second is None:
        return None
    return dt.datetime(year, month, day, hour, minute, second, micro, zone)


def _value(text: str) -> object:
    """A plain value: a string without escapes, an integer of at most 18 digits, a
    boolean or a date-time; ``_ODD`` for any other."""
    if text.startswith('"'):
        inner = text[1:-1]
        if len(text) >= 2 and text.endswith('"') and _NOT_IN_STRING.isdisjoint(inner):
            return inner
        return _ODD
    if text in ("true", "false"):
        return text == "true"
    digits = text[1:] if text.startswith("-") else text
    if text == "0" or (0 < len(digits) <= 18 and digits[0] != "0" and set(digits) <= _DIGITS):
        return int(text)
    found = _date_time(text)
    return _ODD if found is None else found


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
    for line in text.split("\n"):
        if not line:
            continue
        if line.startswith("#"):
            if not CONTROLS.isdisjoint(line):
                return None
            continue  # a comment
        key, equals, rest = line.partition(" = ")
        if not equals or not key or not set(key) <= KEY_CHARS or key in table:
            return None  # not a plain line; or a key given twice, which tomllib refuses
        try:
            value = _value(rest)
        except ValueError:  # 30 February: tomllib refuses it
            return None
        if value is _ODD:
            return None
        table[key] = value
    return table
