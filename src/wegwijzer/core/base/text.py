"""One sanitiser for every string that comes from a file or a keyboard.

Terminal control sequences are made visible instead of being passed on: an ESC
becomes the control picture "␛", so a planted sequence shows up as harmless text
and can never act on the terminal. C1 controls and bidirectional overrides are
dropped, because they have no visible form and only serve to disguise text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import AnyStr

# Bidi embeddings, overrides and isolates, plus the implicit marks.
_BIDI = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
# Unicode's Default_Ignorable_Code_Point: characters with no visible form of their own
# (joiners, invisible operators, variation selectors, tags, Hangul fillers). They only
# serve to make two texts look equal that are not, or to hide something in one. The
# 4,096 of plane 14 (tags and reserved ones) are kept as a range: every start cleans
# text, and building tables with each of them as an entry cost more than all the rest
# of this module (docs/performance.md).
_IGNORABLE = frozenset(
    {
        0x00AD,
        0x034F,
        0x061C,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        *range(0x180B, 0x1810),
        *range(0x200B, 0x2010),
        *range(0x202A, 0x202F),
        *range(0x2060, 0x2070),
        0x3164,
        *range(0xFE00, 0xFE10),
        0xFEFF,
        0xFFA0,
        *range(0xFFF0, 0xFFF9),
        *range(0x1BCA0, 0x1BCA4),
        *range(0x1D173, 0x1D17B),
    }
)
_PLANE_14 = range(0xE0000, 0xE1000)
_PLANE_14_START = chr(_PLANE_14.start)


def is_default_ignorable(code: int) -> bool:
    """Whether code point ``code`` is a Default_Ignorable_Code_Point (no table built)."""
    return code in _IGNORABLE or code in _PLANE_14


@cache
def default_ignorable() -> frozenset[int]:
    """Every Default_Ignorable_Code_Point, as code points (built on first use)."""
    return _IGNORABLE | frozenset(_PLANE_14)


# Every other line break becomes "\n", a "\r\n" as one; in this order, with str.replace:
# a regex compiled at import cost more than all the cleaning a start does.
_LINE_BREAKS = ("\r\n", "\r", "\u2028", "\u2029", "\x85")


def _translate_table(multiline: bool) -> dict[int, str | None]:
    # Built from whole ranges at once: the start of every command pays for it.
    table: dict[int, str | None] = dict.fromkeys(_BIDI | _IGNORABLE)  # plane 14: ``clean``
    table.update(dict.fromkeys(range(0x80, 0xA0)))
    pictures = map(chr, range(0x2400, 0x2420))  # control pictures: ␀ … ␟
    table.update(zip(range(0x20), pictures, strict=True))
    table[0x09] = " "
    table[0x0A] = "\n" if multiline else " "
    table[0x7F] = "\u2421"  # ␡
    return table


_SINGLE = _translate_table(multiline=False)
_MULTI = _translate_table(multiline=True)


def clean(value: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """Return ``value`` safe to store and to show in a terminal.

    Line breaks are normalised to ``\\n`` (kept only when ``multiline``), NFC is
    applied, and the result is cut to ``limit`` characters when one is given.
    """
    if limit is not None and len(value) > limit * 4:
        value = value[: limit * 4]  # bound the work before normalising
    text = value
    for line_break in _LINE_BREAKS:
        if line_break in text:
            text = text.replace(line_break, "\n")
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_MULTI if multiline else _SINGLE)
    if text and max(text) >= _PLANE_14_START:  # rare: one pass to find out
        text = "".join(char for char in text if ord(char) not in _PLANE_14)
    if limit is not None:
        text = text[:limit]
    return text


def normalise_space(value: str) -> str:
    """Collapse every run of whitespace to one space (for comparing quoted text)."""
    return " ".join(value.split())


_NEEDS_CLEANING_PATTERN = (
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


# The same characters as UTF-8 bytes, plus the TOML escapes that can produce a
# control character once parsed, so a file can be judged before it is parsed.
_NEEDS_CLEANING_UTF8_PATTERN = (
    rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f\xad]|\xcd\x8f|\xd8\x9c"
    rb"|\xe1\x85[\x9f\xa0]|\xe1\x9e[\xb4\xb5]|\xe1\xa0[\x8b-\x8f]"
    rb"|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xaf]|\xe3\x85\xa4"
    rb"|\xef\xb8[\x80-\x8f]|\xef\xbb\xbf|\xef\xbe\xa0|\xef\xbf[\xb0-\xb8]"
    rb"|\xf0\x9b\xb2[\xa0-\xa3]|\xf0\x9d\x85[\xb3-\xba]|\xf3\xa0[\x80-\xbf]|\\[bfuU]"
)


@cache
def _compiled(pattern: AnyStr) -> re.Pattern[AnyStr]:
    """Compiled on first use: a start that cleans nothing does not pay for it."""
    return re.compile(pattern)


def needs_cleaning(text: str) -> bool:
    """False when ``clean`` cannot change ``text`` (NFC aside).

    ASCII text (a draft's header, most keys) is judged without the regex: compiling it
    cost more than a start with one draft spends on reading it (docs/performance.md).
    Of ASCII, ``clean`` changes the control characters but "\\n", which are what
    ``isprintable`` refuses."""
    if text.isascii():
        return not text.isprintable() and not text.replace("\n", "").isprintable()
    return _compiled(_NEEDS_CLEANING_PATTERN).search(text) is not None


def may_need_cleaning(raw: bytes) -> bool:
    """False when a file's bytes cannot yield any string that ``clean`` would change."""
    return _compiled(_NEEDS_CLEANING_UTF8_PATTERN).search(raw) is not None


def clean_tree(value: object) -> object:
    """Clean every string in data read from a file (multi-line allowed), keeping its shape.

    Strings are only rewritten when they hold something to remove, so large clean
    files cost one regex scan per string.
    """
    if isinstance(value, str):
        return clean(value, multiline=True) if needs_cleaning(value) else value
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    return value
