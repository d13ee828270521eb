"""Hardening in a real terminal (tmux): signals leave a draft, a pasted escape stays text.

Skipped when tmux is not installed. The same ``Terminal`` as test_tui_tmux.py.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest
from test_tui_tmux import TIMEOUT, Terminal, app_env

from wegwijzer.core.records.reader import read_record

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is niet geïnstalleerd")


# Writes its pid, then runs the real command line (as the ``wegwijzer`` script does).
LAUNCH = (
    "import os, sys; open(sys.argv[1], 'w').write(str(os.getpid())); "
    "from wegwijzer.cli import main; sys.exit(main(sys.argv[2:]))"
)


def start(terminal: Terminal, tmp_path: Path, flows: Path) -> Path:
    pid_file = tmp_path / "pid"
    env = app_env(tmp_path)
    command = " ".join(
        shlex.quote(part)
        for part in (sys.executable, "-c", LAUNCH, str(pid_file), "--flows", str(flows))
    )
    terminal.start(f"{command}; echo EXIT=$?", env)
    terminal.wait_for("Testflow")
    return pid_file


def wait_until(check: object, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.1)
    raise AssertionError(what)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_mid_session_in_the_tui_leaves_a_draft(
    terminal: Terminal, tui_flows: Path, tmp_path: Path, signum: int
) -> None:
    pid_file = start(terminal, tmp_path, tui_flows)
    terminal.keys("Enter")
    terminal.wait_for("Deze testflow rust op")
    terminal.keys("Enter")
    terminal.wait_for("Welke signalen ziet u?")
    terminal.keys("1", "Enter")
    terminal.wait_for("Is er contact met de politie?")
    drafts = tmp_path / "data" / "concepten"
    wait_until(lambda: list(drafts.glob("*.toml")), "no autosave")
    for autosaved in drafts.glob("*.toml"):  # what is found next can only be the handler's
        autosaved.unlink()
    os.kill(int(pid_file.read_text()), signum)
    screen = terminal.wait_for(f"EXIT={128 + signum}")
    (draft,) = drafts.glob("*.toml")
    assert draft.stat().st_mode & 0o777 == 0o600
    assert [step.id for step in read_record(draft).steps] == ["begin", "signalen", "politie"]
    assert "Welke signalen" not in screen  # the terminal is back from the app's screen
    # said after the app left its screen, so it stays readable; the note is not in it
    assert f"Gestopt; concept opgeslagen in {draft}" in screen.replace("\n", "")
    assert "wegwijzer run --resume" in screen
    assert terminal.tmux("display", "-p", "-t", "w", "#{alternate_on}").strip() == "0"


def test_markup_and_escapes_in_a_note_stay_text(
    terminal: Terminal, tui_flows: Path, tmp_path: Path
) -> None:
    """The manual check of docs/security.md, automated: markup typed into a note, an OSC
    sequence (window title) sent as raw bytes and one pasted, then saved. The markup
    shows literally, the title stays, the app runs on and the draft holds no ESC."""
    start(terminal, tmp_path, tui_flows)
    title_before = terminal.tmux("display", "-p", "-t", "w", "#{pane_title}")
    terminal.keys("Enter")
    terminal.wait_for("Deze testflow rust op")
    terminal.keys("n")
    terminal.wait_for("Notitie bij deze stap")
    terminal.tmux("send-keys", "-t", "w", "-l", "[@click=app.quit]klik[/] ")
    osc = ["1b", "5d", "30", "3b", "47", "45", "4b", "41", "41", "50", "54", "07"]
    terminal.tmux("send-keys", "-t", "w", "-H", *osc)  # ESC ] 0 ; GEKAAPT BEL as raw bytes
    terminal.tmux("set-buffer", "-b", "plak", " \x1b]0;GEKAAPT\x07\x1b[31mrood")
    terminal.tmux("paste-buffer", "-p", "-d", "-b", "plak", "-t", "w")
    time.sleep(0.3)
    terminal.keys("C-s")
    screen = terminal.wait_for("Notitie: [@click=app.quit]klik[/] ")
    assert "Deze testflow rust op" in screen and "EXIT=" not in screen  # still running
    assert terminal.tmux("display", "-p", "-t", "w", "#{pane_title}") == title_before
    drafts = tmp_path / "data" / "concepten"
    wait_until(lambda: list(drafts.glob("*.toml")), "no autosave after the note")
    (draft,) = drafts.glob("*.toml")
    note = read_record(draft).steps[0].note
    assert note.startswith("[@click=app.quit]klik[/] ") and "\x1b" not in note
