"""Screens start with the size classes their first resize gives them (no second styling)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.screen import Screen
from tuikit import keys

from wegwijzer.tui.app import HEIGHT_CLASSES, WIDTH_CLASSES, WegwijzerApp
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.sized import breakpoint_class

NewApp = Callable[..., WegwijzerApp]
BREAKPOINTS = [name for _, name in WIDTH_CLASSES + HEIGHT_CLASSES]


def test_the_rule_is_textuals() -> None:
    """Every width and height up to well past the largest breakpoint, against Textual's
    own method (the one its resize uses)."""
    screen = Screen[None]()
    for table in (WIDTH_CLASSES, HEIGHT_CLASSES):
        for size in range(0, 300):
            textual = screen._get_breakpoint_classes(size, table)
            ours = breakpoint_class(size, table)
            assert textual == ({ours} if ours else set()), (size, table)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (99, 23), (100, 30), (120, 40), (40, 12)])
async def test_a_step_screen_starts_with_the_classes_its_resize_gives(
    new_app: NewApp, size: tuple[int, int]
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=size) as pilot:
        await keys(pilot)
        assert app.session is not None
        made = StepScreen(app.session)
        at_start = {name for name in made.classes if name in BREAKPOINTS}
        await app.push_screen(made)
        await keys(pilot)
        after = {name for name in app.screen.classes if name in BREAKPOINTS}
        assert app.screen is made and at_start == after and len(after) == 2
