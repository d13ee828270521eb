"""The end of an exercise: the score, every decision, each deviation with the answers it
rests on, and the outcome the flow reached. ``e`` exports the result, Esc goes home."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from wegwijzer.core.training.run import Debrief, TrainingRun
from wegwijzer.core.training.scoring import Feedback
from wegwijzer.core.training.wording import MODE_LABELS, number, score_text
from wegwijzer.tui.render import TRAINING_BADGE, cites_text, plain
from wegwijzer.tui.screens.source import SourceScreen
from wegwijzer.tui.screens.summary import action_lines
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.feedback import VERDICT_MARKS, VERDICT_WORDS, FeedbackView
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys, read_on
from wegwijzer.tui.widgets.too_small import TooSmall


def score_line(debrief: Debrief) -> Content:
    return Content.assemble(
        ("Score: ", "bold"),
        (score_text(debrief.points, debrief.max_points, debrief.percentage), "bold"),
        ("\nFeedback: " + MODE_LABELS[debrief.feedback_mode].lower(), "dim"),
    )


def decision_lines(items: tuple[Feedback, ...]) -> Content:
    """One line per decision: the verdict in words, the points, the question."""
    width = max(len(word) for word in VERDICT_WORDS.values()) + 2
    lines = [
        Content.assemble(
            (f"{VERDICT_MARKS[item.verdict]} {VERDICT_WORDS[item.verdict]:<{width}}", "bold"),
            f"{number(item.points)}/{item.max_points}  ",
            plain(item.prompt, multiline=False),
        )
        for item in items
    ]
    return Content("\n").join(lines)


class DebriefScreen(Screen[None]):
    CSS_PATH = STYLES / "debrief.tcss"
    AUTO_FOCUS = "#nabespreking"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export", "Overzicht opslaan"),
        Binding("escape", "app.home", "Startscherm"),
        Binding("h", "app.home", "Startscherm", show=False),
        Binding("b", "source", "Bron"),
        Binding("q", "app.quit", "Stoppen", show=False),
        *read_keys(),
    ]

    def __init__(self, run: TrainingRun) -> None:
        super().__init__()
        self.run = run
        self.debrief = run.debrief()
        self.sub_title = plain(self.debrief.title, multiline=False).plain

    def compose(self) -> ComposeResult:
        debrief = self.debrief
        source = self.run.session.loaded.source
        yield Header()
        yield TooSmall()
        yield Static(
            Content.assemble(
                *TRAINING_BADGE,
                ("Nabespreking: ", "bold"),
                plain(debrief.title, "bold", multiline=False),
            ),
            id="kop",
        )
        with Container(id="delen"):
            with ReadingPane(id="nabespreking"):
                yield Static(score_line(debrief), id="score")
                yield Static(Content("Per keuze"), classes="kop")
                yield Static(decision_lines(debrief.items), id="keuzes")
                if debrief.deviations:
                    yield Static(
                        Content("Afwijkingen, met het antwoord waarop de verwachte keuze rust"),
                        classes="kop",
                    )
                    for item in debrief.deviations:
                        yield FeedbackView(item, source, with_question=True)
                else:
                    yield Static(Content("Alle keuzes waren zoals verwacht."), classes="kop")
            with ReadingPane(id="uitkomst"):
                yield from self.outcome()
        yield KeyFooter()

    def outcome(self) -> ComposeResult:
        session = self.run.session
        yield Static(Content("Uitkomst van het stappenplan"), classes="kop")
        if not session.finished:
            yield Static(Content("Het stappenplan is niet afgerond."), classes="uitleg")
            return
        outcome = session.current
        yield Static(plain(outcome.prompt, "bold"))
        yield Static(Content(f"Bron: {cites_text(outcome.cites)}"), classes="bron")
        recommended = session.recommended()
        if recommended:
            yield from action_lines(recommended)
        else:
            yield Static(Content("Geen acties voor dit pad."), classes="actie")

    def action_read(self, down: bool) -> None:
        if not read_on(self, down):
            self.app.bell()

    def action_source(self) -> None:
        cites = [cite for item in self.debrief.items for cite in item.cites]
        self.app.push_screen(SourceScreen(self.run.session.loaded.source, cites))
