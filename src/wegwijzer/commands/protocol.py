"""``wegwijzer protocol init|check``: write an empty protocol file, or check one."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import print_problems
from wegwijzer.core.base.atomic import RecordExistsError, WriteError, write_atomic
from wegwijzer.core.base.clock import local_date_text
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.protocol import known_topics, load_protocol, used_topics
from wegwijzer.core.flows.protocol_location import (
    ENV_PROTOCOL,
    default_protocol_path,
    protocol_path,
)
from wegwijzer.core.flows.protocol_template import template_text
from wegwijzer.core.flows.silence import silent_topics


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "protocol", help="het eigen protocol van uw organisatie: sjabloon maken of controleren"
    )
    actions = parser.add_subparsers(dest="protocol_command", metavar="OPDRACHT", required=True)
    init = actions.add_parser(
        "init", help="schrijf een leeg sjabloon met elk onderwerp waarover de bron zwijgt"
    )
    init.add_argument("file", type=Path, metavar="BESTAND", help="het nieuwe protocolbestand")
    init.add_argument("--organisatie", default="", metavar="NAAM", help="naam van de organisatie")
    init.add_argument(
        "--beheerder", default="", metavar="ROL", help="wie het bijhoudt: een rol, geen naam"
    )
    init.add_argument("--force", action="store_true", help="overschrijf BESTAND als het bestaat")
    init.set_defaults(handler=run_init)
    check = actions.add_parser("check", help="controleer een protocolbestand")
    check.add_argument(
        "file",
        type=Path,
        nargs="?",
        metavar="BESTAND",
        help=f"standaard het protocol dat de wegwijzer gebruikt (${ENV_PROTOCOL} of "
        "protocol.toml in uw configuratiemap)",
    )
    check.set_defaults(handler=run_check)


def _name(path: Path) -> str:
    return clean(str(path), limit=200)


def run_init(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    topics = used_topics(catalog.flows)
    text = template_text(
        topics, today=dt.date.today(), organisation=args.organisatie, maintainer=args.beheerder
    )
    try:
        write_atomic(args.file, text.encode("utf-8"), overwrite=args.force)
    except RecordExistsError:
        print(f"fout: {_name(args.file)} bestaat al (--force overschrijft)", file=sys.stderr)
        return 1
    except WriteError as error:
        print(f"fout: {error}", file=sys.stderr)
        return 1
    print(f"Sjabloon geschreven: {_name(args.file)} ({len(topics)} onderwerpen, alle nog leeg).")
    print(f"Vul het in en controleer het met: wegwijzer protocol check {_name(args.file)}")
    return 0


def _where_shown(flows: list[LoadedFlow], topic: str) -> str:
    """'Zorgen over een minderjarige (3 stappen)' for every flow silent on ``topic``."""
    found = []
    for loaded in flows:
        for silent in silent_topics(loaded.flow, loaded.source):
            if silent.id == topic:
                count = len(silent.steps)
                steps = "1 stap" if count == 1 else f"{count} stappen"
                found.append(f"{clean(loaded.flow.title, limit=80)} ({steps})")
    return "; ".join(found)


def run_check(args: argparse.Namespace) -> int:
    path = args.file or protocol_path()
    if path is None:
        where = _name(default_protocol_path())
        print(
            f"Er is geen eigen protocol ingesteld (geen --protocol, geen ${ENV_PROTOCOL}, "
            f"geen {where})."
        )
        return 1
    catalog = load_catalog()
    try:
        protocol = load_protocol(path, known_topics(catalog.sources.values()))
    except ProblemsError as error:
        print_problems(error.problems)
        print(f"niet in orde: {_name(path)}")
        return 1
    model = protocol.file
    filled = protocol.filled_topics()
    used = used_topics(catalog.flows)
    print(
        f"in orde: {_name(path)} ({clean(model.organisation)}, vastgesteld "
        f"{local_date_text(model.adopted)}; {len(filled)} van {len(used)} onderwerpen ingevuld)"
    )
    for topic in filled:
        if topic in used:
            print(f"  {topic}: getoond bij {_where_shown(catalog.flows, topic)}")
    empty = [topic for topic in used if topic not in filled]
    if empty:
        print("Nog leeg (wordt niet getoond): " + ", ".join(empty))
    unused = [topic for topic in filled if topic not in used]
    for topic in unused:
        print(f"Let op: onderwerp '{topic}' komt in geen stappenplan voor; het wordt niet getoond.")
    if protocol.overdue():
        print(protocol.overdue_warning())
    return 0
