"""The plain-line reader (``core.base.toml_lines``) reads what tomllib reads, or nothing."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.toml_lines import plain_table
from wegwijzer.core.base.tomlfile import parse_plain_first, parse_toml

BARE = st.from_regex(r"[A-Za-z0-9_-]{1,10}", fullmatch=True)
KEYS = BARE | BARE | BARE | st.sampled_from(["format", "é", "", "a.b", '"a"', "a b"])
SAFE = st.text(
    st.characters(codec="utf-8", exclude_characters='"\\\x7f', min_codepoint=32), max_size=10
)
TEXT = (
    SAFE
    | SAFE
    | st.text(st.characters(codec="utf-8"), max_size=10)
    | st.sampled_from(['"', "\\", "\t", "\x00", "\x1f", "\x7f", "#", "é", "\u200b", "\n"])
)
NUMBERS = st.integers(-(2**70), 2**70).map(str) | st.sampled_from(
    ["00", "-0", "+1", "1_000", "0x1f", "1e3", "1.5", "inf", "007", "9" * 18, "9" * 19]
)
NEAR = {  # each part of a date-time: mostly in range, sometimes just out of it
    "year": st.sampled_from(["2026"] * 6 + ["1970", "2199", "0000", "2300", "9999", "202"]),
    "month": st.sampled_from(["01", "02", "12"] * 3 + ["00", "13", "1"]),
    "day": st.sampled_from(["01", "28", "29", "30", "31"] * 2 + ["00", "32"]),
    "hour": st.sampled_from(["00", "09", "23"] * 3 + ["24", "1"]),
    "minute": st.sampled_from(["00", "59"] * 4 + ["60"]),
    "fraction": st.sampled_from(["", ".1", ".25", ".123456"] * 2 + [".1234567", "."]),
    "offset": st.sampled_from(["Z", "+00:00", "-05:30", "+23:59"] * 2 + ["z", "+24:00", ""]),
    "separator": st.sampled_from([" ", "T"] * 4 + ["t", "  "]),
}
DATES = st.fixed_dictionaries(NEAR).map(
    lambda d: (
        f"{d['year']}-{d['month']}-{d['day']}{d['separator']}{d['hour']}:{d['minute']}"
        f":{d['minute']}{d['fraction']}{d['offset']}"
    )
)
VALUES = (
    TEXT.map(lambda text: f'"{text}"')
    | NUMBERS
    | st.sampled_from(["true", "false", "True", "tru", '""', "''", '"a" # c', "[]", "{}"])
    | DATES
)
OFFSETS = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
    lambda minutes: f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"
)
GOOD_DATES = st.tuples(
    st.datetimes(min_value=dt.datetime(1970, 1, 1), max_value=dt.datetime(2199, 12, 31)),
    st.sampled_from([" ", "T"]),
    st.sampled_from(["", ".1", ".25", ".000001", ".123456"]),
    st.just("Z") | OFFSETS,
).map(lambda d: f"{d[0]:%Y-%m-%d}{d[1]}{d[0]:%H:%M:%S}{d[2]}{d[3]}")
GOOD = (
    SAFE.map(lambda text: f'"{text}"')
    | st.integers(-(10**18) + 1, 10**18 - 1).map(str)
    | st.sampled_from(["true", "false"])
    | GOOD_DATES
)
PLAIN = st.tuples(BARE, st.just(" = "), GOOD | GOOD | GOOD | VALUES).map("".join) | st.sampled_from(
    ["", "# note"]
)
ODD = (
    st.tuples(KEYS, st.sampled_from(["=", " =  ", "\t= "]), VALUES).map("".join)
    | st.sampled_from([" ", "#\x01", "[steps]", "[[steps]]", "\r", "\ufeff", "# é\t"])
    | TEXT.map(lambda text: f"# {text}")
    | TEXT
)


def _mixed(parts: tuple[list[str], list[tuple[int, str]]]) -> str:
    lines, odd = parts
    for where, line in odd:
        lines.insert(where % (len(lines) + 1), line)
    return "\n".join(lines)


# Plain lines, often all of them (so that many documents are read), with now and then an
# odd line put in among them; and random bytes.
DOCUMENTS = st.tuples(
    st.lists(PLAIN, max_size=8), st.lists(st.tuples(st.integers(0, 8), ODD), max_size=2)
).map(_mixed) | st.binary(max_size=60).map(lambda data: data.decode("utf-8", "replace"))


def typed(value: Any) -> Any:
    """A value with its type, and a date-time with its offset: `==` alone says 1 == True
    and compares date-times by their instant."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    if isinstance(value, dt.datetime):
        return (type(value), value, value.utcoffset())
    return (type(value), value)


@settings(max_examples=1500, deadline=None)
@given(text=DOCUMENTS)
def test_whatever_it_reads_tomllib_reads_the_same(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    table = plain_table(data)
    if table is None:
        return
    assert typed(table) == typed(tomllib.loads(data.decode("utf-8")))


@settings(max_examples=500, deadline=None)
@given(lines=st.dictionaries(BARE, GOOD, max_size=10), comment=st.sampled_from(["", "# c"]))
def test_plain_lines_are_read_as_tomllib_reads_them(lines: dict[str, str], comment: str) -> None:
    """The lines a header has, each kind in its valid forms: read, and as tomllib reads them."""
    data = "\n".join([comment, *(f"{key} = {value}" for key, value in lines.items())]).encode()
    table = plain_table(data) if data.strip() else {}
    assert table is not None
    assert typed(table) == typed(tomllib.loads(data.decode()))


@settings(max_examples=300, deadline=None)
@given(
    table=st.dictionaries(
        st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True),
        st.text(max_size=20)
        | st.integers(-(2**63), 2**63 - 1)
        | st.booleans()
        | st.datetimes(min_value=dt.datetime(1, 1, 1), timezones=st.timezones() | st.just(dt.UTC)),
        max_size=8,
    )
)
def test_what_tomli_w_writes_reads_back(table: dict[str, Any]) -> None:
    """Text tomli-w wrote: read the same as tomllib reads it, or left to tomllib."""
    data = tomli_w.dumps(table).encode()
    found = plain_table(data)
    if found is not None:
        assert typed(found) == typed(tomllib.loads(data.decode()))


def test_a_draft_header_is_read_without_tomllib() -> None:
    header = (
        "# Overzicht\n\nformat = 1\n"
        'session_id = "0227904fed904cddb87b39cf690e7527"\nflow_title = "Zorgen, één"\n'
        'mode = "casus"\ncase_ref = "casus-43"\nstarted = 2026-12-02 01:54:09+00:00\n'
        "finished = 2026-12-02 01:54:09.25-01:30\n"
    ).encode()
    found = plain_table(header)
    assert found is not None
    assert typed(found) == typed(tomllib.loads(header.decode()))
    minus = dt.timezone(-dt.timedelta(hours=1, minutes=30))
    assert found["finished"] == dt.datetime(2026, 12, 2, 1, 54, 9, 250000, minus)


@settings(max_examples=300, deadline=None)
@given(text=DOCUMENTS)
def test_parse_plain_first_gives_what_parse_toml_gives(text: str) -> None:
    """Faults included: the same table, or the same Dutch problem (an impossible year)."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        expected: Any = typed(parse_toml(data, "f.toml", 4096))
    except ProblemsError as error:
        expected = [problem.message for problem in error.problems]
    try:
        found: Any = typed(parse_plain_first(data, "f.toml", 4096))
    except ProblemsError as error:
        found = [problem.message for problem in error.problems]
    assert found == expected


def test_a_year_out_of_bounds_is_refused_alike() -> None:
    data = b"started = 2300-01-01 00:00:00Z\n"
    assert plain_table(data) is not None
    messages = []
    for parse in (parse_toml, parse_plain_first):
        try:
            parse(data, "f.toml", 4096)
        except ProblemsError as error:
            messages.append(error.problems[0].message)
    assert messages == ["datum buiten 1970-2199"] * 2
