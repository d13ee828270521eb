"""``wegwijzer check``: validate the shipped flows or the given files.

A clean check is cached by the content of every file it read and the checker's own
code (``core.flows.cache``). When all of that is unchanged, the output comes from the
cache and pydantic is never imported; anything else, and every file with a problem,
is checked in full.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from wegwijzer.core.base.problems import Problem
from wegwijzer.core.flows import cache as flow_cache
from wegwijzer.core.flows.cache import Checked, FlowEntry
from wegwijzer.core.flows.catalog import default_flows_dir


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check", help="controleer stappenplannen en oefeningen (standaard de meegeleverde)"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PAD",
        help="bestanden met een stappenplan of oefening",
    )
    parser.add_argument("--json", action="store_true", help="uitvoer als JSON")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="controleer alles opnieuw; de cache van gecontroleerde stappenplannen blijft "
        "ongemoeid",
    )
    parser.add_argument(
        "--leesbaarheid",
        action="store_true",
        help="meet ook hoe leesbaar de eigen tekst van elke stap is (citaten tellen niet mee)",
    )
    parser.set_defaults(handler=run)


def full_check(files: list[Path] | None, *, cache: bool) -> tuple[Checked, list[Problem]]:
    """Load and check everything; a clean result goes into the cache (with ``cache``)."""
    from wegwijzer.core.flows.catalog import load_catalog, remember, summarize
    from wegwijzer.core.training.exercise import exercise_folder, load_exercises

    catalog = load_catalog(files=files, trust_cache=cache)  # --no-cache: every file in full
    # Exercises are checked with the shipped flows only.
    found, problems = ([], []) if files else load_exercises(exercise_folder(catalog), catalog)
    if cache:
        remember(catalog, found, problems)
    return summarize(catalog, found), catalog.problems + problems


def report(checked: Checked, problems: list[Problem]) -> dict[str, Any]:
    """The ``--json`` output."""
    return {
        "flows": [
            {
                "id": f.id,
                "title": f.title,
                "steps": f.steps,
                "path": f.path,
                "guarantees": _guarantees(f),
                "silent_topics": _silent(f),
            }
            for f in checked.flows
        ],
        "citations": dict(checked.citations),
        "errors": [p.as_dict() for p in problems],
        "exercises": [
            {
                "id": e.id,
                "title": e.title,
                "flow": e.flow,
                "decisions": e.decisions,
                "points": e.points,
                "path": e.path,
            }
            for e in checked.exercises
        ],
    }


def _guarantees(entry: FlowEntry) -> list[dict[str, Any]]:
    """Per outcome, the citations every route to it carries; a listed flow passed, so all hold."""
    found: dict[str, list[str]] = {}
    for outcome, cite in entry.guarantees:
        found.setdefault(outcome, []).append(cite)
    return [{"outcome": o, "cites": cites, "holds": True} for o, cites in found.items()]


def _silent(entry: FlowEntry) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for topic, label, step in entry.silent:
        found.setdefault(topic, {"id": topic, "label": label, "steps": []})["steps"].append(step)
    return list(found.values())


def run(args: argparse.Namespace) -> int:
    files = args.paths or None
    if args.leesbaarheid:
        from wegwijzer.commands.readability import run_readability

        return run_readability(files, as_json=args.json)
    checked: Checked | None = None
    problems: list[Problem] = []
    if not args.no_cache:
        checked = flow_cache.lookup(flow_cache.content_key(default_flows_dir(), files))
    if checked is None:
        checked, problems = full_check(files, cache=not args.no_cache)
    if args.json:
        print(json.dumps(report(checked, problems), ensure_ascii=False, indent=2))
    else:
        for flow in checked.flows:
            print(f"in orde: {Path(flow.path).name}, stappenplan {flow.id}, {flow.steps} stappen")
        for exercise in checked.exercises:
            print(f"in orde: oefening {Path(exercise.path).name}, {exercise.id}")
        if problems:
            from wegwijzer.commands.common import print_problems

            print_problems(problems)
        if not checked.flows and not problems:
            print("geen stappenplannen gevonden")
    return 1 if problems or not checked.flows else 0
