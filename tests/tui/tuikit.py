"""Small helpers for the Pilot tests (importable as ``tuikit``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import OutcomeStep
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.choices import ChoiceList

from walks import routes

ROOT = Path(__file__).resolve().parents[2]
FLOWS = ROOT / "flows"
TEST_FLOW = ROOT / "tests" / "data" / "valid.toml"
HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.UTC)


def fixed_clock() -> dt.datetime:
    return FIXED


# The small test flow, by key: info, multi (signalen), choice (politie), check (beleid), outcome.
TO_POLITIE = ("enter", "enter", "1", "enter")
TO_BELEID = (*TO_POLITIE, "1", "enter")
TO_SUMMARY = (*TO_BELEID, "2", "enter")


async def each_step_shown(screen: StepScreen, loaded: LoadedFlow) -> AsyncIterator[str]:
    """Every step of ``loaded`` but its outcomes, shown on ``screen`` in turn as the walk
    along its route (``walks.routes``) leaves it; yields the step's id."""
    for step_id, route in routes(loaded).items():
        if isinstance(loaded.flow.steps[step_id], OutcomeStep):
            continue
        session = Session(screen.session.loaded, clock=fixed_clock)
        for value in route:
            session.answer(value)
        screen.session = screen.query_one("#stap").session = session  # type: ignore[attr-defined]
        await screen.show_step()
        yield step_id


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    """Press keys one by one, letting the app settle after each."""
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()
    await pilot.pause()


def footer_filled(pilot: Pilot[None]) -> bool:
    """The screen's footer, if it has one, shows its keys (they come a refresh or two
    after the screen: bindings, then the footer's recompose, then its layout)."""
    footers = pilot.app.screen.query(Footer)
    return all(any(key.region.area for key in footer.query(FooterKey)) for footer in footers)


async def settled_screenshot(pilot: Pilot[None], rounds: int = 3, limit: int = 200) -> str:
    """The screen once it has stopped changing: its footer filled and the same screenshot
    after ``rounds`` pauses in a row. Under load the footer's keys or a pane's "meer" mark
    land a frame later than the rest; this waits for that state, never for a time."""
    shot = pilot.app.export_screenshot()
    same = 0
    for _ in range(limit):
        await pilot.pause()
        again = pilot.app.export_screenshot()
        same = same + 1 if again == shot and footer_filled(pilot) else 0
        if same >= rounds:
            return again
        shot = again
    raise AssertionError(f"the screen kept changing for {limit} pauses")


def app_of(pilot: Pilot[None]) -> WegwijzerApp:
    app = pilot.app
    assert isinstance(app, WegwijzerApp)
    return app


def current_id(pilot: Pilot[None]) -> str:
    session = app_of(pilot).session
    assert session is not None
    return session.current_id


def option_text(pilot: Pilot[None], index: int) -> str:
    return str(choices(pilot).get_option_at_index(index).prompt)


def screen_name(pilot: Pilot[None]) -> str:
    return type(pilot.app.screen).__name__


def choices(pilot: Pilot[None]) -> ChoiceList:
    return pilot.app.screen.query_one(ChoiceList)


def visible_text(pilot: Pilot[None]) -> str:
    """The plain text of every Static on the current screen."""
    return "\n".join(str(widget.render()) for widget in pilot.app.screen.query(Static))


def styled(screen: Screen[Any]) -> list[tuple[str, object]]:
    """Every style rule Textual's restyle sets, node by node, in the order it goes."""
    found: list[tuple[str, object]] = []
    for node in screen.walk_children(with_self=True):
        components = {
            name: sorted(styles._base_styles.get_rules().items())
            for name, styles in node._component_styles.items()
        }
        rules = sorted(node._css_styles.get_rules().items())
        found.append((f"{type(node).__name__}#{node.id}", (rules, components)))
    return found
