"""One start-up, in a fresh interpreter: build the app, run it headless, exit at the first frame.

``python benchmarks/startup_probe.py bare|wegwijzer|floor|listed``. The same harness
for all: the process exits (status 0) the moment the home screen's first frame is
composed, so what the parent times is interpreter start, imports, building the
app, and running it until the home screen is on screen; no teardown. Kept free of
imports from the benchmarks package so each side loads only what its app needs.
``floor`` is the bare app after loading the wegwijzer's catalog (pydantic, models,
flows): the least any home screen that checks the flows before its first frame can
cost. ``listed`` is the bare app after finding the flows in the cache of checked
flows (``open_catalog`` on a warm cache; status 2 when it is cold): the least a
home screen listed from the cache can cost.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

TIMEOUT = 60


def bare_app() -> tuple[Any, Any]:
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Wegwijzer")
            yield Footer()

    app = Bare()
    return app, lambda screen: screen is app.screen


def wegwijzer_app() -> tuple[Any, Any]:
    from wegwijzer.tui.app import make_app

    app = make_app()

    def is_home(screen: Any) -> bool:
        return type(screen).__name__ == "HomeScreen"

    return app, is_home


def main(which: str) -> int:
    signal.alarm(TIMEOUT)  # never hang the benchmark run
    if which == "floor":
        from wegwijzer.core.flows.catalog import load_catalog

        if not load_catalog().flows:
            os.write(2, b"no flows\n")
            return 2
    elif which == "listed":
        from wegwijzer.core.flows.catalog import open_catalog

        if not open_catalog().pending:
            os.write(2, b"the cache of checked flows is cold\n")
            return 2
    app, is_home = wegwijzer_app() if which == "wegwijzer" else bare_app()
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and not app._batch_count and is_home(screen):
            if which == "wegwijzer" and not screen.query("#flows"):
                os.write(2, b"home screen without flows\n")
                os._exit(2)
            os._exit(0)

    app._display = display
    app.run(headless=True, size=(80, 24))
    os.write(2, b"the app stopped before its home screen was shown\n")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "wegwijzer"))
