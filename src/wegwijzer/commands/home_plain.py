"""The home screen in line mode: choose a stappenplan by number, then walk it.

Used when the full app cannot run (``commands.terminal``). Exercises and concepts
have their own commands (``wegwijzer train``, ``wegwijzer run --resume``); this
list names them so a screen-reader user finds them.
"""

from __future__ import annotations

import argparse
import sys

from wegwijzer.commands.common import print_problems
from wegwijzer.core.base.text import clean
from wegwijzer.plain import EXIT_ABORTED


def choose_and_walk() -> int:
    from wegwijzer.core.flows.catalog import load_catalog

    catalog = load_catalog()
    if catalog.problems:
        print_problems(catalog.problems)
    if not catalog.flows:
        return 1
    print("Stappenplannen:")
    for number, loaded in enumerate(catalog.flows, 1):
        print(f"{number}. {clean(loaded.flow.title, limit=120)}")
    print("Oefenen kan met de opdracht: wegwijzer train --list")
    print("Een concept hervatten kan met de opdracht: wegwijzer drafts")
    while True:
        print("Welk stappenplan? Typ het nummer, of q om te stoppen: ", end="", flush=True)
        line = sys.stdin.readline()
        if not line or line.strip().lower() in ("q", "stop"):
            print()
            return EXIT_ABORTED
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= len(catalog.flows):
            break
        print(f"Kies een nummer van 1 tot en met {len(catalog.flows)}.")
    from wegwijzer.commands.run import run

    args = argparse.Namespace(
        flow=str(catalog.flows[int(choice) - 1].path),
        plain=True,
        resume=None,
        export=None,
        force=False,
        strict_privacy=False,
        case="",
    )
    return run(args)
