"""Issue 16's differential test, the TUI half: what verify accepts, the app opens.

The same seeds, findings and mutations as tests/test_differential.py; every record
verify accepts (a draft: that it finds nothing but unfinished) is opened with
``make_app(record=…)``: the app keeps running, shows the summary, the review or the
step, and draws no control character. Fewer generated examples than the headless
half (each starts an app); WEGWIJZER_DIFFERENTIAL_EXAMPLES raises both.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tuikit import fixed_clock

from differential import EXAMPLES, FINDINGS, mutated, seeds, verdict
from test_train import exercise
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.verdict import Judge
from wegwijzer.tui.app import make_app

__all__ = ["exercise"]  # a fixture
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f]")
OPENED = {"SummaryScreen", "ReviewScreen", "StepScreen"}


def _judge(test_flow: LoadedFlow, exercise: LoadedExercise) -> Judge:
    judge = Judge(loaded=test_flow)
    judge._exercises = {exercise.exercise.id: exercise}
    return judge


def _accepted(raw: bytes, judge: Judge) -> bool:
    outcome = verdict(raw, judge)
    unfinished_only = outcome.record is not None and len(outcome.reasons) == 1
    return outcome.in_order or (unfinished_only and "niet afgerond" in outcome.reasons[0])


async def _open_in_the_app(raw: bytes, folder: Path, flows: Path) -> None:
    path = folder / "overzicht.toml"
    path.write_bytes(raw)
    app = make_app(record=path, flows_dir=flows, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.is_running
        assert type(app.screen).__name__ in OPENED
        for strip in app.screen._compositor.render_strips():
            assert not CONTROL.search(strip.text), repr(strip.text)


def _cases(test_flow: LoadedFlow, exercise: LoadedExercise) -> dict[str, bytes]:
    base = seeds(test_flow, exercise)
    cases = dict(base)
    for name, (seed, change) in FINDINGS.items():
        cases[name] = change(base[seed])
    return cases


async def test_the_seeds_and_findings_verify_accepts_open_in_the_app(
    test_flow: LoadedFlow, exercise: LoadedExercise, tmp_path: Path, tui_flows: Path
) -> None:
    judge = _judge(test_flow, exercise)
    opened = 0
    for name, raw in _cases(test_flow, exercise).items():
        if _accepted(raw, judge):
            folder = tmp_path / re.sub(r"\W", "-", name)
            folder.mkdir()
            await _open_in_the_app(raw, folder, tui_flows)
            opened += 1
    assert opened >= 5  # the three seeds and the harmless findings


@settings(
    max_examples=max(4, EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_verify_accepts_opens_in_the_app(
    test_flow: LoadedFlow,
    exercise: LoadedExercise,
    tmp_path_factory: pytest.TempPathFactory,
    tui_flows: Path,
    data: st.DataObject,
) -> None:
    base = seeds(test_flow, exercise)
    raw = data.draw(mutated(base[data.draw(st.sampled_from(sorted(base)))]))
    if _accepted(raw, _judge(test_flow, exercise)):
        asyncio.run(_open_in_the_app(raw, tmp_path_factory.mktemp("app"), tui_flows))
