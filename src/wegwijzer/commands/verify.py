"""``wegwijzer verify RECORD``: is this record true to its flow? Exit 0 or 1 with reasons."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import resolve_flow
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.resume import find_flow, kept_reasons, record_reasons


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
    try:
        record = read_record(path)
    except ProblemsError as error:
        return [str(problem) for problem in error.problems]
    if loaded is None:
        catalog = load_catalog()
        loaded = find_flow(catalog, record.flow)
        if loaded is None:
            return [f"flow '{record.flow}' staat niet in de catalogus ({catalog.folder})"]
    reasons = record_reasons(record, loaded)
    if record.flow == loaded.flow.id:  # a draft's answers off the path must fit the flow too
        reasons += kept_reasons(record, loaded.flow)
    if not record.complete:
        reasons.append("het record is niet afgerond (een concept zonder uitkomst)")
    return reasons


def run(args: argparse.Namespace) -> int:
    loaded = None
    if args.flow:
        loaded, _ = resolve_flow(args.flow)
        if loaded is None:
            return 1
    reasons = verify_file(args.record, loaded)
    if not reasons:
        print(f"in orde: {args.record}")
        return 0
    print(f"niet in orde: {args.record}")
    for reason in reasons:
        print(f"  - {reason}")
    return 1
