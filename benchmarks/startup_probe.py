"""One start-up, in a fresh interpreter: run an app headless, exit at the frame that counts.

``python benchmarks/startup_probe.py bare|wegwijzer|run|enter|floor|listed``. The same
harness for all: the process exits (status 0) the moment the frame it waits for is
composed, so what the parent times is interpreter start, imports, building the app,
and running it until that frame; no teardown. Just before it exits, the probe writes
its peak resident set (``VmHWM``, KiB) to stdout. Kept free of imports from the
benchmarks package so each side loads only what its app needs.

- ``bare``: a bare Textual app (Header, Static, Footer), at its first frame.
- ``wegwijzer``: ``wegwijzer`` as the command line starts it, at the home screen's
  first frame (with its list of flows).
- ``run``: ``wegwijzer run FLOW`` as the command line starts it, at the first frame of
  the flow's first step (``FLOW`` from ``$PROBE_FLOW``).
- ``enter``: ``wegwijzer`` as the command line starts it, with Enter pressed (as a
  terminal sends it) the moment its
  first frame is composed, until the first step of the first flow is on screen.
- ``floor``: the bare app after loading the wegwijzer's catalog (pydantic, models,
  flows): the least any screen that checks the flows before its first frame can cost.
- ``listed``: the bare app after finding the flows in the cache of checked flows
  (``open_catalog`` on a warm cache; status 2 when it is cold): the least a home screen
  listed from the cache can cost.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import re
import signal
import sys
from collections.abc import Callable
from typing import Any

TIMEOUT = int(os.environ.get("PROBE_TIMEOUT", "60"))  # longer under Valgrind
FLOW = "zorgen-over-een-minderjarige"


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


def peak_kib() -> int:
    """This process's peak resident set so far, in KiB (0 where there is no /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            found = re.search(r"^VmHWM:\s*(\d+) kB", handle.read(), re.MULTILINE)
    except OSError:
        return 0
    return int(found.group(1)) if found else 0


def done() -> None:
    os.write(1, f"peak_kib {peak_kib()}\n".encode())
    os._exit(0)


def fail(message: str) -> None:
    os.write(2, f"{message}\n".encode())
    os._exit(2)


def is_first_step(screen: Any) -> bool:
    return type(screen).__name__ == "StepScreen" and bool(screen.query("#keuzes"))


class AfterImport(importlib.abc.MetaPathFinder):
    """Run ``then`` the moment ``name`` has been imported, by whoever imports it: the
    probe patches Textual without importing it itself, so Textual is imported where the
    program imports it (for ``wegwijzer`` inside the command, with what surrounds it)."""

    def __init__(self, name: str, then: Callable[[], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.loader is not None
        loader, then = spec.loader, self.then

        class Patched(importlib.abc.Loader):
            def create_module(self, spec: Any) -> Any:
                return loader.create_module(spec)

            def exec_module(self, module: Any) -> None:
                loader.exec_module(module)
                then()

        spec.loader = Patched()
        return spec


def watch_frames(which: str) -> None:
    """Patch ``App._display`` (every app, also one the command line builds) to stop at the
    frame that counts, as soon as ``textual.app`` is imported; for ``enter``, press Enter
    at the home screen's first frame."""
    sys.meta_path.insert(0, AfterImport("textual.app", lambda: patch_app(which)))


def patch_app(which: str) -> None:
    from textual import events
    from textual.app import App

    original = App._display
    pressed: list[bool] = []

    def display(app: Any, screen: Any, renderable: Any) -> None:
        original(app, screen, renderable)
        if renderable is None or app._batch_count:
            return
        name = type(screen).__name__
        if which in ("bare", "floor", "listed"):
            done()
        elif which == "wegwijzer" and name == "HomeScreen":
            if not screen.query("#flows"):
                fail("home screen without flows")
            done()
        elif which == "enter" and name == "HomeScreen" and not pressed:
            pressed.append(True)
            key = events.Key("enter", "\r")
            key.set_sender(app)
            app._driver.send_message(key)  # as the driver sends a key read from the terminal
        elif which in ("run", "enter") and is_first_step(screen):
            done()

    App._display = display  # type: ignore[method-assign,assignment]
    run = App.run

    def headless(app: Any, **options: Any) -> Any:
        # The command line runs the app in the terminal; every probe runs it headless.
        return run(app, **{**options, "headless": True, "size": (80, 24)})

    App.run = headless  # type: ignore[method-assign,assignment]


def main(which: str) -> int:
    signal.alarm(TIMEOUT)  # never hang the benchmark run
    if which == "floor":
        from wegwijzer.core.flows.catalog import load_catalog

        if not load_catalog().flows:
            fail("no flows")
    elif which == "listed":
        from wegwijzer.core.flows.catalog import open_catalog

        if not open_catalog().pending:
            fail("the cache of checked flows is cold")
    watch_frames(which)
    if which in ("run", "wegwijzer", "enter"):
        from wegwijzer.cli import main as cli_main
        from wegwijzer.commands import terminal

        # The probe's output is a pipe, which makes the command choose line mode; the
        # app runs headless here, as in every probe.
        terminal.terminal_problem = lambda: None

        cli_main(["run", os.environ.get("PROBE_FLOW", FLOW)] if which == "run" else [])
        fail("the app stopped before the frame that counts was shown")
    app, _ = bare_app()
    app.run()
    fail("the app stopped before the frame that counts was shown")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "wegwijzer"))
