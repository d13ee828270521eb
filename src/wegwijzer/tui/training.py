"""Training in the TUI: the exercises for the home screen, and the steps of a run.

The home screen lists what ``find_exercises`` finds (a broken exercise file becomes a
Dutch note, never a crash) and posts ``ExerciseChosen``; the app shows the vignette and
then a ``TrainingStepScreen``, which answers through the ``TrainingRun`` so every
decision is scored, and shows the feedback at once when the trainee chose "direct".
An exercise has no way back (as in plain mode: every choice counts) and writes no
drafts: the case is invented, and its score lives in the run. The result is exported
as a record in mode "oefening" with a ``[score]`` table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message

from wegwijzer.core import export
from wegwijzer.core.catalog import Catalog
from wegwijzer.core.check import LoadedFlow
from wegwijzer.core.exercise import (
    LoadedExercise,
    exercise_folder,
    find_exercise,
    flows_by_id,
    load_exercise,
    load_exercises,
)
from wegwijzer.core.problems import ProblemsError
from wegwijzer.core.session import Answer
from wegwijzer.core.text import clean
from wegwijzer.core.training import TrainingRun
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.messages import SessionChanged
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.feedback import FeedbackDialog

NO_WAY_BACK = "In een oefening kunt u niet terug: elke keuze telt."
SHOWN_PROBLEMS = 3


@dataclass(frozen=True)
class Exercise:
    """One entry of the home screen's list; without ``item`` the flow is walked in mode
    "oefening" with no scoring (the summary at the end, as for a case)."""

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
    decisions = len(item.exercise.decisions)
    points = item.exercise.max_points
    return (
        f"Flow: {item.loaded.flow.title} · "
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
    return export.export(run.session, path, overwrite=overwrite, extra={"score": run.score_table()})


def training_export_name(run: TrainingRun, day: str) -> str:
    return f"wegwijzer-oefening-{run.exercise.id}-{day}.toml"


class ExerciseChosen(Message):
    """Show the vignette of ``item``; ``feedback`` preselects "direct" or "achteraf"."""

    def __init__(self, item: LoadedExercise, feedback: str | None = None) -> None:
        super().__init__()
        self.item = item
        self.feedback = feedback


class TrainingStepScreen(StepScreen):
    """A step of an exercise: answers go through the run; there is no way back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Oefening stoppen"),
        Binding("backspace", "back", "Oefening stoppen", show=False),
    ]

    def __init__(self, run: TrainingRun) -> None:
        super().__init__(run.session)
        self.run = run

    def submit(self, value: Answer) -> None:
        feedback = self.run.answer(value)
        if feedback is not None:
            dialog = FeedbackDialog(feedback, self.run.session.loaded.source)
            self.app.push_screen(dialog, self._feedback_read)

    def _feedback_read(self, _: None) -> None:
        self.post_message(SessionChanged())  # after the last one, the app shows the debrief

    async def action_back(self) -> None:
        if not self.session.answers:
            self.dismiss()  # nothing chosen yet: leaving costs nothing
            return
        dialog = ConfirmDialog(
            "Oefening stoppen?",
            f"{NO_WAY_BACK} Wilt u de oefening stoppen? Dan is er geen score.",
            yes="Stoppen",
            no="Verder oefenen",
        )
        self.app.push_screen(dialog, self._stop_or_go_on)

    def _stop_or_go_on(self, stop: bool | None) -> None:
        if stop:
            self.dismiss()
        else:
            self.notify(NO_WAY_BACK, markup=False)
