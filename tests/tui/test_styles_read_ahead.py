"""The step screen's sheet is read ahead (``styles.read_ahead``), not with the app's at
start, and not by Textual when a step is pushed.

The properties: every rule in that sheet is for the step screen, so reading it restyles
nothing already on screen; and every step screen of every shipped flow, reached as a
person reaches it (Enter on the flow at home, also before the sheet was read ahead),
has exactly the styles it has in an app that read the sheet at start, as before, while
no sheet is parsed twice.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from textual.css.model import RuleSet, SelectorType
from textual.css.stylesheet import Stylesheet
from textual.pilot import Pilot
from tuikit import FLOWS, fixed_clock, keys, styled

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.screens.home import HomeScreen
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.styles import STEP_STYLES, STYLES

CATALOG = load_catalog(FLOWS)


class SheetAtStart(WegwijzerApp):
    """The app as it was: the step screen's sheet read with the app's, before the start."""

    CSS_PATH: ClassVar[Any] = [STYLES / "app.tcss", STYLES / "home.tcss", STEP_STYLES]


def test_every_rule_of_the_step_sheet_is_for_the_step_screen() -> None:
    app = WegwijzerApp(CATALOG, clock=fixed_clock, drafts=False)
    sheet = Stylesheet(variables=app.get_css_variables())  # the theme's, as the app has them
    sheet.read(STEP_STYLES)
    selectors = [
        selector_set.selectors for rule_set in sheet.rules for selector_set in rule_set.selector_set
    ]
    assert len(selectors) > 20  # the sheet was read and parsed
    for chain in selectors:
        first = chain[0]
        assert (first.type, first.name) == (SelectorType.TYPE, "StepScreen"), chain
        # a rule for the screen itself would restyle it; each names a widget on it
        assert len(chain) > 1, chain


async def open_flow(pilot: Pilot[None], index: int) -> StepScreen:
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    home.query_one("#flows").highlighted = index  # type: ignore[attr-defined]
    await keys(pilot, "enter")
    screen = pilot.app.screen
    assert isinstance(screen, StepScreen)
    return screen


async def step_styles(
    app_class: type[WegwijzerApp], index: int, size: tuple[int, int], *, ahead: bool
) -> tuple[list[tuple[str, object]], list[tuple[str, object]], int]:
    """The home screen's and the first step's styles, and how often every sheet was parsed
    again on the way; ``ahead=False``: Enter comes before the sheet is read ahead."""
    app = app_class(load_catalog(FLOWS), clock=fixed_clock, drafts=False)
    if not ahead:
        app._first_frame_drawn = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await keys(pilot)
        reparsed: list[int] = []
        original = app.stylesheet.reparse

        def reparse() -> None:
            reparsed.append(1)
            original()

        app.stylesheet.reparse = reparse  # type: ignore[method-assign]
        home = styled(app.screen)
        step = styled(await open_flow(pilot, index))
        return home, step, len(reparsed)


@pytest.mark.parametrize("ahead", [True, False], ids=["read-ahead", "enter-first"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
async def test_a_step_reached_from_home_is_styled_as_with_the_sheet_read_at_start(
    loaded: LoadedFlow, size: tuple[int, int], ahead: bool
) -> None:
    index = CATALOG.flows.index(loaded)
    home, step, reparsed = await step_styles(WegwijzerApp, index, size, ahead=ahead)
    home_before, step_before, _ = await step_styles(SheetAtStart, index, size, ahead=True)
    # by repr: two apps have equal layouts that are different objects
    assert repr(home) == repr(home_before)
    assert repr(step) == repr(step_before)
    assert reparsed == 0


def described(rules: list[RuleSet]) -> str:
    """Rules as text: selectors, declarations and tie breaker, in order."""
    return repr(
        [
            (rule.selector_set, sorted(rule.styles.get_rules().items()), rule.tie_breaker)
            for rule in rules
        ]
    )


async def test_the_home_screen_starts_without_the_step_sheet_and_reads_it_after() -> None:
    app = WegwijzerApp(load_catalog(FLOWS), clock=fixed_clock, drafts=False)
    key = str(STEP_STYLES)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.stylesheet.has_source(key)  # not at the first frame
        await keys(pilot)
        assert app.stylesheet.has_source(key)  # right after it, before any key
        # only the new sheet was parsed; the rules are those a full parse gives, in order
        full = app.stylesheet.copy()
        full.parse()
        assert described(app.stylesheet.rules) == described(full.rules)
        assert any(
            chain.selectors[0].name == "StepScreen"
            for rule_set in app.stylesheet.rules
            for chain in rule_set.selector_set
        )
