"""Which protocol a record was made with, and the entries it showed: kept apart from the source.

A record names the protocol (organisation, adoption date, content hash) in its own
``[protocol]`` table and the entries shown in ``[[protocol_entries]]``; neither has a
citation, and no step or action of the source ever holds protocol text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import field
from typing import TYPE_CHECKING, Any

import tomli_w

from wegwijzer.core.base.clock import local_date_text
from wegwijzer.core.base.text import clean
from wegwijzer.core.base.value import value
from wegwijzer.core.records.shape import RecordPart
from wegwijzer.core.walk.session import Session

if TYPE_CHECKING:
    from wegwijzer.core.flows.protocol import Protocol

# ``core.flows.protocol`` (the protocol file's pydantic model) is imported where a
# protocol is shown: resuming a draft made without one must not need pydantic.

# At run time frozen dataclasses (``shape``); their validators are in ``schema``.


@value(frozen=True, slots=True, kw_only=True)
class ProtocolRecord(RecordPart):
    organisation: str
    adopted: dt.date
    hash: str


@value(frozen=True, slots=True, kw_only=True)
class ContactRecord(RecordPart):
    label: str
    value: str


@value(frozen=True, slots=True, kw_only=True)
class ProtocolEntryRecord(RecordPart):
    """One protocol entry shown on the path: its topic, the step it was shown at, its text."""

    topic: str
    step: str
    text: str
    contacts: list[ContactRecord] = field(default_factory=list)


def protocol_table(protocol: Protocol) -> dict[str, Any]:
    return {
        "organisation": protocol.organisation,
        "adopted": protocol.adopted,
        "hash": protocol.digest,
    }


def entry_tables(session: Session) -> list[dict[str, Any]]:
    """The ``[[protocol_entries]]`` of a session: every entry shown on its path."""
    tables = []
    for shown in session.protocol_met():
        item: dict[str, Any] = {"topic": shown.topic, "step": shown.step_id}
        item["text"] = shown.entry.text
        if shown.entry.contacts:
            item["contacts"] = [
                {"label": contact.label, "value": contact.value} for contact in shown.entry.contacts
            ]
        tables.append(item)
    return tables


def render_entries(entries: list[dict[str, Any]]) -> list[str]:
    """TOML for ``[[protocol_entries]]``, each entry's contacts as sub-tables under it."""
    parts = []
    for item in entries:
        head = {key: value for key, value in item.items() if key != "contacts"}
        parts.append("\n[[protocol_entries]]\n" + tomli_w.dumps(head, multiline_strings=True))
        for contact in item.get("contacts", ()):
            parts.append("\n[[protocol_entries.contacts]]\n" + tomli_w.dumps(contact))
    return parts


def protocol_label(record: ProtocolRecord) -> str:
    """'Eigen protocol van X (vastgesteld 1 maart 2026) — niet uit de bron' for a record."""
    from wegwijzer.core.flows.protocol import protocol_heading

    return protocol_heading(record.organisation, record.adopted)


def protocol_lines(
    protocol: ProtocolRecord | None,
    entries: list[ProtocolEntryRecord],
    labels: dict[str, str],
    *,
    spoken: bool = False,
) -> list[str]:
    """The record's protocol as text to read; every string cleaned. ``spoken`` (line mode,
    ``open --plain``): sentences without indentation, for a screen reader."""
    if protocol is None:
        return []
    from wegwijzer.core.flows.protocol import protocol_heading

    indent, deeper = ("", "") if spoken else ("  ", "    ")
    step = "{}" if spoken else "'{}'"
    lines = [
        "",
        protocol_heading(protocol.organisation, protocol.adopted, spoken=spoken),
        f"{indent}Inhoud-hash: {protocol.hash}",
    ]
    if not entries:
        lines.append(f"{indent}Op dit pad is geen onderwerp uit het protocol getoond.")
    for entry in entries:
        label = clean(labels.get(entry.topic, entry.topic))
        lines.append(f"{indent}Bij stap {step.format(clean(entry.step))}, over {label}:")
        lines += [deeper + line for line in clean(entry.text, multiline=True).splitlines()]
        for contact in entry.contacts:
            lines.append(f"{deeper}{clean(contact.label)}: {clean(contact.value)}")
    return lines


def protocol_reasons(
    recorded: ProtocolRecord | None,
    entries: list[ProtocolEntryRecord],
    at_hand: Protocol | None,
    session: Session | None,
) -> list[str]:
    """Whether the protocol at hand is the one the record was made with, and shows the same.

    ``session`` is the record replayed (None when it could not be): with the same
    protocol it must show exactly the entries the record lists.
    """
    if recorded is None:
        if entries:
            return ["het overzicht noemt protocoltekst maar geen protocol ('[protocol]' ontbreekt)"]
        return []
    made_with = (
        f"het eigen protocol van {clean(recorded.organisation)} "
        f"(vastgesteld {local_date_text(recorded.adopted)})"
    )
    if at_hand is None:
        return [
            f"het overzicht is gemaakt met {made_with}; hier is geen protocol gegeven "
            "(--protocol BESTAND of $WEGWIJZER_PROTOCOL), dus de getoonde protocoltekst "
            "is niet te controleren"
        ]
    if at_hand.digest != recorded.hash:
        return [
            f"het protocolbestand hier ({clean(str(at_hand.path), limit=200)}) verschilt van "
            f"{made_with} waarmee het overzicht is gemaakt (de inhoud-hash verschilt)"
        ]
    if session is None:
        return []
    session.protocol = at_hand
    expected = entry_tables(session)
    found = [entry.model_dump(exclude_defaults=True) for entry in entries]
    if found != expected:
        return ["de protocoltekst in het overzicht wijkt af van wat het protocol op dit pad toont"]
    return []


def resume_note(recorded: ProtocolRecord | None, at_hand: Protocol | None) -> str:
    """What to say when a draft made with one protocol goes on with another (or none)."""
    if recorded is None or (at_hand is not None and at_hand.digest == recorded.hash):
        return ""
    made_with = (
        f"het eigen protocol van {clean(recorded.organisation)} "
        f"(vastgesteld {local_date_text(recorded.adopted)})"
    )
    if at_hand is None:
        return f"Let op: dit concept is begonnen met {made_with}; nu is er geen protocol ingesteld."
    return (
        f"Let op: dit concept is begonnen met {made_with}; u ziet nu het eigen protocol van "
        f"{clean(at_hand.organisation)} (vastgesteld {local_date_text(at_hand.adopted)})."
    )
