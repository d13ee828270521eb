"""Drift: what changed in the flow or the source since a record was made, for this record.

A record stores the flow's version and content hash, the source's hash, and for each
step its words (prompt, options, citations) and a hash of the step. Opened against
today's flow, ``find_drift`` names in Dutch what changed for the steps this record
took, and whether the answers still fit (``misfits``: where they do not). Records made
before the source and step hashes were kept stay readable; what they lack is not
compared. Every line names steps by number and id, never what the user wrote.
"""

from __future__ import annotations

from dataclasses import dataclass

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import Step, step_digest
from wegwijzer.core.flows.source import cites_label, source_digest
from wegwijzer.core.records.record import Record, StepRecord, build_record
from wegwijzer.core.records.resume import Opened, option_labels, path_reasons, replay

FLOW_CHANGED = "het stappenplan is gewijzigd sinds dit overzicht is gemaakt"
SOURCE_CHANGED = (
    "De bron is gewijzigd sinds dit overzicht is gemaakt; "
    "de geciteerde tekst komt uit de huidige bron."
)


@dataclass(frozen=True)
class Drift:
    """What changed for one record; empty lists when nothing did."""

    flow_changed: bool
    source_changed: bool
    changes: tuple[str, ...]  # Dutch lines for people, one per change
    misfits: tuple[str, ...]  # Dutch: where the answers no longer fit the flow

    @property
    def fits(self) -> bool:
        """Whether every answer still fits the flow as it is now."""
        return not self.misfits


def _cites(cites: list[str] | tuple[str, ...]) -> str:
    return cites_label(cites) or "geen"


def step_changes(item: StepRecord, step: Step) -> list[str]:
    """What changed in one step since the record stored it, in Dutch (without the step's name)."""
    found = []
    if item.kind != step.kind:
        return ["de soort stap is gewijzigd"]
    if item.prompt != step.prompt:
        found.append("de vraag is gewijzigd")
    if item.options is not None and item.options != option_labels(step):
        found.append("de keuzes zijn gewijzigd")
    if item.citations != list(step.cites):
        found.append(
            f"de verwijzingen zijn gewijzigd (was: {_cites(item.citations)}; "
            f"nu: {_cites(step.cites)})"
        )
    if not found and item.step_hash is not None and item.step_hash != step_digest(step):
        found.append("de toelichting of wat een keuze aanbeveelt is gewijzigd")
    return found


def _step_lines(record: Record, loaded: LoadedFlow) -> tuple[list[str], list[str]]:
    """The changes per step, and the steps whose words differ although the step did not change.

    A step whose stored hash is today's hash has not changed: words that differ
    were changed in the file, not in the flow, and that is a fault, not drift.
    """
    lines, altered = [], []
    for number, item in enumerate(record.steps, start=1):
        where = f"Stap {number} ('{item.id}')"
        step = loaded.flow.steps.get(item.id)
        if step is None:
            lines.append(f"{where} bestaat niet meer in het stappenplan.")
            continue
        changes = step_changes(item, step)
        if changes and item.step_hash == step_digest(step):
            altered.append(
                f"stap {number} ('{item.id}'): de woorden wijken af van de stap, "
                "terwijl die niet is gewijzigd"
            )
            continue
        lines += [f"{where}: {change}." for change in changes]
    return lines, altered


def _actions_changed(record: Record, loaded: LoadedFlow) -> bool:
    """Whether today's flow recommends other actions for the same answers."""
    if not record.complete:
        return False
    expected: list[dict[str, object]] = build_record(replay(record, loaded))["actions"]
    return [action.model_dump() for action in record.actions] != expected


def find_drift(record: Record, loaded: LoadedFlow) -> Drift | None:
    """What changed since ``record`` was made with (an earlier state of) ``loaded``.

    None when nothing did, or when ``loaded`` is another flow or names another
    source: that is not drift but the wrong flow, and ``resume`` says so.
    """
    flow = loaded.flow
    if record.flow != flow.id or record.source != flow.source:
        return None
    flow_changed = record.flow_hash != loaded.digest
    source_changed = record.source_hash is not None and record.source_hash != source_digest(
        loaded.source
    )
    if not flow_changed and not source_changed:
        return None
    changes: list[str] = []
    misfits: list[str] = []
    if flow_changed:
        if record.flow_version != flow.version:
            changes.append(
                f"Het stappenplan is nu versie {flow.version}; "
                f"dit overzicht is gemaakt met versie {record.flow_version}."
            )
        if record.flow_title != flow.title:
            changes.append("De titel van het stappenplan is gewijzigd.")
        lines, altered = _step_lines(record, loaded)
        changes += lines
        misfits = altered + path_reasons(record, flow, texts=False)
        if not misfits and _actions_changed(record, loaded):
            changes.append("De aanbevolen acties bij deze uitkomst zijn gewijzigd.")
        if not changes:
            changes.append(
                "Het stappenplan is gewijzigd, maar niet in de stappen van dit overzicht."
            )
    if source_changed:
        changes.append(SOURCE_CHANGED)
    return Drift(flow_changed, source_changed, tuple(changes), tuple(misfits))


def drift_of(opened: Opened) -> Drift | None:
    """The drift of an opened record against the flow it was opened with, if any."""
    return find_drift(opened.record, opened.loaded) if opened.loaded is not None else None


def shown_reasons(reasons: list[str], drift: Drift | None) -> list[str]:
    """Why a record is review only, as a person reads it next to the list of changes.

    When the flow changed, the per-step differences are the changes themselves;
    one line says why the record cannot be resumed.
    """
    if drift is not None and drift.flow_changed:
        return [FLOW_CHANGED]
    return reasons
