"""Without a full terminal, ``wegwijzer`` and ``wegwijzer run`` say so and go line by line."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

NOTICE = "wegwijzer werkt nu regel voor regel."


def _run(args: list[str], tmp_path: Path, *, stdin: str | None, term: str) -> tuple[int, str, str]:
    env = {
        **os.environ,
        "TERM": term,
        "HOME": str(tmp_path),
        "WEGWIJZER_DATA": str(tmp_path / "data"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "wegwijzer", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    return result.returncode, result.stdout, result.stderr


def test_term_dumb_walks_a_flow_line_by_line_with_a_notice(tmp_path: Path) -> None:
    code, out, err = _run(
        ["run", "zorgen-over-een-minderjarige"], tmp_path, stdin="1\nq\n", term="dumb"
    )
    assert (
        err.splitlines()[0]
        == f"Deze terminal kan de volledige app niet tonen (TERM=dumb); {NOTICE}"
    )
    assert re.search(r"\nStap 1 van (ongeveer )?\d+\.\nWaar deze wegwijzer op rust\n", out)
    assert re.search(r"\nStap 2 van (ongeveer )?\d+\.\nIs de minderjarige nu in direct gevaar", out)
    assert "\x1b" not in out and code == 1  # stopped with q: aborted, no escape codes


def test_no_terminal_on_standard_input_ends_at_once_without_escape_codes(tmp_path: Path) -> None:
    code, out, err = _run(
        ["run", "zorgen-over-een-minderjarige"], tmp_path, stdin=None, term="xterm-256color"
    )
    assert f"Invoer of uitvoer is geen terminal; {NOTICE}" in err
    assert "\x1b" not in out and "Stap 1" in out
    assert code == 1  # end of input before an outcome


@pytest.mark.parametrize("term", ["dumb", ""])
def test_the_home_lists_the_stappenplannen_and_walks_the_chosen_one(
    tmp_path: Path, term: str
) -> None:
    _, listing, _ = _run([], tmp_path, stdin="q\n", term=term)
    lines = listing.splitlines()
    assert "Stappenplannen:" in lines
    numbered = [line for line in lines if line[:1].isdigit()]
    (case,) = [
        line.split(".")[0] for line in numbered if line.endswith(". Zorgen over een minderjarige")
    ]
    code, out, err = _run([], tmp_path, stdin=f"99\n{case}\nq\n", term=term)
    assert NOTICE in err
    assert f"Kies een nummer van 1 tot en met {len(numbered)}." in out  # 99 is not on the list
    assert re.search(r"\nStap 1 van (ongeveer )?\d+\.\nWaar deze wegwijzer op rust\n", out)
    assert "\x1b" not in out and code == 1


def test_the_home_stops_on_q_without_walking(tmp_path: Path) -> None:
    code, out, _ = _run([], tmp_path, stdin="q\n", term="dumb")
    assert "Stap 1" not in out and code == 1
