"""The end of a walk: recommended actions by group, every step taken, and export."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.flow import GROUP_LABELS, GROUPS, OutcomeStep
from wegwijzer.core.walk.session import Recommended, Session, Taken
from wegwijzer.tui.dialogs.export import warnings_text
from wegwijzer.tui.messages import BackFromOutcome, ReopenStep
from wegwijzer.tui.records_bridge import privacy_warnings
from wegwijzer.tui.render import MODE_TRAINING, TRAINING_BADGE, cites_text, explanation, plain
from wegwijzer.tui.screens.source import SourceScreen
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.cursor_list import CursorList, number_width, separated
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.hanging import Bulleted
from wegwijzer.tui.widgets.protocol import protocol_content
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys, read_on
from wegwijzer.tui.widgets.too_small import TooSmall


class TakenList(CursorList):
    """The steps taken; Enter (or a click) reopens one to change its answer."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Wijzig antwoord")]

    def lead(self, prompt: Content) -> int:
        """The mark and the step's number: a wrapped question or answer goes on under the
        text, as the lines below it (``taken_prompt``)."""
        lead = super().lead(prompt)
        return lead + number_width(prompt.plain[lead:])


def taken_prompt(number: int, taken: Taken) -> Content:
    """The step's number and question, then its answer, note and source, each indented
    as far as the question starts ("10. " is one cell wider than "9. ")."""
    first = f"{number}. "
    below = "\n" + " " * len(first)
    parts: list[str | Content | tuple[str, str]] = [
        (first, "bold"),
        plain(taken.step.prompt, "bold"),
        (f"{below}Antwoord: ", "italic"),
        plain(taken.answer_text, multiline=False),
    ]
    if taken.note:
        parts += [(f"{below}Notitie: ", "italic"), plain(taken.note.replace("\n", below))]
    parts += [(f"{below}Bron: ", "italic"), cites_text(taken.step.cites)]
    return Content.assemble(*parts)


def action_lines(recommended: list[Recommended]) -> ComposeResult:
    """The actions under a heading per group, in the order politie, zorg, beleid, …"""
    for group in GROUPS:
        items = [item for item in recommended if item.action.group == group]
        if not items:
            continue
        yield Static(Content(GROUP_LABELS[group]), classes="groep")
        for item in items:
            line = Content.assemble(
                ("• ", "bold"),
                plain(item.action.text),
                ("\n  Bron: ", "dim"),
                (cites_text(item.action.cites), "dim"),
            )
            yield Static(Bulleted(line), classes="actie")


def meta_line(session: Session) -> Content:
    """The case reference (when given), when the walk began and when it was finished,
    in local time."""
    parts: list[str | Content | tuple[str, str]] = []
    if session.case_ref:
        parts += [("Zaakkenmerk: ", "bold"), plain(session.case_ref, multiline=False), " · "]
    parts += [("Begonnen: ", "bold"), local_text(session.started_at)]
    if session.finished_at is not None:
        parts += [" · ", ("Klaar: ", "bold"), local_text(session.finished_at)]
    return Content.assemble(*parts)


class SummaryScreen(Screen[None]):
    CSS_PATH = STYLES / "summary.tcss"
    AUTO_FOCUS = "#stappen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export", "Overzicht opslaan"),
        Binding("escape", "back", "Terug"),
        Binding("h", "app.home", "Startscherm"),
        Binding("backspace", "back", "Terug", show=False),
        Binding("b", "source", "Bron"),
        Binding("q", "app.quit", "Stoppen", show=False),
        *read_keys(),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.step_ids = [t.step_id for t in session.taken() if not isinstance(t.step, OutcomeStep)]

    def compose(self) -> ComposeResult:
        session = self.session
        outcome = session.current
        self.sub_title = plain(session.flow.title, multiline=False).plain
        yield Header()
        yield TooSmall()
        head: list[str | tuple[str, str]] = []
        if session.mode == MODE_TRAINING:
            head += TRAINING_BADGE
        head += [("Overzicht", "bold"), f" · {len(self.step_ids)} stappen beantwoord"]
        yield Static(Content.assemble(*head), id="kop")
        yield Static(meta_line(session), id="meta", classes="meta")
        with Container(id="delen"):
            with ReadingPane(id="uitkomst"):
                yield Static(
                    Content.assemble(("Uitkomst: ", "bold"), plain(outcome.prompt, "bold"))
                )
                body = explanation(session.loaded.source, outcome)
                if body:
                    yield Static(body, classes="uitleg")
                yield Static(Content(f"Bron: {cites_text(outcome.cites)}"), classes="bron")
                yield Static(Content("Aanbevolen acties"), classes="kop")
                recommended = session.recommended()
                if recommended:
                    yield from action_lines(recommended)
                else:
                    yield Static(Content("Geen acties voor dit pad."), classes="actie")
                met = session.protocol_met()
                if met:  # a group of its own, never among the source's actions
                    yield Static(Content("Eigen protocol"), classes="kop")
                    yield Static(protocol_content(session.protocol, met), classes="protocol-groep")
                warnings = privacy_warnings(session)
                if warnings:
                    yield Static(Bulleted(warnings_text(warnings)), classes="waarschuwing")
            with Vertical(id="pad"):
                yield Static(Content("Doorlopen stappen (Enter: antwoord wijzigen)"), classes="kop")
                taken = [t for t in session.taken() if not isinstance(t.step, OutcomeStep)]
                yield TakenList(
                    separated(taken_prompt(n, t) for n, t in enumerate(taken, start=1)),
                    id="stappen",
                )
        yield KeyFooter()

    @on(OptionList.OptionSelected, "#stappen")
    def reopen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(ReopenStep(self.step_ids[event.option_index]))

    def action_back(self) -> None:
        self.post_message(BackFromOutcome())

    def action_read(self, down: bool) -> None:
        if not read_on(self, down):
            self.app.bell()

    def action_source(self) -> None:
        cites = list(self.session.current.cites)
        for item in self.session.recommended():
            cites += item.action.cites
        self.app.push_screen(SourceScreen(self.session.loaded.source, cites))
