"""The live class view in the trainer's terminal: address and code large for a
projector, where each trainee is, and per exercise the average and the choice most
often wrong.

It reads the results folder (``klas.progress``, ``core.training.report``) every
``REFRESH_SECONDS`` in a worker thread, never asks the sessions: a crashed session
cannot block it. ``e`` ends the class (sessions stop, results stay), ``s`` opens the
summary per participant, ``q`` closes the view (and ends the class first).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Digits, Footer, Header, Static

from wegwijzer.core.base.text import clean
from wegwijzer.core.training.report import (
    ExerciseStanding,
    ResultRow,
    participant_lines,
    result_rows,
    standings,
)
from wegwijzer.core.training.wording import number
from wegwijzer.klas.progress import ProgressFile, read_progress, result_paths
from wegwijzer.tui.base_app import DutchApp

REFRESH_SECONDS = 2.0
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class ClassState:
    trainees: list[ProgressFile]
    rows: list[ResultRow]
    standings: list[ExerciseStanding]


def read_state(results: Path) -> ClassState:
    rows, _problems = result_rows(result_paths(results))
    return ClassState(read_progress(results), rows, standings(rows))


def _cell(value: str, limit: int = 60) -> Text:
    return Text(clean(value, limit=limit), no_wrap=True, overflow="ellipsis")


class SummaryScreen(Screen[None]):
    """The results so far, per participant, as ``train --summary --per-deelnemer``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Terug"),
        Binding("s", "app.pop_screen", "Terug", show=False),
    ]

    def __init__(self, rows: list[ResultRow]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="samenvatting"):
            yield Static(Content("\n".join(participant_lines(self.rows))))
        yield Footer()


class ClassViewApp(DutchApp, App[None]):
    """The trainer's view of one class."""

    TITLE = "Wegwijzer — klas"
    CSS_PATH = HERE / "view.tcss"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "end_class", "Klas beëindigen"),
        Binding("s", "summary", "Samenvatting"),
        Binding("q", "quit", "Sluiten"),
        Binding("ctrl+q", "quit", "Sluiten", show=False, priority=True),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(
        self,
        results: Path,
        address: str,
        code: str,
        *,
        end_class: Callable[[], None] = lambda: None,
        running: Callable[[], int] = lambda: 0,
        max_sessions: int = 40,
    ) -> None:
        super().__init__()
        self.results = results
        self.address = address
        self.code = code
        self._stop_sessions = end_class
        self._sessions_running = running
        self.max_sessions = max_sessions
        self.ended = False
        self.state = ClassState([], [], [])

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="toegang"):
            with Horizontal(classes="groot"):
                yield Static(Content("Adres\nhttp://"), classes="label")
                yield Digits(self.address.removeprefix("http://"), id="adres")
            with Horizontal(classes="groot"):
                yield Static(Content("Toegangs-\ncode"), classes="label")
                yield Digits(self.code, id="code")
        yield Static(Content(""), id="status")
        yield Static(Content("Deelnemers"), classes="kop")
        yield DataTable(id="deelnemers", cursor_type="row", zebra_stripes=True)
        yield Static(Content("Per oefening"), classes="kop")
        yield DataTable(id="oefeningen", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        trainees = self.query_one("#deelnemers", DataTable)
        trainees.add_columns("Bijnaam", "Oefening", "Stap", "Klaar", "Score")
        exercises = self.query_one("#oefeningen", DataTable)
        exercises.add_columns("Oefening", "Resultaten", "Gemiddeld", "Vaakst fout gekozen")
        self.refresh_state()
        self.set_interval(REFRESH_SECONDS, self.refresh_state)

    @work(thread=True, exclusive=True, group="lezen")
    def refresh_state(self) -> None:
        state = read_state(self.results)
        self.call_from_thread(self.show_state, state)

    def show_state(self, state: ClassState) -> None:
        self.state = state
        trainees = self.query_one("#deelnemers", DataTable)
        trainees.clear()
        for item in state.trainees:
            p = item.progress
            score = f"{number(p.points)} van {p.max}" if p.done else ""
            trainees.add_row(
                _cell(p.nickname, 24),
                _cell(p.title or p.exercise or "kiest een oefening"),
                _cell(str(p.step) if p.exercise else ""),
                _cell("ja" if p.done else "nee" if p.exercise else ""),
                _cell(score),
            )
        exercises = self.query_one("#oefeningen", DataTable)
        exercises.clear()
        for standing in state.standings:
            wrong = standing.most_wrong
            wrong_text = f"{wrong[1]} (stap {wrong[0]}, {wrong[2]}×)" if wrong else "—"
            exercises.add_row(
                _cell(standing.title or standing.exercise_id),
                _cell(str(standing.results)),
                _cell(f"{number(standing.average_percentage)} %"),
                _cell(wrong_text, 80),
            )
        self._show_status()

    def _show_status(self) -> None:
        if self.ended:
            text = f"De klas is beëindigd. De resultaten staan in {self.results}"
        else:
            running = self._sessions_running()
            count = len(self.state.rows)
            text = (
                f"Open het adres in de browser. {running} van hooguit {self.max_sessions} "
                f"sessies actief · {count} {'resultaat' if count == 1 else 'resultaten'} "
                f"in {self.results}"
            )
        self.query_one("#status", Static).update(Content(clean(text, limit=300)))

    async def action_end_class(self) -> None:
        if self.ended:
            return
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        self.push_screen(
            ConfirmDialog(
                "Klas beëindigen?",
                "Alle sessies van deelnemers stoppen. De resultaten blijven bewaard.",
                yes="Beëindigen",
                no="Doorgaan",
            ),
            self._maybe_end,
        )

    def _maybe_end(self, yes: bool | None) -> None:
        if yes:
            self.end_class()

    async def action_quit(self) -> None:
        """Closing the view ends the class; while it runs, ask first."""
        from wegwijzer.tui.dialogs.confirm import ConfirmDialog

        if self.ended:
            self.exit()
            return
        if isinstance(self.screen, ConfirmDialog):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmDialog(
                "Klas sluiten?",
                "Het klasoverzicht sluiten beëindigt de klas: alle sessies stoppen. "
                "De resultaten blijven bewaard.",
                yes="Sluiten",
                no="Doorgaan",
            ),
            answered,
        )

    @work(thread=True, group="beeindigen")
    def end_class(self) -> None:
        self._stop_sessions()
        self.ended = True
        self.call_from_thread(self._show_status)
        self.call_from_thread(self.notify, "De klas is beëindigd; de resultaten blijven bewaard.")

    def action_summary(self) -> None:
        if isinstance(self.screen, SummaryScreen):
            self.pop_screen()
        else:
            self.push_screen(SummaryScreen(self.state.rows))
