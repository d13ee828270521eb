"""One module per command: each has ``add_parser(subparsers)`` and ``run(args) -> int``."""

from __future__ import annotations

from types import ModuleType

from wegwijzer.commands import check, drafts, graph, home, run, schema, sources, train, verify
from wegwijzer.commands import open as open_command

COMMANDS: list[ModuleType] = [
    check,
    sources,
    run,
    open_command,
    verify,
    drafts,
    graph,
    train,
    schema,
    home,
]
