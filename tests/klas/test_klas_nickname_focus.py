"""Letters typed into the nickname field stay when the field loses and regains the focus.

In a browser the page's size can come after the first keys, and a window made too small
hides the field: the focus comes back when it shows again. It must not select what was
typed, or the next letter replaces it (the classroom browser test once got "os" for "Vos").
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Input

from wegwijzer.klas.settings import TraineeSettings, clean_nickname
from wegwijzer.klas.trainee import TraineeApp
from wegwijzer.klas.trainee_screens import NicknameScreen
from wegwijzer.tui.widgets.too_small import MIN_WIDTH

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


# What can happen between two letters: the focus goes (the page blurred, or the field was
# never focused yet), the window gets too narrow (the field hidden), or wide again.
EVENTS = st.one_of(
    st.sampled_from("Vos3 .-'"),
    st.sampled_from(["<blur>", "<small>", "<large>"]),
)


async def typed_with_events(tmp_path: Path, events: list[str]) -> tuple[str, str]:
    app = TraineeApp(TraineeSettings(tmp_path, (EXERCISE,), "direct"))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#bijnaam", Input)
        for event in events:
            if event == "<blur>":
                app.screen.set_focus(None)
            elif event == "<small>":
                await pilot.resize_terminal(MIN_WIDTH - 10, 32)
            elif event == "<large>":
                await pilot.resize_terminal(100, 32)
            else:
                await pilot.press(event if event != " " else "space")
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        await pilot.pause()
        value = field.value
        await pilot.press("enter")
        await pilot.pause()
        return value, app.nickname


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=st.lists(EVENTS, max_size=10))
def test_every_letter_typed_lands_in_the_field_whatever_happened_to_the_focus(
    tmp_path: Path, events: list[str]
) -> None:
    typed = "".join(event for event in events if not event.startswith("<"))
    value, nickname = asyncio.run(typed_with_events(tmp_path, events))
    assert value == typed, events
    assert nickname == clean_nickname(typed), events
