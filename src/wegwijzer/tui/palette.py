"""The command palette: Textual's, in Dutch and safe against keys typed ahead.

Its own module, imported when the palette first opens: every class Textual builds
costs at the start (``__init_subclass__`` walks each base), and nobody needs this one
before Ctrl+P (docs/performance.md, issue 19).
"""

from __future__ import annotations

import inspect
from typing import ClassVar

from textual import events, work
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

NO_MATCHES = Content.styled("Geen opdracht gevonden", "dim")

# What a user's keys cause in the palette; lifecycle messages always pass.
_USER_MESSAGES = (
    events.Key,
    Input.Changed,
    Input.Submitted,
    OptionList.OptionSelected,
    OptionList.OptionHighlighted,
    Button.Pressed,
)


class Palette(CommandPalette):
    """Textual's palette, safe against keys typed ahead while it opens or closes.

    The random-key test found keys that reached the palette after Escape closed it: an
    Enter selected again, a letter started a search that found no list (NoMatches). A
    palette that is no longer on top ignores keys and searches (``Screen.dismiss`` in base_app
    covers its dismissals).
    """

    # Its one key with a description, in Dutch like every other (Textual's says
    # "Exit the command palette"); the arrows and pages keep Textual's own bindings.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "escape", "Sluiten")]

    def _off_screen(self) -> bool:
        return self.app.screen is not self or not self.query(CommandList)

    async def _on_message(self, message: Message) -> None:
        if isinstance(message, _USER_MESSAGES) and self._off_screen():
            return
        await super()._on_message(message)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own says "No matches found"; the same countdown, in Dutch.
        self._stop_no_matches_countdown()

        def say_none_found() -> None:
            self._list_visible = bool(search_value) and not self._off_screen()
            if self._list_visible:
                none = Option(NO_MATCHES, disabled=True, id=self._NO_MATCHES)
                self.query_one(CommandList).add_option(none)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, say_none_found)

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        if not self._off_screen():
            search = inspect.unwrap(CommandPalette._gather_commands)  # without @work
            await search(self, search_value)
