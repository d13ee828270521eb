"""A step of an exercise: answers go through the ``TrainingRun``; there is no way back."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from wegwijzer.core.training.run import TrainingRun
from wegwijzer.core.walk.session import Answer
from wegwijzer.tui.dialogs.case import CaseDialog
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.messages import SessionChanged
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.feedback import FeedbackDialog

NO_WAY_BACK = "In een oefening kunt u niet terug: elke keuze telt."


class TrainingStepScreen(StepScreen):
    """A step of an exercise: answers go through the run; there is no way back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Stoppen"),
        Binding("backspace", "back", "Stoppen", show=False),
        # The case first in the footer: 80 columns hold no more (notes stay under n).
        Binding("n", "note", "Notitie", show=False),
        Binding("v", "case", "Casus"),
    ]

    def __init__(self, run: TrainingRun) -> None:
        super().__init__(run.session)
        self.run = run

    def submit(self, value: Answer) -> None:
        feedback = self.run.answer(value)
        if feedback is not None:
            dialog = FeedbackDialog(feedback, self.run.session.loaded.source)
            self.app.push_screen(dialog, self._feedback_read)

    def action_case(self) -> None:
        exercise = self.run.exercise
        self.app.push_screen(CaseDialog(exercise.title, exercise.vignette))

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
