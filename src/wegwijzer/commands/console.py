"""What the commands print, made safe for any terminal and any output, and how they end.

* Everything written to stdout and stderr goes through ``clean``: a file name,
  an argument or a field can never send an escape sequence, a bidi override or
  an invisible character to the terminal, whichever command printed it.
* An output encoding that cannot show a character (``LANG=C``, a Latin-1
  terminal) gets a replacement character instead of a crash.
* A full disk, a closed stdout and a reader that stopped (broken pipe) each end
  with their own exit code (``EXIT_CODES``, in docs/security.md).
* The terminal app refuses to start without a terminal, with a Dutch message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import Any, TextIO

from wegwijzer.core.base.text import clean

EXIT_OK = 0
EXIT_FAULT = 1  # "niet in orde", or a Dutch error
EXIT_USAGE = 2  # wrong arguments; also: the terminal app without a terminal
EXIT_CRASH = 70  # EX_SOFTWARE: an internal error, reported without its message
EXIT_OUTPUT = 74  # EX_IOERR: the output could not be written (disk full, stdout closed)
EXIT_PIPE = 141  # 128 + SIGPIPE: whoever read the output stopped reading
EXIT_CODES = {
    EXIT_OK: "gelukt",
    EXIT_FAULT: "niet in orde, of een fout (met de reden)",
    EXIT_USAGE: "verkeerd gebruik, of de terminal-app zonder terminal",
    EXIT_CRASH: "interne fout",
    EXIT_OUTPUT: "de uitvoer kon niet worden geschreven (schijf vol of uitvoer gesloten)",
    EXIT_PIPE: "het programma dat de uitvoer las, stopte (gebroken pijp)",
    130: "afgebroken met Ctrl+C",
}


class CleanStream:
    """A text stream that writes everything through ``clean`` (line breaks kept)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(clean(text, multiline=True))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _tolerant(stream: TextIO) -> TextIO:
    """``stream`` with encoding errors replaced rather than raised."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")
    return stream


@contextlib.contextmanager
def installed() -> Iterator[bool]:
    """Make stdout and stderr clean and tolerant for the block; yields False when stdout
    is closed. The streams are put back afterwards (``main`` may run in-process)."""
    saved = sys.stdout, sys.stderr
    if sys.stderr is not None and not isinstance(sys.stderr, CleanStream):
        sys.stderr = CleanStream(_tolerant(sys.stderr))
    if sys.stdout is not None and not isinstance(sys.stdout, CleanStream):
        sys.stdout = CleanStream(_tolerant(sys.stdout))
    try:
        yield sys.stdout is not None
    finally:
        sys.stdout, sys.stderr = saved


def say(message: str) -> None:
    """A last word on stderr; nothing if even that is gone."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(message, file=sys.stderr)
        sys.stderr.flush()


def silence_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit cannot fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def output_failed(error: OSError) -> int:
    """The exit code (and last word) for an error writing the output."""
    silence_stdout()
    if isinstance(error, BrokenPipeError):
        return EXIT_PIPE  # the reader is gone: nobody to tell
    from wegwijzer.core.base.atomic import reason_of

    say(f"fout: de uitvoer kon niet worden geschreven ({reason_of(error)})")
    return EXIT_OUTPUT


def finish(code: int) -> int:
    """Flush stdout now, so a full disk or a closed pipe gets its own exit code."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError as error:
        return output_failed(error)
    return code


def refuse_without_terminal() -> int | None:
    """``EXIT_USAGE`` (with a Dutch message) when the full app cannot run here.

    For the commands that have no line mode of their own to fall back to (``open``
    and ``train`` without ``--plain``); ``wegwijzer`` and ``run`` walk line by line.
    """
    from wegwijzer.commands.terminal import terminal_problem

    reason = terminal_problem()
    if reason is None:
        return None
    say(
        f"fout: {reason}; de terminal-app kan hier niet starten. Gebruik --plain om "
        "regel voor regel te werken, of start de wegwijzer in een terminal"
    )
    return EXIT_USAGE
