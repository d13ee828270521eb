"""``wegwijzer train``: list exercises, do one line by line, or summarise exported results."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wegwijzer.commands.common import print_problems
from wegwijzer.commands.console import refuse_without_terminal
from wegwijzer.core.base.atomic import RecordExistsError, WriteError, write_atomic
from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.training.exercise import (
    LoadedExercise,
    exercise_folder,
    find_exercise,
    flows_by_id,
    load_exercise,
    load_exercises,
)
from wegwijzer.core.training.run import FEEDBACK_MODES, TrainingRun
from wegwijzer.core.training.summary import ExerciseTally, summarise
from wegwijzer.core.training.wording import number, score_text
from wegwijzer.train_plain import run_training


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "train",
        help="oefen met een fictieve casus, of vat oefenresultaten samen",
        description=(
            "Oefen met een fictieve casus in een stappenplan, met feedback en een score. "
            "Trainers vatten geëxporteerde resultaten samen met --summary."
        ),
    )
    parser.add_argument("exercise", nargs="?", metavar="OEFENING", help="id of bestand")
    parser.add_argument("--list", action="store_true", help="toon de beschikbare oefeningen")
    parser.add_argument(
        "--summary",
        nargs="+",
        type=Path,
        metavar="RESULTAAT",
        help="vat geëxporteerde oefenresultaten samen (voor trainers)",
    )
    parser.add_argument(
        "--per-deelnemer",
        action="store_true",
        help="met --summary: de resultaten per deelnemer (bijnaam uit de klas)",
    )
    parser.add_argument(
        "--csv",
        type=Path,
        metavar="BESTAND",
        help="met --summary: één regel per resultaat als CSV voor een spreadsheet "
        "(puntkomma's, decimale komma)",
    )
    parser.add_argument(
        "--plain", action="store_true", help="regel voor regel (schermlezers, scripts)"
    )
    parser.add_argument(
        "--feedback",
        choices=FEEDBACK_MODES,
        help="feedback direct na elke keuze of achteraf (zonder deze optie vraagt de oefening het)",
    )
    parser.add_argument(
        "--export", type=Path, metavar="BESTAND", help="sla het resultaat op als bestand"
    )
    parser.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    parser.set_defaults(handler=run)


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line if line else None


def _sentence(title: str) -> str:
    """A title as a sentence of its own: a full stop unless it ends in one already."""
    return title if title.endswith((".", "?", "!")) else f"{title}."


def list_lines(exercises: list[LoadedExercise]) -> list[str]:
    return [
        f"{item.exercise.id}: {_sentence(item.exercise.title)} "
        f"Bij stappenplan {item.exercise.flow}, "
        f"{len(item.exercise.decisions)} keuzes, {item.exercise.max_points} punten."
        for item in exercises
    ]


def summary_lines(tallies: list[ExerciseTally]) -> list[str]:
    """The summary as text; every title, prompt and label cleaned to one line."""
    lines = ["OEFENRESULTATEN"]
    for tally in tallies:
        title = f" — {clean(tally.title)}" if tally.title else ""
        word = "resultaat" if tally.results == 1 else "resultaten"
        lines += ["", f"Oefening {clean(tally.exercise_id)}{title} ({tally.results} {word})"]
        average = score_text(tally.average_points, tally.max_points, tally.average_percentage)
        lines.append(f"  Gemiddelde score: {average}")
        for step in tally.steps.values():
            prompt = f": {clean(step.prompt)}" if step.prompt else ""
            lines.append(f"  Stap {clean(step.step_id)}{prompt}")
            if step.expected:
                lines.append(f"    verwacht: {clean(step.expected)}")
            lines += [f"    {count}× {clean(label)}" for label, count in step.ranked()]
    if not tallies:
        lines.append("Geen leesbare oefenresultaten.")
    return lines


def _summary(paths: list[Path], *, per_participant: bool, csv: Path | None, force: bool) -> int:
    if per_participant or csv is not None:
        from wegwijzer.commands.train_report import report

        return report(paths, per_participant=per_participant, csv=csv, force=force)
    from wegwijzer.commands.train_report import expand

    tallies, problems = summarise(expand(paths))
    print("\n".join(summary_lines(tallies)))
    for problem in problems:
        print(f"fout: {problem} (overgeslagen)", file=sys.stderr)
    return 1 if problems else 0


def _resolve(
    name: str,
    exercises: list[LoadedExercise],
    problems: list[Problem],
    flows: Mapping[str, LoadedFlow],
) -> LoadedExercise | None:
    """An exercise by id or file name, or a file elsewhere; Dutch errors on stderr."""
    found = find_exercise(exercises, name)
    if found is not None:
        return found
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        try:
            return load_exercise(path, flows)
        except ProblemsError as error:
            print_problems(error.problems)
            return None
    own = [p for p in problems if Path(p.file).stem == name]
    if own:
        print_problems(own)
        return None
    known = ", ".join(item.exercise.id for item in exercises) or "geen"
    print(f"fout: oefening '{name[:80]}' niet gevonden (beschikbaar: {known})", file=sys.stderr)
    return None


def run(args: argparse.Namespace) -> int:
    if args.summary:
        return _summary(
            args.summary, per_participant=args.per_deelnemer, csv=args.csv, force=args.force
        )
    if args.per_deelnemer or args.csv:
        print("fout: --per-deelnemer en --csv werken alleen samen met --summary", file=sys.stderr)
        return 2
    catalog = load_catalog()
    exercises, problems = load_exercises(exercise_folder(catalog), catalog)
    if args.list:
        print("\n".join(list_lines(exercises)) if exercises else "geen oefeningen gevonden")
        print_problems(catalog.problems + problems)
        return 1 if problems or catalog.problems or not exercises else 0
    if not args.exercise:
        print("fout: noem een oefening, of gebruik --list of --summary", file=sys.stderr)
        return 2
    if not args.plain and (args.export or args.force):
        print(
            "fout: --export en --force werken alleen samen met --plain; "
            "in de app exporteert u met e in de nabespreking",
            file=sys.stderr,
        )
        return 2
    item = _resolve(args.exercise, exercises, problems, flows_by_id(catalog))
    if item is None:
        return 1
    if args.export and not args.force and os.path.lexists(args.export):
        print(f"fout: {RecordExistsError(args.export)}", file=sys.stderr)
        return 1
    if not args.plain:
        if (refused := refuse_without_terminal()) is not None:
            return refused
        from wegwijzer.tui.app import make_app  # only here: headless commands never load textual

        app = make_app(exercise_id=args.exercise, feedback=args.feedback)
        app.run()
        return app.return_code or 0  # 1 after a crash
    training = TrainingRun(item, args.feedback or "direct")
    code = run_training(training, _read_line, sys.stdout, ask_mode=args.feedback is None)
    if code != 0 or not args.export:
        return code
    try:
        write_atomic(args.export, training.record_bytes(), overwrite=args.force)
    except (RecordExistsError, WriteError) as error:
        print(f"fout: {error}", file=sys.stderr)
        return 1
    points = number(training.debrief().percentage)
    print(f"\nResultaat ({points} %) opgeslagen in {args.export}.")
    return 0
