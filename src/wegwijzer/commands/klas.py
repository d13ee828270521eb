"""``wegwijzer klas``: serve the exercises to a class's browsers, with a live class view.

Needs the optional extra ``wegwijzer[klas]`` (textual-serve, aiohttp); without it the
command says in Dutch how to install it. Only this command imports the classroom
server, and only inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any

from wegwijzer.core.training.run import FEEDBACK_MODES

INSTALL_HINT = (
    "fout: voor de klas is het extra onderdeel 'klas' nodig (textual-serve).\n"
    "Installeer het in de projectmap met:  make run\n"
    "of met pip:  pip install 'wegwijzer[klas]'   (in een kloon: pip install -e '.[klas]')"
)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "klas",
        help="oefeningen voor een klas in de browser, met een live klasoverzicht",
        description=(
            "Start een server voor de oefeningen: deelnemers openen het adres in hun browser, "
            "vullen de toegangscode en een bijnaam in en oefenen. Resultaten komen in de "
            "resultatenmap; het klasoverzicht toont de voortgang. Zie docs/klas.md."
        ),
    )
    parser.add_argument(
        "--oefeningen",
        metavar="ID,...",
        default="",
        help="alleen deze oefeningen, met komma's gescheiden (standaard: alle)",
    )
    parser.add_argument(
        "--resultaten",
        type=Path,
        metavar="MAP",
        help="map voor de resultaten (standaard: een map met de datum in de gegevensmap)",
    )
    parser.add_argument(
        "--host",
        default=None,
        metavar="ADRES",
        help="adres om op te luisteren (standaard 127.0.0.1, alleen deze computer; "
        "0.0.0.0 voor het netwerk van het lokaal)",
    )
    parser.add_argument(
        "--port", type=int, default=None, metavar="POORT", help="poort (standaard 8321)"
    )
    parser.add_argument(
        "--max", type=int, default=None, metavar="AANTAL", help="hooguit zoveel sessies (40)"
    )
    parser.add_argument(
        "--feedback",
        choices=FEEDBACK_MODES,
        default="direct",
        help="feedback direct na elke keuze of achteraf (standaard direct)",
    )
    parser.set_defaults(handler=run)


def have_extra() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("aiohttp", "textual_serve"))


def run(args: argparse.Namespace) -> int:
    if not have_extra():
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    from wegwijzer.klas.start import prepare, serve

    prepared = prepare(
        exercises=args.oefeningen,
        results=args.resultaten,
        host=args.host,
        port=args.port,
        max_sessions=args.max,
        feedback=args.feedback,
    )
    if isinstance(prepared, str):
        print(f"fout: {prepared}", file=sys.stderr)
        return 2
    return serve(prepared, interactive=sys.stdout.isatty() and sys.stdin.isatty())
