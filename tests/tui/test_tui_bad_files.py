"""Issue 16: one bad file never takes the TUI down; the bad file is named and the rest works."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tuikit import fixed_clock, keys

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records import drafts
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import WegwijzerApp

NewApp = Callable[..., WegwijzerApp]


def _screen_text(app: WegwijzerApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_bad_drafts_are_named_on_the_home_screen_and_the_good_one_opens(
    new_app: NewApp, tui_flows: Path
) -> None:
    """Finding 1 and 8: a draft with a year-1 date made every start exit with an
    OverflowError, and a FIFO in the drafts folder left a blank screen that ignored q."""
    loaded = load_catalog(tui_flows).find("testflow")
    assert loaded is not None
    session = Session(loaded, clock=fixed_clock)
    session.answer(None)
    good = drafts.save_draft(session)
    folder = good.parent
    old = folder / ("a" * 32 + ".toml")
    text = good.read_text("utf-8").replace(session.id, "a" * 32)
    started = next(line for line in text.splitlines() if line.startswith("started = "))
    old.write_text(text.replace(started, "started = 0001-01-01 02:00:00+05:00"), "utf-8")
    os.utime(old, (0, 0))  # last changed long ago: the good draft leads the list
    os.mkfifo(folder / ("b" * 32 + ".toml"))
    app = new_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot)
        shown = _screen_text(app)
        assert app.is_running
        assert "aaaaaaaaaaaa" not in shown or "overgeslagen" in shown
        assert "overgeslagen" in shown
        await keys(pilot, "enter")  # the drafts lead the home screen, and have the focus
        assert app.session is not None and app.session.id == session.id


async def test_the_quit_dialog_never_claims_a_draft_that_was_not_saved(
    new_app: NewApp, tmp_path: Path, monkeypatch: object
) -> None:
    """Finding 3: with the data folder unusable the dialog said "Het blijft bewaard als
    concept" beside the toast "Concept kon niet worden opgeslagen"."""
    data = tmp_path / "data-is-a-file"
    data.write_text("geen map")
    os.environ["WEGWIJZER_DATA"] = str(data)  # restored by the private_dirs fixture
    app = new_app("testflow")
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "enter")
        await app.workers.wait_for_complete()
        await keys(pilot, "ctrl+q")
        shown = _screen_text(app)
        assert "Afsluiten?" in shown
        assert "blijft bewaard als concept" not in shown
        words = " ".join(shown.split())  # the message wraps inside the dialog
        assert "concept kon niet worden opgeslagen" in words, shown
        assert "overzicht op" in shown
