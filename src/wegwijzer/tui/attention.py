"""The terminal cursor follows attention: on the highlighted option or the focused button.

Textual keeps the terminal cursor hidden but still moves it with every frame, to the
place ``App.cursor_position`` names; an input field sets it to its text cursor, an
option list does not. Braille displays and screen magnifiers follow the terminal
cursor, so here it is put on the first character of whatever has the user's
attention: the highlighted option of a list, or the focused button of a dialog.
``--cursor`` (or ``WEGWIJZER_CURSOR=1``) also makes it visible.
"""

from __future__ import annotations

import os

from textual.content import Content
from textual.geometry import Offset
from textual.widget import Widget
from textual.widgets import Button, OptionList

ENV_CURSOR = "WEGWIJZER_CURSOR"
SHOW_CURSOR = "\x1b[?25h"


def cursor_wanted() -> bool:
    return os.environ.get(ENV_CURSOR, "") not in ("", "0")


def attention_point(widget: Widget | None) -> Offset | None:
    """Where the cursor belongs for ``widget``, in screen cells; None to leave it be."""
    if widget is None or not widget.is_mounted:
        return None
    region = widget.content_region
    if isinstance(widget, OptionList):
        index = widget.highlighted
        if index is None:
            return None
        # Textual's own map from option to first line; private, so read with care (the
        # tmux test of the cursor fails if it ever stops working).
        lines = getattr(widget, "_index_to_line", None)
        line = lines.get(index) if isinstance(lines, dict) else None
        if line is None:
            return None
        y = region.y + line - round(widget.scroll_offset.y)
        return Offset(region.x, y) if region.y <= y < region.bottom else None
    if isinstance(widget, Button):
        if not region.height:
            return None
        # The label is centred in the button: its first character.
        label = Content.from_text(widget.label)
        indent = max(0, (region.width - label.cell_length) // 2)
        return Offset(region.x + indent, region.y + (region.height - 1) // 2)
    return None


def follow(widget: Widget) -> None:
    """Put the terminal cursor on ``widget``'s point of attention, if it has focus."""
    if not widget.has_focus:
        return
    point = attention_point(widget)
    if point is not None and point != widget.app.cursor_position:
        widget.app.cursor_position = point
        widget.refresh()  # the cursor moves with the next frame
