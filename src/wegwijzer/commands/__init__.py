"""One module per command: each has ``add_parser(subparsers)`` and ``run(args) -> int``.

The modules are imported on demand: ``wegwijzer check`` loads the check command
and what it needs, not the records, drafts, training and TUI code behind the
others (which was a third of its start-up). ``COMMANDS`` still lists them all.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

# Command name -> module, in the order ``wegwijzer --help`` lists them.
MODULES: dict[str, str] = {
    "check": "check",
    "sources": "sources",
    "run": "run",
    "open": "open",
    "verify": "verify",
    "drafts": "drafts",
    "graph": "graph",
    "train": "train",
    "klas": "klas",
    "schema": "schema",
    "protocol": "protocol",
    "tui": "home",
}


def load(name: str) -> ModuleType:
    """The module of command ``name`` (a key of ``MODULES``)."""
    return import_module(f"{__name__}.{MODULES[name]}")


def __getattr__(attribute: str) -> list[ModuleType]:
    if attribute == "COMMANDS":
        return [load(name) for name in MODULES]
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
