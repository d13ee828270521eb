"""Reading a record back: size cap, TOML limits, the strict model, the shape of every step.

Every fault becomes a Dutch ``ProblemsError`` that names the field, never the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from pydantic import ValidationError

from wegwijzer.core.base.problems import MAX_PROBLEMS, Problem, ProblemsError, allowed_values
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.base.tomlfile import parse_toml, read_toml
from wegwijzer.core.records import schema
from wegwijzer.core.records.record import RECORD_MAX_BYTES, KeptRecord, Record, StepRecord
from wegwijzer.core.records.schema import SINGLE_LINE

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
    "date_type": "moet een datum zijn (bijv. 2026-03-01)",
}
_FIELDS = (
    set(schema.Record.model_fields)
    | set(schema.StepRecord.model_fields)
    | set(schema.ActionRecord.model_fields)
    | set(schema.KeptRecord.model_fields)
    | set(schema.ProtocolRecord.model_fields)
    | set(schema.ProtocolEntryRecord.model_fields)
    | set(schema.ContactRecord.model_fields)
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
        expected = allowed_values(error.get("ctx", {}).get("expected", ""))
        message = f"ongeldige waarde; toegestaan: {expected}"
    elif kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == SINGLE_LINE:
        message = "mag maar één regel zijn"
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


_OPTIONS = ("choice", "multi")


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
    if isinstance(item, StepRecord) and item.options is not None and item.kind not in _OPTIONS:
        faults.append(("options", "alleen een keuze of meerkeuze heeft keuzes ('options')"))
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
    if record.protocol_entries and record.protocol is None:
        problems.append(
            Problem(name, "", "protocol_entries", "protocoltekst zonder '[protocol]' dat hem noemt")
        )
    return problems[:MAX_PROBLEMS]


def validate_record(raw: dict[str, Any], name: str) -> Record:
    try:
        # Keys and values as the flow loader has them: control characters made visible,
        # so no message, review or comparison ever carries a terminal sequence.
        raw = cast(dict[str, Any], clean_tree(raw))
        record = Record.model_validate(raw)  # pydantic (``schema.Record``), then built
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
