"""``wegwijzer drafts``: list the saved drafts, delete one, or delete them all."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.base.text import clean
from wegwijzer.core.records.drafts import (
    DraftInfo,
    delete_draft,
    drafts_dir,
    find_draft,
    list_drafts,
    purge,
)


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("drafts", help="toon of verwijder concepten (onafgeronde sessies)")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--purge", action="store_true", help="verwijder alle concepten")
    group.add_argument(
        "--delete", metavar="CONCEPT", help="verwijder één concept (id of begin ervan)"
    )
    parser.set_defaults(handler=run)


def draft_line(draft: DraftInfo) -> str:
    changed = local_text(draft.changed or draft.started)
    state = (
        "klaar, overzicht nog niet opgeslagen"
        if draft.finished
        else f"bij stap {draft.answered + 1}"
    )
    case = f", zaakkenmerk {clean(draft.case_ref, limit=80)}" if draft.case_ref else ""
    title = clean(draft.flow_title, limit=60)
    return f"{draft.session_id[:12]}: {title}, {draft.mode}{case}, {state}; gewijzigd {changed}."


def run(args: argparse.Namespace) -> int:
    if args.purge:
        count = purge()
        print(f"{count} concept(en) verwijderd uit {drafts_dir()}.")
        return 0
    if args.delete:
        found = find_draft(args.delete)
        if found is None or not delete_draft(found.session_id):
            print(f"fout: concept '{clean(args.delete, limit=40)}' niet gevonden", file=sys.stderr)
            return 1
        print(f"Concept {found.session_id[:12]} verwijderd.")
        return 0
    listing = list_drafts()
    for reason in listing.skipped:
        print(f"let op: {reason}", file=sys.stderr)
    if not listing.drafts:
        print("Geen concepten.")
        return 0
    print(f"Concepten in {drafts_dir()}, nieuwste eerst:")
    for draft in listing.drafts:
        print(draft_line(draft))
    print("Verder gaan: wegwijzer run --resume ID --plain")
    print("Alles wissen: wegwijzer drafts --purge")
    return 0
