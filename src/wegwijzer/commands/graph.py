"""``wegwijzer graph FLOW``: print a flow as a Mermaid flowchart."""

from __future__ import annotations

import argparse
from typing import Any

from wegwijzer.commands.common import resolve_flow
from wegwijzer.core.flows.graph import to_mermaid


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("graph", help="toon een stappenplan als Mermaid-diagram")
    parser.add_argument("flow", metavar="STAPPENPLAN", help="id of bestand van het stappenplan")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    loaded, _ = resolve_flow(args.flow)
    if loaded is None:
        return 1
    print(to_mermaid(loaded.flow), end="")
    return 0
