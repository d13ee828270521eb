"""Walking a flow by key presses: answer, go back, reopen from the summary, notes."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from tuikit import (
    TO_BELEID,
    TO_POLITIE,
    TO_SUMMARY,
    app_of,
    choices,
    current_id,
    keys,
    option_text,
    screen_name,
    visible_text,
)

from wegwijzer.core.walk.session import NOTE_LIMIT
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.dialogs.note import NoteArea, NoteDialog
from wegwijzer.tui.screens.summary import TakenList
from wegwijzer.tui.widgets.choices import KEPT, TICKED

NewApp = Callable[..., WegwijzerApp]


async def test_a_whole_flow_walked_by_keys_ends_in_the_summary(new_app: NewApp) -> None:
    async with new_app().run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "HomeScreen"
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"
        assert "Antwoord op vraag 1" in visible_text(pilot)
        await keys(pilot, *TO_SUMMARY[1:])
        session = app_of(pilot).session
        assert session is not None and session.finished
        assert session.path == ["begin", "signalen", "politie", "beleid", "einde"]
        assert session.answers == {"begin": None, "signalen": (0,), "politie": 0, "beleid": "nee"}
        assert screen_name(pilot) == "SummaryScreen"
        text = visible_text(pilot)
        for expected in (
            "Zorg",
            "Beleid",
            "Algemeen",
            "Bespreek de signalen.",
            "antwoord 8, alinea 2",
        ):
            assert expected in text


async def test_digits_only_pick_and_enter_confirms(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter")  # the info step
        await keys(pilot, "1", "2", "2")  # multi: tick 1, tick 2, untick 2
        assert choices(pilot).ticked == {0}
        assert current_id(pilot) == "signalen"
        await keys(pilot, "enter")
        assert current_id(pilot) == "politie"
        await keys(pilot, "2")
        assert choices(pilot).highlighted == 1
        await keys(pilot, "9")  # there is no option 9: nothing happens
        assert current_id(pilot) == "politie"


async def test_an_empty_multi_answer_is_refused_in_dutch(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, "enter", "enter")
        assert current_id(pilot) == "signalen"
        assert any("kies één of meer" in n.message for n in pilot.app._notifications)


async def test_escape_goes_back_and_the_kept_answer_is_preselected(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_BELEID[1:])
        assert current_id(pilot) == "beleid"
        await keys(pilot, "2", "escape")
        session = app_of(pilot).session
        assert session is not None and session.current_id == "politie"
        assert choices(pilot).highlighted == 0
        assert KEPT in option_text(pilot, 0)
        await keys(pilot, "backspace")
        assert session.current_id == "signalen"
        assert choices(pilot).ticked == {0}
        assert TICKED in option_text(pilot, 0)
        await keys(pilot, "enter", "enter")  # the same way again, with the kept answers
        assert session.current_id == "beleid"
        await keys(pilot, "escape", "escape", "escape", "escape")
        assert screen_name(pilot) == "HomeScreen"


async def test_an_answer_changed_from_the_summary_walks_on_with_kept_answers(
    new_app: NewApp,
) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        assert screen_name(pilot) == "SummaryScreen"
        steps = pilot.app.screen.query_one(TakenList)
        assert steps.option_count == 4
        await keys(pilot, "down", "down", "enter")  # step 3: politie
        assert screen_name(pilot) == "StepScreen"
        session = app_of(pilot).session
        assert session is not None and session.current_id == "politie"
        await keys(pilot, "2", "enter")  # "Nee": another outcome
        assert screen_name(pilot) == "SummaryScreen"
        assert session.path[-1] == "einde-politie"
        assert "Een aangifte is niet nodig" in visible_text(pilot)
        # Reopen the first question and keep its answer: straight back to the outcome.
        await keys(pilot, "down", "enter")
        assert session.current_id == "signalen"
        await keys(pilot, "enter")
        assert screen_name(pilot) == "SummaryScreen"
        assert session.path == ["begin", "signalen", "politie", "einde-politie"]


async def test_escape_on_the_summary_goes_back_to_the_last_question(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:], "escape")
        assert screen_name(pilot) == "StepScreen"
        assert current_id(pilot) == "beleid"
        assert choices(pilot).highlighted == 1  # "nee", kept


async def test_a_note_is_kept_and_shown_literally(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE[1:], "n")
        assert isinstance(pilot.app.screen, NoteDialog)
        await pilot.press(*"[b]vet[/b] [@click=app.quit]x[/]")
        await keys(pilot, "ctrl+s")
        session = app_of(pilot).session
        assert session is not None
        assert session.notes == {"politie": "[b]vet[/b] [@click=app.quit]x[/]"}
        assert "Notitie: [b]vet[/b] [@click=app.quit]x[/]" in visible_text(pilot)
        await keys(pilot, "n", "escape")  # cancel keeps the note
        assert session.notes["politie"].startswith("[b]")


async def test_a_paste_into_a_note_is_cleaned_and_capped(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, "n")
        area = pilot.app.screen.query_one(NoteArea)
        area.post_message(events.Paste("a\x1b[31mb\u202ec" + "x" * (NOTE_LIMIT * 2)))
        await pilot.pause()
        assert len(area.text) == NOTE_LIMIT
        assert area.text.startswith("a␛[31mbc")
        area.post_message(events.Paste("meer"))  # the note is full: nothing more goes in
        await pilot.pause()
        assert len(area.text) == NOTE_LIMIT


async def test_a_note_that_looks_like_personal_data_gets_a_warning(new_app: NewApp) -> None:
    async with new_app(flow_id="testflow").run_test(size=(100, 30)) as pilot:
        await keys(pilot, "n")
        await pilot.press(*"bel 0612345678")
        await keys(pilot, "ctrl+s")
        messages = [n.message for n in pilot.app._notifications]
        assert any("telefoonnummer" in message for message in messages)
        assert not any("0612345678" in message for message in messages)


async def test_a_flow_file_outside_the_flows_folder_opens() -> None:
    """`wegwijzer run path/to/flow.toml` hands the loaded flow to the app."""
    from wegwijzer.core.flows.catalog import load_sources
    from wegwijzer.core.flows.check import load_flow
    from wegwijzer.tui.app import make_app

    from helpers import DATA, FLOWS

    sources, _ = load_sources(FLOWS)
    loaded = load_flow(DATA / "valid.toml", sources)
    app = make_app(flow_id="testflow", flow=loaded, drafts=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.session is not None and app.session.flow.id == "testflow"
