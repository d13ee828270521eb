"""The way to a first step: `run FLOW` starts on it, and nothing is styled twice."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList
from tuikit import FLOWS, app_of, current_id, fixed_clock, keys, screen_name

from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.home import HomeScreen
from wegwijzer.tui.screens.step import StepScreen

NewApp = Callable[..., WegwijzerApp]


def stack(app: WegwijzerApp) -> list[str]:
    return [type(screen).__name__ for screen in app.screen_stack]


async def settled_home(pilot: Pilot[None]) -> None:
    """Wait until the home screen's worker has checked the flows (a bound, not a timing)."""
    (home,) = [screen for screen in pilot.app.screen_stack if isinstance(screen, HomeScreen)]
    for _ in range(400):
        if home.settled.is_set():
            break
        await pilot.pause(0.05)
    assert home.settled.is_set(), "the home screen never checked its flows"
    await pilot.pause()


async def test_a_step_pushed_over_the_home_screen_parses_no_style_sheet_again(
    new_app: NewApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)
        parsed: list[int] = []
        original = app.stylesheet.reparse
        monkeypatch.setattr(app.stylesheet, "reparse", lambda: parsed.append(1) or original())
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen" and parsed == []


async def test_run_flow_starts_on_the_step_and_leaving_it_makes_the_home_screen(
    new_app: NewApp,
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)
        assert stack(app) == ["StepScreen"]  # no home screen built before the first step
        first = current_id(pilot)
        await keys(pilot, "escape")
        assert stack(app) == ["HomeScreen"]
        await settled_home(pilot)
        assert app.screen.query("#flows")
        await keys(pilot, "enter")  # the draft of the walk just left, or the first flow
        assert stack(app) == ["HomeScreen", "StepScreen"]
        assert current_id(pilot) == first
        await keys(pilot, "escape", "escape")
        assert stack(app) == ["HomeScreen"]  # the home screen is never popped


async def test_a_new_walk_from_a_started_step_goes_home_first(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "1", "enter")
        started = app_of(pilot).session
        assert started is not None and len(started.path) == 2
        loaded = app.catalog.find("testflow")
        assert loaded is not None
        app.begin(Session(loaded))
        await keys(pilot)
        assert stack(app) == ["HomeScreen", "StepScreen"]
        step = app.screen
        assert isinstance(step, StepScreen) and step.session is app.session
        assert app.session is not started and len(app.session.path) == 1


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_home_screen_made_in_place_opens_as_the_start_does(
    size: tuple[int, int],
) -> None:
    """Left from the step `run FLOW` started on, the home screen shows what a start shows:
    the words above the lists too (Textual had scrolled the focused list to the top).
    The shipped flows and exercises: lists longer than the window."""
    start = make_app(None, None, FLOWS, clock=fixed_clock, drafts=False)
    async with start.run_test(size=size) as pilot:
        await settled_home(pilot)
        expected = start.screen.query_one("#start").scroll_offset
    app = make_app("gemeentelijk-beleid", None, FLOWS, clock=fixed_clock, drafts=False)
    async with app.run_test(size=size) as pilot:
        await keys(pilot, "escape")
        await settled_home(pilot)
        assert app.screen.query_one("#start").scroll_offset == expected


@pytest.mark.parametrize(
    "flow_id", ["zorgen-over-een-minderjarige", "gemeentelijk-beleid", "scholing"]
)
async def test_the_home_screen_made_in_place_highlights_the_flow_just_left(flow_id: str) -> None:
    app = make_app(flow_id, None, FLOWS, clock=fixed_clock, drafts=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "escape")
        await settled_home(pilot)
        flows = app.screen.query_one("#flows", OptionList)
        assert flows.highlighted is not None
        assert app.catalog.flows[flows.highlighted].flow.id == flow_id
        await keys(pilot, "enter")  # and Enter walks it again
        session = app_of(pilot).session
        assert session is not None and session.flow.id == flow_id
