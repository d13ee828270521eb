"""Command line: parse, then hand over to one module per command.

Headless commands never import textual; only the commands that open the TUI do,
and only inside their ``run``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from wegwijzer import __version__
from wegwijzer.commands import COMMANDS
from wegwijzer.i18n import dutch_argparse


def build_parser() -> argparse.ArgumentParser:
    dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="wegwijzer",
        description=(
            "Wegwijzer bij zorgen over een minderjarige en loverboyproblematiek, "
            "gebouwd op de antwoorden van 25 mei 2020 op Kamervragen over "
            "‘Meisjes in de gevarenzone’. Zonder commando start de terminal-app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"wegwijzer {__version__}")
    parser.add_argument(
        "--flows",
        type=Path,
        metavar="MAP",
        help="map met flows en bronnen (standaard: $WEGWIJZER_FLOWS of de meegeleverde flows)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDO")
    for module in COMMANDS:
        module.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.flows is not None:
        import os

        os.environ["WEGWIJZER_FLOWS"] = str(args.flows)
    if args.command is None:
        from wegwijzer.commands import home

        return home.run(args)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("\nAfgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
