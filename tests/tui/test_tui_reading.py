"""Reading at the sizes people use (issue 14): every step of every shipped flow, and the
case, feedback and debrief of every shipped exercise, at 80×24, 100×30 and 60×20 (an
80×40 terminal at 200 % zoom, issue 20), with the citation strip closed.

The property: the whole text is on screen, or the pane it is in says on screen that
there is more ("▼ meer") and names the key that brings it into view; pressing that key
reaches the end. And the step's own text gets room first: its pane is never squeezed
below a few lines while the text is longer.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from tuikit import FLOWS, each_step_shown, fixed_clock

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.training.exercise import LoadedExercise, exercise_folder, load_exercises
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.core.training.scoring import grade
from wegwijzer.core.walk.session import Answer
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.dialogs.case import CaseDialog
from wegwijzer.tui.screens.debrief import DebriefScreen
from wegwijzer.tui.screens.step import CITATIONS_OPEN, StepScreen
from wegwijzer.tui.screens.training_step import TrainingStepScreen
from wegwijzer.tui.screens.vignette import VignetteScreen
from wegwijzer.tui.widgets.feedback import FeedbackDialog
from wegwijzer.tui.widgets.reading import KEYS, ReadingPane

from walks import answers_for

SIZES = [(80, 24), (100, 30), (60, 20)]
CATALOG = load_catalog(FLOWS)
EXERCISES, _ = load_exercises(exercise_folder(CATALOG), CATALOG)
MIN_LINES = 3


async def read_through(pilot: Pilot[None], pane: ReadingPane, where: str) -> None:
    """The whole of ``pane`` is in view, or it says so and its named key reaches the end."""
    await pilot.pause()
    screen = pilot.app.screen
    assert screen.region.contains_region(pane.region), f"{where}: the pane is off screen"
    box = pane.parent
    assert isinstance(box, Widget) and box.region.contains_region(pane.region), (
        f"{where}: the pane is cut off by {box}"
    )
    room = pane.scrollable_content_region.height
    if pane.max_scroll_y == 0:
        return  # all of it in view
    assert room >= MIN_LINES, f"{where}: the text gets {room} lines"
    assert pane.styles.border_bottom[0] not in ("", "none", "hidden"), where
    mark = str(pane.border_subtitle)
    named = [key for name, key in KEYS.items() if name in mark]
    assert "meer" in mark and named, f"{where}: text below, but the mark says {mark!r}"
    for _ in range(200):
        if round(pane.scroll_y) >= pane.max_scroll_y:
            break
        before = pane.scroll_y
        await pilot.press(named[0])
        await pilot.pause()
        assert pane.scroll_y > before, f"{where}: {named[0]} did not read on"
    assert round(pane.scroll_y) == pane.max_scroll_y, f"{where}: the end was not reached"
    assert "▼" not in str(pane.border_subtitle), f"{where}: still 'meer' at the end"


def flow_app(loaded: LoadedFlow) -> WegwijzerApp:
    return make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
async def test_every_step_text_is_on_screen_or_reachable(
    loaded: LoadedFlow, size: tuple[int, int]
) -> None:
    app = flow_app(loaded)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StepScreen)
        async for step_id in each_step_shown(screen, loaded):
            assert not screen.has_class(CITATIONS_OPEN)  # the strip closed: the text's room
            pane = screen.query_one("#vraag", ReadingPane)
            prompt = screen.query_one("#prompt")
            await pilot.pause()
            assert pane.scroll_y == 0
            assert prompt.region.bottom <= pane.scrollable_content_region.bottom, (
                f"{step_id}: the question itself does not fit at {size}"
            )
            await read_through(pilot, pane, f"{loaded.flow.id}/{step_id} at {size}")


def exercise_app() -> WegwijzerApp:
    return make_app(flows_dir=FLOWS, clock=fixed_clock, drafts=False)


def wrong_answer(item: LoadedExercise, step_id: str) -> Answer:
    """An answer at a decision that is not the expected one (feedback has more to say)."""
    run = TrainingRun(item)
    expected = run.expected(step_id)
    for value, _ in answers_for(item.loaded.flow.steps[step_id]):
        if value != expected:
            return value
    return expected


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("item", EXERCISES, ids=lambda item: item.exercise.id)
async def test_every_exercise_case_feedback_and_debrief_is_readable(
    item: LoadedExercise, size: tuple[int, int]
) -> None:
    app = exercise_app()
    name = item.exercise.id
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        vignette = VignetteScreen(item)
        await app.push_screen(vignette)
        await read_through(pilot, vignette.query_one("#casus", ReadingPane), f"{name} casus")
        app.pop_screen()
        run = TrainingRun(item, "achteraf", clock=fixed_clock)
        step_screen = TrainingStepScreen(run)
        await app.push_screen(step_screen)
        await pilot.pause()
        footer_keys = {binding.key for (_, binding, enabled, _) in app.active_bindings.values()}
        assert "v" in footer_keys  # the case, one key away at every step
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, CaseDialog)
        await read_through(pilot, app.screen.query_one(ReadingPane), f"{name} casus (v)")
        await pilot.press("escape")
        await pilot.pause()
        source = item.loaded.source
        for step_id in item.decisions_in_order:
            step = item.loaded.flow.steps[step_id]
            decision = item.exercise.decisions[step_id]
            feedback = grade(step_id, step, decision, wrong_answer(item, step_id), source=source)
            dialog = FeedbackDialog(feedback, source)
            await app.push_screen(dialog)
            pane = dialog.query_one(ReadingPane)
            await read_through(pilot, pane, f"{name} feedback {step_id} at {size}")
            app.pop_screen()
        for step_id in item.decisions_in_order:  # the debrief of a run that went wrong
            if run.session.finished:
                break
            while run.session.current_id != step_id and not run.session.finished:
                run.answer(next(answers_for(run.session.current))[0])
            if not run.session.finished:
                run.answer(wrong_answer(item, step_id))
        debrief = DebriefScreen(run)
        await app.push_screen(debrief)
        await read_through(
            pilot, debrief.query_one("#nabespreking", ReadingPane), f"{name} debrief"
        )
