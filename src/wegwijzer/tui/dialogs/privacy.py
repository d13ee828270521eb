"""Possible personal data found before saving: adjust it first, or save anyway."""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.hanging import Bulleted

PrivacyChoice = Literal["aanpassen", "opslaan"]
ADVICE = (
    "Een overzicht hoort geen namen, nummers of adressen te bevatten. "
    "De scan is een hint: lees zelf na wat er staat."
)


class PrivacyDialog(ModalScreen[PrivacyChoice | None]):
    """Shown before anything is written; Escape cancels the save."""

    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = "#aanpassen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('aanpassen')", "Aanpassen"),
        Binding("t", "choose('opslaan')", "Toch opslaan"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, warnings: list[str], concerned: str) -> None:
        super().__init__()
        self.warnings = warnings
        self.concerned = concerned  # where "Aanpassen" goes, in words

    def compose(self) -> ComposeResult:
        lines = "\n".join(f"• {line}" for line in self.warnings)
        with VerticalScroll(classes="kader smal"):
            yield Static(Content("Mogelijk persoonsgegevens"), classes="titel")
            yield Static(Bulleted(plain(lines)), classes="waarschuwing")
            yield Static(Content(ADVICE), classes="uitleg")
            yield Static(
                Content.assemble("Aanpassen opent ", plain(self.concerned), "."), classes="uitleg"
            )
            with Horizontal(classes="knoppen"):
                yield Button("Aanpassen (a)", id="aanpassen", variant="primary", compact=True)
                yield Button("Toch opslaan (t)", id="opslaan", variant="error", compact=True)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "")

    def action_choose(self, choice: str) -> None:
        if choice in ("aanpassen", "opslaan"):
            self.dismiss("aanpassen" if choice == "aanpassen" else "opslaan")

    def action_cancel(self) -> None:
        self.dismiss(None)
