"""No command: open the terminal app at its home screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("tui", help="start de terminal-app (standaard)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from wegwijzer.commands.terminal import announce_line_mode, terminal_problem

    reason = terminal_problem()
    if reason is not None:
        announce_line_mode(reason)
        from wegwijzer.commands.home_plain import choose_and_walk

        return choose_and_walk()
    from wegwijzer.commands.common import active_protocol

    protocol, usable = active_protocol()  # no protocol file: one look at the config folder
    if not usable:
        return 1
    from wegwijzer.core.base.startup import until_first_frame

    with until_first_frame():
        from wegwijzer.tui.app import make_app

        app = make_app(protocol=protocol)
        app.run()
    return app.return_code or 0  # 1 after a crash
