"""The record: a walked session as a TOML file, and that file read back safely.

Writing: ``build_record`` turns a session into plain data (no None anywhere,
aware timestamps), ``render_record`` into bytes, deterministically: the same
session always gives the same bytes. Reading: ``read_record`` caps the size,
parses, validates with a strict model and checks the shape of every step; every
fault becomes a Dutch ``ProblemsError`` that names the field, never the data.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, cast

import tomli_w
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from wegwijzer.core.flow import CheckStep, ChoiceStep, Group, InfoStep, MultiStep, Step
from wegwijzer.core.problems import MAX_PROBLEMS, Problem, ProblemsError
from wegwijzer.core.session import INFO_READ, NOTE_LIMIT, Answer, Session
from wegwijzer.core.text import clean_tree
from wegwijzer.core.tomlfile import parse_toml, read_toml

FORMAT = 1
RECORD_MAX_BYTES = 2 * 1024 * 1024
MODES = ("casus", "oefening")
EXTRA_KEYS = ("score",)
SESSION_ID = re.compile(r"^[0-9a-f]{32}$")

Slug = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Citation = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,2}(?:\.[1-9][0-9]{0,2})?$")]
Label = Annotated[str, Field(min_length=1, max_length=300)]
# The answer fields of a step, shared by [[steps]] and [[kept]].
StepKind = Literal["choice", "multi", "check", "info", "outcome"]
AnswerText = Label | Annotated[list[Label], Field(min_length=1, max_length=30)]
OptionNumber = Annotated[int, Field(ge=1, le=30)]
OptionNumbers = Annotated[list[OptionNumber], Field(min_length=1, max_length=30)]
NoteText = Annotated[str, Field(max_length=NOTE_LIMIT)]
Scalar = bool | int | float | str


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class StepRecord(_Model):
    """One step on the path. The last one has no answer when it is the outcome or still open."""

    id: Slug
    kind: StepKind
    prompt: Annotated[str, Field(min_length=1, max_length=4000)]
    answer: AnswerText | None = None
    number: OptionNumber | None = None
    numbers: OptionNumbers | None = None
    note: NoteText = ""
    citations: Annotated[list[Citation], Field(max_length=40)]


class KeptRecord(_Model):
    """Drafts only: an answer or note kept off the current path (after going back).

    The same answer fields as a step; no prompt or citations, since it is not part of
    what was decided. Resuming restores it so walking on finds it waiting.
    """

    id: Slug
    kind: StepKind
    answer: AnswerText | None = None
    number: OptionNumber | None = None
    numbers: OptionNumbers | None = None
    note: NoteText = ""


class ActionRecord(_Model):
    text: Annotated[str, Field(min_length=1, max_length=4000)]
    group: Group
    citations: Annotated[list[Citation], Field(max_length=40)]
    step: Slug


class Record(_Model):
    format: Literal[1]
    session_id: Annotated[str, Field(pattern=SESSION_ID.pattern)]
    flow: Slug
    flow_version: Annotated[str, Field(min_length=1, max_length=40)]
    flow_hash: Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]
    flow_title: Annotated[str, Field(min_length=1, max_length=4000)]
    source: Annotated[str, Field(min_length=1, max_length=64)]
    mode: Literal["casus", "oefening"]
    case_ref: Annotated[str, Field(max_length=80)] = ""
    started: AwareDatetime
    finished: AwareDatetime | None = None
    score: Annotated[dict[str, Scalar | list[Scalar]], Field(max_length=100)] | None = None
    steps: Annotated[list[StepRecord], Field(min_length=1, max_length=2000)]
    actions: Annotated[list[ActionRecord], Field(max_length=500)] = []
    kept: Annotated[list[KeptRecord], Field(max_length=2000)] = []

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
        "mode": session.mode,
    }
    if session.case_ref:
        data["case_ref"] = session.case_ref
    data["started"] = session.started_at
    if session.finished and session.finished_at is not None:
        data["finished"] = session.finished_at
    for key, value in (extra or {}).items():
        if key not in EXTRA_KEYS:
            raise ValueError(f"unknown record table {key!r}")
        if value is not None:
            data[key] = dict(value)
    steps = []
    last = len(session.path) - 1
    for index, step_id in enumerate(session.path):
        step = flow.steps[step_id]
        item: dict[str, Any] = {"id": step_id, "kind": step.kind, "prompt": step.prompt}
        if index < last:
            item.update(answer_fields(step, session.answers[step_id]))
        note = session.notes.get(step_id, "")
        if note:
            item["note"] = note
        item["citations"] = list(step.cites)
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


def render_record(data: Mapping[str, Any]) -> bytes:
    """TOML bytes with ``[[steps]]`` and ``[[actions]]`` always as tables, for readability.

    tomli-w encodes every value; the table headers are placed here because
    tomli-w would inline short arrays of tables.
    """
    _check_aware(data)
    tables = ("score", "steps", "actions", "kept")
    head = {k: v for k, v in data.items() if k not in tables}
    parts = [tomli_w.dumps(head, multiline_strings=True)]
    if data.get("score"):
        parts.append("\n[score]\n" + tomli_w.dumps(data["score"]))
    for key in ("steps", "actions", "kept"):
        for item in data.get(key, ()):
            parts.append(f"\n[[{key}]]\n" + tomli_w.dumps(item, multiline_strings=True))
    return "".join(parts).encode("utf-8")


def record_bytes(
    session: Session, *, extra: Mapping[str, Any] | None = None, with_kept: bool = False
) -> bytes:
    return render_record(build_record(session, extra=extra, with_kept=with_kept))


def record_data(record: Record) -> dict[str, Any]:
    """A read record back as plain data in the order ``build_record`` uses."""
    data = record.model_dump(exclude_none=True, exclude_defaults=False)
    if not data.get("case_ref"):
        data.pop("case_ref", None)
    for step in (*data["steps"], *data["kept"]):
        if not step.get("note"):
            step.pop("note", None)
    if not data["kept"]:
        del data["kept"]
    return data


# --- bytes -> record -------------------------------------------------------------

_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "tekst is te lang",
    "string_pattern_mismatch": "heeft niet de verwachte vorm",
    "int_type": "moet een geheel getal zijn",
    "greater_than_equal": "getal is te klein",
    "less_than_equal": "getal is te groot",
    "list_type": "moet een lijst zijn",
    "too_short": "mag niet leeg zijn",
    "too_long": "heeft te veel elementen",
    "dict_type": "moet een tabel zijn",
    "model_type": "moet een tabel zijn",
    "datetime_type": "moet een tijdstip zijn (bijv. 2024-05-01T09:30:00+02:00)",
    "timezone_aware": "tijdstip zonder tijdzone; voeg er een toe (bijv. +02:00 of Z)",
}
_FIELDS = (
    set(Record.model_fields)
    | set(StepRecord.model_fields)
    | set(ActionRecord.model_fields)
    | set(KeptRecord.model_fields)
)


def _step_id(raw: Mapping[str, Any], index: int, table: str = "steps") -> str:
    steps = raw.get(table)
    if isinstance(steps, list) and index < len(steps) and isinstance(steps[index], dict):
        step_id = steps[index].get("id")
        if isinstance(step_id, str) and re.fullmatch(r"[a-z0-9-]{1,64}", step_id):
            return step_id
    return ""


def _translate(error: Mapping[str, Any], raw: Mapping[str, Any], name: str) -> Problem:
    loc = list(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        key = str(loc.pop())[:40]
        message = f"onbekend veld '{key}'"
    elif kind == "literal_error":
        message = f"ongeldige waarde; toegestaan: {error.get('ctx', {}).get('expected', '')}"
    else:
        message = _MESSAGES.get(kind, "ongeldige waarde")
    # Union members show up as loc parts like "str" or "list[str]": leave them out.
    parts = [p for p in loc if isinstance(p, int) or p in _FIELDS]
    step = ""
    if len(parts) >= 2 and parts[0] in ("steps", "kept") and isinstance(parts[1], int):
        step = _step_id(raw, parts[1], str(parts[0]))
    field = ""
    for part in parts:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return Problem(name, step, field, message)


def _answer_shape(item: StepRecord | KeptRecord) -> list[tuple[str, str]]:
    """Whether an answer has the fields its kind needs: (field, message) for each fault."""
    faults = []
    if item.kind == "choice" and (not isinstance(item.answer, str) or item.number is None):
        faults.append(("answer", "een keuze heeft één antwoord en een nummer ('number')"))
    elif item.kind == "multi" and (
        not isinstance(item.answer, list)
        or item.numbers is None
        or len(item.numbers) != len(item.answer)
    ):
        faults.append(
            ("answer", "een meerkeuze heeft een lijst antwoorden en evenveel nummers ('numbers')")
        )
    elif item.kind in ("check", "info") and not isinstance(item.answer, str):
        faults.append(("answer", "moet tekst zijn"))
    if item.kind != "choice" and item.number is not None:
        faults.append(("number", "alleen een keuze ('choice') heeft een nummer"))
    if item.kind != "multi" and item.numbers is not None:
        faults.append(("numbers", "alleen een meerkeuze ('multi') heeft nummers"))
    return faults


def _kept_problems(record: Record, name: str) -> list[Problem]:
    """The same shape rules for ``kept``; whether an entry fits the flow is for resuming."""
    problems: list[Problem] = []

    def fail(index: int, field: str, message: str) -> None:
        problems.append(Problem(name, record.kept[index].id, f"kept[{index}].{field}", message))

    seen: set[str] = set()
    for index, item in enumerate(record.kept):
        if item.id in seen:
            fail(index, "id", "deze stap staat al eerder in 'kept'")
        seen.add(item.id)
        if item.answer is None:
            if not item.note:
                fail(index, "answer", "een bewaard antwoord heeft een antwoord of een notitie")
            if item.number is not None or item.numbers is not None:
                fail(index, "number", "nummer zonder antwoord")
            continue
        faults = _answer_shape(item)
        if item.kind == "outcome":
            fail(index, "answer", "een uitkomst heeft geen antwoord")
            faults = [fault for fault in faults if fault[0] != "answer"]
        for field, message in faults:
            fail(index, field, message)
    return problems


def _shape_problems(record: Record, name: str) -> list[Problem]:
    """Rules between fields: which answers go with which kind, where the path ends."""
    problems: list[Problem] = []
    last = len(record.steps) - 1

    def fail(index: int, field: str, message: str) -> None:
        problems.append(Problem(name, record.steps[index].id, f"steps[{index}].{field}", message))

    for index, step in enumerate(record.steps):
        if step.kind == "outcome" and index != last:
            fail(index, "kind", "een uitkomst kan alleen de laatste stap zijn")
        if step.answer is None:
            if index != last:
                fail(index, "answer", "antwoord ontbreekt")
            if step.number is not None or step.numbers is not None:
                fail(index, "number", "nummer zonder antwoord")
            continue
        faults = _answer_shape(step)
        if step.kind == "outcome" or index == last:
            fail(index, "answer", "de laatste stap heeft geen antwoord")
            faults = [fault for fault in faults if fault[0] != "answer"]
        for field, message in faults:
            fail(index, field, message)
    problems += _kept_problems(record, name)
    ends_at_outcome = record.steps[last].kind == "outcome"
    if record.finished is None and ends_at_outcome:
        problems.append(
            Problem(name, "", "finished", "de uitkomst is bereikt maar de eindtijd ontbreekt")
        )
    if record.finished is not None and not ends_at_outcome:
        problems.append(
            Problem(name, "", "finished", "eindtijd gegeven maar de laatste stap is geen uitkomst")
        )
    if record.finished is not None and record.finished < record.started:
        problems.append(Problem(name, "", "finished", "de eindtijd ligt vóór de begintijd"))
    if record.actions and record.finished is None:
        problems.append(Problem(name, "", "actions", "acties zonder afgeronde sessie"))
    return problems[:MAX_PROBLEMS]


def validate_record(raw: dict[str, Any], name: str) -> Record:
    try:
        # Keys and values as the flow loader has them: control characters made visible,
        # so no message, review or comparison ever carries a terminal sequence.
        raw = cast(dict[str, Any], clean_tree(raw))
        record = Record.model_validate(raw)
    except ValidationError as error:
        seen: dict[tuple[str, str], Problem] = {}
        for item in error.errors(include_input=False, include_url=False):
            problem = _translate(item, raw, name)
            key = (problem.step, problem.field)
            # A union field fails once per member: keep one message, the first.
            seen.setdefault(key, problem)
        raise ProblemsError(list(seen.values())) from None
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None
    problems = _shape_problems(record, name)
    if problems:
        raise ProblemsError(problems)
    return record


def parse_record(data: bytes, name: str) -> Record:
    return validate_record(parse_toml(data, name, RECORD_MAX_BYTES), name)


def read_record(path: Path) -> Record:
    """Read a record file; every fault is a Dutch ``ProblemsError``."""
    return validate_record(read_toml(Path(path), RECORD_MAX_BYTES), str(path))
