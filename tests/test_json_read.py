"""``core.base.json_read``: what it reads, ``json.loads`` reads the same; else it refuses."""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.base import json_read

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


def typed(value: Any) -> Any:
    """A value with its type at every level: ``==`` alone says 1 == 1.0 == True."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value), value)


def outcome(read: Any, data: bytes) -> Any:
    try:
        return typed(read(data))
    except (ValueError, RecursionError):
        return "refused"


@settings(max_examples=500, deadline=None)
@given(value=VALUES, ascii_only=st.booleans())
def test_what_json_writes_is_read_as_json_reads_it(value: Any, ascii_only: bool) -> None:
    data = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert outcome(json_read.loads, data) == outcome(json.loads, data) != "refused"


# Bytes near JSON: a document with a character or two put in, taken out or changed.
NEAR = st.sampled_from([*' \t\n\r{}[],:"\\0123456789.eE+-ntfualsNIy\x00\x1f\x7fé', "\ufeff"])


@st.composite
def near_documents(draw: st.DrawFn) -> bytes:
    text = json.dumps(draw(VALUES), ensure_ascii=draw(st.booleans()))
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["in", "out", "for"]))
        char = draw(NEAR)
        if edit == "in":
            text = text[:where] + char + text[where:]
        else:
            text = text[:where] + (char if edit == "for" else "") + text[where + 1 :]
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "latin-1"]))
    return text.encode(encoding, "replace")


@settings(max_examples=2000, deadline=None)
@given(data=near_documents() | st.binary(max_size=40))
def test_whatever_it_reads_json_reads_the_same(data: bytes) -> None:
    found = outcome(json_read.loads, data)
    if found != "refused":
        assert found == outcome(json.loads, data)


def test_it_refuses_what_json_would_read_into_something_else() -> None:
    """No NaN or Infinity (the cache never holds one), nothing around the value."""
    for data in (b"NaN", b"[Infinity]", b"-Infinity", b" {}", b"{} ", b"\xef\xbb\xbf{}", b""):
        assert outcome(json_read.loads, data) == "refused", data
    assert math.isnan(json.loads(b"NaN"))  # json.loads reads it: refusing is stricter


def test_deep_nesting_is_refused_not_a_crash() -> None:
    assert outcome(json_read.loads, b"[" * 100_000 + b"]" * 100_000) == "refused"
