"""The screens only a trainee in the classroom sees: the nickname, the exercise list,
the vignette with the trainer's feedback moment, and the debrief with a download."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.wording import MODE_LABELS, score_text
from wegwijzer.klas.settings import NICKNAME_MAX, clean_nickname
from wegwijzer.tui.render import TRAINING_BADGE, plain
from wegwijzer.tui.screens.debrief import DebriefScreen
from wegwijzer.tui.screens.vignette import ModeList, VignetteScreen
from wegwijzer.tui.widgets.cursor_list import CursorList, separated
from wegwijzer.tui.widgets.too_small import TooSmall

HERE = Path(__file__).resolve().parent
KLAS_STYLES = HERE / "klas.tcss"
NICKNAME_HELP = (
    "Kies een bijnaam voor deze oefensessie. Gebruik niet uw volledige naam: "
    "de trainer ziet deze bijnaam bij uw resultaten, en hij komt in de bestandsnaam."
)
NICKNAME_RULES = (
    f"Letters, cijfers, spatie, punt en streepje; hooguit {NICKNAME_MAX} tekens. "
    "Bevestig met Enter."
)


class NicknameScreen(Screen[None]):
    """Asks for a nickname; posts nothing until it is a usable one."""

    CSS_PATH = HERE / "klas.tcss"
    AUTO_FOCUS = "#bijnaam"

    def compose(self) -> ComposeResult:
        yield Header()
        yield TooSmall()
        with Vertical(id="kaart"):
            yield Static(Content.assemble(*TRAINING_BADGE, ("Oefenen in de klas", "bold")))
            yield Static(Content(NICKNAME_HELP), classes="uitleg")
            yield Static(Content("Bijnaam"), classes="kop")
            yield Input(
                placeholder="bijvoorbeeld Vos of Team 3",
                max_length=NICKNAME_MAX,
                restrict=r"[\w .'\-]*",
                id="bijnaam",
                # Focus comes back when the page is large enough again (in a browser, also
                # when its size first arrives): it must not select what was typed, or the
                # next letter replaces it ("os" arrived for "Vos").
                select_on_focus=False,
            )
            yield Static(Content(NICKNAME_RULES), classes="meta")
        yield Footer()

    def on_mount(self) -> None:
        # In a browser the first frame can come before the page's size: the screen is
        # then "too small", the field hidden, and AUTO_FOCUS finds nothing to focus.
        self.call_after_refresh(self._focus_field)

    def on_resize(self) -> None:
        self.call_after_refresh(self._focus_field)

    def on_click(self) -> None:
        # A click beside the field would leave nothing focused, and typing would go nowhere.
        self._focus_field()

    def _focus_field(self) -> None:
        field = self.query_one("#bijnaam", Input)
        if self.focused is not field and field.focusable:
            field.focus()

    def on_key(self, event: events.Key) -> None:
        # A key reaches the screen only while the field has no focus: before the page's
        # size came, or while the field is hidden. A letter typed then belongs in the
        # field; it was lost before ("os" arrived for "Vos" in a CI run under load).
        if event.is_printable and event.character:
            event.stop()
            field = self.query_one("#bijnaam", Input)
            field.insert_text_at_cursor(event.character)
            self._focus_field()

    @on(Input.Submitted, "#bijnaam")
    def chosen(self, event: Input.Submitted) -> None:
        nickname = clean_nickname(event.value)
        if not nickname:
            self.notify("Vul een bijnaam in.", severity="warning", markup=False)
            return
        self.app.call_later(self.app.nickname_chosen, nickname)  # type: ignore[attr-defined]


class ExerciseOptions(CursorList):
    """The exercise list; a done exercise's line changes in place, the cursor stays."""

    def replace_prompts(self, prompts: list[Content]) -> None:
        self._prompts[:] = prompts
        self.redraw(*range(self.option_count))


class ExerciseListScreen(Screen[None]):
    """The exercises the trainer chose; a done one shows its score."""

    CSS_PATH = HERE / "klas.tcss"
    AUTO_FOCUS = "#oefeningen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Openen", show=False),
        Binding("q", "app.quit", "Stoppen"),
    ]

    def __init__(self, nickname: str, exercises: list[LoadedExercise]) -> None:
        super().__init__()
        self.nickname = nickname
        self.exercises = exercises
        self.scores: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield TooSmall()
        yield Static(
            Content.assemble(
                *TRAINING_BADGE, ("Oefeningen voor ", "bold"), (self.nickname, "bold")
            ),
            id="kop",
        )
        if not self.exercises:
            yield Static(Content("De trainer heeft geen oefeningen klaargezet."), classes="leeg")
        with VerticalScroll(id="lijst"):
            yield ExerciseOptions(separated(self._prompts()), id="oefeningen")
        yield Static(Content("Kies met ↑↓ en open met Enter."), id="hint")
        yield Footer()

    def _prompts(self) -> list[Content]:
        prompts = []
        for item in self.exercises:
            done = self.scores.get(item.exercise.id)
            mark = f"  ✓ gedaan: {done}" if done else ""
            prompts.append(
                Content.assemble(
                    plain(item.exercise.title, "bold", multiline=False),
                    (mark, "bold"),
                    "\n",
                    (f"{len(item.exercise.decisions)} keuzes tellen mee", "dim"),
                )
            )
        return prompts

    def mark_done(self, exercise_id: str, points: float, maximum: int, percent: float) -> None:
        self.scores[exercise_id] = score_text(points, maximum, percent)
        self.query_one(ExerciseOptions).replace_prompts(self._prompts())

    @on(OptionList.OptionSelected, "#oefeningen")
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.app.call_later(self.app.show_vignette, self.exercises[event.option_index])  # type: ignore[attr-defined]

    def action_open(self) -> None:
        index = self.query_one(CursorList).highlighted
        if index is not None and self.exercises:
            self.app.call_later(self.app.show_vignette, self.exercises[index])  # type: ignore[attr-defined]


class ClassVignetteScreen(VignetteScreen):
    """The vignette; the feedback moment is the trainer's, so it is said, not asked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "nothing", show=False),
        Binding("2", "nothing", show=False),
        Binding("enter", "start", "Beginnen"),
    ]
    AUTO_FOCUS = "#casus"

    def on_mount(self) -> None:
        self.query_one("#vraag").display = False
        self.query_one(ModeList).display = False
        mode = MODE_LABELS[self.preselect or "direct"].lower()
        self.query_one("#hint", Static).update(
            Content(f"Feedback: {mode} (gekozen door de trainer). Begin met Enter.")
        )

    def action_nothing(self) -> None:
        pass

    def action_start(self) -> None:
        self.dismiss(self.preselect or "direct")


class ClassDebriefScreen(DebriefScreen):
    """The debrief; its result is already with the trainer, ``e`` downloads a copy."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export", "Resultaat downloaden"),
        Binding("escape", "app.home", "Oefeningen"),
        Binding("h", "app.home", "Oefeningen", show=False),
    ]
