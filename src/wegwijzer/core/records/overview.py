"""The printable overview: a record as a Markdown document for a reader who never saw the tool.

Pure text from a record (and the source it cites), like the TOML file: the
outcome and its actions first, then every step taken, then an appendix quoting
every cited paragraph once. Every string from a file or a keyboard goes through
``core.base.markdown``, so a note can never become a link, an image, a heading,
a table or HTML. Times are local, in the Dutch form of ``core.base.clock``.
"""

from __future__ import annotations

from collections.abc import Iterable

from wegwijzer.core.base import markdown as md
from wegwijzer.core.base.clock import local_date_text, local_text
from wegwijzer.core.flows.flow import GROUP_LABELS, GROUPS
from wegwijzer.core.flows.source import Citation, Source, cites_label, parse_citation
from wegwijzer.core.records.drift import Drift
from wegwijzer.core.records.protocol_record import protocol_label
from wegwijzer.core.records.record import Record, StepRecord

INTRO = (
    "Dit is het overzicht van een stappenplan dat iemand heeft doorlopen met wegwijzer, "
    "een hulpmiddel voor gemeentelijke professionals die vermoeden dat een minderjarige "
    "door een loverboy wordt ingepalmd of seksueel wordt uitgebuit. "
    "Het legt vast welke vragen zijn beantwoord, welke acties daarbij horen en op welke "
    "passages uit de bron elk advies rust."
)
NOT_IN_IT = (
    "Geen namen: wegwijzer vraagt nergens om een naam, en het zaakkenmerk hoort een "
    "pseudoniem te zijn.",
    "Geen eigen oordeel van wegwijzer over de situatie: de acties volgen uit de gegeven "
    "antwoorden en uit de bron.",
    "Het advies vervangt het protocol van uw organisatie niet. Volg dat protocol altijd, "
    "zeker waar de bron niets zegt (bijvoorbeeld bij direct gevaar).",
)


def _cites(cites: Iterable[str]) -> str:
    return cites_label(list(cites)) or "geen verwijzing"


def _answer(step: StepRecord) -> str:
    """The answer as typed text (escaped later); several answers joined by '; '."""
    if isinstance(step.answer, list):
        return "; ".join(step.answer)
    return step.answer or ""


def silent_topics(step: StepRecord) -> list[str]:
    """What the source says nothing about at this step, as the walk showed it.

    The record keeps the line "Hierover zegt de bron niets: …" (``source_silent_text``,
    issue 13); the overview shows what follows the lead, under the same label.
    """
    text = step.source_silent_text
    lead = "Hierover zegt de bron niets: "
    if not text:
        return []
    return [text[len(lead) :] if text.startswith(lead) else text]


def _field(label: str, text: str) -> list[str]:
    """A list item ``label: text`` whose further lines stay inside the item."""
    found = md.lines(text) or [""]
    # Two trailing spaces: a line break in the rendered item, invisible as plain text.
    found = [line + "  " for line in found[:-1]] + found[-1:]
    return [f"- {label}: {found[0]}"] + [f"  {line}" for line in found[1:]]


def _details(record: Record) -> list[str]:
    mode = "een oefening" if record.mode == "oefening" else "een echte casus"
    return [
        "## Gegevens",
        "",
        "- Zaakkenmerk: " + (md.inline(record.case_ref) if record.case_ref else "niet opgegeven"),
        f"- Begonnen: {local_text(record.started)}",
        "- Afgerond: "
        + local_text(record.finished, missing="nog niet afgerond (een concept zonder uitkomst)"),
        f"- Stappenplan: {md.inline(record.flow_title)}, versie {md.inline(record.flow_version)}",
        f"- Soort: {mode}",
        *_protocol_detail(record),
    ]


def _protocol_detail(record: Record) -> list[str]:
    protocol = record.protocol
    if protocol is None:
        return []
    return [
        f"- Eigen protocol: {md.inline(protocol.organisation)}, vastgesteld "
        f"{local_date_text(protocol.adopted)} (inhoud-hash {protocol.hash})"
    ]


def _drift(drift: Drift | None) -> list[str]:
    if drift is None or not drift.changes:
        return []
    lines = [
        "## Let op: gewijzigd sinds dit overzicht is gemaakt",
        "",
        "Dit overzicht toont de stappen zoals ze waren toen het werd gemaakt. Sindsdien:",
        "",
    ]
    return lines + [f"- {md.inline(change)}" for change in drift.changes] + [""]


def _outcome(record: Record) -> list[str]:
    last = record.steps[-1]
    if last.kind != "outcome":
        return [
            "## Uitkomst",
            "",
            "Dit stappenplan is nog niet afgerond; er is nog geen uitkomst.",
            "",
        ]
    lines = [f"## Uitkomst: {md.inline(last.prompt)}", "", f"Bron: {_cites(last.citations)}", ""]
    if not record.actions:
        return [*lines, "Bij deze uitkomst horen geen aanbevolen acties.", ""]
    lines += ["### Aanbevolen acties", ""]
    for group in GROUPS:
        actions = [action for action in record.actions if action.group == group]
        if not actions:
            continue
        lines += [f"#### {GROUP_LABELS[group]}", ""]
        for action in actions:
            lines.append(f"- {md.inline(action.text)} ({_cites(action.citations)})")
        lines.append("")
    return lines


def _protocol(record: Record, source: Source | None) -> list[str]:
    """The organisation's own protocol: its own section, never among the source's actions."""
    protocol = record.protocol
    if protocol is None:
        return []
    labels = source.silent_topics if source is not None else {}
    lines = [
        f"## {md.inline(protocol_label(protocol))}",
        "",
        "Dit overzicht is gemaakt met het eigen protocol van "
        f"{md.inline(protocol.organisation)} (inhoud-hash {protocol.hash}). Wat hieronder "
        "staat, komt uit dat protocol en niet uit de bron; er rust geen citaat op.",
        "",
    ]
    if not record.protocol_entries:
        return [*lines, "Op dit pad is geen onderwerp uit het protocol getoond.", ""]
    for entry in record.protocol_entries:
        label = labels.get(entry.topic, entry.topic)
        shown = f"Getoond bij {_step_named(record, entry.step)}."
        lines += [f"### Over {md.inline(label)}", "", shown, ""]
        lines += [*md.lines(entry.text), ""]
        for contact in entry.contacts:
            lines.append(f"- {md.inline(contact.label)}: {md.inline(contact.value)}")
        if entry.contacts:
            lines.append("")
    return lines


def _step_named(record: Record, step_id: str) -> str:
    """A step as "Doorlopen stappen" numbers it ("stap 3"), never by its id."""
    for number, step in enumerate(record.steps, start=1):
        if step.id == step_id:
            return f"stap {number}"
    return f"stap '{md.inline(step_id)}'"  # not on the path (a record edited by hand)


def _steps(record: Record) -> list[str]:
    lines = ["## Doorlopen stappen", ""]
    for number, step in enumerate(record.steps, start=1):
        if step.kind == "outcome":
            lines += [f"### Stap {number}. Uitkomst: {md.inline(step.prompt)}", ""]
        else:
            lines += [f"### Stap {number}. {md.inline(step.prompt)}", ""]
            if step.answer is None:
                lines.append("- Antwoord: nog niet beantwoord")
            else:
                lines += _field("Antwoord", _answer(step))
        if step.note:
            lines += _field("Notitie", step.note)
        lines.append(f"- Bron: {_cites(step.citations)}")
        for topic in silent_topics(step):
            lines += _field("Hierover zegt de bron niets", topic)
        lines.append("")
    return lines


def cited_paragraphs(record: Record, source: Source) -> dict[int, list[int]]:
    """Every paragraph the record cites, by answer, each once, in the source's order."""
    found: dict[int, set[int]] = {}
    cites = [c for step in record.steps for c in step.citations]
    cites += [c for action in record.actions for c in action.citations]
    for text in cites:
        citation = parse_citation(text)
        if citation is None:
            continue
        numbers = {number for number, _ in source.paragraphs(citation)}
        if numbers:
            found.setdefault(citation.answer, set()).update(numbers)
    return {answer: sorted(found[answer]) for answer in sorted(found)}


def _appendix(record: Record, source: Source | None) -> list[str]:
    lines = ["## Bijlage: de geciteerde passages uit de bron", ""]
    if source is None:
        name = md.inline(record.source)
        return [*lines, f"De bron ({name}) is hier niet beschikbaar; de passages ontbreken.", ""]
    lines += [
        "Elke passage waarop een stap of actie hierboven rust, één keer en woordelijk.",
        "",
    ]
    for answer, numbers in cited_paragraphs(record, source).items():
        question = source.question(answer)
        if question is None:
            continue
        lines += [
            f"### Antwoord {answer}",
            "",
            f"Vraag {answer}: {md.inline(question.question)}",
            "",
        ]
        for number, text in source.paragraphs(Citation(answer)):
            if number in numbers:
                lines += [f"Alinea {number}:", ""]
                lines += [f"> {line}" for line in md.lines(text)] + [""]
    return lines


def overview_markdown(record: Record, source: Source | None, drift: Drift | None = None) -> str:
    """The overview of ``record`` as a Markdown document.

    ``source`` is the source the record cites, or None when it is not available
    (the appendix then says so); ``drift`` what changed in the flow since.
    """
    lines = [f"# Overzicht: {md.inline(record.flow_title)}", ""]
    if record.mode == "oefening":
        lines += [
            "**Oefening**: dit overzicht hoort bij een oefening, niet bij een echte casus.",
            "",
        ]
    lines += [INTRO, ""]
    if source is not None:
        date = source.received_label
        lines += [
            f"Bron: {md.inline(source.title)}, {md.inline(source.answered_by)}, {date}. "
            f"Wat na {date} is veranderd in beleid, wetgeving of organisaties, staat hier niet in.",
            "",
        ]
    lines += [*_details(record), ""]
    lines += _drift(drift)
    lines += _outcome(record)
    lines += _protocol(record, source)
    lines += _steps(record)
    lines += _appendix(record, source)
    lines += ["## Wat dit overzicht niet bevat", ""]
    lines += [f"- {item}" for item in NOT_IN_IT]
    if source is not None:
        lines.append(
            f"- Niets van na {source.received_label}: latere wijzigingen in beleid, wetgeving "
            "of organisaties staan er niet in."
        )
    return "\n".join(lines).rstrip("\n") + "\n"
