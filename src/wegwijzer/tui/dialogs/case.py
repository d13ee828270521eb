"""The fictional case of an exercise, opened again at any step (``v``)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from wegwijzer.core.training.model import FICTIONAL_HEADER
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys, read_on


class CaseDialog(ModalScreen[None]):
    """The case text, whole or scrolling with a "meer" mark; Esc, Enter or v closes it."""

    CSS_PATH = STYLES / "dialogs.tcss"
    AUTO_FOCUS = "#casustekst"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Sluiten"),
        Binding("enter", "close", "Sluiten", show=False),
        Binding("v", "close", "Sluiten", show=False),
        *read_keys(),
    ]

    def __init__(self, title: str, vignette: str) -> None:
        super().__init__()
        self.title_text = title
        self.vignette = vignette

    def compose(self) -> ComposeResult:
        with Vertical(classes="kader"):
            yield Static(
                Content.assemble(("Casus · ", "bold"), plain(self.title_text, "bold")),
                classes="titel",
            )
            with ReadingPane(id="casustekst"):
                yield Static(Content(FICTIONAL_HEADER), classes="fictief")
                yield Static(plain(self.vignette), id="vignet")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_read(self, down: bool) -> None:
        if not read_on(self, down):
            self.app.bell()
