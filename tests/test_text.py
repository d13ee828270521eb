"""The sanitiser: nothing from a file or keyboard can act on the terminal."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.core.base.text import clean, clean_tree, may_need_cleaning, needs_cleaning


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
    # The zero-width joiner is default-ignorable (issue 16): the emoji stay, side by side.
    assert clean("👩\u200d👧 שלום مرحبا") == "👩👧 שלום مرحبا"
    assert clean("x" * 50, limit=10) == "x" * 10


INVISIBLE = [
    "\u200c", "\u200d", "\u2061", "\u2062", "\u2063", "\u2064", "\u206a", "\u206f",
    "\u180e", "\u034f", "\ufe0f", "\ufe00", "\U000e0041", "\U000e007f", "\u3164",
    "\uffa0", "\u115f", "\u1160", "\u17b4", "\U0001d173", "\U0001bca0", "\ufff0",
]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_every_default_ignorable_code_point_is_dropped(char: str) -> None:
    """Issue 16, finding 10: joiners, invisible operators, variation selectors, tags and
    Hangul fillers were kept, so "Ja" and "Ja" + U+200D looked alike and differed."""
    assert clean(f"Ja{char}") == "Ja"
    assert clean(f"SPOOF{char}" * 3, multiline=True) == "SPOOF" * 3
    assert clean_tree({f"k{char}": [f"v{char}"]}) == {"k": ["v"]}
    assert may_need_cleaning(f'x = "J{char}a"'.encode())


def test_the_quick_checks_agree_with_clean_on_every_code_point() -> None:
    """``clean_tree`` and the flow loader skip text the quick checks call clean: they must
    flag every character ``clean`` changes (NFC aside), as text and as UTF-8."""
    missed = []
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        if unicodedata.normalize("NFC", char) != char:
            continue
        if clean(char, multiline=True) != char and not (
            needs_cleaning(char) and may_need_cleaning(char.encode())
        ):
            missed.append(f"U+{code:04X}")
    assert not missed


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


@pytest.mark.parametrize("multiline", [False, True])
def test_every_default_ignorable_character_is_removed(multiline: bool) -> None:
    """Plane 14's 4,096 are a range, not table entries (start-up time): all of them, and
    every other one, still go, wherever they stand."""
    from wegwijzer.core.base.text import default_ignorable

    ignorable = default_ignorable()
    assert len(ignorable) > 4096 and {0xE0000, 0xE0FFF, 0x200B, 0xFEFF} <= ignorable
    kept = [
        code for code in sorted(ignorable) if clean(f"a{chr(code)}b", multiline=multiline) != "ab"
    ]
    assert not kept
    every = "".join(map(chr, sorted(ignorable)))
    assert clean(f"{every}x{every}", multiline=multiline) == "x"


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_nothing_ignorable_survives(value: str) -> None:
    from wegwijzer.core.base.text import default_ignorable

    assert not set(map(ord, clean(value, multiline=True))) & default_ignorable()
