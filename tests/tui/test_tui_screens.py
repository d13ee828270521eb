"""The source browser, the summary's warnings, training mode and the palette."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Static
from tuikit import TO_POLITIE, TO_SUMMARY, app_of, keys, screen_name, visible_text

from wegwijzer.core.flows.catalog import Catalog
from wegwijzer.tui import training
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.screens.source import MARK, SourceScreen
from wegwijzer.tui.training import Exercise

NewApp = Callable[..., WegwijzerApp]


async def test_the_source_browser_marks_the_cited_paragraph_and_jumps(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE, "b")  # politie cites 4.1
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        cited = list(screen.query(".-geciteerd"))
        assert len(cited) == 1
        assert str(cited[0].render()).startswith(f"{MARK}alinea 1  Nee, dat klopt niet.")
        document = screen.query_one("#document", VerticalScroll)
        at_four = document.scroll_y
        assert at_four > 0  # opened at the cited answer, not at the top
        await keys(pilot, "0")
        assert document.scroll_y > at_four  # question 10 is further down
        await keys(pilot, "1")
        assert document.scroll_y < at_four
        await keys(pilot, "escape")
        assert screen_name(pilot) == "StepScreen"


async def test_the_summary_warns_about_personal_data_before_export(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE, "n", *"geboren 12-03-2011", "ctrl+s")
        await keys(pilot, "1", "enter", "2", "enter")
        assert screen_name(pilot) == "SummaryScreen"
        text = visible_text(pilot)
        assert "Let op: mogelijk persoonsgegevens" in text
        assert "geboortedatum" in text
        assert "12-03-2011" not in text.split("Let op")[1]  # the warning never repeats it
        await keys(pilot, "e", "enter")
        assert "geboortedatum" in visible_text(pilot)  # and again before anything is written


async def test_on_a_small_screen_the_citations_yield_to_the_step_text(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert not screen.query_one("#bronnen").display  # a strip names them instead
        assert screen.query_one("#vraag").display
        strip = str(screen.query_one("#bronstrook", Static).render())
        assert "antwoord 1" in strip and "(c: lezen)" in strip
        await keys(pilot, "c")  # the quotes in the text's place, the options still there
        assert screen.query_one("#bronnen").display
        assert not screen.query_one("#vraag").display
        assert "c: terug naar de tekst" in str(screen.query_one("#bronstrook", Static).render())
        assert "Antwoord op vraag 1" in visible_text(pilot)
        await keys(pilot, "enter")  # the next step opens on its own text
        assert screen.query_one("#vraag").display
        assert not screen.query_one("#bronnen").display


async def test_on_a_wide_screen_the_citations_stand_beside_and_can_be_hidden(
    new_app: NewApp,
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert screen.query_one("#bronnen").display
        assert not screen.query_one("#bronstrook").display
        await keys(pilot, "c")
        assert not screen.query_one("#bronnen").display
        await keys(pilot, "enter")  # stays hidden on the next step
        assert not screen.query_one("#bronnen").display


async def test_training_mode_is_marked_on_every_screen(
    new_app: NewApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exercises(catalog: Catalog) -> list[Exercise]:
        return [Exercise("Oefencasus", "Een oefening voor de test.", catalog.flows[0])]

    monkeypatch.setattr(training, "find_exercises", exercises)
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert "Oefeningen" in visible_text(pilot)
        await keys(pilot, "tab", "enter")
        session = app_of(pilot).session
        assert session is not None and session.mode == "oefening"
        assert "OEFENING" in visible_text(pilot)
        await keys(pilot, *TO_SUMMARY[1:])
        assert screen_name(pilot) == "SummaryScreen"
        assert "OEFENING" in visible_text(pilot)


async def test_no_exercises_no_section(new_app: NewApp) -> None:
    async with new_app().run_test(size=(100, 30)) as pilot:
        assert "Oefeningen" not in visible_text(pilot)


async def test_the_palette_offers_export_only_with_a_session(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [command.title.plain for command in app.palette_commands()]
        assert "Overzicht opslaan" not in titles
        assert "Stappenplan openen: Testflow" in titles
        await keys(pilot, "ctrl+p", *"Bron bek", "enter")
        assert screen_name(pilot) == "SourceScreen"
        await keys(pilot, "escape", "enter")
        assert "Overzicht opslaan" in [command.title.plain for command in app.palette_commands()]
