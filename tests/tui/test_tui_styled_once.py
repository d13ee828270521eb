"""The home and step screens are styled once before their first frame (``SizedScreen``):
their first resume skips Textual's restyle of the whole tree.

The property: for the home screen with no, one and many drafts, and for every step of
every shipped flow, at the sizes people use, the screen as first drawn has exactly the
styles that the skipped pass would have given every widget and every component style
(the option highlight, the footer keys). Scroll bars are left out: they are drawn from
their parent's styles (``ScrollBar.render``), and one that appears once the text is laid
out is unstyled with Textual's own resume too.
And the skip is for the first resume only: a later one asks what Textual asks.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual import events
from textual.screen import Screen
from tuikit import FLOWS, fixed_clock, keys, styled

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drafts import save_draft
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import make_app
from wegwijzer.tui.screens.home import HomeScreen
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.sized import SizedScreen

from walks import answers_for, routes

CATALOG = load_catalog(FLOWS)
SIZES = [(80, 24), (120, 40)]


def restyled(screen: Screen[Any]) -> list[tuple[str, object]]:
    """The styles after the pass the first resume skips (``App.update_styles(screen)``)."""
    screen.app.stylesheet.update_nodes(screen.walk_children(with_self=True), animate=False)
    return styled(screen)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
async def test_the_skipped_restyle_would_change_nothing(
    loaded: LoadedFlow, size: tuple[int, int]
) -> None:
    app = make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    async with app.run_test(size=size) as pilot:
        await keys(pilot)
        assert isinstance(app.screen, StepScreen)
        first = app.screen
        assert styled(first) == restyled(first), f"{loaded.flow.id}: the first step"
        for step_id, route in routes(loaded).items():
            session = Session(first.session.loaded, clock=fixed_clock)
            for value in route:
                session.answer(value)
            screen = StepScreen(session)
            await app.push_screen(screen)
            await keys(pilot)
            assert app.screen is screen
            assert styled(screen) == restyled(screen), f"{loaded.flow.id}/{step_id} at {size}"
            app.pop_screen()
            await keys(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("drafts", [0, 1, 12])
async def test_the_home_screens_skipped_restyle_would_change_nothing(
    drafts: int, size: tuple[int, int]
) -> None:
    loaded = CATALOG.flows[0]
    for number in range(drafts):  # walks of 1 to 4 answers, some with a case reference
        session = Session(loaded, case_ref=f"casus-{number}" if number % 2 else "")
        for _ in range(1 + number % 4):
            found = None if session.finished else next(answers_for(session.current), None)
            if found is None:
                break
            session.answer(found[0])
        save_draft(session)
    app = make_app(flows_dir=FLOWS, clock=fixed_clock)
    async with app.run_test(size=size) as pilot:
        await keys(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert styled(app.screen) == restyled(app.screen)
    # The home screen made in place of the step `run FLOW` started on, when it is left.
    app = make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    async with app.run_test(size=size) as pilot:
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert styled(app.screen) == restyled(app.screen)


async def test_only_the_first_resume_skips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = CATALOG.flows[0]
    app = make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    seen: list[bool] = []
    real = Screen._on_screen_resume

    def resume(screen: Screen[Any], event: events.ScreenResume) -> None:
        if isinstance(screen, SizedScreen):
            seen.append(event.refresh_styles)
        real(screen, event)

    monkeypatch.setattr(Screen, "_on_screen_resume", resume)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        app.screen.post_message(events.ScreenResume())  # as a switch back to it sends
        await keys(pilot)
    assert seen == [False, True]
