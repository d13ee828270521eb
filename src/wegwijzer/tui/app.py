"""Placeholder until the full TUI lands."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class WegwijzerApp(App[None]):
    TITLE = "Wegwijzer"

    def __init__(self, flow_id: str | None = None) -> None:
        super().__init__()
        self.flow_id = flow_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Welkom bij de wegwijzer. Het volledige scherm volgt binnenkort.", markup=False)
        yield Footer()


def make_app(flow_id: str | None = None) -> WegwijzerApp:
    return WegwijzerApp(flow_id=flow_id)
