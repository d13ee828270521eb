"""Textual's App made Dutch and closed: the palette, themes, no screenshot, quitting.

Textual's own system commands include "Screenshot" and English names; this base class
offers Dutch ones only, and the quit hint for Ctrl+C is Dutch too.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

DARK, LIGHT = "textual-dark", "textual-light"


class DutchApp(App[None]):
    ALLOW_SELECT = False  # no text selection: notes and cases stay off the clipboard

    def action_help_quit(self) -> None:
        self.notify("Afsluiten doet u met q of Ctrl+Q.", markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.notify("Schermafdrukken staan uit in de wegwijzer.", markup=False)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder="Zoek een opdracht…")
            )

    def action_change_theme(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder="Zoek een thema…"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own list holds "Screenshot"; the wegwijzer offers no screenshots.
        yield SystemCommand("Thema kiezen", "Kies een kleurenthema", self.action_change_theme)
        yield SystemCommand("Afsluiten", "Stop de wegwijzer", self.action_quit)
