"""SVG snapshots of the training screens: the vignette and the debrief, at 100×30.

Fixed flows folder (the shipped source, the small test flow and its test exercise) and
a fixed clock; update with ``pytest tests/tui --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tuikit import ROOT, fixed_clock, keys

from wegwijzer.tui.app import WegwijzerApp, make_app

Snap = Callable[..., bool]
# Achteraf, then "Iets anders" (wrong), "Ja" (right), "ja" (wrong): two deviations, 2 of 5.
TO_DEBRIEF = ("2", "enter", "enter", "2", "enter", "1", "enter", "1", "enter")


@pytest.fixture
def training_app(tui_flows: Path) -> WegwijzerApp:
    (tui_flows / "oefeningen").mkdir()
    exercise = ROOT / "tests" / "data" / "oefeningen" / "oefening.toml"
    shutil.copy(exercise, tui_flows / "oefeningen" / "testoefening.toml")
    return make_app(flows_dir=tui_flows, clock=fixed_clock, exercise_id="testoefening")


def pressing(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await keys(pilot, *pressed)

    return run_before


def test_vignette(snap_compare: Snap, training_app: WegwijzerApp) -> None:
    assert snap_compare(training_app, terminal_size=(100, 30), run_before=pressing())


def test_debrief(snap_compare: Snap, training_app: WegwijzerApp) -> None:
    assert snap_compare(training_app, terminal_size=(100, 30), run_before=pressing(*TO_DEBRIEF))
