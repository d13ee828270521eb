"""What comes from files or keyboards is shown as text, never run; small windows never crash."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from textual.command import CommandList
from textual.widgets import OptionList, TextArea
from textual.widgets._header import HeaderIcon
from tuikit import HERE, fixed_clock, keys, screen_name, visible_text

from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.help import HelpScreen, join_keys, key_name
from wegwijzer.tui.widgets.choices import ChoiceList
from wegwijzer.tui.widgets.reading import KEYS
from wegwijzer.tui.widgets.too_small import TooSmall

NewApp = Callable[..., WegwijzerApp]


def option_texts(app: WegwijzerApp) -> str:
    return "\n".join(
        str(option.prompt) for widget in app.screen.query(OptionList) for option in widget.options
    )


async def test_markup_in_a_flow_file_is_shown_as_text(tui_flows: Path) -> None:
    shutil.copy(HERE / "data" / "markup.toml", tui_flows / "opmaak.toml")
    app = make_app(flows_dir=tui_flows, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        home = option_texts(app)
        assert "[@click=app.quit]Klik hier[/]" in home
        assert "[b]Vet?[/b] [link=https://example.org]link[/link]" in home
        await keys(pilot, "enter")  # opmaak.toml sorts before testflow.toml
        assert screen_name(pilot) == "StepScreen"
        text = visible_text(pilot)
        assert "[red]Rood?[/red] [@click=app.screenshot]foto[/]" in text
        assert "\x1b" not in text and "␛[31m" in text  # the escape made visible
        assert "\u202e" not in text
        assert "[@click=app.quit]Ja[/]" in option_texts(app)
        await keys(pilot, "enter")
        assert screen_name(pilot) == "SummaryScreen"
        assert "[@click=app.bell]Actie[/]" in visible_text(pilot)
        assert "[i]Klaar[/i]" in visible_text(pilot)
        assert app.is_running


async def test_palette_titles_from_files_stay_text(tui_flows: Path) -> None:
    shutil.copy(HERE / "data" / "markup.toml", tui_flows / "opmaak.toml")
    app = make_app(flows_dir=tui_flows, clock=fixed_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        titles = [command.title.plain for command in app.palette_commands()]
        assert "Stappenplan openen: [@click=app.quit]Klik hier[/]" in titles
        await keys(pilot, "ctrl+p", *"Klik", "enter")
        assert app.is_running
        assert screen_name(pilot) == "StepScreen"


async def test_no_screenshot_command_and_no_text_selection(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)):
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert names == ["Thema kiezen", "Animaties uitzetten", "Afsluiten"]
        assert app.ALLOW_SELECT is False


async def test_a_small_window_shows_a_message_and_never_crashes(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "enter")
        for size in [(59, 24), (80, 15), (20, 5), (4, 2), (1, 1), (3, 30)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen.query_one(TooSmall).display
        await keys(pilot, "n")  # hidden: no key acts, no dialog opens (test_tui_hidden_keys)
        await pilot.resize_terminal(2, 2)
        await pilot.pause()
        await keys(pilot, "escape")  # nor does it go back
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one(TooSmall).display
        assert "Welke signalen ziet u?" in visible_text(pilot)


async def test_the_focus_comes_back_when_a_too_small_window_grows(new_app: NewApp) -> None:
    """Started too small, every widget is hidden and nothing has the focus; once the
    window is large enough the screen's list has it again and keys work on it."""
    app = new_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TooSmall).display and app.focused is None
        await pilot.resize_terminal(100, 30)
        await keys(pilot)
        assert app.focused is not None and app.focused.id == "flows"
        await keys(pilot, "enter")  # the focused flow list opens the flow
        assert screen_name(pilot) == "StepScreen"
        await pilot.resize_terminal(30, 8)
        await keys(pilot)
        assert app.focused is None
        await pilot.resize_terminal(100, 30)
        await keys(pilot)
        assert isinstance(app.focused, ChoiceList)
        await keys(pilot, "enter")
        assert "Welke signalen ziet u?" in visible_text(pilot)


async def test_a_step_started_too_small_gives_no_hidden_widget_the_focus(
    new_app: NewApp,
) -> None:
    """``run FLOW`` in a window too small: the step is hidden behind the message and its
    choices do not have the focus (its screen is made at its size, and Textual's auto
    focus had focused the hidden choices); once the window is large enough they have it."""
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(40, 10)) as pilot:
        await keys(pilot)
        assert screen_name(pilot) == "StepScreen"
        assert app.screen.query_one(TooSmall).display and app.focused is None
        await pilot.resize_terminal(100, 30)
        await keys(pilot)
        assert isinstance(app.focused, ChoiceList)


async def test_the_palette_and_the_header_icon_speak_dutch(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.screen.query_one(HeaderIcon).tooltip == "Opdrachten openen (Ctrl+P)"
        await keys(pilot, "ctrl+p", *"xyzzy")
        await pilot.pause(0.8)  # the palette waits half a second before it says so
        shown = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert shown == ["Geen opdracht gevonden"]


async def test_help_lists_the_keys_from_the_bindings(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = visible_text(pilot)
        for expected in ("1–9", "Kies of vink optie 1–9", "Esc / Backspace", "Notitie", "Ctrl+P"):
            assert expected in text
        await keys(pilot, "f1")
        assert screen_name(pilot) == "StepScreen"
        await keys(pilot, "question_mark")  # "?", as most terminal programs have it
        assert isinstance(app.screen, HelpScreen) and "F1 / ?" in visible_text(pilot)
        await keys(pilot, "question_mark")
        assert screen_name(pilot) == "StepScreen"
        await keys(pilot, "n", "question_mark")  # in a note it is a question mark
        assert screen_name(pilot) == "NoteDialog"
        assert app.screen.query_one(TextArea).text == "?"


def test_key_names_for_the_help() -> None:
    assert join_keys([str(n) for n in range(1, 10)]) == "1–9"
    assert join_keys([*(str(n) for n in range(1, 10)), "0"]) == "1–9 / 0"
    assert join_keys(["escape", "backspace"]) == "Esc / Backspace"
    assert key_name("ctrl+q") == "Ctrl+Q" and key_name("f1") == "F1" and key_name("n") == "n"
    # The reading keys as the "meer" mark names them, never Textual's own names.
    assert {key_name(key) for key in KEYS.values()} == set(KEYS)


async def test_the_theme_toggles_between_light_and_dark(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.current_theme.dark
        app.action_toggle_dark()
        await pilot.pause()
        assert not app.current_theme.dark


async def test_an_unknown_flow_id_is_reported(new_app: NewApp) -> None:
    app = new_app(flow_id="bestaat-niet")
    async with app.run_test(size=(100, 30)) as pilot:
        assert screen_name(pilot) == "HomeScreen"
        assert any("niet gevonden" in n.message for n in app._notifications)
