"""Privacy before saving: the warning comes before anything is written, with two choices."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from test_tui_records import export_to, messages
from textual.widgets import Button, Input
from tuikit import TO_POLITIE, keys, screen_name, visible_text

from wegwijzer.core.records.reader import read_record
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.dialogs.export import ExportDialog
from wegwijzer.tui.dialogs.note import NoteArea, NoteDialog
from wegwijzer.tui.dialogs.privacy import PrivacyDialog
from wegwijzer.tui.records_bridge import CASE_REF

NewApp = Callable[..., WegwijzerApp]
PHONE = "moeder belde vanaf 06-12345678"


async def _summary_with_a_phone_number(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await keys(pilot, *TO_POLITIE, "n", *PHONE, "ctrl+s", "1", "enter", "2", "enter")
    assert screen_name(pilot) == "SummaryScreen"


async def test_export_with_a_phone_number_stops_at_the_warning_with_two_choices(
    new_app: NewApp, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.toml"
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _summary_with_a_phone_number(pilot)
        await export_to(pilot, target)
        dialog = app.screen
        assert isinstance(dialog, PrivacyDialog)
        assert not target.exists()  # nothing written yet
        labels = [str(button.label) for button in dialog.query(Button)]
        assert labels == ["Aanpassen (a)", "Toch opslaan (t)"]
        text = visible_text(pilot)
        assert "Notitie bij stap 3: mogelijk een telefoonnummer." in text
        assert "06-12345678" not in text
        assert "Aanpassen opent de notitie bij stap 3." in text
        await keys(pilot, "t")
        assert target.exists() and screen_name(pilot) == "SummaryScreen"
        assert any(message.startswith("Overzicht opgeslagen in") for message in messages(app))
    assert read_record(target).steps[2].note == PHONE


async def test_adjust_opens_the_note_concerned_then_saves_without_asking_again(
    new_app: NewApp, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.toml"
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _summary_with_a_phone_number(pilot)
        await export_to(pilot, target)
        await keys(pilot, "a")
        editor = app.screen
        assert isinstance(editor, NoteDialog) and editor.note == PHONE
        editor.query_one(NoteArea).text = "moeder belde; zie dossier"
        await keys(pilot, "ctrl+s")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)  # back where the name was chosen, name kept
        assert dialog.query_one("#pad", Input).value == str(target)
        assert not target.exists()
        await keys(pilot, "enter")
        assert screen_name(pilot) == "SummaryScreen"
        assert "Let op: mogelijk persoonsgegevens" not in visible_text(pilot)
    assert read_record(target).steps[2].note == "moeder belde; zie dossier"


async def test_adjust_goes_to_the_case_reference_when_that_is_concerned(
    new_app: NewApp, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.toml"
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _summary_with_a_phone_number(pilot)
        await export_to(pilot, target, case_ref="0612345678")
        assert "Aanpassen opent het zaakkenmerk." in visible_text(pilot)
        await keys(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert app.focused is dialog.query_one("#kenmerk", Input)
        await keys(pilot, "escape")  # cancelling writes nothing
        assert screen_name(pilot) == "SummaryScreen" and not target.exists()


async def test_escape_at_the_warning_writes_nothing(new_app: NewApp, tmp_path: Path) -> None:
    target = tmp_path / "overzicht.toml"
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await _summary_with_a_phone_number(pilot)
        await export_to(pilot, target)
        await keys(pilot, "escape")
        assert screen_name(pilot) == "SummaryScreen" and not target.exists()
        assert app.unexported


async def test_a_name_ending_in_md_saves_the_printable_overview(
    new_app: NewApp, tmp_path: Path
) -> None:
    target = tmp_path / "overzicht.md"
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        from tuikit import TO_SUMMARY

        await keys(pilot, *TO_SUMMARY[1:])
        await export_to(pilot, target, case_ref="casus-17")
        assert any(m.startswith("Opgeslagen als leesbaar document") for m in messages(app))
        assert not app.unexported
    text = target.read_text("utf-8")
    assert text.startswith("# Overzicht: Testflow\n")
    assert "- Zaakkenmerk: casus-17" in text and "25 mei 2020" in text


def test_the_case_reference_marker_is_the_core_one() -> None:
    from wegwijzer.core.records import export

    assert CASE_REF == export.CASE_REF
