"""A yes/no question in a modal, in Dutch, with the safe answer on Escape."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter


class ConfirmDialog(ModalScreen[bool]):
    """Returns True for ``yes``; Escape and ``no`` return False."""

    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = "#nee"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "answer(True)", "Ja"),
        Binding("n", "answer(False)", "Nee"),
        Binding("escape", "answer(False)", "Annuleren"),
    ]

    def __init__(self, title: str, message: Content | str, *, yes: str, no: str) -> None:
        super().__init__()
        self.title_text = title
        self.message = message if isinstance(message, Content) else Content(message)
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="kader smal"):
            yield Static(Content(self.title_text), classes="titel")
            yield Static(self.message, classes="uitleg")
            with Horizontal(classes="knoppen"):
                yield Button(Content(f"{self.yes} (j)"), id="ja", variant="error", compact=True)
                yield Button(Content(f"{self.no} (n)"), id="nee", variant="primary", compact=True)
        yield KeyFooter()  # this dialog's keys, not those of the screen behind it

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "ja")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
