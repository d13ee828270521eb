"""SVG snapshots of the main screens (pytest-textual-snapshot).

Fixed flows folder (the shipped source and the small test flow), fixed clock, no drafts:
the same pictures on every machine. Update with ``pytest tests/tui --snapshot-update``
and look at the SVGs under ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from tuikit import HERE, TO_POLITIE, TO_SUMMARY, fixed_clock, keys

from wegwijzer.tui.app import WegwijzerApp, make_app

NewApp = Callable[..., WegwijzerApp]
Snap = Callable[..., bool]


def pressing(*pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await keys(pilot, *pressed)

    return run_before


def test_home(snap_compare: Snap, new_app: NewApp) -> None:
    assert snap_compare(new_app(), terminal_size=(100, 30))


def test_step_with_citation_panel(snap_compare: Snap, new_app: NewApp) -> None:
    app = new_app()
    assert snap_compare(app, terminal_size=(100, 30), run_before=pressing(*TO_POLITIE))


def test_source_browser(snap_compare: Snap, new_app: NewApp) -> None:
    app = new_app()
    assert snap_compare(app, terminal_size=(100, 30), run_before=pressing(*TO_POLITIE, "b"))


def test_summary(snap_compare: Snap, new_app: NewApp) -> None:
    app = new_app()
    assert snap_compare(app, terminal_size=(100, 30), run_before=pressing(*TO_SUMMARY))


def test_help(snap_compare: Snap, new_app: NewApp) -> None:
    assert snap_compare(new_app(), terminal_size=(100, 30), run_before=pressing("f1"))


def test_step_at_80_by_24(snap_compare: Snap, tui_flows: Path) -> None:
    """The worst case: long text and ten options; the options must stay in view."""
    shutil.copy(HERE / "data" / "lang.toml", tui_flows / "lang.toml")
    app = make_app(flows_dir=tui_flows, clock=fixed_clock, flow_id="lang")
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing("down"))
