"""Animations off by a setting (issue 20): chosen in the command palette, in force at
once, kept in the settings file and in force from the first frame of the next start."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from textual.widgets import TextArea
from tuikit import keys, screen_name

from wegwijzer.core.base.settings import Settings, load_settings, save_settings, save_theme
from wegwijzer.tui.app import WegwijzerApp

NewApp = Callable[..., WegwijzerApp]


def settings_file() -> Path:
    return Path(os.environ["WEGWIJZER_CONFIG"]) / "instellingen.toml"


def notices(app: WegwijzerApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def test_animations_off_in_the_palette_survives_a_restart(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.animation_level != "none"  # Textual's default until the user chooses
        await keys(pilot, "ctrl+p", *"animaties", "enter")
        assert app.animation_level == "none"
        assert any("Animaties staan uit" in text for text in notices(app))
    assert load_settings().animations is False
    assert settings_file().stat().st_mode & 0o777 == 0o600
    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.animation_level == "none"  # from the first frame of the next start
        names = [command.title for command in app.get_system_commands(app.screen)]
        assert "Animaties aanzetten" in names and "Animaties uitzetten" not in names
        await keys(pilot, "ctrl+p", *"animaties", "enter")
        assert app.animation_level != "none"
    assert load_settings().animations is True


async def test_with_animations_off_no_text_cursor_blinks(new_app: NewApp) -> None:
    save_settings(Settings(animations=False))
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, "n")
        assert screen_name(pilot) == "NoteDialog"
        note = app.screen.query_one(TextArea)
        assert app.focused is note and note.cursor_blink is False
        app.action_toggle_animations()  # on again: the cursor blinks again at once
        assert note.cursor_blink is True


async def test_the_theme_and_the_animations_are_kept_together(new_app: NewApp) -> None:
    save_settings(Settings(animations=False))
    assert save_theme("textual-light")
    assert load_settings() == Settings(theme="textual-light", animations=False)
    app = new_app()
    async with app.run_test(size=(80, 24)):
        assert app.theme == "textual-light" and app.animation_level == "none"


def test_an_odd_settings_file_means_the_defaults(tmp_path: Path) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    for text in ("animations = nee\n", "animations = 0\n", "", "animations = false trailing\n"):
        path.write_text(text, encoding="utf-8")
        assert load_settings().animations is True, text
    path.write_text('theme = "textual-light"\nanimations = false\n', encoding="utf-8")
    assert load_settings() == Settings(theme="textual-light", animations=False)
