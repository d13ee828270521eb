"""``wegwijzer check --leesbaarheid``: words per sentence and Flesch-Douma of the own text.

Warnings, not errors: the exit code is that of the check itself (1 when a flow or
exercise has a problem), never set by readability.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wegwijzer.core.base.readability import (
    LONG_SENTENCE_WORDS,
    MAX_AVERAGE_WORDS,
    MAX_SENTENCE_WORDS,
    MIN_FLESCH_DOUMA,
    Figures,
)


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def summary_line(figures: Figures) -> str:
    return (
        f"{figures.sentences} zinnen, {_number(figures.average_words)} woorden per zin, "
        f"{_number(figures.long_share)} % boven {LONG_SENTENCE_WORDS} woorden, "
        f"Flesch-Douma {_number(figures.flesch_douma)}"
    )


def run_readability(files: list[Path] | None, *, as_json: bool) -> int:
    from wegwijzer.commands.common import print_problems
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.flows.plain_language import flow_readability
    from wegwijzer.core.training.exercise import exercise_folder, load_exercises
    from wegwijzer.core.training.plain_language import exercise_readability

    catalog = load_catalog(files=files)
    found, problems = ([], []) if files else load_exercises(exercise_folder(catalog), catalog)
    flows = [flow_readability(loaded.flow) for loaded in catalog.flows]
    exercises = [(item.exercise.id, exercise_readability(item.exercise)) for item in found]
    if as_json:
        report: dict[str, Any] = {
            "richtlijnen": {
                "hoogstens_woorden_per_zin": MAX_SENTENCE_WORDS,
                "gemiddeld_hoogstens": MAX_AVERAGE_WORDS,
                "flesch_douma_ten_minste": MIN_FLESCH_DOUMA,
            },
            "flows": [flow.as_dict() for flow in flows],
            "oefeningen": {ident: figures.as_dict() for ident, figures in exercises},
            "errors": [p.as_dict() for p in catalog.problems + problems],
        }
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        warned = 0
        for flow in flows:
            print(f"{flow.flow_id}: {summary_line(flow.total)}")
            lines = [f"let op: {line}" for line in flow.total.warnings()]
            lines += [f"beschrijving: {line}" for line in flow.description.sentence_warnings()]
            for step_id, figures in flow.steps:
                lines += [f"stap {step_id}: {line}" for line in figures.sentence_warnings()]
            warned += len(lines)
            print("".join(f"  {line}\n" for line in lines), end="")
        for ident, figures in exercises:
            print(f"oefening {ident}: {summary_line(figures)}")
            lines = [f"let op: {line}" for line in figures.warnings()]
            lines += figures.sentence_warnings()
            warned += len(lines)
            print("".join(f"  {line}\n" for line in lines), end="")
        print(f"{warned} waarschuwingen" if warned != 1 else "1 waarschuwing")
        print_problems(catalog.problems + problems)
    return 1 if catalog.problems or problems or not catalog.flows else 0
