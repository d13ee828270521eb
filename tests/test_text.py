"""The sanitiser: nothing from a file or keyboard can act on the terminal."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.core.base.text import clean


def test_escape_sequences_become_visible_and_harmless() -> None:
    assert clean("\x1b[31mrood\x1b[0m") == "␛[31mrood␛[0m"
    assert clean("\x1b]52;c;aGFjaw==\x07") == "␛]52;c;aGFjaw==␇"
    assert clean("a\x00b") == "a␀b"


def test_c1_controls_bidi_and_invisible_characters_are_dropped() -> None:
    assert clean("a\x9b31mb\x85c") == "a31mb c"
    assert clean("abc\u202edef\u2066\u2069") == "abcdef"
    assert clean("\ufeffbom\u200b") == "bom"


def test_line_breaks_are_kept_only_when_multiline() -> None:
    assert clean("a\r\nb\rc\u2028d") == "a b c d"
    assert clean("a\r\nb\rc\u2028d", multiline=True) == "a\nb\nc\nd"
    assert clean("a\tb") == "a b"


def test_limit_and_emoji_and_rtl_survive() -> None:
    assert clean("👩‍👧 שלום مرحبا") == "👩‍👧 שלום مرحبا"
    assert clean("x" * 50, limit=10) == "x" * 10


@given(st.text())
def test_no_control_character_survives(value: str) -> None:
    result = clean(value, multiline=True)
    assert not any(ord(c) < 0x20 and c != "\n" for c in result)
    assert not any(0x7F <= ord(c) < 0xA0 for c in result)
    assert clean(result, multiline=True) == result


def test_the_byte_scan_catches_everything_clean_would_change() -> None:
    """Files are only walked for cleaning when this scan says so: it must miss nothing."""
    import unicodedata

    from wegwijzer.core.base.text import may_need_cleaning

    for code in [*range(0xD800), *range(0xE000, 0x10000)]:
        text = f"a{chr(code)}b"
        if clean(text, multiline=True) != unicodedata.normalize("NFC", text):
            assert may_need_cleaning(text.encode()), hex(code)
    assert may_need_cleaning(b'x = "\\u001b[31m"')
    assert not may_need_cleaning('prompt = "Gewone tekst, één regel"\n'.encode())


def test_local_times_read_the_dutch_way_and_never_overflow(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt
    import time

    from wegwijzer.core.base.clock import local_date_text, local_text

    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    try:
        moment = dt.datetime(2026, 12, 1, 14, 22, tzinfo=dt.UTC)
        assert local_text(moment) == "1 december 2026, 15:22"
        assert local_text(None) == "—"
        assert local_date_text(dt.date(2020, 5, 25)) == "25 mei 2020"
        edge = dt.datetime(9999, 12, 31, 23, 59, 59, tzinfo=dt.UTC)
        assert local_text(edge) == "31 december 9999, 23:59"
        early = dt.datetime(1, 1, 1, 2, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
        assert local_text(early) == "1 januari 1, 02:00"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
