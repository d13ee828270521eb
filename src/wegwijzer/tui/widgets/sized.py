"""A screen that starts with the size classes its first resize would give it.

Textual sets a screen's breakpoint classes (``-smal``/``-normaal``/``-breed``,
``-laag``/``-kort``/``-hoog``) at its first resize, after its widgets are mounted and
styled, and the change styles the whole screen a second time: a fifth of building the
step screen (docs/performance.md, issue 19). A ``SizedScreen`` takes them from the app's
size when it is made, by Textual's own rule, so that resize finds nothing to change.
Every later resize is Textual's, as before.
"""

from __future__ import annotations

from typing import Any

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
        try:
            app = self.app
        except NoActiveAppError:  # made outside a running app (some tests)
            return
        self.add_class(*size_classes(self, app), update=False)
