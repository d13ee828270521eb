"""The start: flows to walk, exercises, drafts to resume, and opening a record file.

When the clean check of the flows folder is in the cache (``core.flows.cache``), the
first frame lists the flows and exercises from it, before pydantic is even imported;
right after that frame a worker thread loads and checks the folder for real. Choosing
an entry before it is done waits for it, so only a checked flow is ever opened; if the
check finds something else than the cache listed, the list is corrected. The drafts
likewise: the first frame lists them from their header lines (``draft_peek``), the
worker validates them, and the list is corrected if that finds something else. With
more drafts than fit in view, the first frame lists those that can be in view, and the
rest are added right after it (``list_all_drafts``).
"""

from __future__ import annotations

import threading
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.css.query import QueryType
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static
from textual.worker import Worker, WorkerState

from wegwijzer.core.flows.catalog import Catalog, ListedCatalog, flow_entry, remember, source_entry
from wegwijzer.core.records.draft_peek import peek_drafts, peek_newest
from wegwijzer.tui import training
from wegwijzer.tui.messages import FlowChosen, RecordChosen
from wegwijzer.tui.records_bridge import DraftListing, DraftSaver, list_drafts
from wegwijzer.tui.render import plain, source_note
from wegwijzer.tui.screens.home_entries import RESUME as RESUME  # named by the tests
from wegwijzer.tui.screens.home_entries import (
    EntryList,
    Listing,
    draft_prompt,
    drafts_in_view,
    drafts_part,
    exercises_part,
    flows_part,
)
from wegwijzer.tui.training import ExerciseChosen
from wegwijzer.tui.widgets.cursor_list import separated
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.sized import SizedScreen
from wegwijzer.tui.widgets.too_small import TooSmall

WELCOME = (
    "Zorgen over een minderjarige en een mogelijke loverboy? Kies een stappenplan en druk op "
    "Enter. Elke stap toont het antwoord uit de bron waarop hij rust."
)


CHECK_GROUP = "flows-controleren"
FLOWS_GROUP = "flows-laden"
LIST_CHANGED = "De stappenplannen zijn intussen gewijzigd; de lijst is bijgewerkt. Kies opnieuw."
DRAFTS_CHANGED = "De lijst met concepten is bijgewerkt. Kies opnieuw."


class HomeScreen(SizedScreen[None]):
    AUTO_FOCUS = "EntryList"  # the first list: drafts to go on with, else the flows
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "app.open_record", "Overzicht openen"),
        Binding("x", "delete_draft", "Verwijderen"),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def __init__(self, catalog: Catalog, saver: DraftSaver) -> None:
        super().__init__()
        self.catalog = catalog
        self.saver = saver
        self.exercises = training.ExerciseList()
        self.exercise_problems: list[str] = []
        self.checked = False  # the catalog is loaded and the exercises are found
        self._found: training.ExerciseList | None = None
        self._finding = threading.Lock()
        self.settled = threading.Event()  # set once the worker has checked and cached
        # Listed from the cache, the exercises come right after the first frame: below the
        # flows, they are out of view at 80×24, and the first frame waits for nothing else.
        self._exercises_shown = True
        if isinstance(catalog, ListedCatalog):
            # Listed from the cache; the flows may be loaded already (``wegwijzer run``), the
            # exercises are found after the first frame, and all is compared then.
            self.listing = Listing.cached(catalog.listed)
            self._exercises_shown = False
        else:
            self._take(self._find_exercises())
        # From the header lines first; validated after the first frame (``drafts_checked``).
        # Only as many as can be in view at the first frame; the rest right after it.
        self.drafts = DraftListing()
        self._all_drafts = True
        if saver.enabled:
            self.drafts, self._all_drafts = peek_newest(drafts_in_view(self))
        self._validated: DraftListing | None = None
        self._validating = threading.Lock()
        self._arrived = False
        # A step is on top (``run FLOW``, or a flow chosen at once): the part of the check
        # that needs pydantic (drafts, exercises) waits until the home screen is back, so
        # it never competes with drawing that step (docs/performance.md, issue 19).
        self._away = False
        self._deferred = False

    def list_all_drafts(self) -> bool:
        """The drafts past those listed for the first frame (``peek_newest``): peeked now,
        and added to the list; the screen relisted if the files changed meanwhile.

        False when the drafts shown are not the start of the listing any more: a choice
        made from the list shown must not be acted on (its index may name another).
        """
        if self._all_drafts:
            return True
        self._all_drafts = True
        shown, self.drafts = self.drafts, peek_drafts()
        count = len(shown.drafts)
        lists = self.query("#concepten")
        kept = self.drafts.drafts[:count] == shown.drafts
        if lists and kept and shown.skipped == self.drafts.skipped:
            rest = self.drafts.drafts[count:]
            lists.first(EntryList).add_prompts([None, *separated(draft_prompt(d) for d in rest)])
        else:
            self.call_next(self._relist)
        return kept

    def _find_exercises(self) -> training.ExerciseList:
        """Load the catalog and find its exercises, once, on the thread that comes first."""
        with self._finding:
            if self._found is None:
                self._found = training.find_exercises(self.catalog)
            return self._found

    def _take(self, exercises: training.ExerciseList) -> None:
        self.exercises = exercises
        self.exercise_problems = getattr(exercises, "problems", [])
        self.listing = Listing.loaded(self.catalog, exercises)
        self.checked = True

    # Made when the step `run FLOW` started on was left (app_core): that flow's id.
    in_place_of: str | None = None

    def on_mount(self) -> None:
        # After the first frame, off the UI thread: check what the cache listed, and cache
        # a clean check for the next start. Twice "after refresh": the first runs when
        # Textual's start-up batch ends, before it has written a frame (the one drawn in
        # the batch is dropped); the second after the first frame that is written.
        self.call_after_refresh(self.call_after_refresh, self._after_first_frame)
        if self.in_place_of is not None:
            # Made in place of the step `run FLOW` started on, the screen is laid out after
            # its list has the focus, and Textual scrolled the list to the top, past the
            # words above it; it opens at the top, as the first screen of a start does,
            # with the flow just left highlighted in the list of flows.
            self.call_after_refresh(self.query_one("#start").scroll_home, animate=False)
            ids = [entry.id for entry in self.listing.flows]
            if self.in_place_of in ids and self.query("#flows"):
                self.query_one("#flows", EntryList).highlighted = ids.index(self.in_place_of)

    def _after_first_frame(self) -> None:
        if self.app.screen is self and not self._away:  # else when the home screen is back
            self.show_exercises()
        self._check_in_background()

    def show_exercises(self) -> None:
        """Add the exercises' part of the list, if the first frame went without it.

        Also called by every key that can reach that part before it is added (Tab,
        Shift+Tab, ↓ past the last flow): a key typed at once goes where it always went.
        """
        if self._exercises_shown:
            return
        self._exercises_shown = True
        found = self.query("#start")
        if found:
            found.first().mount_all(exercises_part(self.listing, self.exercise_problems))

    def focus_next(self, selector: str | type[QueryType] = "*") -> Widget | None:
        self.show_exercises()
        return super().focus_next(selector)

    def focus_previous(self, selector: str | type[QueryType] = "*") -> Widget | None:
        self.show_exercises()  # Shift+Tab from the first list goes round to the last
        return super().focus_previous(selector)

    def _check_in_background(self) -> None:
        self.list_all_drafts()
        if self.app.screen is not self:
            self._away = True  # ``wegwijzer run FLOW``: its first step is on top
        self.run_worker(self._load_flows, thread=True, group=FLOWS_GROUP)

    def _load_flows(self) -> None:
        """In a worker: the flows first (from the cache's bytes, no pydantic): a flow
        chosen at once waits for them alone (``flows_checked``)."""
        if isinstance(self.catalog, ListedCatalog):
            self.catalog.load()

    def _check_rest(self) -> None:
        """The drafts with the record model and the exercises (both pydantic), then cache a
        clean check: in a worker, and only while the home screen is in view."""
        if self._away and isinstance(self.catalog, ListedCatalog):
            self._deferred = True  # ``_back_home`` starts it (cold: all is loaded already)
            return
        self.run_worker(self._check_and_remember, thread=True, group=CHECK_GROUP)

    def _check_and_remember(self) -> None:
        """In the worker: find the exercises and validate the drafts (unless done), then
        cache a clean result."""
        try:
            self._validated_drafts()
            found = self._find_exercises()
            items = [e.item for e in found if e.item is not None]
            if len(items) == len(found):  # only what ``find_exercises`` found
                remember(self.catalog, items, getattr(found, "problems", []))
        finally:
            self.settled.set()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.SUCCESS:
            return
        if event.worker.group == FLOWS_GROUP:
            # After a frame, on this thread: a key that came in meanwhile (Enter at once)
            # has set ``_away`` by then, and the step it opens is drawn first.
            self.call_after_refresh(self._check_rest)
        elif event.worker.group == CHECK_GROUP:
            self.ensure_checked()
            self.drafts_checked()

    def _back_home(self) -> None:
        """The home screen is in view again: finish a check that waited for it."""
        self._away = False
        self.show_exercises()
        if self._deferred:
            self._deferred = False
            self._check_rest()

    def ensure_checked(self) -> bool:
        """Check the flows listed from the cache now, if that has not happened yet.

        False when the check found something else than was listed: then the list is
        corrected, and a choice made from the old list must not be acted on.
        """
        if self.checked:
            return True
        listed = self.listing
        self._take(self._find_exercises())  # waits for the worker if it is busy
        if self.listing == listed and not (self.catalog.problems or self.exercise_problems):
            return True
        self.call_next(self._relist)
        return False

    def flows_checked(self) -> bool:
        """``ensure_checked`` for a flow chosen from the list: the flows and sources must be
        checked and as listed; the exercises need not be found yet (the worker goes on)."""
        if self.checked:
            return True
        catalog = self.catalog
        flows = tuple(flow_entry(loaded) for loaded in catalog.flows)  # loads, or waits for it
        sources = tuple(source_entry(source) for source in catalog.sources.values())
        listing = self.listing
        if flows == listing.flows and sources == listing.sources and not catalog.problems:
            return True
        return self.ensure_checked()  # something else than listed: check all and relist

    async def _relist(self) -> None:
        await self.recompose()
        found = self.query(EntryList)
        if found:
            found.first().focus()  # as on arrival (``AUTO_FOCUS``): the first list

    def _read_drafts(self) -> DraftListing:
        # A handful of small files; read on the UI thread to keep the list in step.
        return list_drafts() if self.saver.enabled else DraftListing()

    def _validated_drafts(self) -> DraftListing:
        """The drafts read with the record model, once, on the thread that comes first."""
        with self._validating:
            if self._validated is None:
                self._validated = self._read_drafts()
            return self._validated

    def drafts_checked(self) -> bool:
        """Validate the drafts listed from their header lines now, if not done yet.

        False when the validated listing differs: then the list is corrected, and a
        choice made from the old one must not be acted on.
        """
        if self._validated is not None and self.drafts is self._validated:
            return True
        kept = self.list_all_drafts()  # what the validated listing is compared with
        validated = self._validated_drafts()  # waits for the worker if it is busy
        if validated == self.drafts and kept:
            self.drafts = validated
            return True
        if kept:  # else relisted already
            self.call_next(self._relist)
        self.drafts = validated
        return False

    def compose(self) -> ComposeResult:
        listing = self.listing
        problems = self.catalog.problems if self.checked else []
        yield Header()
        yield TooSmall()
        with VerticalScroll(id="start", can_focus=False):
            more = None if self._all_drafts else self.list_all_drafts
            yield from drafts_part(self.drafts, more)
            yield Static(Content(WELCOME), id="welkom")
            later = None if self._exercises_shown else self.show_exercises  # ↓ past the flows
            yield from flows_part(listing, self.catalog.folder, problems, later)
            if self._exercises_shown:
                yield from exercises_part(listing, self.exercise_problems)
        # Outside the scrolling lists: the source and its date are always in view.
        for source in listing.sources:
            yield Static(source_note(source), classes="bron-noot")
        yield KeyFooter()

    async def on_screen_resume(self) -> None:
        if not self._arrived:  # Textual resumes the default screen at start: listed already
            self._arrived = True
            return
        self._back_home()
        with self._validating:  # after the worker's validation, if it is still busy: newer
            drafts = self._validated = self._read_drafts()
        self._all_drafts = True
        if drafts != self.drafts:
            self.drafts = drafts
            await self.recompose()
        self.drafts = drafts

    @on(OptionList.OptionSelected, "#flows")
    def open_flow(self, event: OptionList.OptionSelected) -> None:
        self._away = True  # before the wait for the flows: the worker sees it after them
        if not self.flows_checked():
            self._back_home()
            self.notify(LIST_CHANGED, markup=False)
            return
        self.post_message(FlowChosen(self.catalog.flows[event.option_index]))

    @on(OptionList.OptionSelected, "#oefeningen")
    def open_exercise(self, event: OptionList.OptionSelected) -> None:
        if not self.ensure_checked():
            self.notify(LIST_CHANGED, markup=False)
            return
        exercise = self.exercises[event.option_index]
        if exercise.item is None:
            self.post_message(FlowChosen(exercise.loaded, mode="oefening"))
        else:
            self.post_message(ExerciseChosen(exercise.item))

    @on(OptionList.OptionSelected, "#concepten")
    def open_draft(self, event: OptionList.OptionSelected) -> None:
        self._away = True  # as for a flow: the step it opens is built before the rest is checked
        if not self.drafts_checked():
            self._back_home()
            self.notify(DRAFTS_CHANGED, markup=False)
            return
        self.post_message(RecordChosen(self.drafts.drafts[event.option_index].path))

    def stayed(self) -> None:
        """What was chosen did not open (the app said why): the home screen is still in view."""
        self._back_home()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_draft":
            focused = self.focused
            return focused is not None and focused.id == "concepten"
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_delete_draft(self) -> None:
        drafts = self.query("#concepten")
        highlighted = drafts.first(OptionList).highlighted if drafts else None
        if highlighted is None:
            return
        if not self.drafts_checked():
            self.notify(DRAFTS_CHANGED, markup=False)
            return
        draft = self.drafts.drafts[highlighted]
        question = Content.assemble(
            "Het concept van ",
            plain(draft.flow_title, "bold", multiline=False),
            " wordt definitief verwijderd.",
        )

        async def answered(yes: bool | None) -> None:
            if yes:
                self.saver.delete(draft.session_id)
                await self.on_screen_resume()
                self.notify("Concept verwijderd.", markup=False)

        from wegwijzer.tui.dialogs.confirm import ConfirmDialog  # not needed for the first frame

        self.app.push_screen(
            ConfirmDialog("Concept verwijderen?", question, yes="Verwijderen", no="Bewaren"),
            answered,
        )
