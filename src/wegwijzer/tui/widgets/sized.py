"""A screen that starts with the size classes its first resize would give it, and is
styled once before its first frame.

Textual sets a screen's breakpoint classes (``-smal``/``-normaal``/``-breed``,
``-laag``/``-kort``/``-hoog``) at its first resize, after its widgets are mounted and
styled, and the change styles the whole screen a second time: a fifth of building the
step screen (docs/performance.md, issue 19). A ``SizedScreen`` takes them from the app's
size when it is made, by Textual's own rule, so that resize finds nothing to change.
Every later resize is Textual's, as before.

Textual also restyles a screen's whole tree each time it is resumed, the first time
too, right after its widgets were styled as they were mounted: for the step screen that
was a sixth of ``wegwijzer run FLOW``'s time past a bare app. The first resume skips
it; every later one asks what Textual asks. ``tests/tui/test_tui_styled_once.py`` proves
the skipped pass would change nothing. Made at a size too small for its widgets, the
screen hides them from the start, so its first resume also takes the focus from a
hidden widget (``tests/tui/test_tui_safety.py``).
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual._context import NoActiveAppError
from textual.app import App
from textual.screen import Screen, ScreenResultType


def breakpoint_class(dimension: int, breakpoints: list[tuple[int, str]]) -> str | None:
    """The class of the largest breakpoint at or below ``dimension`` (Textual's rule)."""
    for start, name in sorted(breakpoints, reverse=True):
        if dimension >= start:
            return name
    return None


def size_classes(screen: Screen[Any], app: App[Any]) -> set[str]:
    """The breakpoint classes ``screen`` gets at the app's present size."""
    horizontal = screen.HORIZONTAL_BREAKPOINTS
    vertical = screen.VERTICAL_BREAKPOINTS
    width, height = app.size
    found = (
        breakpoint_class(
            width, (app.HORIZONTAL_BREAKPOINTS if horizontal is None else horizontal) or []
        ),
        breakpoint_class(
            height, (app.VERTICAL_BREAKPOINTS if vertical is None else vertical) or []
        ),
    )
    return {name for name in found if name}


class SizedScreen(Screen[ScreenResultType]):
    """A screen with its breakpoint classes set before it is first styled."""

    def __init__(self) -> None:
        super().__init__()
        self._resumed = False
        try:
            app = self.app
        except NoActiveAppError:  # made outside a running app (some tests)
            return
        self.add_class(*size_classes(self, app), update=False)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls this, then Screen's own handler, with the same event.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False  # styled as mounted, just now
            self.call_next(self._drop_hidden_focus)

    def _drop_hidden_focus(self) -> None:
        """Made too small for its widgets, the screen hides them from the start, yet
        Textual's auto focus gives the first list the focus (it checks the list, not the
        container hiding it), and no later change of display takes it away: keys would
        act on a list no one sees. Nothing has the focus then; ``TooSmall`` gives it back
        when the window grows."""
        focused = self.focused
        if focused is not None and focused not in self.focus_chain:
            self.set_focus(None)
