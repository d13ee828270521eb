"""Training in the TUI: exercises on home, the vignette, feedback, the debrief, export.

The test exercise (tests/data/oefeningen/oefening.toml) runs over the small test flow:
info (begin), multi (signalen, 2 points), choice (politie, 2), check (beleid, 1).
"""

from __future__ import annotations

import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from tuikit import ROOT, app_of, current_id, fixed_clock, keys, screen_name, visible_text

from wegwijzer.core.records.drafts import list_drafts
from wegwijzer.core.records.reader import read_record
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.dialogs.export import ExportDialog
from wegwijzer.tui.screens.debrief import DebriefScreen
from wegwijzer.tui.screens.training_step import TrainingStepScreen
from wegwijzer.tui.screens.vignette import ModeList
from wegwijzer.tui.widgets.cursor_list import CursorList
from wegwijzer.tui.widgets.feedback import FeedbackDialog

EXERCISE = ROOT / "tests" / "data" / "oefeningen" / "oefening.toml"
BROKEN = ROOT / "tests" / "data" / "oefeningen" / "broken"


def decide(option: str) -> tuple[str, ...]:
    """Direct mode: pick, confirm, and close the feedback that follows with Enter."""
    return (option, "enter", "enter")


# From the vignette (Enter starts with the highlighted moment, "direct") to the debrief.
EXPECTED_DIRECT = ("enter", "enter", *decide("1"), *decide("1"), *decide("2"))
WRONG_DIRECT = ("enter", "enter", *decide("2"), *decide("1"), *decide("1"))
# Achteraf ("2" on the vignette): no dialogs; "Nee" at politie skips beleid (niet bereikt).
OFF_ROUTE_LATER = ("2", "enter", "enter", "1", "enter", "2", "enter")

NewTraining = Callable[..., WegwijzerApp]


@pytest.fixture
def training_flows(tui_flows: Path) -> Path:
    (tui_flows / "oefeningen").mkdir()
    shutil.copy(EXERCISE, tui_flows / "oefeningen" / "testoefening.toml")
    return tui_flows


@pytest.fixture
def new_training(training_flows: Path) -> NewTraining:
    def build(
        exercise_id: str | None = "testoefening", feedback: str | None = None
    ) -> WegwijzerApp:
        return make_app(
            flows_dir=training_flows, clock=fixed_clock, exercise_id=exercise_id, feedback=feedback
        )

    return build


def messages(app: WegwijzerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def debrief_of(pilot: Pilot[None]) -> DebriefScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DebriefScreen)
    return screen


# --- home -----------------------------------------------------------------------------


async def test_home_lists_the_exercises_with_flow_and_decisions(new_training: NewTraining) -> None:
    async with new_training(exercise_id=None).run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "HomeScreen"
        listed = pilot.app.screen.query_one("#oefeningen", CursorList)
        prompt = listed.prompt_for(0).plain
        assert "OEFENING Testoefening" in prompt
        assert "Stappenplan: Testflow · 3 keuzes tellen mee · 5 punten" in prompt
        listed.focus()
        await keys(pilot, "enter")
        assert screen_name(pilot) == "VignetteScreen"
        await keys(pilot, "escape")
        assert screen_name(pilot) == "HomeScreen"


async def test_broken_exercise_files_give_a_dutch_note_not_a_crash(
    new_training: NewTraining, training_flows: Path
) -> None:
    folder = training_flows / "oefeningen"
    shutil.copy(BROKEN / "unknown_option.toml", folder)
    (folder / "kapot.toml").write_bytes(b"\xff\xfe[[[ geen toml")
    async with new_training(exercise_id=None).run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "HomeScreen"
        text = visible_text(pilot)
        assert "2 fout(en) in de oefenbestanden; deze oefeningen ontbreken." in text
        assert "kapot.toml" in text and "Controleer ze met: wegwijzer check" in text
        listed = pilot.app.screen.query_one("#oefeningen", CursorList)
        assert listed.option_count == 1  # the valid one is still offered


async def test_only_broken_exercises_still_show_the_note(
    new_training: NewTraining, training_flows: Path
) -> None:
    (training_flows / "oefeningen" / "testoefening.toml").unlink()
    shutil.copy(BROKEN / "unknown_flow.toml", training_flows / "oefeningen")
    async with new_training(exercise_id=None).run_test(size=(100, 30)) as pilot:
        text = visible_text(pilot)
        assert "Oefeningen" in text and "1 fout(en) in de oefenbestanden" in text
        assert not pilot.app.screen.query("#oefeningen")


# --- the vignette -------------------------------------------------------------------------


async def test_the_vignette_shows_the_case_as_fictional_with_its_goals(
    new_training: NewTraining,
) -> None:
    async with new_training().run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "VignetteScreen"
        text = visible_text(pilot)
        for expected in (
            "OEFENING",
            "Testoefening",
            "Leerdoelen",
            "U weet dat een aangifte niet nodig is om de politie te laten beginnen.",
            "Fictieve casus (verzonnen voor deze oefening",
            "Een meisje van 15 krijgt van een oudere jongen veel cadeaus en aandacht.",
            "3 keuzes tellen mee, samen 5 punten",
            "terug gaan kan niet",
            "Wanneer wilt u feedback?",
        ):
            assert expected in text, expected
        modes = pilot.app.screen.query_one(ModeList)
        assert "Direct na elke keuze" in modes.prompt_for(0).plain
        assert "Achteraf, in de nabespreking" in modes.prompt_for(1).plain
        assert modes.highlighted == 0


async def test_feedback_option_preselects_the_moment(new_training: NewTraining) -> None:
    async with new_training(feedback="achteraf").run_test(size=(100, 30)) as pilot:
        assert pilot.app.screen.query_one(ModeList).highlighted == 1
        await keys(pilot, "enter")
        run = app_of(pilot).training
        assert run is not None and run.feedback_mode == "achteraf"
        assert isinstance(pilot.app.screen, TrainingStepScreen)
        assert "OEFENING" in visible_text(pilot)


async def test_an_unknown_exercise_stays_on_home_with_a_dutch_message(
    new_training: NewTraining,
) -> None:
    async with new_training(exercise_id="bestaat-niet").run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert screen_name(pilot) == "HomeScreen"
        assert "Oefening 'bestaat-niet' niet gevonden (beschikbaar: testoefening)." in messages(
            app_of(pilot)
        )


# --- the walk -------------------------------------------------------------------------------


async def test_expected_answers_earn_full_score(new_training: NewTraining) -> None:
    app = new_training()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "enter", "1", "enter")
        assert isinstance(pilot.app.screen, FeedbackDialog)
        text = visible_text(pilot)
        assert "✔ Goed · 2 van 2 punten" in text
        assert "Uw keuze: Veel cadeaus en aandacht" in text
        assert "Antwoord op vraag 2" in text
        await keys(pilot, *EXPECTED_DIRECT[4:])
        assert screen_name(pilot) == "DebriefScreen"
        text = visible_text(pilot)
        assert "OEFENING" in text and "Nabespreking: Testoefening" in text
        assert "Score: 5 van 5 punten (100 %)" in text
        assert "Alle keuzes waren zoals verwacht." in text
        assert "Afwijkingen" not in text
        assert app.training is not None and app.training.debrief().percentage == 100.0


async def test_wrong_answers_get_feedback_with_citations_and_a_lower_score(
    new_training: NewTraining,
) -> None:
    app = new_training()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "enter", "2", "enter")
        assert isinstance(pilot.app.screen, FeedbackDialog)
        text = visible_text(pilot)
        assert "✘ Niet goed · 0 van 2 punten" in text
        assert "Uw keuze: Iets anders" in text and "Verwacht: Veel cadeaus en aandacht" in text
        assert "De casus noemt veel cadeaus en aandacht; dat is een herkenbaar kenmerk." in text
        assert "Antwoord op vraag 2" in text
        assert "cadeaus en aandacht geeft is een herkenbaar en terugkerend kenmerk" in text
        await keys(pilot, "escape")  # Esc closes the feedback too
        assert isinstance(pilot.app.screen, TrainingStepScreen)
        assert current_id(pilot) == "politie"
        await keys(pilot, *WRONG_DIRECT[5:])
        assert screen_name(pilot) == "DebriefScreen"
        text = visible_text(pilot)
        assert "Score: 2 van 5 punten (40 %)" in text
        assert "Afwijkingen, met het antwoord waarop de verwachte keuze rust" in text
        for expected in (
            "Welke signalen ziet u?",
            "Uw keuze: Iets anders",
            "Verwacht: Veel cadeaus en aandacht",
            "Heeft de gemeente de NJi-checklist gebruikt?",
            "Uw keuze: ja",
            "Verwacht: nee",
            "Antwoord op vraag 2",
            "Antwoord op vraag 8",
            "✔ Goed",
            "✘ Niet goed",
        ):
            assert expected in text, expected
        assert [item.step_id for item in debrief_of(pilot).debrief.deviations] == [
            "signalen",
            "beleid",
        ]


async def test_achteraf_shows_no_feedback_until_the_debrief(new_training: NewTraining) -> None:
    app = new_training()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *OFF_ROUTE_LATER[:5])
        assert isinstance(pilot.app.screen, TrainingStepScreen)  # no dialog after signalen
        await keys(pilot, *OFF_ROUTE_LATER[5:])
        assert screen_name(pilot) == "DebriefScreen"
        text = visible_text(pilot)
        assert "Feedback: achteraf, in de nabespreking" in text
        assert "Score: 2 van 5 punten (40 %)" in text
        assert "– Niet bereikt" in text
        assert "Deze vraag kwam u niet tegen" in text
        assert "Uitkomst van het stappenplan" in text and "Neem contact op met de politie" in text


async def test_going_back_is_refused_every_choice_counts(new_training: NewTraining) -> None:
    app = new_training(feedback="achteraf")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "escape")  # nothing chosen yet: Esc leaves at once
        assert screen_name(pilot) == "HomeScreen"
        app.open_exercise("testoefening", "achteraf")
        await keys(pilot, "enter", "enter", "1", "enter")
        assert current_id(pilot) == "politie"
        answers = dict(app.training.session.answers) if app.training else {}
        await keys(pilot, "escape")
        dialog = pilot.app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "elke keuze telt" in visible_text(pilot)
        await keys(pilot, "n")  # go on: nothing changed
        assert current_id(pilot) == "politie"
        assert app.training is not None and app.training.session.answers == answers
        assert "In een oefening kunt u niet terug: elke keuze telt." in messages(app)
        await keys(pilot, "backspace", "j")  # stop the exercise
        assert screen_name(pilot) == "HomeScreen"


async def test_a_training_writes_no_drafts_and_quitting_warns_it_is_lost(
    new_training: NewTraining,
) -> None:
    app = new_training(feedback="achteraf")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "enter", "1", "enter")
        await app.workers.wait_for_complete()
        assert list_drafts().drafts == []
        assert app.unexported
        app.action_export()  # as plain mode: an unfinished exercise has no score to export
        await pilot.pause()
        assert "Een oefening slaat u aan het eind op, in de nabespreking." in messages(app)
        await keys(pilot, "q")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        assert "Het gaat verloren." in visible_text(pilot)
        await keys(pilot, "n")


# --- export ---------------------------------------------------------------------------------


async def test_the_result_is_exported_with_its_score_and_reads_back(
    new_training: NewTraining, tmp_path: Path
) -> None:
    target = tmp_path / "resultaat.toml"
    app = new_training()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *WRONG_DIRECT)
        assert screen_name(pilot) == "DebriefScreen"
        await keys(pilot, "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        suggested = dialog.query_one("#pad", Input).value
        assert suggested == "~/wegwijzer-oefening-testoefening-2024-05-01.toml"
        dialog.query_one("#pad", Input).value = str(target)
        await keys(pilot, "enter")
        await app.workers.wait_for_complete()
        assert f"Overzicht opgeslagen in {target}" in messages(app)
        assert screen_name(pilot) == "DebriefScreen"
        assert not app.unexported
        await keys(pilot, "h")
        assert screen_name(pilot) == "HomeScreen"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    record = read_record(target)
    assert record.mode == "oefening"
    assert record.score is not None
    assert record.score["exercise"] == "testoefening"
    assert record.score["points"] == 2.0 and record.score["max"] == 5
    assert record.score["percentage"] == 40.0
    assert record.score["decisions"] == ["signalen", "politie", "beleid"]
    assert record.score["verdicts"] == ["fout", "goed", "fout"]
    assert record.score["feedback"] == "direct"
    assert "[score]" in target.read_text(encoding="utf-8")


async def test_escape_on_the_debrief_goes_home(new_training: NewTraining) -> None:
    async with new_training().run_test(size=(100, 30)) as pilot:
        await keys(pilot, *EXPECTED_DIRECT)
        assert screen_name(pilot) == "DebriefScreen"
        await keys(pilot, "b")
        assert screen_name(pilot) == "SourceScreen"
        await keys(pilot, "escape", "escape")
        assert screen_name(pilot) == "HomeScreen"


# --- safety and the command -------------------------------------------------------------------

HOSTILE = """
schema = 1
id = "opmaak"
title = "[bold red]Vet[/] [@click=app.quit]klik[/]"
flow = "testflow"
fictional = true
goals = ["[@click=app.quit]Doel[/]"]
vignette = "Casus met [link=x]opmaak[/link] en \\u001b]0;titel\\u0007 escape."

[decisions.politie]
expect = ["Ja"]
why = "[b]Waarom[/b]"
cites = ["4.1"]
feedback = [{ options = ["Nee"], text = "[@click=app.quit]Feedback[/]", cites = ["4.1"] }]
"""


async def test_exercise_text_is_never_markup(
    new_training: NewTraining, training_flows: Path
) -> None:
    (training_flows / "oefeningen" / "opmaak.toml").write_text(HOSTILE, encoding="utf-8")
    app = new_training(exercise_id="opmaak")
    async with app.run_test(size=(100, 30)) as pilot:
        text = visible_text(pilot)
        assert "[bold red]Vet[/] [@click=app.quit]klik[/]" in text
        assert "[@click=app.quit]Doel[/]" in text
        assert "[link=x]opmaak[/link]" in text and "\x1b" not in text
        await keys(pilot, "enter", "enter", "1", "enter", "2", "enter")
        assert isinstance(pilot.app.screen, FeedbackDialog)
        text = visible_text(pilot)
        assert "[@click=app.quit]Feedback[/]" in text and "[b]Waarom[/b]" in text
        assert app.is_running


def test_train_without_plain_opens_the_tui_at_the_exercise(
    training_flows: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wegwijzer.cli import main
    from wegwijzer.tui import app as tui_app

    started: list[dict[str, object]] = []

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            started.append({"ran": True})

    def fake_make_app(**kwargs: object) -> FakeApp:
        started.append(kwargs)
        return FakeApp()

    monkeypatch.setenv("WEGWIJZER_FLOWS", str(training_flows))
    monkeypatch.setattr(tui_app, "make_app", fake_make_app)
    # No terminal under pytest: the command would refuse (issue 16); the fake needs none.
    monkeypatch.setattr("wegwijzer.commands.train.refuse_without_terminal", lambda: None)
    assert main(["train", "testoefening", "--feedback", "achteraf"]) == 0
    assert started == [{"exercise_id": "testoefening", "feedback": "achteraf"}, {"ran": True}]
    assert main(["train", "testoefening", "--export", "x.toml"]) == 2


async def test_a_tiny_terminal_shows_the_message_then_the_vignette(
    new_training: NewTraining,
) -> None:
    async with new_training().run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert screen_name(pilot) == "VignetteScreen"
        assert pilot.app.screen.query_one("#te-klein").display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not pilot.app.screen.query_one("#te-klein").display
        await keys(pilot, "2", "enter", "enter", "1", "enter", "1", "enter")
        await pilot.resize_terminal(50, 14)
        await keys(pilot, "2", "enter")  # no key acts while only the message shows
        assert screen_name(pilot) == "TrainingStepScreen"
        await pilot.resize_terminal(100, 30)
        await keys(pilot, "2", "enter")
        assert screen_name(pilot) == "DebriefScreen"
        await pilot.resize_terminal(50, 14)
        await keys(pilot)
        assert pilot.app.screen.query_one("#te-klein").display
