"""A draft chosen at once: its step is built first, the rest of the check waits for home.

As for a flow chosen at once (issue 19): the part of the home screen's check that needs
pydantic (the drafts with the record model, the exercises) must not run while the step
of a resumed draft is being built, but once the home screen is back in view. The flows
worker is held until the draft is open, so the order is the same on every machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_flow_cache import settle, warm_up
from textual.pilot import Pilot
from tuikit import fixed_clock, keys, screen_name

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.drafts import save_draft
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import make_app
from wegwijzer.tui.screens.home import HomeScreen

from walks import answers_for


async def until(pilot: Pilot[None], condition: Callable[[], bool], what: str) -> None:
    for _ in range(400):  # a bound, not a timing
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(what)


async def test_a_draft_opened_at_once_leaves_the_rest_of_the_check_until_home(
    tui_flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm_up(tui_flows)
    session = Session(load_catalog(tui_flows).flows[0])
    session.answer(next(answers_for(session.current))[0])
    save_draft(session)
    started, release = threading.Event(), threading.Event()
    load_flows = HomeScreen._load_flows

    def held(self: HomeScreen) -> None:
        started.set()
        release.wait(20)
        load_flows(self)

    monkeypatch.setattr(HomeScreen, "_load_flows", held)
    app = make_app(flows_dir=tui_flows, clock=fixed_clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, started.is_set, "the home screen's check never started")
        await keys(pilot, "enter")  # the first list: "Verder waar u was"
        await until(pilot, lambda: screen_name(pilot) == "StepScreen", "the draft never opened")
        assert app.session is not None and app.session.path == session.path
        release.set()  # the flows are loaded now: the rest of the check would come next
        home = app.screen_stack[0]
        assert isinstance(home, HomeScreen)
        await until(pilot, lambda: home._deferred, "the rest of the check did not wait")
        await app.workers.wait_for_complete()
        assert not home.settled.is_set()  # drafts and exercises not checked under the step
        app.action_home()
        await settle(pilot)  # back home: checked and cached now
        assert screen_name(pilot) == "HomeScreen" and not home._deferred
