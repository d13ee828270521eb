"""``wegwijzer run FLOW``: walk a flow in the TUI, or line by line with ``--plain``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wegwijzer.commands.common import resolve_flow
from wegwijzer.core.session import Session
from wegwijzer.plain import run_plain


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("run", help="doorloop een flow")
    parser.add_argument("flow", metavar="FLOW", help="id of bestand van de flow")
    parser.add_argument("--plain", action="store_true", help="regel voor regel (schermlezers, scripts)")
    parser.set_defaults(handler=run)


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line if line else None


def run(args: argparse.Namespace) -> int:
    loaded, _ = resolve_flow(args.flow)
    if loaded is None:
        return 1
    if args.plain:
        return run_plain(Session(loaded), _read_line, sys.stdout)
    from wegwijzer.tui.app import make_app

    make_app(flow_id=loaded.flow.id).run()
    return 0
