"""The record: a walked session as a TOML file, and that file read back safely.

Writing: ``build_record`` turns a session into plain data (no None anywhere,
aware timestamps), ``render_record`` into bytes, deterministically: the same
session always gives the same bytes. Reading it back is ``core.records.reader``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import field
from typing import Any, Literal

import tomli_w

from wegwijzer.core.base.value import value
from wegwijzer.core.flows.flow import (
    CheckStep,
    ChoiceStep,
    Group,
    InfoStep,
    MultiStep,
    Step,
    step_digest,
)
from wegwijzer.core.flows.silence import silent_line
from wegwijzer.core.flows.source import Source, source_digest
from wegwijzer.core.records.explain import citations_comment, file_header
from wegwijzer.core.records.protocol_record import (
    ProtocolEntryRecord,
    ProtocolRecord,
    entry_tables,
    protocol_table,
    render_entries,
)
from wegwijzer.core.records.shape import RecordPart
from wegwijzer.core.walk.session import INFO_READ, Answer, Session

FORMAT = 1
RECORD_MAX_BYTES = 2 * 1024 * 1024
MODES = ("casus", "oefening")
EXTRA_KEYS = ("score",)
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")

StepKind = Literal["choice", "multi", "check", "info", "outcome"]
Scalar = bool | int | float | str


# The record at run time: frozen dataclasses with the fields, order and defaults of the
# validators in ``core.records.schema`` (pydantic), which check a file before it is built
# into these (``core.records.reader``); lists stay lists, as pydantic keeps them.


@value(frozen=True, slots=True, kw_only=True)
class StepRecord(RecordPart):
    """One step on the path. The last one has no answer when it is the outcome or still open."""

    id: str
    kind: StepKind
    prompt: str
    options: list[str] | None = None  # the labels offered (absent in older records)
    answer: str | list[str] | None = None
    number: int | None = None
    numbers: list[int] | None = None
    note: str = ""
    citations: list[str]
    step_hash: str | None = None  # ``step_digest`` of the step as it was in the flow
    source_silent: list[str] = field(default_factory=list)
    source_silent_text: str = ""


@value(frozen=True, slots=True, kw_only=True)
class KeptRecord(RecordPart):
    """Drafts only: an answer or note kept off the current path (after going back).

    The same answer fields as a step; no prompt or citations, since it is not part of
    what was decided. Resuming restores it so walking on finds it waiting.
    """

    id: str
    kind: StepKind
    answer: str | list[str] | None = None
    number: int | None = None
    numbers: list[int] | None = None
    note: str = ""


@value(frozen=True, slots=True, kw_only=True)
class ActionRecord(RecordPart):
    text: str
    group: Group
    citations: list[str]
    step: str


@value(frozen=True, slots=True, kw_only=True)
class Record(RecordPart):
    format: Literal[1]
    session_id: str
    flow: str
    flow_version: str
    flow_hash: str
    flow_title: str
    source: str
    source_hash: str | None = None  # absent in records made before it was kept
    mode: Literal["casus", "oefening"]
    case_ref: str = ""
    started: dt.datetime  # aware
    finished: dt.datetime | None = None
    score: dict[str, Scalar | list[Scalar]] | None = None
    steps: list[StepRecord]
    actions: list[ActionRecord] = field(default_factory=list)
    kept: list[KeptRecord] = field(default_factory=list)
    # The organisation's own protocol, apart from the source (``protocol_record``).
    protocol: ProtocolRecord | None = None
    protocol_entries: list[ProtocolEntryRecord] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.finished is not None


# --- session -> data -> bytes --------------------------------------------------


def answer_fields(step: Step, value: Answer) -> dict[str, Any]:
    """The stored answer in TOML form: labels for people, 1-based numbers for replay."""
    if isinstance(step, ChoiceStep) and isinstance(value, int):
        return {"answer": step.options[value].label, "number": value + 1}
    if isinstance(step, MultiStep) and isinstance(value, tuple):
        return {"answer": [step.options[i].label for i in value], "numbers": [i + 1 for i in value]}
    if isinstance(step, CheckStep) and isinstance(value, str):
        return {"answer": value}
    if isinstance(step, InfoStep):
        return {"answer": INFO_READ}
    return {}


def build_record(
    session: Session, *, extra: Mapping[str, Any] | None = None, with_kept: bool = False
) -> dict[str, Any]:
    """The record of ``session`` as plain data, ready for ``render_record``.

    ``extra`` may add the tables in ``EXTRA_KEYS`` (training mode adds ``score``).
    Every step on the path is listed; all but the last carry their answer.
    ``with_kept`` (drafts only, never an export) adds ``kept``: the answers and
    notes off the path, so a resumed draft has them back.
    """
    flow = session.flow
    if session.mode not in MODES:
        raise ValueError(f"unknown mode {session.mode!r}")
    data: dict[str, Any] = {
        "format": FORMAT,
        "session_id": session.id,
        "flow": flow.id,
        "flow_version": flow.version,
        "flow_hash": session.loaded.digest,
        "flow_title": flow.title,
        "source": flow.source,
        "source_hash": source_digest(session.loaded.source),
        "mode": session.mode,
    }
    if session.case_ref:
        data["case_ref"] = session.case_ref
    data["started"] = session.started_at
    if session.finished and session.finished_at is not None:
        data["finished"] = session.finished_at
    for key, table in (extra or {}).items():
        if key not in EXTRA_KEYS:
            raise ValueError(f"unknown record table {key!r}")
        if table is not None:
            data[key] = dict(table)
    steps = []
    last = len(session.path) - 1
    for index, step_id in enumerate(session.path):
        step = flow.steps[step_id]
        item: dict[str, Any] = {"id": step_id, "kind": step.kind, "prompt": step.prompt}
        if isinstance(step, ChoiceStep | MultiStep):
            item["options"] = [option.label for option in step.options]
        if index < last:
            item.update(answer_fields(step, session.answers[step_id]))
        note = session.notes.get(step_id, "")
        if note:
            item["note"] = note
        item["citations"] = list(step.cites)
        item["step_hash"] = step_digest(step)
        if step.source_silent:
            item["source_silent"] = list(step.source_silent)
            item["source_silent_text"] = silent_line(session.loaded.source, step)
        steps.append(item)
    data["steps"] = steps
    data["actions"] = [
        {
            "text": item.action.text,
            "group": item.action.group,
            "citations": list(item.action.cites),
            "step": item.step_id,
        }
        for item in session.recommended()
    ]
    if session.protocol is not None:
        data["protocol"] = protocol_table(session.protocol)
        entries = entry_tables(session)
        if entries:
            data["protocol_entries"] = entries
    if with_kept:
        kept = kept_items(session)
        if kept:
            data["kept"] = kept
    return data


def kept_items(session: Session) -> list[dict[str, Any]]:
    """The ``kept`` tables of a draft: every answer and note the path does not hold."""
    items = []
    on_path = set(session.path)
    for step_id in session.off_path():
        step = session.flow.steps[step_id]
        item: dict[str, Any] = {"id": step_id, "kind": step.kind}
        if step_id in session.answers:
            item.update(answer_fields(step, session.answers[step_id]))
        note = session.notes.get(step_id, "")
        if note and step_id not in on_path:
            item["note"] = note
        items.append(item)
    return items


def _check_aware(data: Mapping[str, Any]) -> None:
    for key in ("started", "finished"):
        value = data.get(key)
        if isinstance(value, dt.datetime) and value.utcoffset() is None:
            raise ValueError(f"{key} must be timezone-aware")


def _table(item: Mapping[str, Any]) -> str:
    """One ``[[...]]`` table's keys, with the citations in words in a comment above their list.

    The keys before ``citations`` are encoded apart, so the comment can never land
    inside a multi-line string such as a note.
    """
    if "citations" not in item:
        return tomli_w.dumps(item, multiline_strings=True)
    keys = list(item)
    at = keys.index("citations")
    before = {key: item[key] for key in keys[:at]}
    rest = {key: item[key] for key in keys[at:]}  # citations, then hashes and ids: one line each
    return (
        tomli_w.dumps(before, multiline_strings=True)
        + citations_comment(list(item["citations"]))
        + tomli_w.dumps(rest)
    )


def render_record(data: Mapping[str, Any], source: Source | None = None) -> bytes:
    """TOML bytes with ``[[steps]]`` and ``[[actions]]`` always as tables, for readability.

    tomli-w encodes every value; the table headers are placed here because
    tomli-w would inline short arrays of tables. Dutch comments explain the file
    to a person (``core.records.explain``); ``source`` names it and its date there.
    """
    _check_aware(data)
    tables = ("score", "protocol", "steps", "actions", "protocol_entries", "kept")
    head = {k: v for k, v in data.items() if k not in tables}
    parts = [file_header(data, source), tomli_w.dumps(head, multiline_strings=True)]
    if data.get("score"):
        parts.append("\n[score]\n" + tomli_w.dumps(data["score"]))
    if data.get("protocol"):
        parts.append("\n[protocol]\n" + tomli_w.dumps(data["protocol"]))
    for key in ("steps", "actions"):
        for item in data.get(key, ()):
            parts.append(f"\n[[{key}]]\n" + _table(item))
    parts += render_entries(data.get("protocol_entries", []))
    for item in data.get("kept", ()):
        parts.append("\n[[kept]]\n" + _table(item))
    return "".join(parts).encode("utf-8")


def record_bytes(
    session: Session, *, extra: Mapping[str, Any] | None = None, with_kept: bool = False
) -> bytes:
    data = build_record(session, extra=extra, with_kept=with_kept)
    return render_record(data, session.loaded.source)


def record_data(record: Record) -> dict[str, Any]:
    """A read record back as plain data in the order ``build_record`` uses."""
    data = record.model_dump(exclude_none=True, exclude_defaults=False)
    if not data.get("case_ref"):
        data.pop("case_ref", None)
    for step in (*data["steps"], *data["kept"]):
        if not step.get("note"):
            step.pop("note", None)
        for key in ("source_silent", "source_silent_text"):
            if key in step and not step[key]:
                del step[key]
    if not data["kept"]:
        del data["kept"]
    for entry in data.get("protocol_entries", ()):
        if not entry.get("contacts"):
            entry.pop("contacts", None)
    if not data.get("protocol_entries"):
        data.pop("protocol_entries", None)
    return data
