"""The differential test's parts (importable as ``differential``): seeds, mutations, readers.

Issue 16: whatever `verify` calls "in orde", every other reader must open. The seeds
are a case record, a draft with answers kept off the path, and a training result; the
mutations change one line of one of them (a value, a key, a line dropped or doubled)
or apply one of the issue's own findings. Every consumer is then run on the result.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from hypothesis import strategies as st

from wegwijzer.commands.drafts import draft_line
from wegwijzer.commands.open import review_lines
from wegwijzer.commands.train import summary_lines
from wegwijzer.core.base.clock import local_text
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records import drafts
from wegwijzer.core.records.drift import Drift
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import Record, record_bytes
from wegwijzer.core.records.resume import open_loaded
from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.core.training.summary import summarise
from wegwijzer.core.training.verdict import Judge
from wegwijzer.core.walk.session import Session

# How many generated records each property tries: bounded in `make test`, raised for a
# long run (docs/security.md): WEGWIJZER_DIFFERENTIAL_EXAMPLES=5000 pytest tests/…
EXAMPLES = int(os.environ.get("WEGWIJZER_DIFFERENTIAL_EXAMPLES", "60"))
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")


def seeds(loaded: LoadedFlow, exercise: LoadedExercise) -> dict[str, bytes]:
    """A finished case, a draft with kept answers and a note, and a training result."""
    case = Session(loaded, case_ref="casus-17")
    case.answer(None)
    case.set_note("signalen", "Zei: ik krijg alles\ntweede regel")
    case.answer((0, 1))
    case.answer(0)
    case.answer("deels")
    draft = Session(loaded)
    draft.answer(None)
    draft.answer((0,))
    draft.answer(1)
    draft.back()
    draft.set_note("einde-politie", "een notitie buiten het pad")
    draft.back()
    run = TrainingRun(exercise, "achteraf")
    for value in (None, (0,), 0, "nee"):
        run.answer(value)
    return {
        "case": record_bytes(case),
        "draft": record_bytes(draft, with_kept=True),
        "result": run.record_bytes(),
    }


# --- mutations --------------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from(
    [
        "\x1b]0;GEKAAPT\x07",
        "\x1b]52;c;aGFjaw==\x07",
        "\u202eomgekeerd",
        "SPOOF\u200d" * 40,
        "regel\nin orde: nep.toml",
        "Ja\u200d",
        "J\u0430",
        "",
        " ",
        "x" * 5000,
        "111-222-333",
        "[@click=app.quit]x[/]",
    ]
)
TOML_VALUES = st.one_of(
    st.sampled_from(
        [
            "9" * 4301,
            "0x" + "f" * 4000,
            "inf",
            "-inf",
            "nan",
            "1e999",
            "0",
            "-1",
            "9223372036854775807",
            "true",
            "0001-01-01 02:00:00+05:00",
            "9999-12-31 23:59:59+00:00",
            "2020-05-25 09:30:00+02:00",
            "2199-12-31 23:00:00+00:00",
            "2020-05-25",
            "[]",
            "{}",
            '"casus"',
            '"oefening"',
            '"achteraf"',
        ]
    ),
    st.integers(-(2**70), 2**70).map(str),
    st.floats().map(repr),
    HOSTILE_TEXT.map(lambda text: '"' + text.encode("unicode_escape").decode("ascii") + '"'),
    st.text(max_size=40).map(lambda text: '"' + text.encode("unicode_escape").decode() + '"'),
)


def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8").split("\n")


def _toml(value: object) -> str:
    """``value`` as a TOML value (tomli-w's own escaping)."""
    return tomli_w.dumps({"k": value}).split(" = ", 1)[1].rstrip("\n")


FREE_TEXT = st.one_of(HOSTILE_TEXT, st.text(max_size=60))
MOMENTS = st.datetimes(
    min_value=dt.datetime(1900, 1, 1),
    max_value=dt.datetime(2300, 1, 1),
    timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=14))]),
).map(lambda moment: moment.replace(microsecond=0))


@st.composite
def mutated(draw: st.DrawFn, raw: bytes) -> bytes:
    """``raw`` with one to three lines changed: free text (a note, the case reference) or
    a time replaced, any value replaced, a key renamed, a line dropped or doubled."""
    lines = _lines(raw)
    for _ in range(draw(st.integers(1, 3))):
        values = [i for i, line in enumerate(lines) if " = " in line]
        index = draw(st.sampled_from(values))
        how = draw(st.sampled_from(["text", "text", "text", "time", "value", "drop", "key"]))
        key = lines[index].split(" = ", 1)[0]
        if how == "text":
            field = draw(st.sampled_from(["note", "case_ref"]))
            at = draw(st.sampled_from([i for i, line in enumerate(lines) if line == "[[steps]]"]))
            if field == "case_ref":  # before the first key: top level, even when an
                at = values[0] - 1  # earlier round dropped or renamed "mode"
            lines.insert(at + 1, f"{field} = {_toml(draw(FREE_TEXT))}")
            lines = _first_of_each_key(lines)
        elif how == "time":
            field = draw(st.sampled_from(["started", "finished"]))
            lines = [
                f"{field} = {_toml(draw(MOMENTS))}" if line.startswith(f"{field} = ") else line
                for line in lines
            ]
        elif how == "value":
            lines[index] = f"{key} = {draw(TOML_VALUES)}"
        elif how == "drop":
            del lines[index]
        else:
            other = draw(st.sampled_from(["mode", "score", "exercise_title", "case_ref", "x"]))
            lines[index] = f"{other} = {lines[index].split(' = ', 1)[1]}"
    return "\n".join(lines).encode("utf-8")


def _first_of_each_key(lines: list[str]) -> list[str]:
    """Drop a key repeated within one table (the inserted one comes first and stays)."""
    kept: list[str] = []
    seen: set[str] = set()
    for line in lines:
        if line.startswith("["):
            seen = set()
        elif " = " in line:
            key = line.split(" = ", 1)[0]
            if key in seen and not key.startswith(" "):
                continue
            seen.add(key)
        kept.append(line)
    return kept


def _set(raw: bytes, key: str, value: str) -> bytes:
    lines = _lines(raw)
    found = [i for i, line in enumerate(lines) if line.startswith(f"{key} = ")]
    for index in found[:1]:
        lines[index] = f"{key} = {value}"
    return "\n".join(lines).encode("utf-8")


# The findings as edits of a seed: each must be refused or open everywhere.
FINDINGS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "1 year 1": ("case", lambda r: _set(_set(r, "started", "0001-01-01 02:00:00+05:00"),
                                        "finished", "0001-01-01 02:00:00+05:00")),
    "1 year 9999": ("draft", lambda r: _set(r, "started", "9999-12-31 23:59:59+00:00")),
    "2 huge integer": ("case", lambda r: r + b"\nx = " + b"9" * 4301 + b"\n"),
    "2 huge hex in score": ("result", lambda r: _set(r, "points", "0x" + "f" * 4000)),
    "4 long step id": ("case", lambda r: r.replace(b'"signalen"', b'"' + b"s" * 100 + b'"')),
    "5 forged points": ("result", lambda r: _set(r, "points", "4.0")),
    "5 inf points": ("result", lambda r: _set(r, "points", "inf")),
    "5 title heading": ("result", lambda r: _set(r, "exercise_title", '"X\\nOefening nep"')),
    "6 bsn in a note": ("case", lambda r: r.replace(b"ik krijg alles", b"bsn 111-222-333")),
    "7 escapes": ("case", lambda r: _set(r, "case_ref", '"\\u001b]0;GEKAAPT\\u0007"')),
    "9 relabelled result": ("result", lambda r: _set(r, "mode", '"casus"')),
    "9 relabelled case": ("case", lambda r: _set(r, "mode", '"oefening"')),
    "9 nan": ("result", lambda r: _set(r, "percentage", "nan")),
    "9 version newline": ("case", lambda r: _set(r, "flow_version", '"1\\nin orde: x"')),
    "10 joiners in a note": (
        "case", lambda r: r.replace(b"ik krijg alles", b"SPOOF\\u200d" * 400)),
}  # fmt: skip


# --- the consumers ------------------------------------------------------------------


@dataclass
class Outcome:
    record: Record | None
    in_order: bool  # what `wegwijzer verify` would say
    reasons: list[str]
    drift: Drift | None = None  # "in orde, maar het stappenplan is sindsdien gewijzigd"


def verdict(raw: bytes, judge: Judge) -> Outcome:
    try:
        record = parse_record(raw, "r.toml")
    except ProblemsError as error:
        return Outcome(None, False, [str(p) for p in error.problems])
    found = judge.verdict(record)
    reasons = found.reasons
    if not record.complete:
        reasons.append("het overzicht is niet afgerond (een concept zonder uitkomst)")
    return Outcome(record, not reasons, reasons, found.drift)


def assert_clean(lines: list[str]) -> None:
    for line in lines:
        assert "\n" not in line and not CONTROL.search(line), repr(line)


def exercise_consumers(
    raw: bytes, outcome: Outcome, judge: Judge, loaded: LoadedFlow, folder: Path
) -> None:
    """Run everything but the TUI on a record verify accepted (or a draft it only calls
    unfinished): review, resume, the drafts listing, the trainer summary."""
    record = outcome.record
    assert record is not None
    opened = open_loaded(record, loaded)
    if outcome.drift is not None and outcome.drift.flow_changed:
        # In order for a flow that changed since: it opens for review, with the changes.
        assert opened.session is None and opened.review_only, opened.reasons
        assert_clean(list(outcome.drift.changes))
    else:
        assert opened.session is not None and not opened.review_only, opened.reasons
    assert_clean(review_lines(record, opened.reasons, opened.dropped, outcome.drift))
    local_text(record.started)
    local_text(record.finished)
    # the drafts folder lists it, and it resumes from there
    data = folder / "data"
    os.environ[drafts.ENV_DATA] = str(data)
    target = drafts.drafts_dir(create=True) / f"{record.session_id}.toml"
    target.write_bytes(raw)
    try:
        listing = drafts.list_drafts()
        assert [d.session_id for d in listing.drafts] == [record.session_id], listing.skipped
        assert_clean([draft_line(listing.drafts[0])])
    finally:
        target.unlink()
    if record.score is not None:
        result = folder / "resultaat.toml"
        result.write_bytes(raw)
        tallies, problems = summarise([result], judge)
        assert len(tallies) == 1 and not problems, problems
        assert_clean(summary_lines(tallies))
