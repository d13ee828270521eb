"""The drafts peek (first frame of the home screen) lists what the validated listing lists."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records import draft_peek, record
from wegwijzer.core.records.draft_peek import peek_draft, peek_drafts
from wegwijzer.core.records.drafts import drafts_dir, list_drafts, purge, save_draft
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.render import answer_from, choice_labels

# Text that looks like the lines the peek reads: keys, tables, quotes, escapes.
TRICKY = st.lists(
    st.sampled_from(['answer = "x"', "[[steps]]", "[[kept]]", '"""', '"', "\\", "\n", "a", "é"]),
    max_size=12,
).map("".join)
NOTE = st.one_of(st.just(""), TRICKY, st.text(max_size=40))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    walks=st.lists(
        st.tuples(
            st.lists(st.integers(0, 5), max_size=8),
            st.lists(NOTE, max_size=8),
            st.one_of(st.just(""), st.text(max_size=20)),
            st.booleans(),
        ),
        max_size=4,
    )
)
def test_the_peek_equals_the_validated_listing(
    test_flow: LoadedFlow, walks: list[tuple[list[int], list[str], str, bool]]
) -> None:
    purge()
    for picks, notes, case_ref, back in walks:
        session = Session(test_flow, case_ref=case_ref.strip())
        for index, pick in enumerate(picks):
            if session.finished:
                break
            if index < len(notes) and notes[index].strip():
                session.set_note(session.current_id, notes[index])
            labels = choice_labels(session.current)
            session.answer(answer_from(session.current, (pick % max(1, len(labels)),)))
        if back:
            session.back()  # answers kept off the path: the [[kept]] table
        save_draft(session)
    assert peek_drafts() == list_drafts()


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400) | TRICKY.map(str.encode))
def test_the_peek_never_crashes(data: bytes) -> None:
    folder = drafts_dir(create=True)
    path = folder / ("a" * 32 + ".toml")
    path.write_bytes(b'format = 1\nsession_id = "' + b"a" * 32 + b'"\n' + data)
    found = peek_draft(path)
    if isinstance(found, str):
        assert found.startswith(f"{path.name}: overgeslagen, ")
    else:
        assert found is None or found.session_id == "a" * 32


def test_files_the_reader_refuses_at_their_header_are_named_alike(
    test_flow: LoadedFlow,
) -> None:
    older = Session(test_flow)
    save_draft(older)
    folder = drafts_dir()
    (folder / "kapot.toml").write_text("format = [", "utf-8")
    (folder / ("0" * 32 + ".toml")).write_bytes((folder / f"{older.id}.toml").read_bytes())
    text = (folder / f"{older.id}.toml").read_text("utf-8").replace(older.id, "c" * 32)
    started = next(line for line in text.splitlines() if line.startswith("started = "))
    (folder / ("c" * 32 + ".toml")).write_text(
        text.replace(started, "started = 0001-01-01 02:00:00+05:00"), "utf-8"
    )
    (folder / ("d" * 32 + ".toml")).write_bytes(b"x" * (draft_peek.MAX_BYTES + 1))
    os.mkfifo(folder / ("b" * 32 + ".toml"))
    peeked, validated = peek_drafts(), list_drafts()
    assert len(validated.skipped) == 5
    assert peeked == validated


def test_a_body_the_peek_does_not_read_is_left_to_the_validation(
    test_flow: LoadedFlow,
) -> None:
    session = Session(test_flow)
    session.answer(None)
    path = save_draft(session)
    path.write_text(path.read_text("utf-8").replace('kind = "info"', 'kind = "x"'), "utf-8")
    assert len(peek_drafts().drafts) == 1  # listed from its header at first
    assert list_drafts().drafts == [] and list_drafts().skipped  # then corrected


def test_the_peek_uses_the_record_limits() -> None:
    assert draft_peek.MAX_BYTES == record.RECORD_MAX_BYTES
    # The session id: the peek reads it without the record's regex, and accepts what it
    # accepts (held to it in tests/test_no_regex_at_start.py); here the record's own.
    for value in ("0" * 32, "a" * 31, "A" * 32, "f" * 32 + "\n", "g" * 32):
        assert draft_peek.is_session_id(value) == bool(record.SESSION_ID.match(value))
    assert draft_peek.MODES == record.MODES
