"""Listed from the cache, the home screen's first frame goes without the exercises' part
(below the flows, out of view at 80×24); it is added right after that frame.

The properties: once added, the screen is the one a home screen with its exercises from
the start shows, list for list and line for line, at every size; and keys typed before
they were added (Tab, Shift+Tab, the arrows, Home and End, in any order) end where they
end on that screen, on the same list and the same entry.
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_tui_flow_cache import lists, warm_up
from textual.pilot import Pilot
from tuikit import FLOWS, fixed_clock, keys, visible_text

from wegwijzer.core.flows.catalog import ListedCatalog, load_catalog
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.home import HomeScreen

KEYS = ["tab", "shift+tab", "down", "up", "home", "end"]
SIZES = [(60, 16), (80, 24), (120, 40), (200, 60)]


def listed_app() -> WegwijzerApp:
    """The shipped flows from a warm cache: the home screen adds its exercises later."""
    warm_up(FLOWS)
    app = make_app(flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    assert isinstance(app.catalog, ListedCatalog)
    return app


def loaded_app() -> WegwijzerApp:
    """The same flows loaded before the start: the exercises are there from the first frame."""
    return WegwijzerApp(load_catalog(FLOWS), clock=fixed_clock, drafts=False)


def home(pilot: Pilot[None]) -> HomeScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HomeScreen)
    return screen


def where(pilot: Pilot[None]) -> tuple[str | None, int | None]:
    focused = pilot.app.screen.focused
    return (None, None) if focused is None else (focused.id, getattr(focused, "highlighted", None))


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing happens after the first frame by itself: only keys add the exercises."""
    monkeypatch.setattr(HomeScreen, "_after_first_frame", lambda self: None)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_the_exercises_come_after_the_first_frame_as_they_would_have_been(
    size: tuple[int, int], held: None
) -> None:
    async with loaded_app().run_test(size=size) as pilot:
        await keys(pilot)
        expected = lists(pilot), visible_text(pilot)
    async with listed_app().run_test(size=size) as pilot:
        await keys(pilot)
        screen = home(pilot)
        assert not screen.query("#oefeningen")  # not at the first frame
        assert "oefeningen" in expected[0]
        screen.show_exercises()
        await keys(pilot)
        assert (lists(pilot), visible_text(pilot)) == expected


async def typed_at_once(app: WegwijzerApp, pressed: list[str]) -> tuple[object, ...]:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in pressed:
            await pilot.press(key)
        await keys(pilot)
        return where(pilot)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pressed=st.lists(st.sampled_from(KEYS), min_size=1, max_size=8))
def test_keys_typed_before_the_exercises_came_end_where_they_would_have(
    pressed: list[str], held: None
) -> None:
    expected = asyncio.run(typed_at_once(loaded_app(), pressed))
    assert asyncio.run(typed_at_once(listed_app(), pressed)) == expected, pressed
