"""A crash prints no note text and exits non-zero (issue 7), headless and in the TUI.

Notes are about minors: an exception whose message or locals hold a note must not
put that note on the terminal (or in a terminal log). The user sees a Dutch line
with the exception type only; ``WEGWIJZER_DEBUG=1`` gives developers the full trace.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from wegwijzer import cli
from wegwijzer.core.walk.session import Session

from helpers import DATA, ROOT

SECRET = "GEHEIM-Notitie-over-Sanne-15"


def _crash_on_note(monkeypatch: pytest.MonkeyPatch) -> None:
    """Saving a note raises, with the note in the message and in the frame's locals."""

    def broken(self: Session, step_id: str, text: str) -> None:
        kept = text  # a local holding the note, as a real bug would have
        raise RuntimeError(f"kon notitie niet opslaan: {kept}")

    monkeypatch.setattr(Session, "set_note", broken)


def _run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> tuple[int, str]:
    monkeypatch.setenv("WEGWIJZER_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"1\nn {SECRET}\n1\n"))
    code = cli.main(["run", str(DATA / "valid.toml"), "--plain"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_a_headless_crash_prints_no_note_and_exits_non_zero(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv("WEGWIJZER_DEBUG", raising=False)
    _crash_on_note(monkeypatch)
    code, output = _run_main(monkeypatch, capsys, tmp_path)
    assert code != 0
    assert SECRET not in output
    assert "Traceback" not in output
    assert "Interne fout (RuntimeError)" in output
    assert "WEGWIJZER_DEBUG=1" in output


def test_with_debug_on_the_developer_gets_the_exception(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("WEGWIJZER_DEBUG", "1")
    _crash_on_note(monkeypatch)
    with pytest.raises(RuntimeError, match=SECRET):
        _run_main(monkeypatch, capsys, tmp_path)


# The real program in a fresh interpreter: the TUI driven headless by an auto pilot,
# started through ``wegwijzer.cli.main`` as the ``wegwijzer`` command does.
TUI_CRASH = textwrap.dedent(
    """
    import functools, sys
    from wegwijzer.core.walk.session import Session
    from wegwijzer.tui.app import WegwijzerApp
    from wegwijzer import cli

    SECRET = sys.argv[1]

    def broken(self, step_id, text):
        kept = text
        raise RuntimeError(f"kon notitie niet opslaan: {kept}")

    Session.set_note = broken

    async def drive(pilot):
        await pilot.pause()
        await pilot.press("enter", "n")
        pilot.app.screen.query_one("TextArea").text = SECRET
        await pilot.press("ctrl+s")
        await pilot.pause(0.2)
        if pilot.app.return_code is None:  # the crash did not end the app
            pilot.app.exit()

    WegwijzerApp.run = functools.partialmethod(
        WegwijzerApp.run, headless=True, size=(100, 30), auto_pilot=drive
    )
    import wegwijzer.commands.terminal as terminal

    terminal.terminal_problem = lambda: None  # headless stands in for a terminal here
    sys.exit(cli.main(["--flows", sys.argv[2], "run", "testflow"]))
    """
)


def _tui_crash(flows_dir: Path, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "WEGWIJZER_DATA": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT / "src"),
        **env,
    }
    if "WEGWIJZER_DEBUG" not in env:
        environment.pop("WEGWIJZER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-c", TUI_CRASH, SECRET, str(flows_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


def test_a_tui_crash_prints_no_note_or_locals_and_exits_non_zero(
    flows_dir: Path, tmp_path: Path
) -> None:
    result = _tui_crash(flows_dir, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert SECRET not in output
    assert "kept" not in output and "Traceback" not in output  # no locals, no trace
    assert "Interne fout (RuntimeError)" in output


def test_a_tui_crash_with_debug_on_shows_the_full_traceback(
    flows_dir: Path, tmp_path: Path
) -> None:
    result = _tui_crash(flows_dir, tmp_path, WEGWIJZER_DEBUG="1")
    assert result.returncode != 0
    assert "RuntimeError" in result.stderr and "Traceback" in result.stderr
