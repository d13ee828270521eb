"""The readers on the way to the first frame read as the regexes they replace.

Compiling a regex costs more than a start spends on what it reads, so the settings, the
sanitiser's quick check and line breaks, a draft's session id and table lines, and a
draft's header lines are read with string methods (docs/performance.md, issue 19).
Each regex is kept here as the definition, and each reader is held to it: on every code
point where one character decides, and on random text made of the characters that
matter where a line or value does.
"""

from __future__ import annotations

import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from test_toml_lines import BARE, DOCUMENTS, GOOD, ODD, PLAIN, typed
from wegwijzer.core.base import settings as user_settings
from wegwijzer.core.base.text import clean, needs_cleaning
from wegwijzer.core.base.toml_lines import plain_table
from wegwijzer.core.records.draft_peek import _answered, is_session_id, table_name
from wegwijzer.core.records.drafts import is_draft_name

# --- the regexes, as they were -----------------------------------------------------

NEEDS_CLEANING = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff"
    "\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
BREAKS = {"\r\n": "\n", "\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"}
BREAKS_RE = re.compile("|".join(re.escape(k) for k in BREAKS))
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")
TABLE = re.compile(r"^\[\[?([a-z]+)\]\]?$")
THEME_LINE = re.compile(rb'^theme = "([a-z0-9_-]{1,40})"$', re.MULTILINE)
ANIMATIONS_LINE = re.compile(rb"^animations = (true|false)$", re.MULTILINE)
CONTROL = "\\x00-\\x08\\x0a-\\x1f\\x7f"
DATE_TIME = (
    r"([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]"
    r"([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9])(?:\.([0-9]{1,6}))?"
    r"(?:(Z)|([+-])([01][0-9]|2[0-3]):([0-5][0-9]))"
)
LINE = re.compile(
    f"#[^{CONTROL}]*|([A-Za-z0-9_-]+) = "
    f'(?:"([^"\\\\{CONTROL}]*)"|(0|-?[1-9][0-9]{{0,17}})|(true|false)|{DATE_TIME})'
)


def regex_table(data: bytes) -> dict[str, Any] | None:
    """``plain_table`` as it was, with the regex."""
    import datetime as dt

    if not data.strip() or b"\r" in data:
        return None
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
        found = LINE.fullmatch(line)
        if found is None:
            return None
        key, string, integer, boolean = found.group(1, 2, 3, 4)
        if key is None:
            continue
        if key in table:
            return None
        if string is not None:
            table[key] = string
        elif integer is not None:
            table[key] = int(integer)
        elif boolean is not None:
            table[key] = boolean == "true"
        else:
            year, month, day, hour, minute, second, fraction, zulu, sign, oh, om = found.group(
                *range(5, 16)
            )
            if zulu:
                zone: dt.tzinfo = dt.UTC
            else:
                factor = 1 if sign == "+" else -1
                zone = dt.timezone(dt.timedelta(hours=factor * int(oh), minutes=factor * int(om)))
            micro = int(fraction.ljust(6, "0")) if fraction else 0
            parts = (year, month, day, hour, minute, second)
            try:
                table[key] = dt.datetime(*map(int, parts), micro, zone)
            except ValueError:
                return None
    return table


def regex_settings(data: bytes) -> user_settings.Settings:
    theme = THEME_LINE.search(data)
    animations = ANIMATIONS_LINE.search(data)
    return user_settings.Settings(
        theme=theme.group(1).decode("ascii") if theme else None,
        animations=animations is None or animations.group(1) == b"true",
    )


# --- one character decides -----------------------------------------------------------


def test_the_quick_check_flags_exactly_the_characters_the_regex_flagged() -> None:
    differ = [
        f"U+{code:04X}"
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000
        and needs_cleaning(chr(code)) != bool(NEEDS_CLEANING.search(chr(code)))
    ]
    assert not differ


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(["\U000e0041", "\U000f0000"])))
def test_the_quick_check_reads_text_as_the_regex(text: str) -> None:
    assert needs_cleaning(text) == bool(NEEDS_CLEANING.search(text))


BREAKY = st.lists(st.sampled_from(["a", "é", "\r", "\n", "\u2028", "\u2029", "\x85", "\r\n"])).map(
    "".join
)


@given(text=BREAKY | st.text(), multiline=st.booleans())
def test_line_breaks_become_what_the_regex_made_them(text: str, multiline: bool) -> None:
    before = BREAKS_RE.sub(lambda m: BREAKS[m.group(0)], text)
    assert clean(text, multiline=multiline) == clean(before, multiline=multiline)
    assert clean(text, multiline=True).count("\n") == before.count("\n")


# --- a draft's session id and its table lines --------------------------------------

HEXISH = st.text(st.sampled_from("0123456789abcdefABx\n "), min_size=30, max_size=34)
BRACKETS = st.lists(st.sampled_from(["[", "]", "a", "z", "steps", "A", "é", ".", "\n", " "])).map(
    "".join
)


def test_a_session_id_is_what_the_regex_accepted() -> None:
    """Every id of 30 to 34 characters with one character put in at each place (a good
    digit, a capital, a letter past f, a blank, a line break) and every ending."""
    for length in range(30, 35):
        for char in "0fFg \n\r":
            for where in range(length):
                base = "0123456789abcdef" * 3
                value = base[:where] + char + base[where + 1 : length]
                for end in ("", "\n", "\n\n", " ", "\r"):
                    assert is_session_id(value + end) == bool(SESSION_ID.match(value + end))


@given(HEXISH | st.text())
def test_any_text_is_a_session_id_as_the_regex_said(value: str) -> None:
    assert is_session_id(value) == bool(SESSION_ID.match(value))


def test_every_short_line_of_brackets_is_named_as_the_regex_named_it() -> None:
    """All lines of up to six characters from "[", "]", a, z, A, é, "\\n" and a blank."""
    for length in range(7):
        for chars in itertools.product("[]azAé\n ", repeat=length):
            line = "".join(chars)
            found = TABLE.match(line)
            assert table_name(line) == (found.group(1) if found else None), repr(line)


@given(BRACKETS | st.text(max_size=8))
def test_a_table_line_is_named_as_the_regex_named_it(line: str) -> None:
    found = TABLE.match(line)
    assert table_name(line) == (found.group(1) if found else None)


def regex_answered(body: str) -> int:
    """``draft_peek._answered`` as it was, with the regexes."""
    count, table, in_string = 0, "", False
    for line in body.splitlines():
        quotes = re.sub(r"\\.", "", line).count('"""')
        if in_string:
            in_string = quotes % 2 == 0
            continue
        found = TABLE.match(line)
        if found:
            table = found.group(1)
        elif table == "steps" and line.startswith("answer = "):
            count += 1
        in_string = quotes % 2 == 1
    return count


BODY_LINES = st.sampled_from(
    [
        "[[steps]]", "[steps]", "[meta]", "[[notes]]", "answer = 1", 'answer = "ja"', "answer=1",
        'note = """', '"""', 'tekst \\"""', '\\""" x', '""\\a"', 'a = """één"""', "", "[[steps]] ",
    ]
)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(lines=st.lists(BODY_LINES | st.text(max_size=6), max_size=14))
def test_answered_steps_are_counted_as_with_the_regexes(lines: list[str]) -> None:
    body = "\n".join(lines)
    assert _answered(body) == regex_answered(body)


@given(st.text(st.sampled_from("a.toml T\n/é"), max_size=9) | st.text(max_size=9))
@example(".a.toml")
@example(".toml")
@example("a.toml.")
@example("a..toml")
@example(".toml.toml")
def test_a_draft_file_name_is_what_the_path_rule_took(name: str) -> None:
    if "/" in name or "\x00" in name or name in ("", ".", ".."):
        return  # no file has that name
    assert is_draft_name(name) == (Path(name).suffix == ".toml" and not name.startswith("."))


# --- a draft's header lines -----------------------------------------------------------


@settings(max_examples=1500, deadline=None)
@given(text=DOCUMENTS)
def test_header_lines_are_read_as_the_regex_read_them(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    assert typed(plain_table(data)) == typed(regex_table(data))


# Values a character or two away from a plain one: where a hand-written reader and a
# regex part ways, if anywhere.
NEAR_CHARS = [*'0123456789-+:.TtZz "\\#\t\x00\x1f\x7fé', "\u200b"]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["in", "out", "for"]), st.integers(0, 40), st.sampled_from(NEAR_CHARS)
    ),
    min_size=1,
    max_size=2,
)


def _edited(value: str, edits: list[tuple[str, int, str]]) -> str:
    for edit, where, char in edits:
        where %= len(value) + 1
        if edit == "in":
            value = value[:where] + char + value[where:]
        elif value:
            where = min(where, len(value) - 1)
            value = value[:where] + (char if edit == "for" else "") + value[where + 1 :]
    return value


NEAR = st.tuples(GOOD, EDITS).map(lambda pair: _edited(*pair))
EDGES = [
    '"a\\b"', '"a\tb"', '"a\x7fb"', '"', '""', '"a"b"', "0", "-0", "00", "+1", "-", "1" * 18,
    "1" * 19, "-" + "9" * 18, "true ", "True", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00Z",
    "2026-01-01t00:00:00Z", "2026-01-01 00:00:00z", "2026-01-01  00:00:00Z",
    "2026-01-01 00:00:00.Z", "2026-01-01 00:00:00.1234567Z", "2026-01-01 00:00:00.000001+00:00",
    "2026-02-30 00:00:00Z", "2026-00-01 00:00:00Z", "2026-01-00 00:00:00Z",
    "2026-01-32 00:00:00Z", "2026-13-01 00:00:00Z", "2026-01-01 24:00:00Z",
    "2026-01-01 23:60:00Z", "2026-01-01 23:59:60Z", "2026-01-01 00:00:00+24:00",
    "2026-01-01 00:00:00+23:60", "2026-01-01 00:00:00+2:00", "2026-01-01 00:00:00+02:000",
    "2026-01-01 00:00:00-00:00", "2026-01-01 00:00:00", "0000-01-01 00:00:00Z",
    "٢٠٢٦-01-01 00:00:00Z", "2026-01-01 00:00:00.٣Z", "١",
]  # fmt: skip
EDGE_LINES = [f"a = {value}" for value in EDGES] + [
    " = 1", "a.b = 1", "é = 1", "a = 1 # c", "a  = 1", "a =1", "a", "#", "# \t é", "#\x7f",
    "#\x00", "a-_Z9 = 1", "a = = 1",
]  # fmt: skip


def test_the_edges_of_each_kind_are_read_as_the_regex_read_them() -> None:
    for line in EDGE_LINES:
        data = line.encode()
        assert typed(plain_table(data)) == typed(regex_table(data)), line


@settings(max_examples=3000, deadline=None)
@given(line=PLAIN | ODD | st.tuples(BARE, NEAR).map(" = ".join))
def test_each_line_is_read_as_the_regex_read_it(line: str) -> None:
    data = line.encode("utf-8", "surrogatepass")
    assert typed(plain_table(data)) == typed(regex_table(data))


# --- the settings ---------------------------------------------------------------------

SETTING_LINES = st.sampled_from(
    [
        b'theme = "nord"',
        b'theme = "textual-light"',
        b'theme = ""',
        b'theme = "Nord"',
        b'theme = "' + b"a" * 40 + b'"',
        b'theme = "' + b"a" * 41 + b'"',
        b'theme = "a"b"',
        b'theme = "a',
        b"theme = nord",
        b' theme = "a"',
        b'theme = "a"\r',
        b"animations = true",
        b"animations = false",
        b"animations = True",
        b"animations = false ",
        b"# animations = false",
        b"",
    ]
)
SETTINGS_FILES = st.lists(SETTING_LINES | st.binary(max_size=12), max_size=6).map(b"\n".join)


@given(data=SETTINGS_FILES)
def test_the_settings_are_read_as_the_regexes_read_them(data: bytes, tmp_path_factory: Any) -> None:
    folder = tmp_path_factory.mktemp("instellingen")
    (folder / user_settings.FILE).write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(user_settings.ENV_CONFIG, str(folder))
        assert user_settings.load_settings() == regex_settings(data[: user_settings.MAX_BYTES])


# --- and the start compiles none of them -----------------------------------------------


def test_no_module_on_the_way_to_the_home_screen_compiles_a_regex(tmp_path: Path) -> None:
    """Importing what the command line and the home screen import, and reading the
    settings, compiles no regex in any wegwijzer module (the patterns above included):
    one compiled at import would be paid for at every start."""
    script = (
        "import re, sys\n"
        "seen = []\n"
        "compile_ = re._compile\n"
        "def spy(pattern, flags):\n"
        "    frame = sys._getframe(1)\n"
        "    while frame is not None and frame.f_globals.get('__name__', '').startswith('re'):\n"
        "        frame = frame.f_back\n"
        "    name = frame.f_globals.get('__name__', '') if frame is not None else ''\n"
        "    if name.startswith('wegwijzer'):\n"
        "        seen.append((name, pattern))\n"
        "    return compile_(pattern, flags)\n"
        "re._compile = spy\n"
        "import wegwijzer.cli, wegwijzer.commands.home, wegwijzer.tui.app\n"
        "import wegwijzer.tui.screens.home, wegwijzer.core.flows.cache\n"
        "import wegwijzer.core.records.draft_peek, wegwijzer.core.base.json_read\n"
        "from wegwijzer.core.base.settings import load_settings\n"
        "load_settings()\n"
        "print(sorted(map(repr, seen)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"WEGWIJZER_CONFIG": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert found.stdout.strip() == "[]"
