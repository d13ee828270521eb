"""Ask for the path of a record or draft file to open again."""

from __future__ import annotations

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
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter


class OpenRecordDialog(ModalScreen[Path | None]):
    """Asks for a path; ``typed`` fills it in again after the file could not be opened."""

    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = "#dossier-pad"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, typed: str = "") -> None:
        super().__init__()
        self.typed = typed

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="kader"):
            yield Static(Content("Overzicht openen"), classes="titel")
            yield Static(
                Content(
                    "Een opgeslagen overzicht of een concept. Past het nog bij het stappenplan, "
                    "dan gaat u verder waar u was; anders opent het om in te zien."
                ),
                classes="uitleg",
            )
            yield Static(Content("Bestand"), classes="label")
            yield Input(
                clean(self.typed),
                id="dossier-pad",
                placeholder="bijv. ~/wegwijzer-overzicht.toml",
            )
            with Horizontal(classes="knoppen"):
                yield Button("Openen", id="openen", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="annuleren", compact=True)
        yield KeyFooter()  # this dialog's keys, not those of the screen behind it

    @on(Input.Submitted)
    @on(Button.Pressed, "#openen")
    def submit(self) -> None:
        text = clean(self.query_one(Input).value).strip()
        if not text:
            self.notify("Geef het pad van een bestand op.", severity="warning", markup=False)
            return
        self.dismiss(Path(text).expanduser())

    @on(Button.Pressed, "#annuleren")
    def action_cancel(self) -> None:
        self.dismiss(None)
