"""``wegwijzer open RECORD``: open a record in the TUI, or print it for review with ``--plain``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import active_protocol, print_problems, resolve_flow
from wegwijzer.commands.console import refuse_without_terminal
from wegwijzer.core.base.clock import local_text
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.flow import GROUP_LABELS
from wegwijzer.core.flows.source import parse_citation
from wegwijzer.core.records.drift import Drift, drift_of, shown_reasons
from wegwijzer.core.records.overview import overview_markdown
from wegwijzer.core.records.protocol_record import protocol_lines
from wegwijzer.core.records.record import Record
from wegwijzer.core.records.resume import Opened, open_record
from wegwijzer.plain_lines import capitalised, sentence


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("open", help="open een overzicht om verder te gaan of in te zien")
    parser.add_argument("record", type=Path, metavar="OVERZICHT", help="het opgeslagen overzicht")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--plain", action="store_true", help="druk het overzicht af ter inzage")
    shown.add_argument(
        "--markdown",
        action="store_true",
        help="druk het overzicht af als leesbaar document (Markdown), om te bewaren of te printen",
    )
    parser.add_argument(
        "--flow",
        metavar="STAPPENPLAN",
        help="dit stappenplan (id of bestand) in plaats van het meegeleverde",
    )
    parser.set_defaults(handler=run)


def _answer_text(answer: str | list[str] | None) -> str:
    if answer is None:
        return ""
    if isinstance(answer, list):
        return "; ".join(clean(a) for a in answer)
    return clean(answer)


def cites_words(citations: Sequence[str]) -> str:
    """'antwoord 4, alinea 1; antwoord 7', as everywhere else a person reads citations."""
    labels = []
    for cite in citations:
        citation = parse_citation(cite)
        labels.append(citation.label if citation is not None else clean(cite))
    return "; ".join(labels)


def said(text: str) -> str:
    """A reason from a list, as a sentence of its own."""
    return sentence(capitalised(text))


def _note_lines(text: str) -> list[str]:
    lines = clean(text, multiline=True).splitlines() or [""]
    return ["Notitie: " + lines[0], *lines[1:]]


def drift_lines(drift: Drift | None) -> list[str]:
    """What changed in the flow or the source since the record was made, for line mode."""
    if drift is None or not drift.changes:
        return []
    lines = ["", "Gewijzigd sinds dit overzicht is gemaakt:"]
    return lines + [said(clean(change)) for change in drift.changes]


def review_lines(
    record: Record,
    reasons: list[str],
    dropped: Sequence[str] = (),
    drift: Drift | None = None,
    labels: Mapping[str, str] | None = None,
) -> list[str]:
    """The record as text to read, by the rules of line mode (``plain_lines``): steps,
    answers, notes, actions, one idea a line. Every string is cleaned."""
    version = clean(record.flow_version)
    lines = [
        f"Overzicht: {clean(record.flow_title)}",
        f"Stappenplan {record.flow}, versie {version}.",
        f"Modus: {record.mode}.",
    ]
    if record.case_ref:
        lines.append(f"Zaakkenmerk: {clean(record.case_ref)}")
    lines += [
        f"Begonnen: {local_text(record.started)}",
        "Klaar: " + local_text(record.finished, missing="nee, dit is een concept"),
    ]
    reasons = shown_reasons(reasons, drift)
    if reasons:
        lines += ["", "Alleen ter inzage, niet verder te bewerken:"]
        lines += [said(reason) for reason in reasons]
    lines += drift_lines(drift)
    for number, step in enumerate(record.steps, start=1):
        kind = "Uitkomst" if step.kind == "outcome" else f"Stap {number}"
        lines += ["", f"{kind}: {clean(step.prompt)}"]
        if step.answer is not None:
            lines.append(f"Antwoord: {_answer_text(step.answer)}")
        elif step.kind != "outcome":
            lines.append("Nog niet beantwoord.")
        if step.note:
            lines += _note_lines(step.note)
        if step.citations:
            lines.append(sentence("Gebaseerd op " + cites_words(step.citations)))
    if record.actions:
        lines += ["", "Aanbevolen acties:"]
        for number, action in enumerate(record.actions, start=1):
            group = GROUP_LABELS[action.group]
            lines.append(f"{number}. {group}: {clean(action.text)}")
            lines.append(sentence("Gebaseerd op " + cites_words(action.citations)))
    protocol = protocol_lines(
        record.protocol, record.protocol_entries, dict(labels or {}), spoken=True
    )
    lines += protocol
    if record.kept:
        lines += ["", "Bewaard buiten het pad, na een stap terug. Dit hoort niet bij de uitkomst."]
        for item in record.kept:
            answer = _answer_text(item.answer) or "geen antwoord"
            lines.append(f"Stap {clean(item.id)}: {answer}")
            if item.note:
                lines += _note_lines(item.note)
    if dropped:
        lines += ["", "Niet teruggezet bij verder gaan:"]
        lines += [said(reason) for reason in dropped]
    return lines


def run(args: argparse.Namespace) -> int:
    loaded = None
    if args.flow:
        loaded, _ = resolve_flow(args.flow)
        if loaded is None:
            return 1
    catalog = load_catalog() if loaded is None and (args.plain or args.markdown) else None
    try:
        opened: Opened = open_record(args.record, loaded=loaded, catalog=catalog)
    except ProblemsError as error:
        print_problems(error.problems)
        return 1
    drift = drift_of(opened)
    if args.markdown:
        source = opened.loaded.source if opened.loaded is not None else None
        if source is None and catalog is not None:
            source = catalog.sources.get(opened.record.source)
        sys.stdout.write(overview_markdown(opened.record, source, drift))
        return 0
    if args.plain:
        labels = opened.loaded.source.silent_topics if opened.loaded is not None else {}
        lines = review_lines(opened.record, opened.reasons, opened.dropped, drift, labels)
        print("\n".join(lines))
        return 0
    if (refused := refuse_without_terminal()) is not None:
        return refused
    protocol, usable = active_protocol()
    if not usable:
        return 1
    from wegwijzer.tui.app import make_app

    app = make_app(record=args.record, protocol=protocol)
    app.run()
    return app.return_code or 0  # 1 after a crash
