"""The drafts on the home screen: listed from their header lines, validated right after.

The first frame lists the drafts from a peek at their header lines (no record model);
the home screen's worker validates them after that frame. A draft whose header reads
but whose body does not validate is listed at first, then corrected; choosing it
before the correction never opens it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_flow_cache import notices, settle
from textual.widgets import OptionList
from tuikit import keys, screen_name, visible_text

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.drafts import drafts_dir, list_drafts, save_draft
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.screens.home import DRAFTS_CHANGED, HomeScreen

NewApp = Callable[..., WegwijzerApp]


def tampered_draft(flows: Path) -> Path:
    """A draft whose header is intact and whose first step is not a valid record step."""
    loaded = load_catalog(flows).find("testflow")
    assert loaded is not None
    session = Session(loaded)
    session.answer(None)
    path = save_draft(session)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('kind = "info"', 'kind = "onbekend"', 1), encoding="utf-8")
    assert list_drafts().drafts == []  # the validated listing skips it
    return path


def home_of(app: WegwijzerApp) -> HomeScreen:
    (home,) = [screen for screen in app.screen_stack if isinstance(screen, HomeScreen)]
    return home


async def test_a_draft_that_does_not_validate_is_corrected_after_the_first_frame(
    new_app: NewApp, tui_flows: Path
) -> None:
    tampered_draft(tui_flows)
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert home_of(app).drafts.drafts == []
        text = visible_text(pilot)
        assert "overgeslagen" in text and "Verder waar u was" not in text


async def test_a_draft_chosen_before_it_is_validated_opens_only_if_valid(
    new_app: NewApp, tui_flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "_check_in_background", lambda self: None)
    tampered_draft(tui_flows)
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home = home_of(app)
        assert len(home.drafts.drafts) == 1  # from the header lines
        assert "Verder waar u was" in visible_text(pilot)
        home.query_one("#concepten", OptionList).focus()
        await keys(pilot, "enter")
        assert screen_name(pilot) == "HomeScreen" and app.session is None
        assert DRAFTS_CHANGED in notices(app)
        assert "Verder waar u was" not in visible_text(pilot)
        assert "overgeslagen" in visible_text(pilot)


async def test_a_valid_draft_chosen_at_once_opens(
    new_app: NewApp, tui_flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(HomeScreen, "_check_in_background", lambda self: None)
    path = tampered_draft(tui_flows)
    path.unlink()
    loaded = load_catalog(tui_flows).find("testflow")
    assert loaded is not None
    session = Session(loaded)
    session.answer(None)
    save_draft(session)
    assert [p.stem for p in drafts_dir().glob("*.toml")] == [session.id]
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        home_of(app).query_one("#concepten", OptionList).focus()
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"
        assert app.session is not None and app.session.id == session.id
        assert DRAFTS_CHANGED not in notices(app)
