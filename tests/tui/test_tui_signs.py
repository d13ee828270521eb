"""Every state has a sign besides its colour, and the high-contrast themes look right.

Highlight: "▶" in the list with the focus, "▷" in a list without it; a tick: "[x]";
a warning or an error toast: "⚠"/"✖" in its title. With NO_COLOR set, Textual draws
in grey only, so these signs are all that is left: each is checked here.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from tuikit import TO_POLITIE, keys

from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.themes import THEMES
from wegwijzer.tui.widgets.cursor_list import CursorList

EXERCISE = Path(__file__).resolve().parents[1] / "data" / "oefeningen" / "oefening.toml"
NewApp = Callable[..., WegwijzerApp]
Snap = Callable[..., bool]


def marks(lst: CursorList) -> list[str]:
    """The sign before each option: '▶', '▷' or nothing."""
    return [str(option.prompt)[:1].strip() for option in lst.options]


async def test_only_the_list_with_the_focus_shows_a_solid_mark(
    new_app: NewApp, tui_flows: Path
) -> None:
    (tui_flows / "oefeningen").mkdir()
    shutil.copy(EXERCISE, tui_flows / "oefeningen")
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lists = list(app.screen.query(CursorList))
        assert len(lists) >= 2
        focused = [lst for lst in lists if lst.has_focus]
        assert len(focused) == 1
        for lst in lists:
            expected = "▶" if lst.has_focus else "▷"
            assert [mark for mark in marks(lst) if mark] == [expected], lst.id
        await keys(pilot, "tab")
        now = [lst for lst in lists if lst.has_focus]
        assert now and now != focused
        assert [m for m in marks(now[0]) if m] == ["▶"]
        assert [m for m in marks(focused[0]) if m] == ["▷"]


async def test_a_tick_is_written_out(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "enter", "space")
        (lst,) = app.screen.query(CursorList)
        assert "[x]" in str(lst.get_option_at_index(0).prompt)
        assert "[ ]" in str(lst.get_option_at_index(1).prompt)


@pytest.mark.parametrize(("severity", "sign"), [("warning", "⚠"), ("error", "✖")])
async def test_warnings_and_errors_carry_a_sign(new_app: NewApp, severity: Any, sign: str) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        app.notify("iets", severity=severity, markup=False)
        app.notify("iets anders", title="Eigen titel", severity=severity, markup=False)
        app.notify("gewoon", markup=False)
        await pilot.pause()
        titles = [n.title for n in app._notifications]
        assert titles[0].startswith(sign) and titles[1] == f"{sign} Eigen titel"
        assert titles[2] == ""


async def test_no_color_draws_in_grey_only(
    new_app: NewApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()

    # The SVG frame: three window dots and the template's default text colour.
    window = {"ff5f57", "febc2e", "28c840", "c5c8c6"}
    colours = set(re.findall(r"#([0-9a-f]{6})", svg)) - window
    assert colours
    assert [c for c in sorted(colours) if not c[0:2] == c[2:4] == c[4:6]] == []


def pressing(theme: str, *pressed: str) -> Callable[[Pilot[Any]], Any]:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = theme
        await keys(pilot, *pressed)

    return run_before


@pytest.mark.parametrize("theme", [theme.name for theme in THEMES])
def test_high_contrast_step(snap_compare: Snap, new_app: NewApp, theme: str) -> None:
    app = new_app()
    assert snap_compare(app, terminal_size=(80, 24), run_before=pressing(theme, *TO_POLITIE))
