"""A record back to a session: checked against its flow, then replayed answer by answer.

A record is only resumed when it matches the current flow exactly (same id,
version and content hash) and every answer replays to the same path and the
same actions. Otherwise it opens for review only, with the reasons in Dutch.
Reasons name steps and fields, never what the user wrote.

A draft's ``kept`` entries (answers and notes off the path) are restored after the
path is replayed. They never change the path: an entry that does not fit the flow
is dropped, with a Dutch reason in ``Opened.dropped``, and the rest resumes.
"""

from __future__ import annotations

from dataclasses import field
from pathlib import Path

from wegwijzer.core.base.text import clean
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import (
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    Step,
    step_digest,
)
from wegwijzer.core.flows.silence import silent_line
from wegwijzer.core.flows.source import cites_label
from wegwijzer.core.records.record import KeptRecord, Record, StepRecord, build_record
from wegwijzer.core.records.vouch import load_record
from wegwijzer.core.walk.session import INFO_READ, Answer, AnswerError, Session, next_step


@value(frozen=True)
class Opened:
    """An opened record: a live session, or review only with the reasons why."""

    record: Record
    session: Session | None
    review_only: bool
    reasons: list[str] = field(default_factory=list)
    loaded: LoadedFlow | None = None
    dropped: list[str] = field(default_factory=list)  # kept entries left out, and why


def find_flow(catalog: Catalog, flow_id: str) -> LoadedFlow | None:
    """The catalog's flow with exactly this id."""
    for loaded in catalog.flows:
        if loaded.flow.id == flow_id:
            return loaded
    return None


def flow_reasons(record: Record, loaded: LoadedFlow) -> list[str]:
    """Why ``record`` was not made with this very flow file, if it was not."""
    flow = loaded.flow
    if record.flow != flow.id:
        return [f"het overzicht hoort bij stappenplan '{record.flow}', niet bij '{flow.id}'"]
    reasons = []
    if record.flow_version != flow.version:
        reasons.append(
            f"het overzicht is gemaakt met versie {record.flow_version[:40]} van het stappenplan; "
            f"de huidige versie is {flow.version}"
        )
    if record.flow_hash != loaded.digest:
        reasons.append(
            "het stappenplan is gewijzigd sinds het overzicht is gemaakt (de inhoud-hash verschilt)"
        )
    elif record.flow_title != flow.title:
        reasons.append("de titel van het stappenplan in het overzicht wijkt af van het stappenplan")
    if record.source != flow.source:
        reasons.append(f"het overzicht noemt een andere bron dan het stappenplan ('{flow.source}')")
    return reasons


def stored_answer(item: StepRecord | KeptRecord, step: Step) -> tuple[Answer, str]:
    """The session answer a step record holds, or ("", reason) when it does not fit ``step``."""
    if isinstance(step, ChoiceStep):
        index = (item.number or 0) - 1
        if not 0 <= index < len(step.options):
            return None, f"antwoordnummer is geen keuze van deze stap (1 t/m {len(step.options)})"
        if item.answer != step.options[index].label:
            return None, f"het antwoord is niet de tekst van keuze {index + 1}"
        return index, ""
    if isinstance(step, MultiStep):
        numbers = item.numbers or []
        if any(not 1 <= n <= len(step.options) for n in numbers):
            return (
                None,
                f"antwoordnummers zijn geen keuzes van deze stap (1 t/m {len(step.options)})",
            )
        if numbers != sorted(set(numbers)):
            return None, "antwoordnummers staan niet oplopend of komen dubbel voor"
        if item.answer != [step.options[n - 1].label for n in numbers]:
            return None, "de antwoorden zijn niet de teksten van de gekozen nummers"
        alone = step.clash(n - 1 for n in numbers)
        if alone is not None:
            return None, f"‘{clean(alone.label)}’ kiest u alleen, niet samen met een andere optie"
        return tuple(n - 1 for n in numbers), ""
    if isinstance(step, CheckStep):
        if item.answer not in step.statuses:
            return None, "het antwoord is geen status van deze stap (" + ", ".join(
                step.statuses
            ) + ")"
        return item.answer, ""
    if isinstance(step, InfoStep):
        if item.answer != INFO_READ:
            return None, f"bij een informatiestap is het antwoord '{INFO_READ}'"
        return None, ""
    return None, "een uitkomst heeft geen antwoord"


def text_reasons(item: StepRecord, step: Step) -> list[str]:
    """Where a stored step's words differ from the flow's step: prompt, options, citations."""
    reasons = []
    if item.prompt != step.prompt:
        reasons.append("de vraag wijkt af van het stappenplan")
    if item.options is not None and item.options != option_labels(step):
        reasons.append("de keuzes wijken af van het stappenplan")
    if item.citations != list(step.cites):
        # In the words of every other citation a person reads: "antwoord 4, alinea 1".
        reasons.append(f"de verwijzingen wijken af van het stappenplan ({cites_label(step.cites)})")
    if item.step_hash is not None and item.step_hash != step_digest(step):
        reasons.append("de stap wijkt af van het stappenplan")
    return reasons


def option_labels(step: Step) -> list[str] | None:
    """The labels a record stores for ``step``: its options, or None when it has none."""
    if isinstance(step, ChoiceStep | MultiStep):
        return [option.label for option in step.options]
    return None


def path_reasons(record: Record, flow: Flow, *, texts: bool = True) -> list[str]:
    """Whether the steps form a path through ``flow``: start, answers, order, citations.

    ``texts=False`` leaves out the words of each step (prompt, options, citations):
    whether the answers still fit a flow that changed since.
    """
    reasons: list[str] = []
    expected = flow.start
    for number, item in enumerate(record.steps, start=1):
        where = f"stap {number} ('{item.id}')"
        if item.id not in flow.steps:
            reasons.append(f"{where} bestaat niet in het stappenplan")
            break
        if item.id != expected:
            if number == 1:
                reasons.append(f"{where}: het pad begint niet bij de startstap '{flow.start}'")
            else:
                after = f"het antwoord op stap {number - 1}"
                reasons.append(f"{where} volgt niet uit {after} (verwacht '{expected}')")
            break
        step = flow.steps[item.id]
        if item.kind != step.kind:
            reasons.append(
                f"{where}: soort '{item.kind}' wijkt af van het stappenplan ('{step.kind}')"
            )
            break
        if texts:
            reasons += [f"{where}: {why}" for why in text_reasons(item, step)]
        if item.answer is None:
            break
        value, why = stored_answer(item, step)
        if why:
            reasons.append(f"{where}: {why}")
            break
        expected = next_step(step, value)
    return reasons


def silent_reasons(record: Record, loaded: LoadedFlow) -> list[str]:
    """Whether each step records what the flow says the source is silent on, word for word."""
    reasons = []
    for number, item in enumerate(record.steps, start=1):
        step = loaded.flow.steps.get(item.id)
        if step is None:
            continue
        if item.source_silent != list(step.source_silent) or item.source_silent_text != (
            silent_line(loaded.source, step)
        ):
            reasons.append(
                f"stap {number} ('{item.id}'): wat het overzicht zegt over waar de bron zwijgt, "
                "wijkt af van het stappenplan"
            )
    return reasons


def replay(record: Record, loaded: LoadedFlow) -> Session:
    """Rebuild the session; call only when ``path_reasons`` found nothing."""
    session = Session(loaded, mode=record.mode, case_ref=record.case_ref)
    session.id = record.session_id
    session.started_at = record.started
    for item in record.steps:
        if item.answer is None:
            break
        value, why = stored_answer(item, session.current)
        if why:
            raise ValueError(why)
        session.answer(value)
    session.finished_at = record.finished if session.finished else None
    for item in record.steps:
        if item.note:
            session.set_note(item.id, item.note)
    return session


@value(frozen=True)
class KeptVerdict:
    """What of one ``kept`` entry goes back into the session, and why the rest does not."""

    item: KeptRecord
    answer: Answer
    restore_answer: bool
    restore_note: bool
    reason: str  # Dutch, "" when everything in the entry is restored


def kept_verdicts(record: Record, flow: Flow) -> list[KeptVerdict]:
    """Judge every ``kept`` entry against the flow and the record's path.

    An entry is left out whole when its step is not in the flow, is of another kind,
    or is already answered on the path. Otherwise its answer is left out when it is
    not one the step offers, and its note when the step is on the path (the path's
    own note is the one that counts). Reasons name the step, never the text.
    """
    answered = {item.id for item in record.steps if item.answer is not None}
    on_path = {item.id for item in record.steps}
    verdicts = []
    for number, item in enumerate(record.kept, start=1):
        where = f"bewaard antwoord {number} ('{item.id}')"
        step = flow.steps.get(item.id)
        if step is None:
            reason = f"{where} bestaat niet in het stappenplan en is weggelaten"
        elif item.kind != step.kind:
            reason = f"{where}: soort '{item.kind}' wijkt af van het stappenplan; weggelaten"
        elif item.id in answered:
            reason = f"{where} staat al beantwoord op het pad en is weggelaten"
        else:
            value, why = stored_answer(item, step) if item.answer is not None else (None, "")
            restore_answer = item.answer is not None and not why
            restore_note = bool(item.note) and item.id not in on_path
            problems = []
            if why:
                problems.append(f"{why}; het antwoord is weggelaten")
            if item.note and not restore_note:
                problems.append("de notitie staat al bij de stap op het pad; weggelaten")
            reason = f"{where}: " + "; ".join(problems) if problems else ""
            verdicts.append(KeptVerdict(item, value, restore_answer, restore_note, reason))
            continue
        verdicts.append(KeptVerdict(item, None, False, False, reason))
    return verdicts


def kept_reasons(record: Record, flow: Flow) -> list[str]:
    """One Dutch line for every ``kept`` entry (or part of one) that cannot be restored."""
    return [verdict.reason for verdict in kept_verdicts(record, flow) if verdict.reason]


def restore_kept(record: Record, session: Session) -> list[str]:
    """Put the fitting ``kept`` answers and notes back into ``session``; the reasons for the rest.

    Call after ``replay``: the path is already there and never changes here.
    """
    dropped = []
    for verdict in kept_verdicts(record, session.flow):
        step_id = verdict.item.id
        if verdict.restore_note:
            session.set_note(step_id, verdict.item.note)
        if verdict.restore_answer:
            try:
                session.restore_answer(step_id, verdict.answer)
            except AnswerError:  # stored_answer already checked; a draft must never crash
                dropped.append(f"bewaard antwoord ('{step_id}') past niet bij de stap; weggelaten")
        if verdict.reason:
            dropped.append(verdict.reason)
    return dropped


def action_reasons(record: Record, session: Session) -> list[str]:
    """Whether the record lists exactly the actions the flow recommends for this path."""
    expected = build_record(session)["actions"]
    found = [action.model_dump() for action in record.actions]
    if found == expected:
        return []
    if len(found) != len(expected):
        return [
            f"het overzicht noemt {len(found)} acties; "
            f"het stappenplan beveelt er {len(expected)} aan"
        ]
    return [
        f"actie {number} wijkt af van wat het stappenplan aanbeveelt"
        for number, (have, want) in enumerate(zip(found, expected, strict=True), start=1)
        if have != want
    ]


def record_reasons(record: Record, loaded: LoadedFlow) -> list[str]:
    """Every way ``record`` disagrees with ``loaded``; empty when it is true to the flow."""
    reasons = flow_reasons(record, loaded)
    if record.flow != loaded.flow.id:
        return reasons
    path = path_reasons(record, loaded.flow)
    reasons += path
    if not path:
        reasons += silent_reasons(record, loaded)
        reasons += action_reasons(record, replay(record, loaded))
    return reasons


def open_loaded(record: Record, loaded: LoadedFlow | None) -> Opened:
    if loaded is None:
        return Opened(
            record, None, True, [f"het stappenplan '{record.flow}' is hier niet beschikbaar"]
        )
    reasons = record_reasons(record, loaded)
    if reasons:
        return Opened(record, None, True, reasons, loaded)
    session = replay(record, loaded)
    dropped = restore_kept(record, session)
    return Opened(record, session, False, [], loaded, dropped)


def open_record(
    path: Path, *, catalog: Catalog | None = None, loaded: LoadedFlow | None = None
) -> Opened:
    """Read ``path`` and resume it when it matches its flow, else open it for review.

    The flow is ``loaded`` when given, else the catalog's flow with the record's
    id. Raises ``ProblemsError`` when the file itself cannot be read. The file is
    validated with the record model unless its exact bytes were before, by this checker
    (a draft this app wrote or listed: ``core.records.vouch``).
    """
    record = load_record(path)
    if loaded is None:
        loaded = find_flow(catalog if catalog is not None else load_catalog(), record.flow)
    return open_loaded(record, loaded)
