"""A draft this checker validated before resumes without pydantic, and is the draft pydantic gives.

Issue 19: a record whose exact bytes a clean validation by exactly this checker vouched
for (``core.records.vouch``) is built straight from its TOML (``core.flows.frozen.build``);
every other record is validated with pydantic first. These checks hold the two roads
to each other and to pydantic's own dump for random walks of every shipped flow (notes
full of quotes, backslashes, ``answer = `` and line breaks, a protocol, a score table),
show that a draft changed after it was vouched for is validated again (and a bad one
never opens), that the store is bounded, private and ignored when damaged, and, in a
subprocess, that Enter pressed at once on the home screen resumes a vouched draft
without importing pydantic, and with it when the vouch is missing or the draft changed.
"""

from __future__ import annotations

import datetime as dt
import json
import stat
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.flows.catalog import load_catalog, remember
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.protocol import Protocol
from wegwijzer.core.records import reader, schema, vouch
from wegwijzer.core.records.drafts import draft_path, list_drafts, save_draft
from wegwijzer.core.records.reader import parse_record, read_record
from wegwijzer.core.records.record import Record, record_bytes
from wegwijzer.core.records.resume import open_record
from wegwijzer.core.records.vouch import Vouches, record_key
from wegwijzer.core.training.exercise import exercise_folder, load_exercises
from wegwijzer.core.walk.session import Session

from helpers import FLOWS, run_python
from walks import answers_for, filled_protocol, pick, routes

CATALOG = load_catalog(FLOWS)
SHIPPED = sorted(CATALOG.flows, key=lambda loaded: loaded.flow.id)

# Text that looks like what the record file is made of: keys, tables, quotes, escapes.
TRICKY = st.lists(
    st.sampled_from(
        ['answer = "x"', "answer = ", "[[steps]]", '"""', '"', "'", "\\", "\\n", "\n", "é", "a"]
    ),
    max_size=14,
).map("".join)
NOTE = st.one_of(TRICKY, st.text(max_size=60))
SCALAR = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),  # the reader refuses inf and nan
    st.text(max_size=12),
)
SCORE = st.dictionaries(
    st.from_regex(r"[a-z]{1,10}", fullmatch=True),
    st.one_of(SCALAR, st.lists(SCALAR, min_size=1, max_size=3)),
    max_size=4,
)


def protocol_for(loaded: LoadedFlow) -> Protocol:
    """Every silent topic of the source filled in, with contacts: a ``[protocol]`` table and
    ``[[protocol_entries]]`` with dates and sub-tables in the record."""
    return filled_protocol(
        loaded.source,
        lambda topic: f'Protocol over {topic}: \\"bel\\" \\\\ de lijn',
        lambda topic: f"nummer {topic}",
    )


@st.composite
def walks(draw: st.DrawFn) -> tuple[Session, dict[str, Any] | None]:
    """A random walk of a shipped flow as a user leaves it: notes, going back, a case
    reference, sometimes a protocol; and sometimes a score table (a training result)."""
    loaded = draw(st.sampled_from(SHIPPED))
    protocol = protocol_for(loaded) if draw(st.booleans()) else None
    case_ref = draw(st.one_of(st.just(""), st.text(max_size=20))).replace("\n", " ").strip()
    session = Session(loaded, case_ref=case_ref, protocol=protocol)
    for _ in range(draw(st.integers(0, 12))):
        if session.finished:
            break
        note = draw(st.one_of(st.just(""), NOTE))
        if note.strip():
            session.set_note(session.current_id, note)
        try:
            session.answer(pick(session.current, draw, most=3))
        except ValueError:  # an exclusive option with another: not a route
            continue
    if session.path[1:] and draw(st.booleans()):
        session.back()  # answers kept off the path: the [[kept]] tables
    score = draw(st.one_of(st.none(), SCORE))
    return session, ({"score": score} if score else None)


def as_text(data: object) -> str:
    """Exact: ``10`` and ``10.0`` or ``True`` and ``1`` are equal in Python, not here."""

    def when(value: object) -> str:
        assert isinstance(value, dt.date), value
        return value.isoformat()

    return json.dumps(data, default=when, ensure_ascii=False)


def pydantic_text(data: bytes) -> str:
    """What pydantic itself makes of the bytes: the oracle for both roads."""
    raw = clean_tree(tomllib.loads(data.decode("utf-8")))
    return as_text(schema.Record.model_validate(raw).model_dump())


@contextmanager
def without_pydantic() -> Iterator[None]:
    """Fails the test if the record model validates anything meanwhile."""
    refused = AssertionError("validated with pydantic")
    with mock.patch.object(reader, "parse_record", side_effect=refused):
        yield


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_vouched_record_is_the_validated_record(data: st.DataObject) -> None:
    session, extra = data.draw(walks())
    name = "concept.toml"
    raw = record_bytes(session, extra=extra, with_kept=True)
    checked = parse_record(raw, name)
    key = record_key(raw)
    assert key is not None
    vouch.vouch([key])
    vouches = Vouches()
    assert key in vouches.known
    with without_pydantic():
        vouched = vouches.record_from(raw, name)
    assert type(vouched) is Record and type(checked) is Record
    oracle = pydantic_text(raw)
    assert as_text(vouched.model_dump()) == as_text(checked.model_dump()) == oracle
    assert vouched == checked


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_draft_changed_after_it_was_vouched_for_is_validated_again(
    data: st.DataObject,
) -> None:
    session, _ = data.draw(walks())
    path = save_draft(session)  # validated and vouched for as it is written
    written = path.read_bytes()
    with without_pydantic():
        assert open_record(path, catalog=CATALOG).session is not None
    # Any one byte changed: the vouch does not hold, and pydantic decides as it always did.
    at = data.draw(st.integers(0, len(written) - 1))
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != written[at]))
    changed = written[:at] + bytes([byte]) + written[at + 1 :]
    path.write_bytes(changed)
    calls: list[str] = []
    real = reader.parse_record

    def counted(raw: bytes, name: str) -> Record:
        calls.append(name)
        return real(raw, name)

    with mock.patch.object(reader, "parse_record", side_effect=counted):
        try:
            found: Record | str = vouch.load_record(path)
        except ProblemsError as error:
            found = str(error.problems)
    assert calls == [str(path)]
    try:
        expected: Record | str = read_record(path)
    except ProblemsError as error:
        expected = str(error.problems)
    assert found == expected


def first_answers(session: Session, count: int) -> Session:
    for _ in range(count):
        session.answer(next(answers_for(session.current))[0])
    return session


def changed_draft(test_flow: LoadedFlow) -> tuple[Session, Path, bytes]:
    session = first_answers(Session(test_flow), 3)
    session.set_note(session.path[0], "Gesprek gepland.")
    path = save_draft(session)
    written = path.read_bytes()
    assert b"\nnumber = 1\n" in written and b'note = "Gesprek gepland."' in written
    return session, path, written


def test_a_bad_draft_never_resumes_whatever_was_vouched_before(test_flow: LoadedFlow) -> None:
    session, path, written = changed_draft(test_flow)
    # Bad in ways only the model sees: an unknown key, a note longer than a note can be,
    # a line break in the case reference, a wrong type. Each is refused and never listed.
    bad = [
        written.replace(b"\nmode = ", b'\nmodus = "x"\nmode = ', 1),
        written.replace(b'note = "Gesprek gepland."', b'note = "' + b"x" * 100_000 + b'"', 1),
        written.replace(b"\nmode = ", b'\ncase_ref = "a\\nb"\nmode = ', 1),
        written.replace(b"number = 1", b"number = 1.0", 1),
    ]
    for data in bad:
        assert data != written
        path.write_bytes(data)
        with pytest.raises(ProblemsError):
            open_record(path, loaded=test_flow)
        listing = list_drafts()
        assert listing.drafts == [] and listing.skipped
    path.write_bytes(written)  # back as it was vouched for: opens without pydantic again
    with without_pydantic():
        opened = open_record(path, loaded=test_flow)
    assert opened.session is not None and opened.session.path == session.path


def test_a_vouch_is_for_this_checker_only(
    test_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, path, _ = changed_draft(test_flow)
    monkeypatch.setattr(vouch, "checker_fingerprint", lambda: b"another checker")
    calls = []
    real = reader.parse_record
    monkeypatch.setattr(reader, "parse_record", lambda *a: calls.append(1) or real(*a))
    assert open_record(path, loaded=test_flow).session is not None
    assert calls == [1]
    monkeypatch.setattr(vouch, "checker_fingerprint", lambda: None)  # code unreadable
    assert record_key(path.read_bytes()) is None
    assert open_record(path, loaded=test_flow).session is not None
    assert calls == [1, 1]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{",
        b'{"format": 2, "keys": []}',
        b'{"format": 1, "keys": "abc"}',
        b'{"format": 1, "keys": ["not a key"]}',
        b'{"format": 1, "keys": [' + b", ".join([b'"' + b"a" * 64 + b'"'] * 2000) + b"]}",
    ],
)
def test_a_damaged_store_is_ignored(test_flow: LoadedFlow, damage: bytes) -> None:
    _, path, _ = changed_draft(test_flow)
    vouch.store_file().write_bytes(damage)
    assert Vouches().known == frozenset()
    with mock.patch.object(reader, "parse_record", wraps=reader.parse_record) as validated:
        assert open_record(path, loaded=test_flow).session is not None
    assert validated.call_count == 1
    list_drafts()  # validates and vouches for it again, in a store as written here
    with without_pydantic():
        assert open_record(path, loaded=test_flow).session is not None


def test_the_store_is_bounded_and_private(test_flow: LoadedFlow) -> None:
    keys = [f"{number:064x}" for number in range(vouch.MAX_ENTRIES + 20)]
    for start in range(0, len(keys), 50):
        vouch.vouch(keys[start : start + 50])
    stored = json.loads(vouch.store_file().read_bytes())
    assert stored["keys"] == keys[-vouch.MAX_ENTRIES :]  # the newest, oldest first
    assert stat.S_IMODE(vouch.store_file().stat().st_mode) == 0o600
    assert len(vouch.store_file().read_bytes()) <= vouch.MAX_STORE_BYTES
    _, path, written = changed_draft(test_flow)  # the newest key is the draft just saved
    assert json.loads(vouch.store_file().read_bytes())["keys"][-1] == record_key(written)
    assert path == draft_path(path.stem)


def test_a_draft_the_reader_refuses_is_written_but_never_vouched_for(
    test_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse = ProblemsError([])
    monkeypatch.setattr(reader, "parse_record", mock.Mock(side_effect=refuse))
    session = Session(test_flow)
    path = save_draft(session)
    assert path.read_bytes() == record_bytes(session, with_kept=True)
    assert record_key(path.read_bytes()) not in Vouches().known


# --- the home screen, Enter pressed at once, in a process of its own ---------------------

ENTER_AT_ONCE = """
import os, sys
from textual import events
from wegwijzer.tui.app import make_app

app = make_app()
original = app._display
pressed = []

def display(screen, renderable):
    original(screen, renderable)
    if renderable is None or app._batch_count:
        return
    name = type(screen).__name__
    if name == "HomeScreen" and not pressed:
        pressed.append(True)
        key = events.Key("enter", "\\r")
        key.set_sender(app)
        app._driver.send_message(key)  # as the driver sends a key read from the terminal
    elif name == "StepScreen" and screen.query("#keuzes"):
        print(f"step={app.session.current_id} pydantic={'pydantic' in sys.modules}", flush=True)
        os._exit(0)

app._display = display
app.run(headless=True, size=(80, 24))
"""


def enter_at_once() -> str:
    return run_python(ENTER_AT_ONCE, WEGWIJZER_FLOWS=str(FLOWS))


def test_enter_at_once_resumes_a_vouched_draft_without_pydantic() -> None:
    exercises, problems = load_exercises(exercise_folder(CATALOG), CATALOG)
    assert not CATALOG.problems and not problems
    remember(CATALOG, exercises, problems)  # the flows as a second start finds them
    loaded = CATALOG.find("zorgen-over-een-minderjarige")
    assert loaded is not None
    # A step two or more answers in, where the walk goes on (the step screen, not the end).
    route = next(
        answers
        for step_id, answers in routes(loaded).items()
        if len(answers) >= 2 and loaded.flow.steps[step_id].kind != "outcome"
    )
    session = Session(loaded)
    for value in route:
        session.answer(value)
    path = save_draft(session)
    resumed = f"step={session.current_id}"
    assert enter_at_once() == f"{resumed} pydantic=False"
    vouch.store_file().unlink()  # no vouch: validated before it resumes
    assert enter_at_once() == f"{resumed} pydantic=True"
    assert enter_at_once() == f"{resumed} pydantic=False"  # the check vouched for it again
    path.write_bytes(path.read_bytes() + b"\n")  # changed: validated again
    assert enter_at_once() == f"{resumed} pydantic=True"
