"""Issue 14 in the app: exclusive options, home (order, drafts first, no empty draft),
a reopened record left unchanged, local times, dialogs' own keys, the theme kept, the
open dialog keeping its path, and the arrows moving from list to list."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Static
from tuikit import TO_SUMMARY, app_of, choices, keys, screen_name, visible_text

from wegwijzer.core.records.drafts import Stopped, list_drafts
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.home import RESUME, EntryList

NewApp = Callable[..., WegwijzerApp]
ALONE = '{ label = "Iets anders" }'


def footer_keys(app: WegwijzerApp) -> dict[str, str]:
    return {
        binding.key: binding.description
        for (_, binding, enabled, _) in app.active_bindings.values()
        if binding.show and enabled
    }


async def test_an_exclusive_option_clears_the_others_and_the_reverse(tui_flows: Path) -> None:
    text = (tui_flows / "testflow.toml").read_text("utf-8")
    (tui_flows / "testflow.toml").write_text(
        text.replace(ALONE, '{ label = "Iets anders", exclusive = true }'), "utf-8"
    )
    app = make_app("testflow", flows_dir=tui_flows)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter", "1")
        assert choices(pilot).ticked == {0}
        await keys(pilot, "2")
        assert choices(pilot).ticked == {1}  # "Iets anders" alone
        assert "(kiest u alleen)" in str(choices(pilot).get_option_at_index(1).prompt)
        await keys(pilot, "1")
        assert choices(pilot).ticked == {0}
        await keys(pilot, "enter")
        assert app_of(pilot).session.answers["signalen"] == (0,)  # type: ignore[union-attr]


async def test_home_lists_the_case_flow_first_and_the_source_date_at_80_by_24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        flows = app.screen.query_one("#flows", EntryList)
        assert app.screen.focused is flows and flows.highlighted == 0
        assert "Zorgen over een minderjarige" in str(flows.get_option_at_index(0).prompt)
        note = app.screen.query_one(".bron-noot", Static)
        assert "25 mei 2020" in str(note.render())
        assert app.screen.region.contains_region(note.region)  # in view, not scrolled to


async def test_no_draft_before_the_first_answer_then_it_leads_the_home_screen(
    new_app: NewApp,
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"
        await keys(pilot, "escape")  # left without an answer: nothing kept
        await pilot.app.workers.wait_for_complete()
        assert list_drafts().drafts == []
        await keys(pilot, "enter", "enter")  # an answer now
        await pilot.app.workers.wait_for_complete()
        await keys(pilot, "escape", "escape")
        await pilot.app.workers.wait_for_complete()
        await keys(pilot)
        assert screen_name(pilot) == "HomeScreen"
        lists = list(app.screen.query(EntryList))
        assert lists[0].id == "concepten" and app.screen.focused is lists[0]
        shown = visible_text(pilot)
        assert shown.index(RESUME) < shown.index("Stappenplannen")
        entry = str(lists[0].get_option_at_index(0).prompt)
        assert "Testflow" in entry and "bij stap 1" in entry  # went back to the first step
        assert "laatst gewijzigd" in entry


async def test_a_reopened_record_stays_unchanged_until_something_changes(
    new_app: NewApp, tmp_path: Path
) -> None:
    from test_tui_records import export_to

    app = new_app()
    target = tmp_path / "r.toml"
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY)
        await export_to(pilot, target, case_ref="casus 12")
        await pilot.app.workers.wait_for_complete()
    before = target.read_bytes()
    app = new_app(record=target)
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)
        assert screen_name(pilot) == "SummaryScreen"
        meta = str(app.screen.query_one("#meta", Static).render())
        assert "Zaakkenmerk: casus 12" in meta
        assert "Begonnen: 1 mei 2024, 11:30" in meta  # 09:30 UTC in Amsterdam
        assert "Klaar: 1 mei 2024, 11:30" in meta
        assert footer_keys(app).get("h") == "Startscherm"
        await keys(pilot, "escape", "enter")  # back a step and on again: nothing changed
        await pilot.app.workers.wait_for_complete()
        assert not app_of(pilot).unexported
        await keys(pilot, "h")
        assert screen_name(pilot) == "HomeScreen"
        await keys(pilot, "q")
        assert screen_name(pilot) != "ConfirmDialog"  # nothing to lose: no question
    assert list_drafts().drafts == []  # and no new draft
    assert target.read_bytes() == before


def stop_by_signal(app: WegwijzerApp) -> str:
    """What the app's own SIGTERM handler does now (as ``kill`` would): its message."""
    handler = signal.getsignal(signal.SIGTERM)
    assert callable(handler), "the app put no handler in place"
    with pytest.raises(Stopped) as stopped:
        handler(signal.SIGTERM, None)
    return stopped.value.message


async def test_a_signal_leaves_no_draft_of_a_file_saved_or_opened_unchanged(
    new_app: NewApp, tmp_path: Path
) -> None:
    from test_tui_records import export_to

    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    target = tmp_path / "r.toml"
    try:
        app = new_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await keys(pilot, *TO_SUMMARY)
            await export_to(pilot, target)
            await pilot.app.workers.wait_for_complete()
            assert list_drafts().drafts == []  # the file took the draft's place
            await keys(pilot, "escape", "enter")  # back and on: nothing changed
            await pilot.app.workers.wait_for_complete()
            assert stop_by_signal(app) == "Gestopt."
            assert list_drafts().drafts == []
        app = new_app(record=target)
        async with app.run_test(size=(100, 30)) as pilot:
            await keys(pilot)
            assert screen_name(pilot) == "SummaryScreen"
            assert stop_by_signal(app) == "Gestopt."
            assert list_drafts().drafts == []  # opened, read, stopped: still no draft
        app = new_app(record=target)
        async with app.run_test(size=(100, 30)) as pilot:
            await keys(pilot, "escape", "n", *"nieuw", "ctrl+s")  # a note: now it changed
            assert "Gestopt; concept opgeslagen" in stop_by_signal(app)
            assert len(list_drafts().drafts) == 1
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


async def test_dialogs_show_their_own_keys(new_app: NewApp) -> None:
    app = new_app("testflow")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "n")
        assert screen_name(pilot) == "NoteDialog"
        shown = footer_keys(app)
        assert "b" not in shown and "n" not in shown  # not the step's keys
        assert shown.get("escape") == "Annuleren"
        await keys(pilot, "escape")


async def test_the_theme_is_kept_for_the_next_start(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.theme
        app.action_toggle_dark()
        await keys(pilot)
        chosen = app.theme
        assert chosen != first
    path = Path(os.environ["WEGWIJZER_CONFIG"]) / "instellingen.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == chosen


async def test_the_open_dialog_keeps_the_typed_path_after_an_error(
    new_app: NewApp, tmp_path: Path
) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "o")
        missing = str(tmp_path / "bestaat-niet.toml")
        app.screen.query_one(Input).value = missing
        await keys(pilot, "enter")
        await pilot.app.workers.wait_for_complete()
        await keys(pilot)
        assert screen_name(pilot) == "OpenRecordDialog"
        assert app.screen.query_one(Input).value == missing


async def test_the_arrows_move_on_from_one_list_to_the_next(new_app: NewApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        flows = app.screen.query_one("#flows", EntryList)
        for _ in range(flows.option_count - 1):
            await keys(pilot, "down")
        await keys(pilot, "down")
        exercises = app.screen.query_one("#oefeningen", EntryList)
        assert app.screen.focused is exercises and exercises.highlighted == 0
        await keys(pilot, "up")
        assert app.screen.focused is flows and flows.highlighted == flows.option_count - 1


async def test_an_arrow_typed_ahead_at_a_list_recomposed_away_is_ignored(
    new_app: NewApp,
) -> None:
    """Found by the random keys: ↑ reached a drafts list the home screen had just rebuilt."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        old = app.screen.query_one("#flows", EntryList)
        await app.screen.recompose()
        old.highlighted = 0
        old.action_cursor_up()  # no screen any more: nothing happens, nothing crashes
        await keys(pilot)
        assert app.is_running
