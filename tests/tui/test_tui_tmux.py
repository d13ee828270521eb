"""The real ``wegwijzer`` command in a real terminal (tmux): open a flow, answer, go back."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is niet geïnstalleerd")

TIMEOUT = 20.0


class Terminal:
    """One tmux server on its own socket, with one 100×30 window running a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=10
        )
        return result.stdout

    def start(self, command: str, env: dict[str, str]) -> None:
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        self.tmux(
            "new-session",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            "-s",
            "w",
            f"env {exports} {command}; sleep 30",
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "w")

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "w", key)
            time.sleep(0.15)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} did not appear; the screen was:\n{self.screen()}")


def app_env(tmp_path: Path) -> dict[str, str]:
    """A clean environment for the app in tmux: its own HOME and data folder below tmp."""
    return {
        "TERM": "xterm-256color",
        "HOME": str(tmp_path / "home"),
        "WEGWIJZER_DATA": str(tmp_path / "data"),
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }


def test_the_command_opens_a_flow_answers_and_goes_back(
    terminal: Terminal, tui_flows: Path, tmp_path: Path
) -> None:
    env = app_env(tmp_path)
    command = f"{shlex.quote(sys.executable)} -m wegwijzer --flows {shlex.quote(str(tui_flows))}"
    terminal.start(command, env)
    terminal.wait_for("Testflow")
    terminal.keys("Enter")
    terminal.wait_for("Deze testflow rust op")
    terminal.keys("Enter")
    terminal.wait_for("Welke signalen ziet u?")
    terminal.keys("1", "Enter")
    screen = terminal.wait_for("Is er contact met de politie?")
    assert "Stap 3 van ongeveer 4" in screen and "› Welke signalen ziet u?" in screen
    terminal.keys("Escape")
    screen = terminal.wait_for("Welke signalen ziet u?")
    assert "[x] Veel cadeaus en aandacht" in screen  # the kept answer, ticked
    terminal.keys("q")
    terminal.wait_for("Afsluiten?")
    terminal.keys("j")
    deadline = time.monotonic() + TIMEOUT
    while "Welke signalen" in terminal.screen() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "Welke signalen" not in terminal.screen()
    drafts = list((tmp_path / "data" / "concepten").glob("*.toml"))
    assert len(drafts) == 1  # the work was kept as a draft
