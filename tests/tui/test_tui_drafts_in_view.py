"""Many drafts: the first frame lists those that can be in view, the rest right after.

With more drafts than fit, the home screen's first frame peeks at only as many as can
be in view (``draft_peek.peek_newest``) and lists the rest right after it
(``HomeScreen.list_all_drafts``). What the list draws does not change when the rest
comes, at any size; and then it lists what ``peek_drafts`` lists, in its order.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from test_tui_flow_cache import notices, settle
from textual.pilot import Pilot
from textual.widgets import OptionList
from tuikit import keys

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.draft_peek import peek_drafts
from wegwijzer.core.records.drafts import drafts_dir, save_draft
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.screens.home import DRAFTS_CHANGED, HomeScreen

NewApp = Callable[..., WegwijzerApp]
SIZES = [(60, 16), (80, 24), (120, 40), (200, 60)]


def make_drafts(flows: Path, count: int, same_time: int = 0) -> None:
    """``count`` drafts, some with long case references (two lines at a narrow width);
    the first ``same_time`` written at one and the same time (sorted by session id)."""
    loaded = load_catalog(flows).find("testflow")
    assert loaded is not None
    for index in range(count):
        reference = f"casus {index} " + "met een lange omschrijving " * (index % 3)
        session = Session(loaded, case_ref=reference.strip())
        if index % 2:
            session.answer(None)
        path = save_draft(session)
        if index < same_time:
            os.utime(path, (1_700_000_000, 1_700_000_000))


def drawn(pilot_app: WegwijzerApp) -> list[str]:
    """The lines the drafts list draws, as text."""
    drafts = pilot_app.screen.query_one("#concepten", OptionList)
    return [drafts.render_line(y).text for y in range(drafts.content_size.height)]


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> None:
    """The home screen stays as at its first frame: nothing is listed after it."""
    monkeypatch.setattr(HomeScreen, "_check_in_background", lambda self: None)


async def home_at_first_frame(pilot: Pilot[None]) -> HomeScreen:
    await pilot.pause()
    home = pilot.app.screen
    assert isinstance(home, HomeScreen)
    return home


@pytest.mark.parametrize("size", SIZES)
async def test_the_rows_in_view_do_not_change_when_the_rest_is_listed(
    new_app: NewApp, tui_flows: Path, held: None, size: tuple[int, int]
) -> None:
    make_drafts(tui_flows, 40, same_time=6)
    app = new_app()
    async with app.run_test(size=size) as pilot:
        home = await home_at_first_frame(pilot)
        first = len(home.drafts.drafts)
        assert first < 40  # only what can be in view
        drafts = home.query_one("#concepten", OptionList)
        before = drawn(app)
        assert len(before) < 3 * first - 1  # fewer lines in view than listed
        home.list_all_drafts()
        await pilot.pause()
        assert drawn(app) == before
        assert home.drafts == peek_drafts()
        assert drafts.option_count == 40
        assert drafts.highlighted == 0 and drafts.has_focus
        # The same list as one made with every draft at once: texts (after the cursor
        # mark: the focus is not on the list made anew), rules, height.
        listed = [drafts.get_option_at_index(i).prompt.plain[2:] for i in range(40)]
        height = drafts.virtual_size.height
        await home.recompose()
        await pilot.pause()
        made = home.query_one("#concepten", OptionList)
        assert [made.get_option_at_index(i).prompt.plain[2:] for i in range(40)] == listed
        assert made.virtual_size.height == height


async def test_a_key_past_the_last_draft_listed_goes_on_in_the_drafts(
    new_app: NewApp, tui_flows: Path, held: None
) -> None:
    make_drafts(tui_flows, 30)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_at_first_frame(pilot)
        first = len(home.drafts.drafts)
        drafts = home.query_one("#concepten", OptionList)
        await keys(pilot, *["down"] * first)
        assert drafts.has_focus and drafts.highlighted == first
        await keys(pilot, "end")
        assert drafts.highlighted == 29


async def test_after_settling_the_list_is_the_validated_one(
    new_app: NewApp, tui_flows: Path
) -> None:
    make_drafts(tui_flows, 30)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        drafts = home.query_one("#concepten", OptionList)
        assert drafts.option_count == len(home.drafts.drafts) == 30
        assert home.drafts == peek_drafts()


@pytest.mark.parametrize("key", ["enter", "x"])
async def test_a_choice_from_a_list_the_files_changed_under_is_not_acted_on(
    new_app: NewApp, tui_flows: Path, held: None, key: str
) -> None:
    """A draft among those shown goes before the rest is listed: the index chosen may
    name another draft now, so nothing is opened or deleted, and the list is redone."""
    make_drafts(tui_flows, 30)
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        home = await home_at_first_frame(pilot)
        assert len(home.drafts.drafts) < 30
        home.drafts.drafts[0].path.unlink()  # the newest, shown first
        drafts = home.query_one("#concepten", OptionList)
        drafts.highlighted = 2
        await keys(pilot, key)
        assert app.screen is home and app.session is None  # nothing opened, no dialog
        assert DRAFTS_CHANGED in notices(app)
        assert len(list(drafts_dir().glob("*.toml"))) == 29  # nothing deleted
        assert home.query_one("#concepten", OptionList).option_count == 29
