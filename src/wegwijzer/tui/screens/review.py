"""A record that can no longer be resumed, shown read-only with the reasons why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.flow import GROUP_LABELS, GROUPS
from wegwijzer.core.records.protocol_record import protocol_lines
from wegwijzer.core.records.record import Record, StepRecord
from wegwijzer.tui.render import TRAINING_BADGE, cites_text, plain, silent_record_line
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.hanging import Bulleted
from wegwijzer.tui.widgets.too_small import TooSmall


def when(moment: dt.datetime | None) -> str:
    return local_text(moment)


def step_text(number: int, step: StepRecord) -> Content:
    answer = step.answer
    shown = "; ".join(answer) if isinstance(answer, list) else (answer or "nog niet beantwoord")
    parts: list[str | Content | tuple[str, str]] = [
        (f"{number}. ", "bold"),
        plain(step.prompt, "bold"),
        ("\n   Antwoord: ", "italic"),
        plain(shown, multiline=False),
    ]
    if step.note:
        parts += [("\n   Notitie: ", "italic"), plain(step.note.replace("\n", "\n   "))]
    parts += [("\n   Bron: ", "italic"), cites_text(step.citations)]
    if step.source_silent_text:
        parts += ["\n   ", silent_record_line(step.source_silent_text)]
    return Content.assemble(*parts)


class ReviewScreen(Screen[None]):
    CSS_PATH = STYLES / "summary.tcss"
    AUTO_FOCUS = "#inzien"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Terug"),
        Binding("backspace", "close", "Terug", show=False),
        Binding("q", "app.quit", "Stoppen", show=False),
    ]

    def __init__(
        self,
        record: Record,
        reasons: list[str],
        changes: Sequence[str] = (),
        labels: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.record = record
        self.reasons = reasons
        self.changes = list(changes)  # what changed in the flow or source since (drift)
        self.labels = dict(labels or {})  # silent topic id -> Dutch label

    def compose(self) -> ComposeResult:
        record = self.record
        self.sub_title = "Overzicht inzien"
        yield Header()
        yield TooSmall()
        head: list[str | tuple[str, str]] = []
        if record.mode == "oefening":
            head += TRAINING_BADGE
        head += [("Overzicht inzien", "bold"), " · alleen lezen"]
        yield Static(Content.assemble(*head), id="kop")
        with VerticalScroll(id="inzien"):
            lines = "\n".join(f"• {reason}" for reason in self.reasons)
            yield Static(
                Bulleted(
                    Content.assemble(
                        ("Dit overzicht kan niet worden hervat:\n", "bold"), plain(lines)
                    )
                ),
                classes="waarschuwing",
            )
            if self.changes:
                changed = "\n".join(f"• {change}" for change in self.changes)
                yield Static(
                    Bulleted(
                        Content.assemble(
                            ("Gewijzigd sinds dit overzicht is gemaakt:\n", "bold"), plain(changed)
                        )
                    ),
                    classes="waarschuwing",
                    id="gewijzigd",
                )
            meta = f"Stappenplan: {record.flow_title} (versie {record.flow_version})"
            if record.case_ref:
                meta += f"\nZaakkenmerk: {record.case_ref}"
            meta += f"\nBegonnen: {when(record.started)} · klaar: {when(record.finished)}"
            yield Static(plain(meta), classes="uitleg")
            yield Static(Content("Doorlopen stappen"), classes="kop")
            for number, step in enumerate(record.steps, start=1):
                yield Static(step_text(number, step), classes="stap")
            if record.actions:
                yield Static(Content("Aanbevolen acties"), classes="kop")
            for group in GROUPS:
                items = [a for a in record.actions if a.group == group]
                if items:
                    yield Static(Content(GROUP_LABELS[group]), classes="groep")
                for action in items:
                    line = Content.assemble(
                        ("• ", "bold"),
                        plain(action.text),
                        (f"\n  Bron: {cites_text(action.citations)}", "dim"),
                    )
                    yield Static(Bulleted(line), classes="actie")
            protocol = protocol_lines(record.protocol, record.protocol_entries, self.labels)
            if protocol:  # its own group, apart from the source's actions
                yield Static(Content("Eigen protocol"), classes="kop")
                yield Static(Content("\n".join(protocol[1:])), classes="protocol")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss()
