"""Figure 8: the guarantee analysis on generated flows of 1,000, 10,000 and 50,000 steps.

The flow is a chain of choices (every fifth step a multi step) whose every option can
also jump to the last question, so the routes to the outcome are exponential in number.
Every option carries an action citing 3.1 or 2.1, only the last question carries 4.1:
proving "4.1" walks the whole graph, and "3.1" fails with a route. The time per step
should not grow with the size: the ratio is the time per step against the 1,000-step
flow's. Measured as the checker runs it, with the cyclic garbage collector paused.
"""

from __future__ import annotations

import time
from functools import partial

from benchmarks.report import Figure, ms
from benchmarks.timing import interleaved, median, timed

SIZES = (1_000, 10_000, 50_000)
CPU = time.process_time
TARGET = 1.5


def flow_data(steps: int) -> dict[str, object]:
    last = steps - 1
    final = steps - 2  # the last question; its options carry 4.1

    def action(cite: str) -> dict[str, object]:
        return {"text": f"Actie {cite}", "cites": [cite]}

    data: dict[str, object] = {}
    for index in range(final):
        cite = "3.1" if index % 2 else "2.1"
        following = f"s{index + 1}"
        base = {"prompt": f"Vraag {index}", "cites": ["4.1"]}
        if index % 5 == 4:
            data[f"s{index}"] = {
                **base,
                "kind": "multi",
                "next": following,
                "options": [
                    {"label": "Een", "actions": [action(cite)]},
                    {"label": "Twee", "actions": [action("2.1")]},
                ],
            }
        else:
            data[f"s{index}"] = {
                **base,
                "kind": "choice",
                "options": [
                    {"label": "Verder", "next": following, "actions": [action(cite)]},
                    {"label": "Naar de laatste vraag", "next": f"s{final}"},
                ],
            }
    data[f"s{final}"] = {
        "kind": "choice",
        "prompt": "Laatste vraag",
        "cites": ["4.1"],
        "options": [
            {"label": "Ja", "next": f"s{last}", "actions": [action("4.1")]},
            {"label": "Nee", "next": f"s{last}", "actions": [action("4.1")]},
        ],
    }
    data[f"s{last}"] = {
        "kind": "outcome",
        "prompt": "Einde",
        "cites": ["8.2"],
        "guarantees": ["4.1", "3.1"],
        "actions": [action("8.2")],
    }
    return {
        "schema": 1,
        "id": "groot",
        "title": "Gegenereerde flow",
        "audience": "Voor de benchmarks.",
        "version": "1",
        "source": "gevarenzone-2020",
        "start": "s0",
        "steps": data,
    }


def measure(runs: int) -> list[Figure]:
    from wegwijzer.core.flows.check import collector_paused
    from wegwijzer.core.flows.flow import Flow
    from wegwijzer.core.flows.guarantees import analyse

    def paused(flow: Flow) -> object:
        # As the checker runs it: inside ``collector_paused`` (see check.load_flow_bytes).
        with collector_paused():
            return analyse(flow)

    per_step: dict[int, float] = {}
    figures = []
    for size in SIZES:
        flow = Flow.model_validate(flow_data(size))
        verdicts = analyse(flow)
        if [v.holds for v in verdicts] != [True, False]:
            raise RuntimeError(f"unexpected verdicts: {verdicts}")
        rounds = runs * 4 if size <= 1_000 else runs
        found = interleaved({"analyse": timed(partial(paused, flow), CPU)}, rounds)
        took = median(found["analyse"])
        per_step[size] = took / size
        ratio = per_step[size] / per_step[SIZES[0]]
        figures.append(
            Figure(
                f"8. guarantees, {size:,} steps",
                ms(took),
                f"{per_step[SIZES[0]] * 1e6:.2f} µs/step at {SIZES[0]:,}",
                ratio,
                f"≤ {TARGET}× per step",
                ratio <= TARGET,
                [f"{per_step[size] * 1e6:.2f} µs per step; two guarantees, one holds"],
            )
        )
    return figures
