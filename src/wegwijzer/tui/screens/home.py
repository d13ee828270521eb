"""The start: flows to walk, exercises, drafts to resume, and opening a record file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from wegwijzer.core.catalog import Catalog
from wegwijzer.core.check import LoadedFlow
from wegwijzer.tui import training
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.dialogs.open_record import OpenRecordDialog
from wegwijzer.tui.messages import FlowChosen, RecordChosen
from wegwijzer.tui.records_bridge import DraftInfo, DraftListing, DraftSaver, list_drafts
from wegwijzer.tui.render import TRAINING_LABEL, plain, source_note
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.training import Exercise, ExerciseChosen
from wegwijzer.tui.widgets.cursor_list import CursorList, separated
from wegwijzer.tui.widgets.too_small import TooSmall

WELCOME = (
    "Zorgen over een minderjarige en een mogelijke loverboy? Kies een flow en druk op Enter. "
    "Elke stap toont het antwoord uit de bron waarop hij rust."
)


class EntryList(CursorList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Openen")]


def flow_prompt(loaded: LoadedFlow) -> Content:
    flow = loaded.flow
    return Content.assemble(
        plain(flow.title, "bold", multiline=False),
        "\n",
        plain(flow.audience, multiline=False),
        (f"\n{len(flow.steps)} stappen", "dim"),
    )


def exercise_prompt(exercise: Exercise) -> Content:
    return Content.assemble(
        (f"{TRAINING_LABEL} ", "bold"),
        plain(exercise.title, "bold", multiline=False),
        "\n",
        plain(exercise.summary, multiline=False),
    )


def draft_prompt(draft: DraftInfo) -> Content:
    started = draft.started.astimezone().strftime("%d-%m-%Y %H:%M")
    parts: list[str | Content | tuple[str, str]] = []
    if draft.mode == "oefening":
        parts.append((f"{TRAINING_LABEL} ", "bold"))
    parts += [plain(draft.flow_title, "bold", multiline=False)]
    if draft.case_ref:
        parts += [" · ", plain(draft.case_ref, multiline=False)]
    status = "afgerond, nog niet geëxporteerd" if draft.finished else "onderweg"
    answers = "antwoord" if draft.answered == 1 else "antwoorden"
    parts.append(
        (
            f"\n{draft.answered} {answers} · begonnen {started} · {status}",
            "dim",
        )
    )
    return Content.assemble(*parts)


class HomeScreen(Screen[None]):
    CSS_PATH = STYLES / "home.tcss"
    AUTO_FOCUS = "#flows"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open_record", "Dossier openen"),
        Binding("x", "delete_draft", "Verwijderen"),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def __init__(self, catalog: Catalog, saver: DraftSaver) -> None:
        super().__init__()
        self.catalog = catalog
        self.saver = saver
        self.exercises = training.find_exercises(catalog)
        self.exercise_problems: list[str] = getattr(self.exercises, "problems", [])
        self.drafts = self._read_drafts()

    def _read_drafts(self) -> DraftListing:
        # A handful of small files; read on the UI thread to keep the list in step.
        return list_drafts() if self.saver.enabled else DraftListing()

    def compose(self) -> ComposeResult:
        catalog = self.catalog
        yield Header()
        yield TooSmall()
        with VerticalScroll(id="start", can_focus=False):
            yield Static(Content(WELCOME), id="welkom")
            yield Static(Content("Flows"), classes="kop")
            if catalog.flows:
                yield EntryList(separated(flow_prompt(f) for f in catalog.flows), id="flows")
            else:
                yield Static(plain(f"Geen flows gevonden in {catalog.folder}."), classes="leeg")
            if catalog.problems:
                lines = [
                    f"{len(catalog.problems)} fout(en) in de flowbestanden; deze flows ontbreken."
                ]
                lines += [str(problem) for problem in catalog.problems[:3]]
                lines.append("Controleer ze met: wegwijzer check")
                yield Static(plain("\n".join(lines)), classes="waarschuwing")
            if self.exercises or self.exercise_problems:
                yield Static(Content("Oefeningen"), classes="kop")
            if self.exercises:
                yield EntryList(
                    separated(exercise_prompt(e) for e in self.exercises), id="oefeningen"
                )
            if self.exercise_problems:
                yield Static(plain("\n".join(self.exercise_problems)), classes="waarschuwing")
            if self.drafts.drafts:
                yield Static(Content("Concepten hervatten"), classes="kop")
                yield EntryList(
                    separated(draft_prompt(d) for d in self.drafts.drafts), id="concepten"
                )
            if self.drafts.skipped:
                yield Static(plain("\n".join(self.drafts.skipped[:3])), classes="leeg")
            for source in catalog.sources.values():
                yield Static(source_note(source), classes="bron-noot")
        yield Footer()

    async def on_screen_resume(self) -> None:
        drafts = self._read_drafts()
        if drafts != self.drafts:
            self.drafts = drafts
            await self.recompose()

    @on(OptionList.OptionSelected, "#flows")
    def open_flow(self, event: OptionList.OptionSelected) -> None:
        self.post_message(FlowChosen(self.catalog.flows[event.option_index]))

    @on(OptionList.OptionSelected, "#oefeningen")
    def open_exercise(self, event: OptionList.OptionSelected) -> None:
        exercise = self.exercises[event.option_index]
        if exercise.item is None:
            self.post_message(FlowChosen(exercise.loaded, mode="oefening"))
        else:
            self.post_message(ExerciseChosen(exercise.item))

    @on(OptionList.OptionSelected, "#concepten")
    def open_draft(self, event: OptionList.OptionSelected) -> None:
        self.post_message(RecordChosen(self.drafts.drafts[event.option_index].path))

    def action_open_record(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.post_message(RecordChosen(path))

        self.app.push_screen(OpenRecordDialog(), chosen)

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

        self.app.push_screen(
            ConfirmDialog("Concept verwijderen?", question, yes="Verwijderen", no="Bewaren"),
            answered,
        )
