"""Export, drafts and opening a record again, all through the app."""

from __future__ import annotations

import stat
import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input
from tuikit import TO_POLITIE, TO_SUMMARY, keys, screen_name, visible_text

from wegwijzer.core.records.drafts import list_drafts
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.dialogs.export import ExportDialog

NewApp = Callable[..., WegwijzerApp]


def messages(app: WegwijzerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def export_to(pilot: object, target: Path | None, case_ref: str = "") -> None:
    """Press e and fill in the dialog; ``None`` keeps the suggested file name."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await keys(pilot, "e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    if target is not None:
        dialog.query_one("#pad", Input).value = str(target)
    if case_ref:
        dialog.query_one("#kenmerk", Input).value = case_ref
    await keys(pilot, "enter")


async def test_export_writes_the_record_then_it_opens_again(
    new_app: NewApp, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.toml"
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        await app.workers.wait_for_complete()
        assert len(list_drafts().drafts) == 1  # autosaved after every answer
        assert app.unexported
        await export_to(pilot, target, case_ref="casus-17")
        assert screen_name(pilot) == "SummaryScreen"
        assert f"Overzicht opgeslagen in {target}" in messages(app)
        assert not app.unexported
        assert list_drafts().drafts == []  # the draft went with the export
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["flow"] == "testflow" and data["case_ref"] == "casus-17"
    assert [step["id"] for step in data["steps"]] == [
        "begin",
        "signalen",
        "politie",
        "beleid",
        "einde",
    ]

    again = new_app(record=target)
    async with again.run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "SummaryScreen"
        session = again.session
        assert session is not None and session.finished
        assert session.answers["beleid"] == "nee"
        assert session.case_ref == "casus-17"
        assert not again.unexported
        await keys(pilot, "escape")  # back into the walk, answers kept
        assert screen_name(pilot) == "StepScreen"
        assert session.current_id == "beleid"


async def test_the_suggested_file_name_lands_in_the_home_folder(
    new_app: NewApp, private_dirs: Path
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:], "e")
        field = pilot.app.screen.query_one("#pad", Input)
        assert field.value == "~/wegwijzer-testflow-2024-05-01.toml"
        await keys(pilot, "enter")
    assert (private_dirs / "wegwijzer-testflow-2024-05-01.toml").is_file()


async def test_overwriting_asks_first(new_app: NewApp, tmp_path: Path) -> None:
    target = tmp_path / "bestaat.toml"
    target.write_text("oud", encoding="utf-8")
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        await export_to(pilot, target)
        assert isinstance(app.screen, ConfirmDialog)
        await keys(pilot, "n")
        assert target.read_text(encoding="utf-8") == "oud"
        assert app.unexported
        await export_to(pilot, target)
        await keys(pilot, "j")
        assert "\nformat = 1\n" in target.read_text(encoding="utf-8")
        assert not app.unexported


async def test_a_write_failure_is_reported_in_dutch(new_app: NewApp, tmp_path: Path) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        await export_to(pilot, tmp_path / "bestaat-niet" / "x.toml")
        assert any("de map bestaat niet" in message for message in messages(app))
        assert app.unexported


async def test_a_draft_is_resumed_from_the_home_screen(new_app: NewApp) -> None:
    first = new_app(flow_id="testflow")
    async with first.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE[1:])
        await first.workers.wait_for_complete()
    [draft] = list_drafts().drafts
    assert draft.answered == 2

    second = new_app()
    async with second.run_test(size=(100, 30)) as pilot:
        assert "Verder waar u was" in visible_text(pilot)
        await keys(pilot, "enter")  # the drafts lead the home screen, and have the focus
        assert screen_name(pilot) == "StepScreen"
        session = second.session
        assert session is not None
        assert session.id == draft.session_id and session.current_id == "politie"


async def test_a_draft_is_deleted_only_after_confirmation(new_app: NewApp) -> None:
    first = new_app(flow_id="testflow")
    async with first.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE[1:])
        await first.workers.wait_for_complete()
    second = new_app()
    async with second.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "tab", "x")  # only on the drafts list
        assert screen_name(pilot) == "HomeScreen"
        await keys(pilot, "shift+tab", "x", "n")
        assert len(list_drafts().drafts) == 1
        await keys(pilot, "x", "j")
        assert list_drafts().drafts == []
        assert "Verder waar u was" not in visible_text(pilot)


async def test_a_record_of_a_changed_flow_opens_for_review(
    new_app: NewApp, tui_flows: Path, tmp_path: Path
) -> None:
    target = tmp_path / "oud.toml"
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        await export_to(pilot, target)
    flow_file = tui_flows / "testflow.toml"
    flow_file.write_text(
        flow_file.read_text(encoding="utf-8")
        .replace('version = "1"', 'version = "2"')
        .replace('prompt = "Is er contact met de politie?"', 'prompt = "Contact met de politie?"'),
        encoding="utf-8",
    )
    review = new_app()
    async with review.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "o")
        pilot.app.screen.query_one(Input).value = str(target)
        await keys(pilot, "enter")
        assert screen_name(pilot) == "ReviewScreen"
        text = visible_text(pilot)
        assert "Dit overzicht kan niet worden hervat" in text
        assert "het stappenplan is gewijzigd sinds dit overzicht is gemaakt" in text
        assert "Gewijzigd sinds dit overzicht is gemaakt:" in text
        assert "Het stappenplan is nu versie 2; dit overzicht is gemaakt met versie 1." in text
        assert "Stap 3 ('politie'): de vraag is gewijzigd." in text
        assert "Is er contact met de politie?" in text  # the step as it was answered
        assert "Heeft de gemeente de NJi-checklist gebruikt?" in text
        assert review.session is None
        await keys(pilot, "escape")
        assert screen_name(pilot) == "HomeScreen"


async def test_a_broken_record_gives_a_dutch_message(new_app: NewApp, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.toml"
    broken.write_text("format = [", encoding="utf-8")
    app = new_app(record=broken)
    async with app.run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "HomeScreen"
        assert any("de opmaak van het bestand klopt niet" in message for message in messages(app))


async def test_quitting_with_unexported_work_asks_first(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE[1:], "q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "concept" in visible_text(pilot)
        await keys(pilot, "n")
        assert screen_name(pilot) == "StepScreen"
        await keys(pilot, "ctrl+q", "j")
        assert app.return_code == 0
        assert not app.is_running


async def test_quitting_without_work_does_not_ask(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "q")
        assert not app.is_running
