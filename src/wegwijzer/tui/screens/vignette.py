"""Before an exercise: OEFENING, the title, the learning goals, the fictional case, and
when the trainee wants feedback ("direct" or "achteraf"); dismissed with that choice."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.model import FICTIONAL_HEADER
from wegwijzer.core.training.run import FEEDBACK_MODES
from wegwijzer.core.training.wording import MODE_LABELS
from wegwijzer.tui.render import TRAINING_BADGE, plain, source_note
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.cursor_list import CursorList
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.hanging import Bulleted
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys, read_on
from wegwijzer.tui.widgets.too_small import TooSmall

MODE_HINTS = {
    "direct": "Na elke keuze die meetelt ziet u of die goed was, en waarom.",
    "achteraf": "U ziet alles pas aan het eind; zo oefent u zoals in het echt.",
}
RULE = "In een oefening telt elke keuze meteen: terug gaan kan niet."


def mode_prompt(number: int, mode: str) -> Content:
    return Content.assemble(
        (f"{number}. {MODE_LABELS[mode]}", "bold"), "\n", (MODE_HINTS[mode], "dim")
    )


def route_line(item: LoadedExercise) -> Content:
    exercise = item.exercise
    decisions = len(exercise.decisions)
    return Content.assemble(
        "U doorloopt het stappenplan ‘",
        plain(item.loaded.flow.title, multiline=False),
        f"’. {decisions} {'keuze telt' if decisions == 1 else 'keuzes tellen'} mee, "
        f"samen {exercise.max_points} {'punt' if exercise.max_points == 1 else 'punten'}. ",
        RULE,
    )


class ModeList(CursorList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Beginnen")]


class VignetteScreen(Screen[str | None]):
    """Returns the feedback mode chosen, or None when the trainee goes back (Esc)."""

    CSS_PATH = STYLES / "vignette.tcss"
    AUTO_FOCUS = "#moment"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Terug"),
        Binding("enter", "start", "Beginnen", show=False),
        Binding("1", "pick(0)", "Direct", show=False),
        Binding("2", "pick(1)", "Achteraf", show=False),
        Binding("q", "app.quit", "Stoppen", show=False),
        *read_keys(),
    ]

    def __init__(self, item: LoadedExercise, preselect: str | None = None) -> None:
        super().__init__()
        self.item = item
        self.preselect = preselect if preselect in FEEDBACK_MODES else None
        self.sub_title = plain(item.exercise.title, multiline=False).plain

    def compose(self) -> ComposeResult:
        exercise = self.item.exercise
        yield Header()
        yield TooSmall()
        yield Static(
            Content.assemble(
                *TRAINING_BADGE,
                plain(exercise.title, "bold", multiline=False),
            ),
            id="kop",
        )
        with ReadingPane(id="casus"):
            yield Static(Content("Leerdoelen"), classes="kop")
            goals = [Content.assemble("• ", plain(goal)) for goal in exercise.goals]
            yield Static(Bulleted(Content("\n").join(goals)), id="leerdoelen")
            yield Static(Content(FICTIONAL_HEADER), classes="kop", id="fictief")
            yield Static(plain(exercise.vignette), id="vignet")
            yield Static(route_line(self.item), id="route")
            yield Static(source_note(self.item.loaded.source), id="bron-noot")
        yield Static(Content("Wanneer wilt u feedback?"), classes="kop", id="vraag")
        yield ModeList(
            [mode_prompt(n, mode) for n, mode in enumerate(FEEDBACK_MODES, start=1)], id="moment"
        )
        yield Static(Content("Kies met 1 of 2 of ↑↓ en begin met Enter."), id="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        modes = self.query_one(ModeList)
        modes.highlighted = FEEDBACK_MODES.index(self.preselect or FEEDBACK_MODES[0])

    @on(OptionList.OptionSelected, "#moment")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(FEEDBACK_MODES[event.option_index])

    def action_pick(self, index: int) -> None:
        self.query_one(ModeList).highlighted = index

    def action_start(self) -> None:
        """Enter with the focus elsewhere (the case text) starts too."""
        self.dismiss(FEEDBACK_MODES[self.query_one(ModeList).highlighted or 0])

    def action_back(self) -> None:
        self.dismiss(None)

    def action_read(self, down: bool) -> None:
        if not read_on(self, down):
            self.app.bell()
