"""A note for one step: a small text editor in a modal; a paste is cleaned and capped."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from wegwijzer.core.base.text import clean
from wegwijzer.core.walk.session import NOTE_LIMIT
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter

PRIVACY_HINT = "Schrijf geen namen of andere persoonsgegevens op; gebruik zo nodig een pseudoniem."


class NoteArea(TextArea):
    """A TextArea whose pastes pass the sanitiser and never grow the note past the limit."""

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # the TextArea's own paste handler must not run as well
        event.stop()
        if self.read_only:
            return
        start, end = self.selection
        selected = len(self.selected_text)
        room = max(0, NOTE_LIMIT - len(self.text) + selected)
        text = clean(event.text, multiline=True, limit=room)
        if text or selected:
            result = self.replace(text, start, end)
            self.move_cursor(result.end_location)


class NoteDialog(ModalScreen[str | None]):
    """Returns the edited text, or None when cancelled."""

    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = "NoteArea"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Opslaan"),
        Binding("escape", "cancel", "Annuleren"),
    ]

    def __init__(self, prompt: str, note: str) -> None:
        super().__init__()
        self.prompt = prompt
        self.note = note

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="kader"):
            yield Static(Content("Notitie bij deze stap"), classes="titel")
            yield Static(plain(self.prompt), classes="uitleg")
            yield Static(Content(PRIVACY_HINT), classes="waarschuwing")
            yield NoteArea(clean(self.note, multiline=True, limit=NOTE_LIMIT), id="notitie-tekst")
            with Horizontal(classes="knoppen"):
                yield Button("Opslaan (ctrl+s)", id="opslaan", variant="primary", compact=True)
                yield Button("Annuleren (esc)", id="annuleren", compact=True)
        yield KeyFooter()  # this dialog's keys, not those of the screen behind it

    @on(Button.Pressed, "#opslaan")
    def action_save(self) -> None:
        self.dismiss(self.query_one(NoteArea).text)

    @on(Button.Pressed, "#annuleren")
    def action_cancel(self) -> None:
        self.dismiss(None)
