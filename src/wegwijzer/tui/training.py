"""Training in the TUI: the exercises for the home screen, and exporting a run.

The home screen lists what ``find_exercises`` finds (a broken exercise file becomes a
Dutch note, never a crash) and posts ``ExerciseChosen``; the app shows the vignette and
then a ``TrainingStepScreen`` (``tui/screens/training_step.py``), which answers through
the ``TrainingRun`` so every decision is scored, and shows the feedback at once when the
trainee chose "direct". An exercise has no way back (as in plain mode: every choice
counts) and writes no drafts: the case is invented, and its score lives in the run. The
result is exported as a record in mode "oefening" with a ``[score]`` table.

The exercise and record code (pydantic) is imported by the functions that load or
export: the home screen imports this module before its first frame.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import Catalog

if TYPE_CHECKING:
    from wegwijzer.core.flows.check import LoadedFlow
    from wegwijzer.core.training.exercise import LoadedExercise
    from wegwijzer.core.training.run import TrainingRun

SHOWN_PROBLEMS = 3


class Exercise(NamedTuple):
    """One entry of the home screen's list; without ``item`` the flow is walked in mode
    "oefening" with no scoring (the summary at the end, as for a case).

    A NamedTuple: a dataclass compiles its methods at import, and the home screen imports
    this module before its first frame (docs/performance.md, issue 19)."""

    title: str
    summary: str
    loaded: LoadedFlow
    item: LoadedExercise | None = None


class ExerciseList(list[Exercise]):
    """The exercises found; ``problems`` holds Dutch lines about the files left out."""

    def __init__(self, exercises: Iterable[Exercise] = (), problems: Iterable[str] = ()) -> None:
        super().__init__(exercises)
        self.problems = list(problems)


def exercise_summary(item: LoadedExercise) -> str:
    """``Flow: Zorgen over een minderjarige · 9 keuzes tellen mee · 12 punten``"""
    return summary_line(
        item.loaded.flow.title, len(item.exercise.decisions), item.exercise.max_points
    )


def summary_line(flow_title: str, decisions: int, points: int) -> str:
    """``exercise_summary`` from the figures alone (as the cache of checked flows has them)."""
    return (
        f"Stappenplan: {flow_title} · "
        f"{decisions} {'keuze telt' if decisions == 1 else 'keuzes tellen'} mee · "
        f"{points} {'punt' if points == 1 else 'punten'}"
    )


def problem_lines(problems: list[str]) -> list[str]:
    lines = [f"{len(problems)} fout(en) in de oefenbestanden; deze oefeningen ontbreken."]
    lines += problems[:SHOWN_PROBLEMS]
    lines.append("Controleer ze met: wegwijzer check")
    return lines


def find_exercises(catalog: Catalog) -> ExerciseList:
    """The valid exercises over the catalog's flows, with Dutch lines about the rest."""
    from wegwijzer.core.training.exercise import exercise_folder, load_exercises

    try:
        found, problems = load_exercises(exercise_folder(catalog), catalog)
    except (ProblemsError, OSError) as error:
        reason = str(error) if isinstance(error, ProblemsError) else (error.strerror or "")
        return ExerciseList(problems=problem_lines([f"oefeningen niet te lezen: {reason}"]))
    exercises = (
        Exercise(item.exercise.title, exercise_summary(item), item.loaded, item) for item in found
    )
    lines = problem_lines([str(problem) for problem in problems]) if problems else []
    return ExerciseList(exercises, lines)


def resolve_exercise(catalog: Catalog, name: str) -> tuple[LoadedExercise | None, list[str]]:
    """An exercise by id or file name, or a ``.toml`` file elsewhere; else Dutch problems."""
    from wegwijzer.core.training.exercise import (
        exercise_folder,
        find_exercise,
        flows_by_id,
        load_exercise,
        load_exercises,
    )

    try:
        found, problems = load_exercises(exercise_folder(catalog), catalog)
    except OSError:
        found, problems = [], []
    item = find_exercise(found, name)
    if item is not None:
        return item, []
    path = Path(name)
    if path.suffix == ".toml" and path.is_file():
        try:
            return load_exercise(path, flows_by_id(catalog)), []
        except ProblemsError as error:
            return None, [str(problem) for problem in error.problems]
    own = [str(problem) for problem in problems if Path(problem.file).stem == name]
    if own:
        return None, own
    known = ", ".join(item.exercise.id for item in found) or "geen"
    return None, [f"Oefening '{clean(name, limit=80)}' niet gevonden (beschikbaar: {known})."]


def export_run(run: TrainingRun, path: Path, *, overwrite: bool) -> Path:
    """The session as a record (mode "oefening") with its ``[score]`` table; atomic, 0600.

    No draft of an exercise is ever written, so no autosave can race this write.
    """
    from wegwijzer.core.records import export

    return export.export(run.session, path, overwrite=overwrite, extra={"score": run.score_table()})


def training_export_name(run: TrainingRun, day: str) -> str:
    return f"wegwijzer-oefening-{run.exercise.id}-{day}.toml"


class ExerciseChosen(Message):
    """Show the vignette of ``item``; ``feedback`` preselects "direct" or "achteraf"."""

    def __init__(self, item: LoadedExercise, feedback: str | None = None) -> None:
        super().__init__()
        self.item = item
        self.feedback = feedback
