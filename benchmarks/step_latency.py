"""Figure 4: from a key press to the next step on screen, in the TUI under Pilot.

A generated 1,000-step flow in a temporary flows folder; the app opens it and the
benchmark presses Enter (the first option is highlighted) 200 times. A key is sent
the way ``Pilot.press`` sends it, but without Pilot's idle waits (each at least
20 ms), and the clock stops at the first frame the screen composes that shows the
next step's prompt. Headless Textual composes a frame but writes nothing, so each
frame is also turned into terminal output here, as a real terminal would need.
A note splits the presses into those laid out again before their frame (a step whose
line counts differ from the one before) and those that only repainted.

Baseline: a bare Textual app whose Enter key updates a Static, timed the same way:
the least a key press to a new frame costs on this machine.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

from benchmarks.generate import FLOW_ID, flows_folder
from benchmarks.records import data_folder
from benchmarks.report import Figure
from benchmarks.timing import median

FLOW_STEPS = 1_000
STEPS = 200
TARGET_MS = 16.0
TIMEOUT = 10.0
SIZE = (80, 24)  # the size the design promises to work at


class FrameClock:
    """Wraps ``app._display``: renders each frame to terminal output and notes when one
    satisfies the condition being waited for."""

    def __init__(self, app: Any) -> None:
        from textual._compositor import CompositorUpdate

        self.app = app
        self.update_type = CompositorUpdate
        self.original = app._display
        self.condition: Any = None
        self.shown = asyncio.Event()
        self.at = 0.0
        self.laid_out = False  # the last press needed a layout of the screen
        app._display = self.display

    def watch_layout(self, screen: Any) -> None:
        """Note for each press whether ``screen`` was laid out again before its frame:
        a step whose line counts differ from the one before (more or fewer options,
        a longer prompt, other quoted lines) needs one; the rest only repaint."""
        original = screen._refresh_layout

        def refresh_layout(*args: Any, **kwargs: Any) -> Any:
            self.laid_out = True
            return original(*args, **kwargs)

        screen._refresh_layout = refresh_layout

    def display(self, screen: Any, renderable: Any) -> None:
        self.original(screen, renderable)
        app = self.app
        if renderable is None or app._batch_count:
            return
        if isinstance(renderable, self.update_type):
            renderable.render_segments(app.console)  # what a terminal driver would write
        if self.condition is not None and self.condition(screen):
            self.at = time.perf_counter()
            self.condition = None
            self.shown.set()

    async def press(self, key: str, condition: Any) -> float:
        """Seconds from sending ``key`` to the first frame for which ``condition`` holds."""
        from textual import events

        app = self.app
        self.shown.clear()
        self.condition = condition
        self.laid_out = False
        event = events.Key(key, "\r" if key == "enter" else key)
        event.set_sender(app)
        start = time.perf_counter()
        app._driver.send_message(event)
        await asyncio.wait_for(self.shown.wait(), TIMEOUT)
        return self.at - start


def _shows(prompt: str, *, with_choices: bool = True) -> Any:
    """The frame shows ``prompt`` (and, in the wegwijzer, the step's options)."""

    def condition(screen: Any) -> bool:
        found = screen.query("#prompt")
        if not found or str(found.first().visual) != prompt or not found.first().region:
            return False
        if not with_choices:
            return True
        choices = screen.query("#keuzes")
        return bool(choices) and choices.first().option_count > 0 and bool(choices.first().region)

    return condition


async def _settle(pilot: Any) -> None:
    """Let the app go idle (queued messages handled, CPU quiet) before the next press."""
    await pilot.pause()


async def wegwijzer_latencies(steps: int, *, drafts: bool = True) -> tuple[list[float], list[str]]:
    from wegwijzer.core.flows.flow import ChoiceStep, InfoStep
    from wegwijzer.tui.app import make_app

    with tempfile.TemporaryDirectory() as root, data_folder():
        app = make_app(
            flow_id=FLOW_ID, flows_dir=flows_folder(Path(root), FLOW_STEPS), drafts=drafts
        )
        clock = FrameClock(app)
        found: list[float] = []
        laid_out: list[bool] = []
        async with app.run_test(size=SIZE) as pilot:
            await _settle(pilot)
            session = app.session
            if session is None or type(app.screen).__name__ != "StepScreen":
                raise RuntimeError(f"the flow did not open (screen: {app.screen!r})")
            clock.watch_layout(app.screen)
            for _ in range(steps):
                step = session.flow.steps[session.current_id]
                assert isinstance(step, ChoiceStep | InfoStep), step  # the generated flow
                following = step.options[0].next if isinstance(step, ChoiceStep) else step.next
                prompt = session.flow.steps[following].prompt
                found.append(await clock.press("enter", _shows(prompt)))
                laid_out.append(clock.laid_out)
                await _settle(pilot)
                if session.current_id != following:
                    raise RuntimeError(f"expected step {following}, at {session.current_id}")
            written = Path(os.environ["WEGWIJZER_DATA"]) / "concepten"
        notes = [f"autosave {'on' if written.exists() else 'off'}", _split(found, laid_out)]
        return found, notes


def _split(found: list[float], laid_out: list[bool]) -> str:
    """The presses that needed a layout against those that only repainted."""
    layout = [seconds for seconds, flag in zip(found, laid_out, strict=True) if flag]
    repaint = [seconds for seconds, flag in zip(found, laid_out, strict=True) if not flag]

    def summary(times: list[float]) -> str:
        if not times:
            return "none"
        worst = sorted(times)[int(len(times) * 0.95)] * 1000
        return f"median {median(times) * 1000:.1f} ms, 95th percentile {worst:.1f} ms"

    return (
        f"{len(layout)} of {len(found)} presses laid the screen out again before their "
        f"frame (here: where the number of options and of quoted lines changes): "
        f"{summary(layout)}; the other {len(repaint)} only repainted: {summary(repaint)}"
    )


async def bare_latencies(steps: int) -> list[float]:
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.widgets import Footer, Header, Static

    class Bare(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "next", "Verder")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Vraag 0", id="prompt")
            yield Footer()

        def action_next(self) -> None:
            self.count += 1
            self.query_one("#prompt", Static).update(f"Vraag {self.count}")

    app = Bare()
    clock = FrameClock(app)
    found = []
    async with app.run_test(size=SIZE) as pilot:
        await _settle(pilot)
        for number in range(1, steps + 1):
            found.append(await clock.press("enter", _shows(f"Vraag {number}", with_choices=False)))
            await _settle(pilot)
    return found


def measure() -> Figure:
    bare = asyncio.run(bare_latencies(STEPS))
    found, notes = asyncio.run(wegwijzer_latencies(STEPS))
    subject, base = median(found) * 1000, median(bare) * 1000
    worst = sorted(found)[int(len(found) * 0.95)] * 1000
    return Figure(
        "4. step latency (TUI)",
        f"{subject:.1f} ms",
        f"{base:.1f} ms bare app",
        subject / base,
        f"≤ {TARGET_MS:.0f} ms",
        subject <= TARGET_MS,
        [
            f"median over {STEPS} Enter presses in a {FLOW_STEPS:,}-step flow at "
            f"{SIZE[0]}×{SIZE[1]}, "
            f"key sent to the first frame showing the next prompt; 95th percentile "
            f"{worst:.1f} ms; {notes[0]}",
            notes[1],
        ],
    )
