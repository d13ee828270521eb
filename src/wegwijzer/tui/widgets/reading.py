"""Text that may be longer than its room: it scrolls, and says so in words.

A scroll bar two cells wide is easy to miss, and a sentence cut off at the bottom of a
pane looks like the end of the text. Every pane that holds text to read marks, on its
bottom border, that there is more and which keys bring it into view ("▼ meer ·
PgDn"). The keys work from wherever the focus is on the screen (the screen binds them
and calls ``page``), so a person can read on without leaving the options.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen

DOWN_KEY, UP_KEY = "PgDn", "PgUp"
MORE = f"▼ meer · {DOWN_KEY}: verder lezen"
BACK = f"▲ {UP_KEY}: terug naar boven"
BOTH = f"▼ meer · {DOWN_KEY} / {UP_KEY}"
# The keys the marks name, as Textual calls them (the tests press what the screen names).
KEYS = {DOWN_KEY: "pagedown", UP_KEY: "pageup"}


def more_mark(scroll_y: float, max_scroll_y: int) -> str:
    """The words on the bottom border for a pane scrolled to ``scroll_y``."""
    below = round(scroll_y) < max_scroll_y
    above = round(scroll_y) > 0
    if below and above:
        return BOTH
    if below:
        return MORE
    return BACK if above else ""


class ReadingPane(VerticalScroll):
    """A scrolling pane that names, on its bottom border, what is below and the keys.

    Its CSS gives it a bottom border (the mark's line is always there, so showing the
    mark never changes the room the text has, and never makes the text fit or not).
    """

    DEFAULT_CSS = """
    ReadingPane {
        border-bottom: solid $foreground 20%;
        border-subtitle-align: left;
        border-subtitle-color: $text-accent;
        border-subtitle-style: bold;
    }
    """

    @property
    def has_more(self) -> bool:
        """Text below the part in view."""
        return round(self.scroll_y) < self.max_scroll_y

    def update_mark(self) -> None:
        mark = more_mark(self.scroll_y, self.max_scroll_y)
        if self.border_subtitle != mark:
            self.border_subtitle = mark

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.update_mark()

    def on_resize(self, event: Resize) -> None:
        # Sent when the pane itself changes size.
        self.update_mark()

    def watch_virtual_size(self) -> None:
        # The text inside changed length (a new step in the same pane). Textual sends no
        # Resize then, and the pane's own size is set just after: look once it is.
        self.call_later(self.update_mark)

    def page(self, down: bool) -> bool:
        """One page on (or back); False when there is nothing more that way."""
        if down and not self.has_more:
            return False
        if not down and round(self.scroll_y) == 0:
            return False
        # One line less than the room: the last line read stays in view, for the eye.
        step = max(self.scrollable_content_region.height - 1, 1)
        target = round(self.scroll_y) + (step if down else -step)
        self.scroll_to(y=target, animate=False, immediate=True)
        return True


def read_keys() -> list[BindingType]:
    """PgDn/PgUp for a screen with reading panes. Priority: a focused list (the options)
    would page through itself instead."""
    return [
        Binding("pagedown", "read(True)", "Verder lezen", show=False, priority=True),
        Binding("pageup", "read(False)", "Terug lezen", show=False, priority=True),
    ]


def read_on(screen: Screen[Any], down: bool) -> bool:
    """A page on (or back) in the first pane in view that has more that way."""
    for pane in screen.query(ReadingPane):
        if pane.display and pane.visible and pane.size.height and pane.page(down):
            return True
    return False
