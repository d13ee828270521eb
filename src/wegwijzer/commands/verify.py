"""``wegwijzer verify RECORD``: is this record true to its flow? Exit 0 or 1 with reasons."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import resolve_flow
from wegwijzer.core.base.clock import local_date_text
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.protocol import protocol_at_hand
from wegwijzer.core.records.drift import Drift
from wegwijzer.core.records.protocol_record import protocol_reasons
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import Record
from wegwijzer.core.records.resume import find_flow, replay
from wegwijzer.core.training.verdict import Judge


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("verify", help="controleer een overzicht tegen zijn stappenplan")
    parser.add_argument("record", type=Path, metavar="OVERZICHT", help="het opgeslagen overzicht")
    parser.add_argument(
        "--flow",
        metavar="STAPPENPLAN",
        help="controleer tegen dit stappenplan (id of bestand) in plaats van het meegeleverde",
    )
    parser.set_defaults(handler=run)


def verify_file(path: Path, loaded: LoadedFlow | None = None) -> list[str]:
    """Every reason why the record at ``path`` is not in order; empty when it is."""
    return verify_record_file(path, loaded)[1]


def verify_record_file(
    path: Path, loaded: LoadedFlow | None = None
) -> tuple[Record | None, list[str], Drift | None]:
    """The record at ``path`` (None when unreadable), every reason it is not in order, and
    what changed in its flow or source since it was made (drift is no fault by itself)."""
    try:
        record = read_record(path)
    except ProblemsError as error:
        return None, [str(problem) for problem in error.problems], None
    judge = Judge(loaded=loaded)
    verdict = judge.verdict(record)
    reasons = verdict.reasons
    if record.protocol is not None or record.protocol_entries:
        flow = loaded or find_flow(judge.the_catalog(), record.flow)
        if flow is not None:
            reasons += _protocol_reasons(record, flow, replayable=not reasons)
    if not record.complete:
        reasons.append("het overzicht is niet afgerond (een concept zonder uitkomst)")
    return record, reasons, verdict.drift


def _changed_what(drift: Drift) -> str:
    return "het stappenplan" if drift.flow_changed else "de bron"


def _protocol_reasons(record: Record, loaded: LoadedFlow, *, replayable: bool) -> list[str]:
    """Whether the protocol at hand is the one the record names, showing the same text."""
    try:
        at_hand = protocol_at_hand([loaded.source])
    except ProblemsError as error:
        return ["het eigen protocol hier kan niet worden gelezen:"] + [
            f"  {problem}" for problem in error.problems
        ]
    session = replay(record, loaded) if replayable else None
    return protocol_reasons(record.protocol, record.protocol_entries, at_hand, session)


def made_with(record: Record | None) -> str:
    """Which protocol the record names, for the reader of verify's answer; '' for none."""
    if record is None or record.protocol is None:
        return ""
    protocol = record.protocol
    return (
        f"  gemaakt met het eigen protocol van {clean(protocol.organisation)} (vastgesteld "
        f"{local_date_text(protocol.adopted)}); inhoud-hash {protocol.hash}"
    )


def run(args: argparse.Namespace) -> int:
    loaded = None
    if args.flow:
        loaded, _ = resolve_flow(args.flow)
        if loaded is None:
            return 1
    record, reasons, drift = verify_record_file(args.record, loaded)
    name = clean(str(args.record))
    changes = [f"  - {clean(change)}" for change in (drift.changes if drift else ())]
    if not reasons:
        if drift is None:
            print(f"in orde: {name}")
        else:
            print(f"in orde, maar {_changed_what(drift)} is sindsdien gewijzigd: {name}")
            print("\n".join(changes))
        if record is not None and record.mode == "oefening":
            what = "een oefenresultaat, score nagerekend" if record.score else "een oefenwandeling"
            print(f"  modus: oefening ({what})")
        if made_with(record):
            print(made_with(record))
        return 0
    print(f"niet in orde: {name}")
    if made_with(record):
        print(made_with(record))
    if drift is not None and drift.flow_changed:
        print("  Het stappenplan is sindsdien gewijzigd en de antwoorden passen er niet meer in:")
    for reason in reasons:
        print(f"  - {clean(reason)}")  # one line each, whatever a field held
    if changes:
        print("  Wat er voor dit overzicht veranderde:")
        print("\n".join(changes))
    return 1
