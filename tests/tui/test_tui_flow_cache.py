"""The home screen from the cache of checked flows: the same list, and only checked flows open.

A warm start lists the flows from ``core.flows.cache`` and checks them after the first
frame (a worker thread). Most tests here stop that worker (``no_background_check``) so
that the choice is made while the flows are still unchecked, whatever the machine's speed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from tuikit import FLOWS, ROOT, TEST_FLOW, app_of, fixed_clock, keys, screen_name, visible_text

from wegwijzer.core.flows import cache as flow_cache
from wegwijzer.core.flows.catalog import ListedCatalog, load_catalog, remember
from wegwijzer.core.training.exercise import exercise_folder, load_exercises
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.home import LIST_CHANGED, HomeScreen
from wegwijzer.tui.widgets.cursor_list import CursorList

EXERCISE = ROOT / "tests" / "data" / "oefeningen" / "oefening.toml"


@pytest.fixture
def folder(tui_flows: Path) -> Path:
    """The small test flow and its exercise."""
    (tui_flows / "oefeningen").mkdir()
    shutil.copy(EXERCISE, tui_flows / "oefeningen")
    return tui_flows


@pytest.fixture
def no_background_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(HomeScreen, "_check_in_background", lambda self: None)


def warm_up(folder: Path) -> None:
    """What a first start (or ``wegwijzer check``) leaves in the cache."""
    catalog = load_catalog(folder)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert not catalog.problems and not problems
    remember(catalog, found, problems)


def start(folder: Path) -> WegwijzerApp:
    return make_app(flows_dir=folder, clock=fixed_clock, drafts=False)


def lists(pilot: Pilot[None]) -> dict[str, list[str]]:
    """Every list on the screen as plain text, by id."""
    return {
        str(found.id): [str(found.prompt_for(i)) for i in range(found.option_count)]
        for found in pilot.app.screen.query(CursorList)
    }


def shown(pilot: Pilot[None]) -> tuple[dict[str, list[str]], str]:
    return lists(pilot), visible_text(pilot)


def notices(app: WegwijzerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def settle(pilot: Pilot[None]) -> None:
    """Wait until the home screen's worker has checked the flows and cached the result."""
    (home,) = [screen for screen in pilot.app.screen_stack if isinstance(screen, HomeScreen)]
    for _ in range(400):  # a bound, not a timing: the worker takes well under a second
        if home.settled.is_set():
            break
        await pilot.pause(0.05)
    assert home.settled.is_set(), "the home screen never checked its flows"
    await pilot.pause()


@pytest.mark.parametrize("shipped", [False, True])
async def test_the_list_from_the_cache_is_the_checked_list(
    folder: Path, shipped: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    flows = FLOWS if shipped else folder
    cold = start(flows)
    assert not cold.catalog.pending
    async with cold.run_test(size=(100, 80)) as pilot:
        await settle(pilot)  # after its first frame, the check is cached for the next start
        checked = shown(pilot)
    assert checked[0]["flows"] and checked[0]["oefeningen"]
    monkeypatch.setattr(HomeScreen, "_check_in_background", lambda self: None)
    warm = start(flows)
    assert isinstance(warm.catalog, ListedCatalog) and warm.catalog.pending
    async with warm.run_test(size=(100, 80)) as pilot:
        await pilot.pause()
        assert warm.catalog.pending  # listed from the cache only
        assert shown(pilot) == checked
        screen = pilot.app.screen
        assert isinstance(screen, HomeScreen)
        assert screen.ensure_checked()  # the check agrees with what was listed
        assert not warm.catalog.pending
        await pilot.pause()
        assert shown(pilot) == checked


async def test_the_background_check_loads_the_flows_after_the_first_frame(folder: Path) -> None:
    warm_up(folder)
    app = start(folder)
    assert app.catalog.pending
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert not app.catalog.pending
        screen = app.screen
        assert isinstance(screen, HomeScreen) and screen.checked
        assert [e.item.exercise.id for e in screen.exercises if e.item] == ["testoefening"]


@pytest.mark.usefixtures("no_background_check")
async def test_a_flow_chosen_at_once_is_checked_first_and_opened(folder: Path) -> None:
    warm_up(folder)
    app = start(folder)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.catalog.pending
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"
        session = app_of(pilot).session
        assert session is not None
        assert session.loaded is app.catalog.flows[0]  # the flow just loaded and checked
        assert session.flow.id == "testflow"


@pytest.mark.usefixtures("no_background_check")
async def test_an_exercise_chosen_at_once_is_checked_first_and_opened(folder: Path) -> None:
    warm_up(folder)
    app = start(folder)
    async with app.run_test(size=(100, 40)) as pilot:
        assert app.catalog.pending
        await keys(pilot, "tab", "enter")
        assert screen_name(pilot) == "VignetteScreen"
        assert not app.catalog.pending


@pytest.mark.usefixtures("no_background_check")
async def test_a_cache_that_lists_what_is_not_there_is_corrected(folder: Path) -> None:
    warm_up(folder)
    app = start(folder)
    catalog = app.catalog
    assert isinstance(catalog, ListedCatalog)
    # As if the flow file changed between hashing it and loading it.
    stale = catalog.listed.flows[0]._replace(title="Een oude titel")
    catalog.listed = catalog.listed._replace(flows=(stale,))
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        assert lists(pilot)["flows"][0].startswith("Een oude titel")
        await keys(pilot, "enter")
        assert screen_name(pilot) == "HomeScreen"  # nothing opened from the stale list
        assert LIST_CHANGED in notices(app)
        assert lists(pilot)["flows"][0].startswith("Testflow")
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"


@pytest.mark.usefixtures("no_background_check")
async def test_a_flow_broken_since_it_was_cached_never_opens(folder: Path) -> None:
    warm_up(folder)
    app = start(folder)
    assert app.catalog.pending
    shutil.copy(ROOT / "tests" / "data" / "broken" / "dead_end.toml", folder / "testflow.toml")
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        assert lists(pilot)["flows"]  # still the cached list
        await keys(pilot, "enter")
        assert screen_name(pilot) == "HomeScreen"
        assert app_of(pilot).session is None
        assert "flows" not in lists(pilot)
        text = visible_text(pilot)
        assert "fout(en) in de bestanden" in text and "Geen stappenplannen gevonden" in text


FIRST_FRAME = """
import os, sys
from pathlib import Path
from wegwijzer.tui.app import make_app

HEAVY = ("pydantic", "_hashlib", "tomllib")  # OpenSSL comes with hashlib
app = make_app(flows_dir=Path(sys.argv[1]))
original = app._display

def display(screen, renderable):
    original(screen, renderable)
    if renderable is not None and not app._batch_count and type(screen).__name__ == "HomeScreen":
        listed = bool(screen.query("#flows"))
        heavy = [name for name in HEAVY if name in sys.modules]
        print(f"listed={listed} heavy={heavy}", flush=True)
        os._exit(0)

app._display = display
app.run(headless=True, size=(80, 24))
"""


def first_frame(folder: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "WEGWIJZER_DATA": str(folder.parent / "data")},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_warm_start_draws_its_first_frame_without_pydantic(folder: Path) -> None:
    """Nor OpenSSL, nor (with no drafts to list) the TOML parser: a warm start lists the
    flows from the cache's JSON."""
    cold = "listed=True heavy=['pydantic', '_hashlib', 'tomllib']"  # checked before it
    assert first_frame(folder) == cold
    warm_up(folder)
    assert first_frame(folder) == "listed=True heavy=[]"


async def test_a_start_with_an_extra_flow_is_not_cached(folder: Path, tmp_path: Path) -> None:
    extra = tmp_path / "elders.toml"
    text = TEST_FLOW.read_text(encoding="utf-8")
    extra.write_text(text.replace('id = "testflow"', 'id = "elders"'), encoding="utf-8")
    (loaded,) = load_catalog(folder, [extra]).flows
    app = make_app("elders", flows_dir=folder, flow=loaded, clock=fixed_clock, drafts=False)
    async with app.run_test(size=(100, 40)) as pilot:
        assert session_flow(app) == "elders"
        await pilot.press("escape")  # `run FLOW` starts on the step; the home screen comes after
        await settle(pilot)
        assert [f.flow.id for f in app.catalog.flows] == ["testflow", "elders"]
    assert not flow_cache.cache_file().exists()  # the folder does not hold "elders"


def session_flow(app: WegwijzerApp) -> str:
    assert app.session is not None
    return app.session.flow.id
