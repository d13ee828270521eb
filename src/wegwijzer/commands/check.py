"""``wegwijzer check``: validate the shipped flows or the given files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import print_problems
from wegwijzer.core.catalog import load_catalog
from wegwijzer.core.exercise import exercise_folder, exercise_summary, load_exercises
from wegwijzer.core.source import parse_citation


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("check", help="controleer flows (standaard de meegeleverde)")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PAD", help="flowbestanden")
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.set_defaults(handler=run)


def citation_counts(catalog: Any) -> dict[str, int]:
    """How many steps cite each answer, over all checked flows."""
    counts = {str(q.number): 0 for s in catalog.sources.values() for q in s.questions}
    for loaded in catalog.flows:
        for step_id in loaded.flow.steps:
            answers = {
                str(c.answer)
                for c in map(parse_citation, loaded.flow.all_citations(step_id))
                if c is not None
            }
            for answer in answers:
                counts[answer] = counts.get(answer, 0) + 1
    return counts


def run(args: argparse.Namespace) -> int:
    catalog = load_catalog(files=args.paths or None)
    found = ([], []) if args.paths else load_exercises(exercise_folder(catalog), catalog)
    catalog.problems += found[1]  # exercises are checked with the shipped flows only
    if args.json:
        report = {
            "flows": [
                {
                    "id": f.flow.id,
                    "title": f.flow.title,
                    "steps": len(f.flow.steps),
                    "path": str(f.path),
                }
                for f in catalog.flows
            ],
            "citations": citation_counts(catalog),
            "errors": [p.as_dict() for p in catalog.problems],
            "exercises": [exercise_summary(e) for e in found[0]],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        for loaded in catalog.flows:
            print(
                f"in orde: {loaded.path.name} ({loaded.flow.id}, {len(loaded.flow.steps)} stappen)"
            )
        for e in found[0]:
            print(f"in orde: oefening {e.path.name} ({e.exercise.id})")
        print_problems(catalog.problems)
        if not catalog.flows and not catalog.problems:
            print("geen flows gevonden")
    return 1 if catalog.problems or not catalog.flows else 0
