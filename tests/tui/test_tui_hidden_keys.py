"""While "Venster te klein" hides a screen, no key acts on what it hides.

A worker who shrank the window sees only the message; a digit, Enter or Escape must
not answer a question, go back, open a dialog or delete a draft unseen. Only leaving
(q, Ctrl+Q, Ctrl+C) still works. The property: from the home screen and from a step
with an answer given, any keys pressed while the window is too small change neither
the screens, nor the walk, nor a file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tuikit import keys, screen_name

from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.widgets.too_small import TooSmall

NewApp = Callable[..., WegwijzerApp]

# Every key a screen or the app binds, and some nobody binds; not the keys that leave.
KEYS = [
    *"0123456789",
    *"abcdefghijklmnoprstuvwxyz",
    "enter", "escape", "backspace", "delete", "space", "tab", "shift+tab",
    "up", "down", "left", "right", "home", "end", "pageup", "pagedown",
    "question_mark", "f1", "ctrl+p", "ctrl+s", "ctrl+e", "ctrl+t",
]  # fmt: skip
SMALL = [(59, 24), (80, 15), (30, 8)]


def state(app: WegwijzerApp, tmp_path: Path) -> tuple[object, ...]:
    session = app.session
    walk = None
    if session is not None:
        walk = (list(session.path), repr(sorted(session.answers.items())), dict(session.notes))
    files = sorted(
        (str(path.relative_to(tmp_path)), path.read_bytes())
        for folder in ("data", "config", "home")
        if (tmp_path / folder).exists()
        for path in (tmp_path / folder).rglob("*")
        if path.is_file()
    )
    return ([type(screen).__name__ for screen in app.screen_stack], walk, files)


async def pressed_while_hidden(
    app: WegwijzerApp, tmp_path: Path, on_step: bool, size: tuple[int, int], pressed: list[str]
) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)
        if on_step:
            await keys(pilot, "enter")  # the first flow
            await keys(pilot, "1", "enter")  # an answer: the walk and its draft have moved
        shown = screen_name(pilot)
        await pilot.resize_terminal(*size)
        await keys(pilot)
        assert app.screen.query_one(TooSmall).display
        before = state(app, tmp_path)
        for key in pressed:
            await pilot.press(key)
        await keys(pilot)
        assert state(app, tmp_path) == before, pressed
        await pilot.resize_terminal(100, 30)
        await keys(pilot)
        assert screen_name(pilot) == shown
        assert not app.screen.query_one(TooSmall).display


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    on_step=st.booleans(),
    size=st.sampled_from(SMALL),
    pressed=st.lists(st.sampled_from(KEYS), min_size=1, max_size=8),
)
def test_keys_pressed_while_the_window_is_too_small_change_nothing(
    new_app: NewApp, tmp_path: Path, on_step: bool, size: tuple[int, int], pressed: list[str]
) -> None:
    asyncio.run(pressed_while_hidden(new_app(), tmp_path, on_step, size, pressed))


async def test_every_key_one_by_one_on_a_hidden_step(new_app: NewApp, tmp_path: Path) -> None:
    """Each key alone, on the step: the random walk above may miss one."""
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "1", "enter")
        await pilot.resize_terminal(30, 8)
        await keys(pilot)
        before = state(app, tmp_path)
        for key in KEYS:
            await pilot.press(key)
            await keys(pilot)
            assert state(app, tmp_path) == before, key


async def test_leaving_still_works_while_hidden(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(30, 8)) as pilot:
        await keys(pilot, "q")
        assert app.return_code == 0 and not app.is_running


async def test_after_the_window_grows_the_keys_act_again(new_app: NewApp) -> None:
    """Started too small: Enter does nothing; once the window is large enough, it walks on."""
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(30, 8)) as pilot:
        await keys(pilot, "1", "enter")
        assert app.session is not None and len(app.session.path) == 1
        await pilot.resize_terminal(100, 30)
        await keys(pilot, "enter")
        assert len(app.session.path) == 2
