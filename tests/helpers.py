"""Constants and helpers shared by the tests (importable as ``helpers``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
FLOWS = ROOT / "flows"
# Figures a test wants in the output of every run (the privacy corpus's rates):
# tests/conftest.py prints them under the results.
REPORTED: list[str] = []


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command as a user would, in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "wegwijzer", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def run_python(code: str, **env: str) -> str:
    """``code`` in a fresh interpreter with ``env`` added; its output, once it exited 0."""
    import os

    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()
