"""The app in a trainee's browser tab: a nickname, the trainer's exercises, nothing else.

Started by the class server as ``python -m wegwijzer.klas.trainee`` with its settings
in the environment (``klas.settings``). It is a training-only app: no flows outside
the exercises, no drafts, no opening or saving files, no command palette. A finished
exercise is written to the class's results folder (atomic, 0600) and can be
downloaded from the debrief. After every answer it writes where the trainee is
(``klas.progress``) for the class view. It never imports aiohttp.
"""

from __future__ import annotations

import contextlib
import io
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from wegwijzer.core.base.atomic import WriteError, write_atomic
from wegwijzer.core.base.clock import utc_now
from wegwijzer.klas.progress import Progress, write_progress
from wegwijzer.klas.settings import TraineeSettings, from_environment, result_name
from wegwijzer.klas.trainee_screens import (
    KLAS_STYLES,
    ClassDebriefScreen,
    ClassVignetteScreen,
    ExerciseListScreen,
    NicknameScreen,
)
from wegwijzer.tui.base_app import DutchApp
from wegwijzer.tui.messages import SessionChanged
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual._path import CSSPathType

    from wegwijzer.core.training.exercise import LoadedExercise
    from wegwijzer.core.training.run import TrainingRun


# Below 60×16 a screen shows only "venster te klein" (tui/app.tcss), as in the app.
WIDTH_CLASSES = [(0, "-smal"), (MIN_WIDTH, "-normaal")]
HEIGHT_CLASSES = [(0, "-laag"), (MIN_HEIGHT, "-hoog")]


def load_class_exercises(ids: tuple[str, ...]) -> list[LoadedExercise]:
    """The shipped (or ``$WEGWIJZER_FLOWS``) exercises the trainer chose, in that order."""
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.training.exercise import exercise_folder, load_exercises

    catalog = load_catalog()
    found, _problems = load_exercises(exercise_folder(catalog), catalog)
    if not ids:
        return found
    by_id = {item.exercise.id: item for item in found}
    return [by_id[name] for name in ids if name in by_id]


class TraineeApp(DutchApp, App[None]):
    """One trainee's session in the classroom."""

    TITLE = "Wegwijzer — oefenen in de klas"
    # klas.tcss here too: Textual loads a default screen's CSS_PATH only when it is pushed.
    CSS_PATH: ClassVar[CSSPathType] = [STYLES / "app.tcss", KLAS_STYLES]
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES
    VERTICAL_BREAKPOINTS = HEIGHT_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Stoppen", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self, settings: TraineeSettings, exercises: list[LoadedExercise] | None = None
    ) -> None:
        super().__init__()
        self.settings = settings
        self.exercises = (
            exercises if exercises is not None else load_class_exercises(settings.exercises)
        )
        self.session_id = uuid.uuid4().hex
        self.nickname = ""
        self.training: TrainingRun | None = None
        self.result: tuple[str, bytes] | None = None  # file name and bytes of the last result
        self.saved: Path | None = None

    def get_default_screen(self) -> Screen[None]:
        return NicknameScreen()

    # --- the routes -------------------------------------------------------------

    def nickname_chosen(self, nickname: str) -> None:
        self.nickname = nickname
        self.push_screen(ExerciseListScreen(nickname, self.exercises))
        self._write_progress()

    def _to_list(self) -> None:
        while len(self.screen_stack) > 2 and not isinstance(self.screen, ExerciseListScreen):
            self.pop_screen()

    def show_vignette(self, item: LoadedExercise) -> None:
        self._to_list()
        vignette = ClassVignetteScreen(item, self.settings.feedback)
        self.push_screen(vignette, lambda mode: self._start(item, mode))

    def _start(self, item: LoadedExercise, mode: str | None) -> None:
        if mode is None:
            return
        from wegwijzer.core.training.run import TrainingRun
        from wegwijzer.tui.screens.training_step import TrainingStepScreen

        run = TrainingRun(item, self.settings.feedback)
        self.training, self.result = run, None
        self._to_list()
        self.push_screen(TrainingStepScreen(run))
        self._write_progress()

    def on_session_changed(self, message: SessionChanged) -> None:
        from wegwijzer.tui.widgets.feedback import FeedbackDialog

        run = self.training
        if run is None:
            return
        if run.finished and self.result is None:
            self._save_result(run)
        self._write_progress()
        if run.finished and not isinstance(self.screen, ClassDebriefScreen | FeedbackDialog):
            self.push_screen(ClassDebriefScreen(run))

    def action_home(self) -> None:
        self._to_list()

    async def action_quit(self) -> None:
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return

        def answered(stop: bool | None) -> None:
            if stop:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Sessie stoppen?",
                "Afgeronde oefeningen staan al bij de trainer. Een oefening die nog loopt, "
                "telt niet mee.",
                yes="Stoppen",
                no="Verder oefenen",
            ),
            answered,
        )

    # --- results ----------------------------------------------------------------

    def _save_result(self, run: TrainingRun) -> None:
        from wegwijzer.core.records.record import build_record, render_record

        score = {**run.score_table(), "participant": self.nickname}
        data = render_record(build_record(run.session, extra={"score": score}))
        name = result_name(self.nickname, run.exercise.id, run.session.finished_at or utc_now())
        self.result = (name, data)
        try:
            self.saved = write_atomic(self.settings.results / name, data)
        except (WriteError, OSError):
            self.saved = None
            self.notify(
                "Het resultaat kon niet bij de trainer worden opgeslagen. "
                "Download het met e en geef het de trainer.",
                severity="error",
                markup=False,
                timeout=15,
            )
            return
        debrief = run.debrief()
        for screen in self.screen_stack:
            if isinstance(screen, ExerciseListScreen):
                screen.mark_done(
                    run.exercise.id, debrief.points, debrief.max_points, debrief.percentage
                )

    def _write_progress(self) -> None:
        run = self.training
        fields: dict[str, object] = {"nickname": self.nickname, "updated": utc_now()}
        if run is not None:
            debrief = run.debrief() if run.finished else None
            fields.update(
                exercise=run.exercise.id,
                title=run.exercise.title,
                step=len(run.session.path),
                done=run.finished,
                points=debrief.points if debrief else 0.0,
                max=run.exercise.max_points,
            )
        # On failure the class view shows the last known step; the result still counts.
        with contextlib.suppress(WriteError, OSError):
            write_progress(self.settings.results, self.session_id, Progress.model_validate(fields))

    def action_export(self) -> None:
        """Download the last result in the browser (in a terminal: the downloads folder)."""
        if self.result is None:
            self.notify("Er is nog geen resultaat om te downloaden.", markup=False)
            return
        name, data = self.result
        self.deliver_binary(
            io.BytesIO(data),
            save_filename=name,
            mime_type="application/toml",
            name=Path(name).stem,
        )
        self.notify(f"Download gestart: {name}", markup=False)


def main() -> int:
    try:
        settings = from_environment()
    except ValueError:
        return 2
    app = TraineeApp(settings)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
