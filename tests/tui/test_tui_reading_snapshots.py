"""SVG snapshots of the reading layout (issue 14) at 80×24 and 120×40: home with a
draft, a long step, a multi step, the summary and a step of an exercise.

Fixed flows folder, clock and draft time; update with ``make snapshots`` and look at
every SVG as a user would before committing it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tuikit import FIXED, HERE, ROOT, TO_SUMMARY, fixed_clock, keys

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records import drafts
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import make_app

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 40)]
size_ids = pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")


def pressing(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await keys(pilot, *pressed)

    return run_before


@size_ids
def test_home_with_a_draft(snap_compare: Snap, tui_flows: Path, size: tuple[int, int]) -> None:
    loaded = load_catalog(tui_flows).find("testflow")
    assert loaded is not None
    session = Session(loaded, case_ref="casus 12", clock=fixed_clock)
    session.answer(None)
    session.answer((0,))
    path = drafts.save_draft(session)
    os.utime(path, (FIXED.timestamp(), FIXED.timestamp()))
    app = make_app(flows_dir=tui_flows, clock=fixed_clock)
    assert snap_compare(app, terminal_size=size)


@size_ids
def test_a_long_step(snap_compare: Snap, tui_flows: Path, size: tuple[int, int]) -> None:
    shutil.copy(HERE / "data" / "lang.toml", tui_flows / "lang.toml")
    app = make_app("lang", flows_dir=tui_flows, clock=fixed_clock)
    assert snap_compare(app, terminal_size=size, run_before=pressing())


@size_ids
def test_a_multi_step(snap_compare: Snap, tui_flows: Path, size: tuple[int, int]) -> None:
    app = make_app("testflow", flows_dir=tui_flows, clock=fixed_clock)
    assert snap_compare(app, terminal_size=size, run_before=pressing("enter", "1"))


@size_ids
def test_the_summary(snap_compare: Snap, tui_flows: Path, size: tuple[int, int]) -> None:
    app = make_app(flows_dir=tui_flows, clock=fixed_clock)
    assert snap_compare(app, terminal_size=size, run_before=pressing(*TO_SUMMARY))


@size_ids
def test_an_exercise_step(snap_compare: Snap, tui_flows: Path, size: tuple[int, int]) -> None:
    (tui_flows / "oefeningen").mkdir()
    exercise = ROOT / "tests" / "data" / "oefeningen" / "oefening.toml"
    shutil.copy(exercise, tui_flows / "oefeningen" / "testoefening.toml")
    app = make_app(flows_dir=tui_flows, clock=fixed_clock, exercise_id="testoefening")
    assert snap_compare(app, terminal_size=size, run_before=pressing("2", "enter", "enter"))
