"""The start: flows to walk, exercises, drafts to resume, and opening a record file.

When the clean check of the flows folder is in the cache (``core.flows.cache``), the
first frame lists the flows and exercises from it, before pydantic is even imported;
right after that frame a worker thread loads and checks the folder for real. Choosing
an entry before it is done waits for it, so only a checked flow is ever opened; if the
check finds something else than the cache listed, the list is corrected. The drafts
likewise: the first frame lists them from their header lines (``draft_peek``), the
worker validates them, and the list is corrected if that finds something else.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.worker import Worker, WorkerState

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.cache import Checked, FlowEntry, SourceEntry
from wegwijzer.core.flows.catalog import Catalog, ListedCatalog, flow_entry, remember, source_entry
from wegwijzer.core.records.draft_peek import peek_drafts
from wegwijzer.tui import training
from wegwijzer.tui.messages import FlowChosen, RecordChosen
from wegwijzer.tui.records_bridge import DraftInfo, DraftListing, DraftSaver, list_drafts
from wegwijzer.tui.render import TRAINING_LABEL, plain, source_note
from wegwijzer.tui.training import ExerciseChosen
from wegwijzer.tui.widgets.cursor_list import CursorList, separated
from wegwijzer.tui.widgets.too_small import TooSmall

WELCOME = (
    "Zorgen over een minderjarige en een mogelijke loverboy? Kies een stappenplan en druk op "
    "Enter. Elke stap toont het antwoord uit de bron waarop hij rust."
)
RESUME = "Verder waar u was"


CHECK_GROUP = "flows-controleren"
LIST_CHANGED = "De stappenplannen zijn intussen gewijzigd; de lijst is bijgewerkt. Kies opnieuw."
DRAFTS_CHANGED = "De lijst met concepten is bijgewerkt. Kies opnieuw."


class EntryList(CursorList):
    """A list of the home screen; past its last item ↓ goes on to the next list, and
    past its first ↑ back to the one before (as Tab and Shift+Tab do)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Openen")]

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.move_on(forward=True)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self.highlighted <= 0:
            self.move_on(forward=False)
        else:
            super().action_cursor_up()

    def move_on(self, *, forward: bool) -> None:
        try:
            screen = self.screen
        except NoScreen:  # a key typed ahead reached a list recomposed away (random keys)
            return
        lists = list(screen.query(EntryList))
        index = lists.index(self) + (1 if forward else -1)
        if not 0 <= index < len(lists):
            return  # the first or last list: stay (no wrap to its other end)
        following = lists[index]
        following.highlighted = 0 if forward else following.option_count - 1
        following.focus()


def flow_prompt(flow: FlowEntry) -> Content:
    return Content.assemble(
        plain(flow.title, "bold", multiline=False),
        "\n",
        plain(flow.audience, multiline=False),
        (f"\n{flow.steps} stappen", "dim"),
    )


def exercise_prompt(title: str, summary: str) -> Content:
    return Content.assemble(
        (f"{TRAINING_LABEL} ", "bold"),
        plain(title, "bold", multiline=False),
        "\n",
        plain(summary, multiline=False),
    )


@dataclass(frozen=True)
class Listing:
    """What the lists show: flows, exercises (title, summary) and the source notes."""

    flows: tuple[FlowEntry, ...]
    exercises: tuple[tuple[str, str], ...]
    sources: tuple[SourceEntry, ...]

    @classmethod
    def cached(cls, checked: Checked) -> Listing:
        return cls(
            checked.flows,
            tuple(
                (e.title, training.summary_line(e.flow_title, e.decisions, e.points))
                for e in checked.exercises
            ),
            checked.sources,
        )

    @classmethod
    def loaded(cls, catalog: Catalog, exercises: training.ExerciseList) -> Listing:
        return cls(
            tuple(flow_entry(loaded) for loaded in catalog.flows),
            tuple((e.title, e.summary) for e in exercises),
            tuple(source_entry(source) for source in catalog.sources.values()),
        )


def draft_prompt(draft: DraftInfo) -> Content:
    """``Zorgen over een minderjarige · casus 12`` and, below, where it stands and when
    it last changed, in local time."""
    parts: list[str | Content | tuple[str, str]] = []
    if draft.mode == "oefening":
        parts.append((f"{TRAINING_LABEL} ", "bold"))
    parts += [plain(draft.flow_title, "bold", multiline=False)]
    if draft.case_ref:
        parts += [" · ", plain(draft.case_ref, multiline=False)]
    where = (
        "klaar, overzicht nog niet opgeslagen"
        if draft.finished
        else f"bij stap {draft.answered + 1}"
    )
    changed = local_text(draft.changed or draft.started)
    parts.append((f"\n{where} · laatst gewijzigd {changed}", "dim"))
    return Content.assemble(*parts)


class HomeScreen(Screen[None]):
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
        if isinstance(catalog, ListedCatalog):
            # Listed from the cache; the flows may be loaded already (``wegwijzer run``), the
            # exercises are found after the first frame, and all is compared then.
            self.listing = Listing.cached(catalog.listed)
        else:
            self._take(self._find_exercises())
        # From the header lines first; validated after the first frame (``drafts_checked``).
        self.drafts = peek_drafts() if saver.enabled else DraftListing()
        self._validated: DraftListing | None = None
        self._validating = threading.Lock()
        self._arrived = False

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

    def on_mount(self) -> None:
        # After the first frame, off the UI thread: check what the cache listed, and cache
        # a clean check for the next start. Twice "after refresh": the first runs when
        # Textual's start-up batch ends, before it has written a frame (the one drawn in
        # the batch is dropped); the second after the first frame that is written.
        self.call_after_refresh(self.call_after_refresh, self._check_in_background)

    def _check_in_background(self) -> None:
        self.run_worker(self._check_and_remember, thread=True, group=CHECK_GROUP)

    def _check_and_remember(self) -> None:
        """In the worker: load and check (unless done), then cache a clean result."""
        try:
            # The flows first: a flow chosen at once waits for them alone (``flows_checked``).
            if isinstance(self.catalog, ListedCatalog):
                self.catalog.load()
            self._validated_drafts()
            found = self._find_exercises()
            items = [e.item for e in found if e.item is not None]
            if len(items) == len(found):  # only what ``find_exercises`` found
                remember(self.catalog, items, getattr(found, "problems", []))
        finally:
            self.settled.set()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == CHECK_GROUP and event.state == WorkerState.SUCCESS:
            self.ensure_checked()
            self.drafts_checked()

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
        validated = self._validated_drafts()  # waits for the worker if it is busy
        if validated == self.drafts:
            self.drafts = validated
            return True
        self.drafts = validated
        self.call_next(self._relist)
        return False

    def compose(self) -> ComposeResult:
        listing = self.listing
        problems = self.catalog.problems if self.checked else []
        yield Header()
        yield TooSmall()
        with VerticalScroll(id="start", can_focus=False):
            if self.drafts.drafts:  # where a person goes on first
                yield Static(Content(RESUME), classes="kop")
                yield EntryList(
                    separated(draft_prompt(d) for d in self.drafts.drafts), id="concepten"
                )
            if self.drafts.skipped:
                yield Static(plain("\n".join(self.drafts.skipped[:3])), classes="leeg")
            yield Static(Content(WELCOME), id="welkom")
            yield Static(Content("Stappenplannen"), classes="kop")
            if listing.flows:
                yield EntryList(separated(flow_prompt(f) for f in listing.flows), id="flows")
            else:
                folder = self.catalog.folder
                yield Static(plain(f"Geen stappenplannen gevonden in {folder}."), classes="leeg")
            if problems:
                lines = [
                    f"{len(problems)} fout(en) in de bestanden; deze stappenplannen ontbreken."
                ]
                lines += [str(problem) for problem in problems[:3]]
                lines.append("Controleer ze met: wegwijzer check")
                yield Static(plain("\n".join(lines)), classes="waarschuwing")
            if listing.exercises or self.exercise_problems:
                yield Static(Content("Oefeningen"), classes="kop")
            if listing.exercises:
                yield EntryList(
                    separated(exercise_prompt(*e) for e in listing.exercises), id="oefeningen"
                )
            if self.exercise_problems:
                yield Static(plain("\n".join(self.exercise_problems)), classes="waarschuwing")
        # Outside the scrolling lists: the source and its date are always in view.
        for source in listing.sources:
            yield Static(source_note(source), classes="bron-noot")
        yield Footer()

    async def on_screen_resume(self) -> None:
        if not self._arrived:  # Textual resumes the default screen at start: listed already
            self._arrived = True
            return
        with self._validating:  # after the worker's validation, if it is still busy: newer
            drafts = self._validated = self._read_drafts()
        if drafts != self.drafts:
            self.drafts = drafts
            await self.recompose()
        self.drafts = drafts

    @on(OptionList.OptionSelected, "#flows")
    def open_flow(self, event: OptionList.OptionSelected) -> None:
        if not self.flows_checked():
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
        if not self.drafts_checked():
            self.notify(DRAFTS_CHANGED, markup=False)
            return
        self.post_message(RecordChosen(self.drafts.drafts[event.option_index].path))

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
