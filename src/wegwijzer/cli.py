"""Command line: parse, then hand over to one module per command.

Headless commands never import textual; only the commands that open the TUI do,
and only inside their ``run``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from wegwijzer import __version__
from wegwijzer.commands import MODULES, console, load
from wegwijzer.commands.console import EXIT_CRASH, EXIT_OUTPUT

if TYPE_CHECKING:
    import argparse

__all__ = ["EXIT_CRASH", "main"]
# The options before the command that take a value, as argparse accepts them abbreviated.
VALUE_OPTIONS = ("--flows", "--protocol")
# What the parser gives for no arguments at all (``wegwijzer``, as ``make run`` starts it):
# the most common start does not import argparse (and gettext) to find out.
# ``tests/test_run_start.py`` holds it equal to the parser's answer.
NO_ARGUMENTS = {"command": None, "flows": None, "cursor": False, "protocol": None}


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names, when it can be told without parsing; else None.

    No command at all (``wegwijzer``, ``wegwijzer --cursor``) names ``tui``, the terminal
    app's own: the parser then holds only that command, and the start does not import
    every other command (with them the record and exercise code and pydantic) just to
    build a parser it does not use. ``--help`` still lists every command."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif len(token) > 2 and any(
            option.startswith(token.split("=", 1)[0]) for option in VALUE_OPTIONS
        ):
            skip = "=" not in token  # its value follows (argparse accepts "--fl" too)
        elif token.startswith("-"):
            if token == "--" or token in ("-h", "--help") or _help_abbreviation(token):
                return None
        else:
            return token if token in MODULES else None
    return "tui"


def _help_abbreviation(token: str) -> bool:
    """argparse takes ``--he`` for ``--help`` (and ``-h`` joined with others)."""
    return (len(token) >= 3 and "--help".startswith(token)) or (
        token.startswith("-") and not token.startswith("--") and "h" in token
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or with ``only`` that one (so only it is imported)."""
    import argparse

    from wegwijzer.i18n import dutch_argparse

    dutch_argparse()
    parser = argparse.ArgumentParser(
        prog="wegwijzer",
        description=(
            "Wegwijzer bij zorgen over een minderjarige en loverboyproblematiek, "
            "gebouwd op de antwoorden van 25 mei 2020 op Kamervragen over "
            "‘Meisjes in de gevarenzone’. Zonder commando start de terminal-app."
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"wegwijzer {__version__}",
        help="toon het versienummer en stop",
    )
    parser.add_argument(
        "--flows",
        type=Path,
        metavar="MAP",
        help="map met stappenplannen en de bron (standaard: $WEGWIJZER_FLOWS of de "
        "meegeleverde stappenplannen)",
    )
    parser.add_argument(
        "--cursor",
        action="store_true",
        help="toon de cursor; hij staat altijd op de gekozen optie (brailleleesregels, loep)",
    )
    parser.add_argument(
        "--protocol",
        type=Path,
        metavar="BESTAND",
        help="het eigen protocol van uw organisatie (standaard: $WEGWIJZER_PROTOCOL of "
        "protocol.toml in uw configuratiemap); getoond waar de bron zwijgt",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDO")
    for name in [only] if only else MODULES:
        load(name).add_parser(commands)
    return parser


def parse(argv: Sequence[str]) -> Any:
    """The arguments as the parser reads them; without a parser for no arguments at all,
    and for ``wegwijzer run FLOW`` (a flow started at once: argparse and gettext are a
    twentieth of its start, docs/performance.md)."""
    if not argv:
        return SimpleNamespace(**NO_ARGUMENTS)
    if len(argv) == 2 and argv[0] == "run" and argv[1][:1] not in ("", "-"):
        run_options = load("run").defaults()
        return SimpleNamespace(**{**NO_ARGUMENTS, **run_options, "command": "run", "flow": argv[1]})
    return build_parser(command_named(argv)).parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    # Everything printed is cleaned (names and arguments are data), encoding errors
    # become replacement characters, and output failures get their own exit codes.
    with console.installed() as usable:
        if not usable:
            console.say("fout: de uitvoer (stdout) is gesloten; er kan niets worden getoond")
            return EXIT_OUTPUT
        try:
            return console.finish(_main(argv))
        except OSError as error:  # writing the output failed: disk full, closed, broken pipe
            return console.output_failed(error)


def _main(argv: Sequence[str] | None) -> int:
    given = sys.argv[1:] if argv is None else argv
    args = parse(given)
    if args.flows is not None:
        import os

        os.environ["WEGWIJZER_FLOWS"] = str(args.flows)
    if args.cursor:
        import os

        os.environ["WEGWIJZER_CURSOR"] = "1"  # tui/attention.py; a setting of one run
    if args.protocol is not None:
        import os

        os.environ["WEGWIJZER_PROTOCOL"] = str(args.protocol)
    try:
        if args.command is None:
            from wegwijzer.commands import home

            return home.run(args)
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("\nAfgebroken.", file=sys.stderr)
        return 130
    except SystemExit as stop:
        # core.records.drafts.Stopped (SIGTERM, SIGHUP): say so now that the terminal is free.
        message = getattr(stop, "message", None)
        if message is None:
            raise
        print(f"\n{message}", file=sys.stderr)
        return int(stop.code or 1)
    except OSError as error:
        if error.errno is not None and _is_output_error(error):
            raise  # handled in main: its own exit code
        return _crash(error)
    except Exception as error:
        return _crash(error)


def _is_output_error(error: OSError) -> bool:
    """True for the errors of writing to stdout: a broken pipe, a full disk, a closed file."""
    import errno

    return isinstance(error, BrokenPipeError) or error.errno in (
        errno.ENOSPC,
        errno.EDQUOT,
        errno.EBADF,
        errno.EPIPE,
    )


def _crash(error: BaseException) -> int:
    # A traceback would print the message, which may hold a note about a minor.
    from wegwijzer.core.base.problems import crash_message, debugging

    if debugging():
        raise error
    print(crash_message(error), file=sys.stderr)
    return EXIT_CRASH
