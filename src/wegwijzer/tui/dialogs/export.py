"""Where to save the overview, and the case reference; the privacy scan follows on submit."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from wegwijzer.core.base.text import clean
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter

CASE_REF_LIMIT = 80
EXPLAINED = (
    "Een bestand dat wegwijzer later kan openen en controleren; met een naam op .md "
    "een leesbaar document om te printen. Alleen u kunt het lezen."
)


def warnings_text(warnings: list[str]) -> Content:
    """The privacy warnings as the summary shows them before any export."""
    lines = "\n".join(f"• {line}" for line in warnings)
    return Content.assemble(
        ("Let op: mogelijk persoonsgegevens in het overzicht\n", "bold"), plain(lines)
    )


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    case_ref: str


class ExportDialog(ModalScreen[ExportChoice | None]):
    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = None  # on_mount focuses the field asked for
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Annuleren")]

    def __init__(self, default_path: str, case_ref: str, *, focus: str = "pad") -> None:
        super().__init__()
        self.default_path = default_path
        self.case_ref = case_ref
        self.focus_id = focus  # "pad", or "kenmerk" when coming back to adjust it

    def on_mount(self) -> None:
        self.query_one(f"#{self.focus_id}", Input).focus()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="kader"):
            yield Static(Content("Overzicht opslaan"), classes="titel")
            yield Static(Content(EXPLAINED), classes="uitleg")
            yield Static(Content("Bestand"), classes="label")
            yield Input(value=self.default_path, id="pad", select_on_focus=False)
            yield Static(
                Content("Zaakkenmerk (optioneel; een pseudoniem, nooit een naam)"), classes="label"
            )
            yield Input(
                value=self.case_ref,
                id="kenmerk",
                max_length=CASE_REF_LIMIT,
                placeholder="bijv. casus-17",
            )
            with Horizontal(classes="knoppen"):
                yield Button("Opslaan", id="exporteren", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="annuleren", compact=True)
        yield KeyFooter()  # this dialog's keys, not those of the screen behind it

    @on(Input.Submitted)
    @on(Button.Pressed, "#exporteren")
    def submit(self) -> None:
        text = clean(self.query_one("#pad", Input).value).strip()
        if not text:
            self.notify("Geef een bestandsnaam op.", severity="warning", markup=False)
            return
        case_ref = clean(self.query_one("#kenmerk", Input).value, limit=CASE_REF_LIMIT).strip()
        self.dismiss(ExportChoice(Path(text).expanduser(), case_ref))

    @on(Button.Pressed, "#annuleren")
    def action_cancel(self) -> None:
        self.dismiss(None)
