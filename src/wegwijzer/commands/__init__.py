"""One module per command: each has ``add_parser(subparsers)`` and ``run(args) -> int``."""

from __future__ import annotations

from types import ModuleType

from wegwijzer.commands import check, home, run, schema, sources

COMMANDS: list[ModuleType] = [check, sources, run, schema, home]
