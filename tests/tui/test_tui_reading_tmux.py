"""The case flow in a real 80×24 terminal (tmux): every step's first sentence is on
screen when the step opens, without scrolling (issue 14)."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest
from test_tui_tmux import TIMEOUT, Terminal, app_env
from tuikit import FLOWS

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.flow import ChoiceStep, OutcomeStep

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is niet geïnstalleerd")
CASE = "zorgen-over-een-minderjarige"


def first_sentence(text: str) -> str:
    """The first sentence, as the screen wraps it: compared word by word."""
    sentence = re.split(r"(?<=[.?!])\s", text.strip(), maxsplit=1)[0]
    return " ".join(sentence.split())


def on_screen(terminal: Terminal, words: str) -> bool:
    """``words`` on screen, across the line breaks the terminal put in."""
    screen = " ".join(terminal.screen().split())
    return words in screen


def test_the_case_flow_at_80_by_24_shows_each_steps_first_sentence(
    terminal: Terminal, tmp_path: Path
) -> None:
    loaded = load_catalog(FLOWS).find(CASE)
    assert loaded is not None
    flow = loaded.flow
    command = f"{shlex.quote(sys.executable)} -m wegwijzer run {CASE}"
    terminal.tmux("kill-server")
    terminal.tmux(
        "new-session",
        "-d",
        "-x",
        "80",
        "-y",
        "24",
        "-s",
        "w",
        f"env {' '.join(f'{k}={shlex.quote(v)}' for k, v in app_env(tmp_path).items())} "
        f"{command}; sleep 30",
    )
    step_id, read = flow.start, []
    while not isinstance(flow.steps[step_id], OutcomeStep):
        step = flow.steps[step_id]
        terminal.wait_for(" ".join(step.prompt.split()[:4]))
        sentence = first_sentence(step.text) if step.text else " ".join(step.prompt.split())
        deadline = time.monotonic() + TIMEOUT
        while not on_screen(terminal, sentence) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert on_screen(terminal, sentence), f"{step_id}: {sentence!r}\n{terminal.screen()}"
        read.append(step_id)
        # The last option of a choice goes on furthest (no danger, no doubt); else the first.
        if isinstance(step, ChoiceStep):
            index = len(step.options) - 1 if step_id == "direct-gevaar" else 0
            terminal.keys(str(index + 1), "Enter")
            step_id = step.options[index].next
        else:
            terminal.keys("1", "Enter") if step.kind in ("multi", "check") else terminal.keys(
                "Enter"
            )
            step_id = flow.targets(step_id)[0]
    assert len(read) >= 8, read
