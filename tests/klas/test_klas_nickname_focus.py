"""Letters typed into the nickname field stay when the field loses and regains the focus.

In a browser the page's size can come after the first keys, and a window made too small
hides the field: the focus comes back when it shows again. It must not select what was
typed, or the next letter replaces it (the classroom browser test once got "os" for "Vos").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from wegwijzer.klas.settings import TraineeSettings
from wegwijzer.klas.trainee import TraineeApp
from wegwijzer.klas.trainee_screens import NicknameScreen

EXERCISE = "politie-zonder-aangifte"


@pytest.mark.parametrize("typed_first", ["V", "Vo"])
async def test_typed_letters_stay_when_the_field_is_hidden_and_back(
    tmp_path: Path, typed_first: str
) -> None:
    app = TraineeApp(TraineeSettings(tmp_path, (EXERCISE,), "direct"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NicknameScreen)
        field = app.screen.query_one("#bijnaam", Input)
        await pilot.press(*typed_first)
        app.screen.set_focus(None)  # as when the field was hidden, or the page blurred
        await pilot.resize_terminal(101, 32)  # the page's size arrives: the screen refocuses
        await pilot.pause()
        await pilot.pause()
        assert field.has_focus and field.value == typed_first
        await pilot.press(*"Vos"[len(typed_first) :], "enter")
        await pilot.pause()
        assert app.nickname == "Vos"
