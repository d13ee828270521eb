"""One sanitiser for every string that comes from a file or a keyboard.

Terminal control sequences are made visible instead of being passed on: an ESC
becomes the control picture "␛", so a planted sequence shows up as harmless text
and can never act on the terminal. C1 controls and bidirectional overrides are
dropped, because they have no visible form and only serve to disguise text.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates, plus the implicit marks.
_BIDI = {0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
_INVISIBLE = {0xFEFF, 0x200B, 0x2060, 0x00AD}
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
_BREAKS_RE = re.compile("|".join(re.escape(k) for k in _LINE_BREAKS))


def _translate_table(multiline: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)  # control pictures: ␀ … ␟
    table[0x09] = " "
    if multiline:
        table[0x0A] = "\n"
    else:
        table[0x0A] = " "
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = None
    for code in _BIDI | _INVISIBLE:
        table[code] = None
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
    text = _BREAKS_RE.sub(lambda m: _LINE_BREAKS[m.group(0)], value)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_MULTI if multiline else _SINGLE)
    if limit is not None:
        text = text[:limit]
    return text


def normalise_space(value: str) -> str:
    """Collapse every run of whitespace to one space (for comparing quoted text)."""
    return " ".join(value.split())


_NEEDS_CLEANING = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u061c\u200b\u200e\u200f\u2028\u2029"
    "\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)


# The same characters as UTF-8 bytes, plus the TOML escapes that can produce a
# control character once parsed, so a file can be judged before it is parsed.
_NEEDS_CLEANING_UTF8 = re.compile(
    rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f\xad]|\xd8\x9c"
    rb"|\xe2\x80[\x8b\x8e\x8f\xa8-\xae]|\xe2\x81[\xa0\xa6-\xa9]|\xef\xbb\xbf|\\[bfuU]"
)


def may_need_cleaning(raw: bytes) -> bool:
    """False when a file's bytes cannot yield any string that ``clean`` would change."""
    return _NEEDS_CLEANING_UTF8.search(raw) is not None


def clean_tree(value: object) -> object:
    """Clean every string in data read from a file (multi-line allowed), keeping its shape.

    Strings are only rewritten when they hold something to remove, so large clean
    files cost one regex scan per string.
    """
    if isinstance(value, str):
        return clean(value, multiline=True) if _NEEDS_CLEANING.search(value) else value
    if isinstance(value, dict):
        return {clean_tree(k): clean_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_tree(v) for v in value]
    return value
