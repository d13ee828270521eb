"""The app's routes for exercises: the case, the walk without drafts, the debrief."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import work

from wegwijzer.tui.app_core import AppCore, session_state
from wegwijzer.tui.styles import STEP_STYLES, read_ahead
from wegwijzer.tui.training import ExerciseChosen, resolve_exercise

if TYPE_CHECKING:
    from wegwijzer.core.training.exercise import LoadedExercise
    from wegwijzer.core.training.run import TrainingRun


class TrainingRoutes(AppCore):
    """An exercise from the home screen or ``wegwijzer train``: no drafts, a debrief."""

    def open_exercise(self, name: str, feedback: str | None = None) -> None:
        item, problems = resolve_exercise(self.catalog, name)
        for problem in problems[:5]:
            self.notify(problem, title="Oefening niet geopend", severity="error", markup=False)
        if item is not None:
            self.show_vignette(item, feedback)

    @work(group="vragen")
    async def on_exercise_chosen(self, message: ExerciseChosen) -> None:
        if await self._may_replace_session():
            self.show_vignette(message.item, message.feedback)

    def show_vignette(self, item: LoadedExercise, feedback: str | None = None) -> None:
        from wegwijzer.tui.screens.vignette import VignetteScreen

        self._to_home()
        self.push_screen(VignetteScreen(item, feedback), partial(self._start_training, item))

    def _start_training(self, item: LoadedExercise, mode: str | None) -> None:
        if mode is None:
            return  # Esc on the vignette: back home, nothing started
        from wegwijzer.core.training.run import TrainingRun
        from wegwijzer.tui.screens.training_step import TrainingStepScreen

        run = TrainingRun(item, mode, clock=self.clock)
        self.session, self.training = run.session, run
        self._exported = session_state(run.session)
        self._to_home()
        read_ahead(self, STEP_STYLES)  # read after the first frame, unless this came first
        self.push_screen(TrainingStepScreen(run))

    def _training_changed(self, run: TrainingRun) -> None:
        """After an answer in an exercise: the debrief once the flow is done and read."""
        from wegwijzer.tui.screens.debrief import DebriefScreen
        from wegwijzer.tui.widgets.feedback import FeedbackDialog

        if run.finished and not isinstance(self.screen, DebriefScreen | FeedbackDialog):
            self.push_screen(DebriefScreen(run))
