"""``wegwijzer verify RECORD``: is this record true to its flow? Exit 0 or 1 with reasons."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import resolve_flow
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import Record
from wegwijzer.core.training.verdict import Judge


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("verify", help="controleer een record tegen zijn flow")
    parser.add_argument("record", type=Path, metavar="RECORD", help="het recordbestand (TOML)")
    parser.add_argument(
        "--flow",
        metavar="FLOW",
        help="controleer tegen deze flow (id of bestand) in plaats van de catalogus",
    )
    parser.set_defaults(handler=run)


def verify_file(path: Path, loaded: LoadedFlow | None = None) -> list[str]:
    """Every reason why the record at ``path`` is not in order; empty when it is."""
    return verify_record_file(path, loaded)[1]


def verify_record_file(
    path: Path, loaded: LoadedFlow | None = None
) -> tuple[Record | None, list[str]]:
    """The record at ``path`` (None when unreadable) and every reason it is not in order."""
    try:
        record = read_record(path)
    except ProblemsError as error:
        return None, [str(problem) for problem in error.problems]
    judge = Judge(loaded=loaded)
    reasons = judge(record)
    if not record.complete:
        reasons.append("het record is niet afgerond (een concept zonder uitkomst)")
    return record, reasons


def run(args: argparse.Namespace) -> int:
    loaded = None
    if args.flow:
        loaded, _ = resolve_flow(args.flow)
        if loaded is None:
            return 1
    record, reasons = verify_record_file(args.record, loaded)
    name = clean(str(args.record))
    if not reasons:
        print(f"in orde: {name}")
        if record is not None and record.mode == "oefening":
            what = "een oefenresultaat, score nagerekend" if record.score else "een oefenwandeling"
            print(f"  modus: oefening ({what})")
        return 0
    print(f"niet in orde: {name}")
    for reason in reasons:
        print(f"  - {clean(reason)}")  # one line each, whatever a field held
    return 1
