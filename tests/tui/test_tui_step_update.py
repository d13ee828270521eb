"""The step screen is updated in place, not rebuilt (docs/performance.md, figure 4): each
step must still look exactly as a freshly built step screen shows it, start scrolled to
the top, and ignore a confirmation meant for the options of the step just left.

Both screens are compared once settled (``settled_screenshot``): under load a new
screen's footer filled a frame late and the comparison failed at 60×16 now and then."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Static
from tuikit import FLOWS, app_of, choices, current_id, fixed_clock, keys, settled_screenshot

from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.citations import CitationPanel

LONG = "Een vraag die lang genoeg is om op een scherm van tachtig tekens over twee regels te lopen?"
TEXT = "Een uitleg bij deze vraag, met genoeg woorden om over meer dan een regel te lopen."
LONG_LABEL = "Een keuze met een label dat zo lang is dat het op tachtig tekens twee regels vult"

# Every change a step can bring: same sizes (redrawn in place), a prompt that wraps, an
# explanation, more and fewer options, more and fewer quoted lines.
FLOW = f'''
schema = 1
id = "wissel"
title = "Wisselende stappen"
audience = "Voor de tests."
version = "1"
source = "gevarenzone-2020"
start = "a"

[steps.a]
kind = "choice"
prompt = "Vraag a?"
cites = ["4.1"]
options = [{{ label = "Ja", next = "b" }}, {{ label = "Nee", next = "b" }}]

[steps.b]
kind = "choice"
prompt = "Vraag b?"
cites = ["4.2"]
options = [{{ label = "Wel", next = "c" }}, {{ label = "Niet", next = "c" }}]

[steps.c]
kind = "choice"
prompt = "{LONG}"
text = "{TEXT}"
cites = ["2.2", "4.1", "4.2"]
options = [
  {{ label = "{LONG_LABEL}", next = "d" }},
  {{ label = "Kort", next = "d" }},
  {{ label = "Nog een", next = "d" }},
]

[steps.d]
kind = "info"
prompt = "Ter informatie."
cites = ["1"]
next = "e"

[steps.e]
kind = "multi"
prompt = "Wat ziet u?"
cites = ["2.1", "8"]
next = "f"
options = [{{ label = "Dit" }}, {{ label = "Dat" }}, {{ label = "Iets anders" }}]

[steps.f]
kind = "check"
prompt = "Is het beleid nagelopen?"
cites = ["8.2"]
action = "Loop het beleid na."
next = "g"

[steps.g]
kind = "outcome"
prompt = "Klaar"
cites = ["8"]
actions = [{{ text = "Bewaar dit overzicht.", group = "algemeen", cites = ["8"] }}]
'''

# The keys that answer each step (the first option; the multi step ticks one first).
ENTER = ("enter",)
ANSWER = {"a": ENTER, "b": ENTER, "c": ENTER, "d": ENTER, "e": ("1", "enter"), "f": ENTER}


@pytest.fixture
def changing_flow(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    (folder / "wissel.toml").write_text(FLOW, encoding="utf-8")
    return folder


def step_app(flows: Path) -> WegwijzerApp:
    return make_app("wissel", None, flows, clock=fixed_clock)


async def fresh_screenshot(pilot: Pilot[None]) -> str:
    """The screen as a new StepScreen of the same session draws it (then closed again)."""
    app = app_of(pilot)
    assert app.session is not None
    app.push_screen(StepScreen(app.session))
    fresh = await settled_screenshot(pilot)
    app.pop_screen()
    await settled_screenshot(pilot)
    return fresh


def scroll_everything_down(app: WegwijzerApp) -> None:
    """As a user might before moving on: the next step must still start at the top."""
    screen = app.screen
    screen.query_one(CitationPanel).scroll_end(animate=False, immediate=True)
    screen.query_one("#vraag", VerticalScroll).scroll_end(animate=False, immediate=True)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (60, 16)])
async def test_each_step_updated_in_place_looks_as_freshly_built(
    changing_flow: Path, size: tuple[int, int]
) -> None:
    app = step_app(changing_flow)
    async with app.run_test(size=size) as pilot:
        await keys(pilot)
        seen = []
        while isinstance(app.screen, StepScreen):
            step_id = current_id(pilot)
            seen.append(step_id)
            shown = await settled_screenshot(pilot)
            assert shown == await fresh_screenshot(pilot), f"{step_id} at {size}"
            scroll_everything_down(app)
            await keys(pilot, *ANSWER[step_id])
        assert seen == ["a", "b", "c", "d", "e", "f"]


async def test_going_back_shows_the_step_before_as_freshly_built(changing_flow: Path) -> None:
    app = step_app(changing_flow)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", "enter", "2", "enter")  # a, b, then the second option of c
        assert current_id(pilot) == "d"
        await keys(pilot, "escape")
        assert current_id(pilot) == "c"
        assert await settled_screenshot(pilot) == await fresh_screenshot(pilot)
        assert choices(pilot).highlighted == 1  # the kept answer


async def test_the_next_step_shows_its_prompt_options_and_quotes_from_the_top(
    changing_flow: Path,
) -> None:
    app = step_app(changing_flow)
    async with app.run_test(size=(100, 24)) as pilot:  # wide: the quotes beside the text
        await keys(pilot, "enter", "enter")
        assert current_id(pilot) == "c"
        scroll_everything_down(app)
        await keys(pilot)
        panel = app.screen.query_one(CitationPanel)
        assert panel.scroll_y > 0
        await keys(pilot, "enter")
        screen = app.screen
        assert str(screen.query_one("#prompt", Static).visual) == "Ter informatie."
        assert [str(option.prompt) for option in choices(pilot).options] == ["▶ 1. Verder"]
        quoted = [str(line.visual) for line in panel.query_children(Static) if line.display]
        assert quoted[0] == "Antwoord op vraag 1" and len(quoted) == 2
        assert panel.scroll_y == 0
        assert screen.query_one("#vraag", VerticalScroll).scroll_y == 0
        assert not screen.query_one("#uitleg", Static).display


async def test_a_confirmation_for_the_options_just_left_is_ignored(changing_flow: Path) -> None:
    """Two Enters typed ahead: the second one's Confirmed, made for step a's options,
    reaches the screen after it shows step b in the same list; it must not answer b."""
    app = step_app(changing_flow)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        options = choices(pilot)
        options.action_confirm()
        options.action_confirm()  # both made before either is handled
        await keys(pilot)
        assert current_id(pilot) == "b"
        assert options is choices(pilot)  # the same list, with other options
        assert app.session is not None and app.session.path == ["a", "b"]
