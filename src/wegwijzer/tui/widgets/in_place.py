"""Updating a widget's text in place without laying the whole screen out again.

Textual lays out the whole screen after any ``Static.update`` (``layout=True`` is the
default), which costs a step change several milliseconds (docs/performance.md, figure
4). Most step changes keep every line count: then repainting the changed widgets is
enough.
"""

from __future__ import annotations

from typing import cast

from textual.content import Content
from textual.css.styles import RulesMap
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static


def same_content(shown: object, content: Content) -> bool:
    """The same text with the same styles (``Content ==`` compares the text only)."""
    return (
        isinstance(shown, Content) and shown.plain == content.plain and shown.spans == content.spans
    )


def text_width(widget: Widget) -> int:
    """The width the widget's content was last laid out at (0 before the first layout)."""
    width = widget.outer_size.width - widget.styles.gutter.width - widget.scrollbar_gutter.width
    return max(width, 0)


def same_height(widget: Widget, before: Visual, after: Visual, width: int) -> bool:
    """``before`` and ``after`` take as many lines in ``widget`` at ``width``."""
    rules = cast(RulesMap, widget.styles)  # as Textual's own widgets pass their styles
    return bool(width) and before.get_height(rules, width) == after.get_height(rules, width)


def set_text(widget: Static, content: Content) -> bool:
    """Show ``content`` in ``widget``: nothing happens when it is already shown, and the
    screen is laid out again only when the widget's height changes (or its width could).
    Returns whether the widget changed."""
    shown = widget.visual
    if same_content(shown, content):
        return False
    keeps_size = not widget.display or (
        not widget.styles.is_auto_width and same_height(widget, shown, content, text_width(widget))
    )
    # Hidden: it takes no room now, and showing it lays the screen out anyway.
    widget.update(content, layout=not keeps_size)
    return True
