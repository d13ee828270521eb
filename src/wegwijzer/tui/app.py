"""The terminal app: owns the catalog, the session and the screen stack.

Screens render a session and post messages up (``FlowChosen``, ``SessionChanged``,
``ReopenStep``, …); the app routes: which screen is on top, autosave after every
change, export, and asking before unexported work is lost.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen

from wegwijzer.core.catalog import Catalog, load_catalog, open_catalog
from wegwijzer.core.clock import utc_now
from wegwijzer.core.text import clean
from wegwijzer.tui.base_app import DutchApp
from wegwijzer.tui.commands import PaletteCommand, WegwijzerCommands
from wegwijzer.tui.messages import (
    BackFromOutcome,
    FlowChosen,
    RecordChosen,
    ReopenStep,
    SessionChanged,
)
from wegwijzer.tui.records_bridge import (
    DraftSaver,
    ProblemsError,
    RecordExistsError,
    WriteError,
    install_signal_save,
    make_saver_call,
    open_record,
    privacy_warnings,
)
from wegwijzer.tui.render import plain
from wegwijzer.tui.screens.home import HomeScreen
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.training import (
    ExerciseChosen,
    export_run,
    resolve_exercise,
    training_export_name,
)
from wegwijzer.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual._path import CSSPathType

    from wegwijzer.core.check import LoadedFlow
    from wegwijzer.core.exercise import LoadedExercise
    from wegwijzer.core.session import Session
    from wegwijzer.core.training import TrainingRun

# The other screens, the session and the models (pydantic) are imported where they are
# first needed: the home screen's first frame needs none of them (docs/performance.md).

WIDE = 100
WIDTH_CLASSES = [(0, "-smal"), (MIN_WIDTH, "-normaal"), (WIDE, "-breed")]
HEIGHT_CLASSES = [(0, "-laag"), (MIN_HEIGHT, "-hoog")]
State = tuple[object, ...]


def session_state(session: Session) -> State:
    """Everything an export would write that the user can change."""
    return (
        tuple(session.path),
        tuple(sorted(session.answers.items())),
        tuple(sorted(session.notes.items())),
        session.case_ref,
    )


class WegwijzerApp(DutchApp):
    TITLE = "Wegwijzer"
    # home.tcss here, not on HomeScreen: Textual loads a screen's CSS_PATH when it is
    # pushed, and the home screen is the default screen (``get_default_screen``).
    CSS_PATH: ClassVar[CSSPathType] = [STYLES / "app.tcss", STYLES / "home.tcss"]
    COMMANDS = App.COMMANDS | {WegwijzerCommands}
    # Classes on every screen: "-smal"/"-laag" show only "venster te klein" (app.tcss).
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES
    VERTICAL_BREAKPOINTS = HEIGHT_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True),
        Binding("ctrl+q", "quit", "Afsluiten", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        catalog: Catalog,
        *,
        flow_id: str | None = None,
        record: Path | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        drafts: bool = True,
        exercise_id: str | None = None,
        feedback: str | None = None,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.start_flow = flow_id
        self.start_record = record
        self.clock = clock
        self.saver = DraftSaver(enabled=drafts)
        self.session: Session | None = None
        self._exported: State = ()
        self._restore_signals: Callable[[], None] | None = None
        self._exporting = False
        self.start_exercise = exercise_id
        self.start_feedback = feedback
        self.training: TrainingRun | None = None  # an exercise: no drafts, a debrief at the end

    # --- start and stop ---------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        # The home screen is the bottom of the stack, never popped. As Textual's default
        # screen it is composed in the app's first frame; pushed from ``on_mount`` it came
        # one frame later, after a dropped one (docs/performance.md, figure 1).
        return HomeScreen(self.catalog, self.saver)

    def on_mount(self) -> None:
        # What start-up built (catalog, styles, widgets) lives as long as the app: keep
        # it out of every later full collection (docs/performance.md, figure 4).
        self.call_after_refresh(gc.freeze)
        if self.saver.enabled:
            try:
                self._restore_signals = install_signal_save(
                    lambda: None if self.training else self.session
                )
            except ValueError:  # not the main thread (some test runners)
                self._restore_signals = None
        if self.start_record is not None:
            self.open_record(self.start_record)
        elif self.start_flow is not None:
            loaded = self.catalog.find(self.start_flow)
            if loaded is None:
                name = clean(self.start_flow, limit=80)
                self.notify(f"Flow '{name}' niet gevonden.", severity="error", markup=False)
            else:
                from wegwijzer.core.session import Session

                self.begin(Session(loaded, clock=self.clock))
        elif self.start_exercise is not None:
            self.open_exercise(self.start_exercise, self.start_feedback)

    def on_unmount(self) -> None:
        if self._restore_signals is not None:
            self._restore_signals()

    @property
    def unexported(self) -> bool:
        """Answers or notes that are not in an exported file yet."""
        session = self.session
        if session is None or not (session.answers or session.notes):
            return False
        return session_state(session) != self._exported

    async def action_quit(self) -> None:
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        if isinstance(self.screen, ConfirmDialog):
            return
        if self.unexported:
            self._confirm_quit()
        else:
            self.exit()

    @work(group="vragen")
    async def _confirm_quit(self) -> None:
        kept = (
            "Het blijft bewaard als concept; u hervat het op het startscherm."
            if self.saver.enabled and self.training is None
            else "Het gaat verloren."
        )
        message = f"Er is werk dat nog niet is geëxporteerd. {kept}"
        if await self._ask("Afsluiten?", message, yes="Afsluiten", no="Verder werken"):
            self.exit()

    # --- the walk ---------------------------------------------------------------

    def _to_home(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def begin(self, session: Session) -> None:
        """Make ``session`` the one shown: its step, or its summary when it is finished."""
        from wegwijzer.tui.screens.step import StepScreen
        from wegwijzer.tui.screens.summary import SummaryScreen

        self.session, self.training = session, None
        self._exported = session_state(session)
        self._to_home()
        self.push_screen(StepScreen(session))
        if session.finished:
            self.push_screen(SummaryScreen(session))

    async def _may_replace_session(self) -> bool:
        if not self.screen.is_mounted or isinstance(self.screen, ModalScreen):
            # Keys typed ahead: a repeated Enter while the screen of the choice before is
            # still being mounted, or a dialog (the palette) opened since. Going home now
            # would pop that screen mid-way and crash Textual; the earlier state stands.
            return False
        if not self.unexported or (self.saver.enabled and self.training is None):
            return True  # nothing to lose, or it is in a draft
        return await self._ask(
            "Werk niet geëxporteerd",
            "Het huidige werk is nog niet geëxporteerd en gaat verloren. Doorgaan?",
            yes="Doorgaan",
            no="Terug",
        )

    @work(group="vragen")
    async def on_flow_chosen(self, message: FlowChosen) -> None:
        if await self._may_replace_session():
            from wegwijzer.core.session import Session

            self.begin(Session(message.loaded, mode=message.mode, clock=self.clock))

    @work(group="vragen")
    async def on_record_chosen(self, message: RecordChosen) -> None:
        if await self._may_replace_session():
            self.open_record(message.path)

    def open_record(self, path: Path) -> None:
        try:
            opened = open_record(path, self.catalog)
        except ProblemsError as error:
            for problem in error.problems[:5]:
                self.notify(
                    str(problem), title="Dossier niet geopend", severity="error", markup=False
                )
            return
        if opened.session is not None:
            self.begin(opened.session)
            self.notify("Dossier geopend; u gaat verder waar u was.", markup=False)
            if opened.dropped:  # answers kept off the path that no longer fit the flow
                lines = "\n".join(f"- {reason}" for reason in opened.dropped[:3])
                more = len(opened.dropped) - 3
                if more > 0:
                    lines += f"\n(en nog {more})"
                self.notify(
                    lines,
                    title="Niet alle bewaarde antwoorden teruggezet",
                    severity="warning",
                    markup=False,
                    timeout=12,
                )
        else:
            from wegwijzer.tui.screens.review import ReviewScreen

            self._to_home()
            self.push_screen(ReviewScreen(opened.record, opened.reasons))

    def on_session_changed(self, message: SessionChanged) -> None:
        from wegwijzer.tui.screens.summary import SummaryScreen

        session = self.session
        if session is None:
            return
        if self.training is not None:
            self._training_changed(self.training)
            return
        # After the frame that shows the new step: the save's thread then does not
        # compete with drawing it. It copies the session when it starts.
        self.call_after_refresh(self.autosave)
        if session.finished and not isinstance(self.screen, SummaryScreen):
            self.push_screen(SummaryScreen(session))

    def on_reopen_step(self, message: ReopenStep) -> None:
        from wegwijzer.tui.screens.step import StepScreen
        from wegwijzer.tui.screens.summary import SummaryScreen

        if self.session is None or not isinstance(self.screen, SummaryScreen):
            return  # a repeated key that arrived after the summary closed
        self.session.reopen(message.step_id)
        self.pop_screen()
        self.call_after_refresh(self.autosave)  # the answers after it move to [[kept]]
        for screen in self.screen_stack:
            if isinstance(screen, StepScreen):
                screen.reopening = True

    def on_back_from_outcome(self, message: BackFromOutcome) -> None:
        from wegwijzer.tui.screens.summary import SummaryScreen

        if self.session is None or not isinstance(self.screen, SummaryScreen):
            return
        if self.session.back():
            self.pop_screen()
            self.call_after_refresh(self.autosave)

    def autosave(self) -> None:
        if self.session is None or not self.saver.enabled or self.training is not None:
            return
        job = make_saver_call(self.saver, self.session)
        self.run_worker(partial(self._save_draft, job), thread=True, group="concept")

    def _save_draft(self, job: Callable[[], str | None]) -> None:
        error = job()
        if error:
            self.call_from_thread(self.notify, error, severity="error", markup=False)

    # --- export -----------------------------------------------------------------

    def default_export_path(self, session: Session) -> Path:
        day = self.clock().astimezone().date().isoformat()
        if self.training is not None and session is self.training.session:
            return Path.home() / training_export_name(self.training, day)
        return Path.home() / f"wegwijzer-{session.flow.id}-{day}.toml"

    def action_export(self) -> None:
        if self.session is None:
            self.notify("Er is nog niets om te exporteren.", markup=False)
            return
        if self.training is not None and not self.training.finished:
            self.notify("Een oefening exporteert u aan het eind, in de nabespreking.", markup=False)
            return
        self._export(self.session)

    @work(group="vragen")
    async def _export(self, session: Session) -> None:
        default = self.default_export_path(session)
        home = Path.home()
        shown = f"~/{default.relative_to(home)}" if default.is_relative_to(home) else str(default)
        warned = privacy_warnings(session)
        from wegwijzer.tui.dialogs.export import ExportDialog

        choice = await self.push_screen_wait(ExportDialog(shown, session.case_ref, warned))
        if choice is None:
            return
        if choice.case_ref != session.case_ref:
            session.case_ref = choice.case_ref
            self.autosave()
        fresh = [line for line in privacy_warnings(session) if line not in warned]
        if fresh and not await self._ask(
            "Persoonsgegevens?", "\n".join(fresh) + "\nToch exporteren?", "Exporteren", "Terug"
        ):
            return
        path = choice.path if choice.path.is_absolute() else Path.cwd() / choice.path
        try:
            try:
                written = self._write(session, path, overwrite=False)
            except RecordExistsError:
                question = Content.assemble(plain(str(path)), "\nbestaat al. Overschrijven?")
                if not await self._ask(
                    "Bestand bestaat al", question, "Overschrijven", "Annuleren"
                ):
                    return
                written = self._write(session, path, overwrite=True)
        except WriteError as error:
            self.notify(str(error), title="Niet geëxporteerd", severity="error", markup=False)
            return
        self._exported = session_state(session)
        self.notify(f"Geëxporteerd naar {written}", title="Opgeslagen", markup=False, timeout=10)

    def _write(self, session: Session, path: Path, *, overwrite: bool) -> Path:
        if self.training is not None and session is self.training.session:
            return export_run(self.training, path, overwrite=overwrite)  # with [score]
        return self.saver.export(session, path, overwrite=overwrite)

    async def _ask(self, title: str, message: Content | str, yes: str, no: str) -> bool:
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        answer: bool = await self.push_screen_wait(ConfirmDialog(title, message, yes=yes, no=no))
        return answer

    # --- training: an exercise from the home screen or `wegwijzer train` ------------

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
        from wegwijzer.core.training import TrainingRun
        from wegwijzer.tui.screens.training_step import TrainingStepScreen

        run = TrainingRun(item, mode, clock=self.clock)
        self.session, self.training = run.session, run
        self._exported = session_state(run.session)
        self._to_home()
        self.push_screen(TrainingStepScreen(run))

    def _training_changed(self, run: TrainingRun) -> None:
        """After an answer in an exercise: the debrief once the flow is done and read."""
        from wegwijzer.tui.screens.debrief import DebriefScreen
        from wegwijzer.tui.widgets.feedback import FeedbackDialog

        if run.finished and not isinstance(self.screen, DebriefScreen | FeedbackDialog):
            self.push_screen(DebriefScreen(run))

    # --- help, palette, source, theme -------------------------------------------

    def action_help(self) -> None:
        # Imported here: Markdown (markdown-it, Pygments) costs start-up time otherwise.
        from wegwijzer.tui.screens.help import HelpScreen, key_sections

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
        else:
            self.push_screen(HelpScreen(key_sections(self.BINDINGS)))

    def action_source(self) -> None:
        from wegwijzer.tui.screens.source import SourceScreen
        from wegwijzer.tui.screens.step import StepScreen
        from wegwijzer.tui.screens.summary import SummaryScreen

        screen = self.screen
        if isinstance(screen, StepScreen | SummaryScreen):
            screen.action_source()
        elif self.session is not None and not isinstance(screen, SourceScreen):
            self.push_screen(SourceScreen(self.session.loaded.source, self.session.current.cites))
        elif self.catalog.sources and not isinstance(screen, SourceScreen):
            self.push_screen(SourceScreen(next(iter(self.catalog.sources.values()))))

    def action_open_record(self) -> None:
        from wegwijzer.tui.dialogs.open_record import OpenRecordDialog

        self.push_screen(OpenRecordDialog(), self._record_path_chosen)

    def _record_path_chosen(self, path: Path | None) -> None:
        if path is not None:
            self.post_message(RecordChosen(path))

    def action_home(self) -> None:
        self._to_home()

    def palette_commands(self) -> list[PaletteCommand]:
        """For the palette provider; help texts are fixed (the palette parses them)."""
        commands = [
            PaletteCommand(
                Content.assemble("Flow openen: ", plain(loaded.flow.title, multiline=False)),
                "Begin deze flow bij de eerste stap",
                partial(self.post_message, FlowChosen(loaded)),
            )
            for loaded in self.catalog.flows
        ]
        fixed: list[tuple[str, str, Callable[[], object]]] = [
            ("Exporteren", "Sla het overzicht op als TOML-bestand", self.action_export),
            (
                "Bron bekijken",
                "Het hele brondocument, bij het geciteerde antwoord",
                self.action_source,
            ),
            (
                "Thema wisselen: licht of donker",
                "Een licht of een donker thema",
                self.action_toggle_dark,
            ),
            (
                "Dossier openen",
                "Open een geëxporteerd overzicht of concept",
                self.action_open_record,
            ),
            ("Startscherm", "Terug naar de lijst met flows", self.action_home),
            ("Help", "Toetsen en uitleg", self.action_help),
        ]
        if self.session is None:
            fixed = fixed[1:]
        return commands + [PaletteCommand(Content(title), text, run) for title, text, run in fixed]


def make_app(
    flow_id: str | None = None,
    record: Path | None = None,
    flows_dir: Path | None = None,
    *,
    clock: Callable[[], dt.datetime] | None = None,
    drafts: bool = True,
    flow: LoadedFlow | None = None,
    exercise_id: str | None = None,
    feedback: str | None = None,
) -> WegwijzerApp:
    """The app as the CLI and the tests start it: flows from ``flows_dir`` or the default.

    ``flow`` is a flow loaded from a file outside that folder; it joins the catalog.
    ``exercise_id`` opens that exercise's vignette (``feedback`` preselects the moment).
    """
    at_home = flow is None and flow_id is None and record is None and exercise_id is None
    # At home a warm cache lists the flows at once; they are checked after the first frame.
    catalog = open_catalog(flows_dir) if at_home else load_catalog(flows_dir)
    if flow is not None and catalog.find(flow.flow.id) is None:
        catalog.flows.append(flow)
        catalog.key = None  # no longer the folder's flows alone: never cached
    return WegwijzerApp(
        catalog,
        flow_id=flow_id,
        record=record,
        clock=clock or utc_now,
        drafts=drafts,
        exercise_id=exercise_id,
        feedback=feedback,
    )
