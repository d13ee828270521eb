"""Whether this terminal can show the full app; if not, the commands use line mode.

With ``TERM=dumb`` (or no TERM), or when standard input or output is not a terminal,
the app would write escape codes into a file or wait for keys that never come. The
commands then say so in one Dutch line (on standard error) and walk line by line.
"""

from __future__ import annotations

import os
import sys


def terminal_problem() -> str | None:
    """Why the full app cannot run here, in Dutch; None when it can."""
    term = os.environ.get("TERM", "")
    if term in ("", "dumb"):
        shown = "TERM=dumb" if term == "dumb" else "geen TERM"
        return f"Deze terminal kan de volledige app niet tonen ({shown})"
    if not _is_terminal(sys.stdin) or not _is_terminal(sys.stdout):
        return "Invoer of uitvoer is geen terminal"
    return None


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except (OSError, ValueError):  # closed
        return False


def announce_line_mode(reason: str) -> None:
    print(f"{reason}; wegwijzer werkt nu regel voor regel.", file=sys.stderr)
