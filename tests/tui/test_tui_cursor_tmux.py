"""The terminal cursor follows attention, read from a real terminal (tmux).

After every arrow key the cursor must stand on the "▶" that marks the highlighted
option (home lists, the step's options), and in a dialog on the focused button's
label: what a braille display or a screen magnifier that tracks the cursor shows.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest
from test_tui_tmux import TIMEOUT, Terminal, app_env

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is niet geïnstalleerd")


def cursor(terminal: Terminal) -> tuple[int, int]:
    x, y = terminal.tmux("display", "-p", "-t", "w", "#{cursor_x},#{cursor_y}").split(",")
    return int(x), int(y)


def under_cursor(terminal: Terminal, width: int = 1) -> str:
    x, y = cursor(terminal)
    lines = terminal.screen().splitlines()
    return lines[y][x : x + width] if y < len(lines) else ""


def settles_on(terminal: Terminal, text: str) -> str:
    """Wait until ``text`` is under the cursor; return the line the cursor is on."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if under_cursor(terminal, len(text)) == text:
            return terminal.screen().splitlines()[cursor(terminal)[1]]
        time.sleep(0.1)
    x, y = cursor(terminal)
    raise AssertionError(f"cursor at {x},{y}, not on {text!r}; screen:\n{terminal.screen()}")


def test_the_cursor_stands_on_the_highlighted_option_and_the_focused_button(
    terminal: Terminal, tui_flows: Path, tmp_path: Path
) -> None:
    command = f"{shlex.quote(sys.executable)} -m wegwijzer --flows {shlex.quote(str(tui_flows))}"
    terminal.start(command, app_env(tmp_path))
    terminal.wait_for("Testflow")
    line = settles_on(terminal, "▶")
    assert "Testflow" in line  # the home list's highlighted flow
    terminal.keys("Down")  # into the exercises list or its next item
    settles_on(terminal, "▶")
    terminal.keys("Up")
    assert "Testflow" in settles_on(terminal, "▶")

    terminal.keys("Enter")
    terminal.wait_for("Deze testflow rust op")
    terminal.keys("Enter")
    terminal.wait_for("Welke signalen ziet u?")
    assert "Veel cadeaus en aandacht" in settles_on(terminal, "▶")
    terminal.keys("Down")
    assert "Iets anders" in settles_on(terminal, "▶")
    terminal.keys("Up")
    assert "Veel cadeaus en aandacht" in settles_on(terminal, "▶")

    terminal.keys("space", "Enter")  # an answer: there is work to lose now
    terminal.wait_for("Is er contact met de politie?")
    terminal.keys("q")
    terminal.wait_for("Afsluiten?")
    assert "Verder werken" in settles_on(terminal, "V")  # the focused "no" button
    terminal.keys("BTab")  # back to the other button
    assert "Afsluiten (j)" in settles_on(terminal, "Afsluiten (j)")
    terminal.keys("j")


@pytest.mark.parametrize(("flag", "shown"), [("", "0"), ("--cursor", "1")])
def test_the_cursor_is_shown_only_when_asked(
    terminal: Terminal, tui_flows: Path, tmp_path: Path, flag: str, shown: str
) -> None:
    command = (
        f"{shlex.quote(sys.executable)} -m wegwijzer {flag} --flows {shlex.quote(str(tui_flows))}"
    )
    terminal.start(command, app_env(tmp_path))
    terminal.wait_for("Testflow")
    settles_on(terminal, "▶")
    assert terminal.tmux("display", "-p", "-t", "w", "#{cursor_flag}").strip() == shown
    terminal.keys("q")
