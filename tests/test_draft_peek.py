"""The drafts peek (first frame of the home screen) lists what the validated listing lists."""

from __future__ import annotations

import os
from pathlib import Path

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
    info = peek_draft(path)
    assert info is None or info.session_id == "a" * 32


def test_a_draft_the_peek_cannot_read_is_left_out(tmp_path: Path, test_flow: LoadedFlow) -> None:
    save_draft(Session(test_flow))
    (drafts_dir() / "kapot.toml").write_text("format = [", "utf-8")
    assert len(peek_drafts().drafts) == 1
    assert list_drafts().skipped  # the validated listing says why


def test_the_peek_uses_the_record_limits() -> None:
    assert draft_peek.MAX_BYTES == record.RECORD_MAX_BYTES
    assert draft_peek.SESSION_ID.pattern == record.SESSION_ID.pattern
    assert draft_peek.MODES == record.MODES


def test_a_fifo_among_the_drafts_never_blocks_the_peek(test_flow: LoadedFlow) -> None:
    save_draft(Session(test_flow))
    os.mkfifo(drafts_dir() / ("b" * 32 + ".toml"))
    assert len(peek_drafts().drafts) == 1
