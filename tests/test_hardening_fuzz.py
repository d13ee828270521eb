"""Structured fuzzing of the record reader and of opening a record against its flow.

test_record.py already feeds random bytes and one tampered key at a time to
``parse_record``. Here whole records are damaged, byte-wise and step-wise, and what
still parses is also opened (resume or review) and printed for review: every outcome
is a record, a Dutch refusal or a review with reasons, never an exception, and nothing
printed carries a control character.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_hardening_files import assert_terminal_safe
from test_record import walked
from wegwijzer.commands.open import review_lines
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import build_record, render_record
from wegwijzer.core.records.resume import open_loaded

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _open_and_show(raw: bytes, loaded: LoadedFlow) -> None:
    try:
        record = parse_record(raw, "r.toml")
    except ProblemsError as error:
        assert error.problems and all(p.message for p in error.problems)
        for problem in error.problems:
            assert_terminal_safe(str(problem))
        return
    opened = open_loaded(record, loaded)
    assert opened.review_only == bool(opened.reasons)
    assert opened.review_only or opened.session is not None
    assert_terminal_safe("\n".join(review_lines(opened.record, opened.reasons)).replace("\n", " "))


@FUZZ
@given(data=st.data())
def test_splices_into_a_valid_record(test_flow: LoadedFlow, data: st.DataObject) -> None:
    valid = render_record(build_record(walked(test_flow, case_ref="k-1")))
    at = data.draw(st.integers(0, len(valid) - 1))
    cut = data.draw(st.integers(0, 40))
    insert = data.draw(
        st.binary(max_size=20)
        | st.sampled_from(
            [b"\\u001b", b"\\u009b", b"\\u202e", b"\\u0000", b'"', b"\n", b"[[", b"="]
        )
    )
    _open_and_show(valid[:at] + insert + valid[at + cut :], test_flow)


_IDS = ["begin", "signalen", "politie", "beleid", "einde", "einde-politie", "onbekend", "x--y"]
_KINDS = ["choice", "multi", "check", "info", "outcome", "anders"]
_TEXT = st.text(max_size=12) | st.sampled_from(
    ["Ja", "Nee", "gelezen", "ja", "deels", "Veel cadeaus en aandacht", "Iets anders", "\x1b[2J"]
)
_STEP = st.fixed_dictionaries(
    {"id": st.sampled_from(_IDS), "kind": st.sampled_from(_KINDS)},
    optional={
        "prompt": _TEXT,
        "answer": _TEXT | st.lists(_TEXT, max_size=3),
        "number": st.integers(-1, 40),
        "numbers": st.lists(st.integers(-1, 4), max_size=3),
        "note": _TEXT,
        "citations": st.lists(st.sampled_from(["1", "2.1", "4.1", "8", "8.2", "99", "x"])),
    },
)


@FUZZ
@given(data=st.data())
def test_any_path_of_steps_opens_or_is_refused(test_flow: LoadedFlow, data: st.DataObject) -> None:
    """Steps from the flow and from nowhere, in any order, with any answers."""
    record: dict[str, Any] = build_record(walked(test_flow))
    keep = data.draw(st.booleans())
    steps = [dict(step) for step in record["steps"]] if keep else []
    for _ in range(data.draw(st.integers(0, 4))):
        step = data.draw(_STEP)
        steps.insert(data.draw(st.integers(0, len(steps))), step)
    for step in steps:
        known = test_flow.flow.steps.get(step["id"])
        step.setdefault("prompt", known.prompt if known is not None else "p")
        step.setdefault("citations", [])
    record["steps"] = steps
    if data.draw(st.booleans()):
        record.pop("finished", None)
        record["actions"] = []
    if data.draw(st.booleans()):
        record["started"] = dt.datetime(2024, 5, 1, 9)  # naive: refused
    try:
        raw = tomli_w.dumps(record).encode()
    except (TypeError, ValueError):
        return
    _open_and_show(raw, test_flow)


@FUZZ
@given(
    field=st.sampled_from(["flow_version", "flow_title", "source", "flow_hash", "case_ref"]),
    value=_TEXT,
)
def test_any_header_change_opens_for_review_or_is_refused(
    test_flow: LoadedFlow, field: str, value: str
) -> None:
    record = build_record(walked(test_flow))
    record[field] = value
    _open_and_show(tomli_w.dumps(record).encode(), test_flow)
