"""The state every part of the app shares: the catalog, the session, what was exported.

``WegwijzerApp`` is put together from this and the routes of its own subjects:
``app_records`` (drafts, opening and exporting) and ``app_training`` (exercises).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.await_complete import AwaitComplete
from textual.content import Content
from textual.screen import ModalScreen

from wegwijzer.core.base.clock import utc_now
from wegwijzer.core.flows.catalog import Catalog
from wegwijzer.tui.base_app import DutchApp
from wegwijzer.tui.records_bridge import DraftSaver
from wegwijzer.tui.styles import STEP_STYLES, read_ahead

if TYPE_CHECKING:
    from wegwijzer.core.flows.protocol import Protocol
    from wegwijzer.core.training.run import TrainingRun
    from wegwijzer.core.walk.session import Session
    from wegwijzer.tui.screens.home import HomeScreen

State = tuple[object, ...]


def session_state(session: Session) -> State:
    """What the user can change of what an export holds: answers, notes, the case
    reference. Walking back and forth over the same answers changes nothing."""
    return (
        tuple(sorted(session.answers.items())),
        tuple(sorted(session.notes.items())),
        session.case_ref,
    )


class AppCore(DutchApp):  # a part of ``WegwijzerApp``, as DutchApp is (base_app)
    """The shared state and the moves every route needs: home, ask, begin a session."""

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
        protocol: Protocol | None = None,
    ) -> None:
        super().__init__()
        if flow_id is not None and record is None:
            # Starts on the flow's first step (``get_default_screen``): its sheet is read
            # with the app's, before the first frame, as a pushed screen's never is.
            self.css_path.append(STEP_STYLES)
        # The organisation's own protocol: every walk begun here shows it where the
        # source is silent (exercises do not: they train on the source alone).
        self.protocol = protocol
        self.catalog = catalog
        self.start_flow = flow_id
        self.start_record = record
        self.clock = clock
        self.saver = DraftSaver(enabled=drafts)
        self.session: Session | None = None
        self._exported: State = ()
        self._saved = False  # a draft of this session was written since it began
        self._restore_signals: Callable[[], None] | None = None
        self._exporting = False
        self.start_exercise = exercise_id
        self.start_feedback = feedback
        self.training: TrainingRun | None = None  # an exercise: no drafts, a debrief at the end

    @property
    def unexported(self) -> bool:
        """Answers or notes that are not in an exported file yet."""
        session = self.session
        if session is None or not (session.answers or session.notes):
            return False
        return session_state(session) != self._exported

    def home_screen(self) -> HomeScreen:
        # Imported here: `run FLOW` starts on the step and may never show the home screen.
        from wegwijzer.tui.screens.home import HomeScreen

        return HomeScreen(self.catalog, self.saver)

    def on_home(self) -> bool:
        """Is the home screen on top? Without importing it: none can exist before its
        module is imported."""
        home = sys.modules.get("wegwijzer.tui.screens.home")
        return home is not None and isinstance(self.screen, home.HomeScreen)

    def _to_home(self) -> None:
        while len(self.screen_stack) > 1 and not self.on_home():
            self.pop_screen()
        if not self.on_home():
            self._home_in_place()

    def pop_screen(self) -> AwaitComplete:
        if len(self.screen_stack) == 1 and not self.on_home():
            return self._home_in_place()
        return super().pop_screen()

    def _home_in_place(self) -> AwaitComplete:
        """`wegwijzer run FLOW` starts on the flow's first step, with no home screen under
        it (``get_default_screen``): leaving that step puts the home screen in its place."""
        screen = self.screen
        # Textual's switch drops the screen's result callback, which only a pushed screen
        # has: give the first screen the empty one a push gives.
        if not screen._result_callbacks:
            screen._push_result_callback(screen, None)
        home = self.home_screen()
        home.in_place_of = self.session.flow.id if self.session is not None else ""
        return self.switch_screen(home)

    def adopt(self, session: Session) -> None:
        """Make ``session`` the app's: the one autosaved, exported and asked about."""
        if session.protocol is None:
            session.protocol = self.protocol
        self.session, self.training = session, None
        self._exported = session_state(session)
        self._saved = False

    def begin(self, session: Session) -> None:
        """Make ``session`` the one shown: its step, or its summary when it is finished."""
        from wegwijzer.tui.screens.step import StepScreen

        self.adopt(session)
        self._to_home()
        read_ahead(self, STEP_STYLES)  # done after the first frame, unless a key came first
        self.push_screen(StepScreen(session))
        if session.finished:
            from wegwijzer.tui.screens.summary import SummaryScreen  # not for a first step

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
            "Werk niet opgeslagen",
            "Het huidige werk is nog niet als overzicht opgeslagen en gaat verloren. Doorgaan?",
            yes="Doorgaan",
            no="Terug",
        )

    async def _ask(self, title: str, message: Content | str, yes: str, no: str) -> bool:
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        answer: bool = await self.push_screen_wait(ConfirmDialog(title, message, yes=yes, no=no))
        return answer
