"""The terminal app: owns the catalog, the session and the screen stack.

Screens render a session and post messages up (``FlowChosen``, ``SessionChanged``,
``ReopenStep``, …); the app routes: which screen is on top, autosave after every
change, export, and asking before unexported work is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen

from wegwijzer.core.base.clock import utc_now
from wegwijzer.core.base.startup import first_frame
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import Catalog, load_catalog, open_catalog
from wegwijzer.tui.app_records import RecordRoutes
from wegwijzer.tui.app_training import TrainingRoutes
from wegwijzer.tui.base_app import DutchApp
from wegwijzer.tui.messages import (
    BackFromOutcome,
    FlowChosen,
    ReopenStep,
    SessionChanged,
)
from wegwijzer.tui.records_bridge import (
    install_signal_save,
)
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STEP_STYLES, STYLES, read_ahead
from wegwijzer.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH

if TYPE_CHECKING:
    from textual._path import CSSPathType
    from textual.command import Provider

    from wegwijzer.core.flows.check import LoadedFlow
    from wegwijzer.core.flows.protocol import Protocol
    from wegwijzer.tui.commands import PaletteCommand

# The other screens, the session and the models (pydantic) are imported where they are
# first needed: the home screen's first frame needs none of them (docs/performance.md).

WIDE = 100
WIDTH_CLASSES = [(0, "-smal"), (MIN_WIDTH, "-normaal"), (WIDE, "-breed")]
ROOMY = 24  # a terminal's usual height; below it (200 % zoom: 60×20) dialogs are "-kort"
HEIGHT_CLASSES = [(0, "-laag"), (MIN_HEIGHT, "-kort"), (ROOMY, "-hoog")]


def palette_provider() -> type[Provider]:
    """The palette's commands, imported when the palette first asks for them."""
    from wegwijzer.tui.commands import WegwijzerCommands

    return WegwijzerCommands


class WegwijzerApp(RecordRoutes, TrainingRoutes, DutchApp, App[None]):
    TITLE = "Wegwijzer"
    # home.tcss here, not on HomeScreen: Textual loads a screen's CSS_PATH when it is
    # pushed, and the home screen is the default screen (``get_default_screen``).
    # step.tcss is read ahead (``styles.read_ahead``): after the first frame, or before it
    # when the app starts on a step (``AppCore.__init__``); read when a step is pushed, it
    # made Textual parse every sheet again and restyle every screen (issue 19).
    CSS_PATH: ClassVar[CSSPathType] = [STYLES / "app.tcss", STYLES / "home.tcss"]
    COMMANDS = App.COMMANDS | {palette_provider}  # imported when the palette first opens
    # Classes on every screen: "-smal"/"-laag" show only "venster te klein" (app.tcss).
    HORIZONTAL_BREAKPOINTS = WIDTH_CLASSES
    VERTICAL_BREAKPOINTS = HEIGHT_CLASSES
    BINDINGS: ClassVar[list[BindingType]] = [
        # "?" too: what people press for help in most terminal programs (typed into a
        # note or a path, it stays a question mark: the field takes it first).
        Binding("f1,question_mark", "help", "Help"),
        Binding("ctrl+p", "command_palette", "Opdrachten", show=False, priority=True),
        Binding("ctrl+q", "quit", "Afsluiten", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    # --- start and stop ---------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        # The home screen is the bottom of the stack, never popped. As Textual's default
        # screen it is composed in the app's first frame; pushed from ``on_mount`` it came
        # one frame later, after a dropped one (docs/performance.md, figure 1).
        # `wegwijzer run FLOW` starts on the flow's first step the same way; the home
        # screen is made when that step is left (``pop_screen``, ``_to_home``): pushed on
        # top of a home screen, the step's first frame came 0.4× a bare app later (issue 19).
        if self.start_flow is not None and self.start_record is None:
            loaded = self.catalog.find(self.start_flow)
            if loaded is not None:
                from wegwijzer.core.walk.session import Session
                from wegwijzer.tui.screens.step import StepScreen

                session = Session(loaded, clock=self.clock)
                self.adopt(session)
                return StepScreen(session)
        return self.home_screen()

    def _first_frame_drawn(self) -> None:
        first_frame()
        read_ahead(self, STEP_STYLES)  # while the first screen is read: a step comes next

    def on_mount(self) -> None:
        # What start-up built (catalog, styles, widgets) lives as long as the app: keep
        # it out of every later full collection (docs/performance.md, figure 4), and let
        # the collector, paused for the start (core/base/startup.py), run again. Twice:
        # the first callback still runs before Textual writes the first frame.
        self.call_after_refresh(self.call_after_refresh, self._first_frame_drawn)
        if self.saver.enabled:
            try:
                self._restore_signals = install_signal_save(self.draft_session)
            except ValueError:  # not the main thread (some test runners)
                self._restore_signals = None
        if self.protocol is not None and self.protocol.overdue():
            self.notify(
                self.protocol.overdue_warning(),
                title="Eigen protocol niet op tijd herzien",
                severity="warning",
                markup=False,
                timeout=15,
            )
        if self.start_record is not None:
            self.open_record(self.start_record)
        elif self.start_flow is not None and self.session is None:
            loaded = self.catalog.find(self.start_flow)
            if loaded is None:
                name = clean(self.start_flow, limit=80)
                self.notify(f"Stappenplan '{name}' niet gevonden.", severity="error", markup=False)
            else:
                from wegwijzer.core.walk.session import Session

                self.begin(Session(loaded, clock=self.clock))
        elif self.start_exercise is not None:
            self.open_exercise(self.start_exercise, self.start_feedback)

    def on_unmount(self) -> None:
        if self._restore_signals is not None:
            self._restore_signals()

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
        if self.saver.failure and self.training is None:
            kept = (
                f"Het concept kon niet worden opgeslagen ({self.saver.failure}): bij afsluiten "
                "gaat het verloren. Rond het stappenplan af en sla het overzicht op (e), "
                "of blijf in de app."
            )
        elif self.saver.enabled and self.training is None:
            kept = "Het blijft bewaard als concept; u hervat het op het startscherm."
        else:
            kept = "Het gaat verloren."
        message = f"Er is werk dat nog niet als overzicht is opgeslagen. {kept}"
        if await self._ask("Afsluiten?", message, yes="Afsluiten", no="Verder werken"):
            self.exit()

    # --- the walk ---------------------------------------------------------------

    @work(group="vragen")
    async def on_flow_chosen(self, message: FlowChosen) -> None:
        if await self._may_replace_session():
            from wegwijzer.core.walk.session import Session

            self.begin(Session(message.loaded, mode=message.mode, clock=self.clock))

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

    def action_home(self) -> None:
        self._to_home()

    def palette_commands(self) -> list[PaletteCommand]:
        """For the palette provider; help texts are fixed (the palette parses them)."""
        from wegwijzer.tui.commands import PaletteCommand

        commands = [
            PaletteCommand(
                Content.assemble("Stappenplan openen: ", plain(loaded.flow.title, multiline=False)),
                "Begin dit stappenplan bij de eerste stap",
                partial(self.post_message, FlowChosen(loaded)),
            )
            for loaded in self.catalog.flows
        ]
        fixed: list[tuple[str, str, Callable[[], object]]] = [
            ("Overzicht opslaan", "Sla het overzicht op als bestand", self.action_export),
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
                "Overzicht openen",
                "Open een opgeslagen overzicht of een concept",
                self.action_open_record,
            ),
            ("Startscherm", "Terug naar de lijst met stappenplannen", self.action_home),
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
    catalog: Catalog | None = None,
    protocol: Protocol | None = None,
) -> WegwijzerApp:
    """The app as the CLI and the tests start it: flows from ``flows_dir`` or the default.

    ``flow`` is a flow loaded from a file outside that folder; it joins the catalog.
    ``exercise_id`` opens that exercise's vignette (``feedback`` preselects the moment).
    ``catalog`` is the folder's catalog when the caller has it already (``wegwijzer run``
    found ``flow`` in it): it is not loaded twice.
    """
    at_home = flow is None and flow_id is None and record is None and exercise_id is None
    # At home a warm cache lists the flows at once; they are checked after the first frame.
    if catalog is None:
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
        protocol=protocol,
    )
