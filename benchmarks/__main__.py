"""``python -m benchmarks``: measure every figure, print the table, update docs/performance.md."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from benchmarks import (
    guarantees,
    klas,
    large_flows,
    processes,
    records,
    states,
    step_latency,
    summary,
)
from benchmarks.report import DOC, Figure, text_table, write_doc

FIGURES: dict[str, Callable[[int], list[Figure]]] = {
    "startup": states.measure,
    "check": lambda runs: [processes.check(runs)],
    "large": large_flows.measure,
    "guarantees": guarantees.measure,
    "latency": lambda runs: [step_latency.measure()],
    "records": records.measure,
    "summary": summary.measure,
    "klas": klas.measure,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--runs", type=int, default=9, help="rounds per figure (at least 5)")
    parser.add_argument("--only", nargs="+", choices=sorted(FIGURES), help="just these figures")
    parser.add_argument("--no-write", action="store_true", help=f"leave {DOC.name} alone")
    args = parser.parse_args(argv)
    runs = max(5, args.runs)
    started = time.perf_counter()
    figures: list[Figure] = []
    for name in [name for name in FIGURES if not args.only or name in args.only]:
        print(f"measuring {name} …", flush=True)
        figures += FIGURES[name](runs)
    took = time.perf_counter() - started
    settings = (
        f"Medians of {runs} interleaved runs (the 50,000-step flow: at least 5); "
        f"step latency: median of {step_latency.STEPS} key presses. Took {took:.0f} s."
    )
    print()
    print(text_table(figures))
    print()
    for figure in figures:
        for note in figure.notes:
            print(f"{figure.name}: {note}")
    if not args.no_write and not args.only:
        write_doc(figures, settings)
        print(f"\nwritten to {DOC}")
    missed = [figure.name for figure in figures if not figure.met]
    if missed:
        print(f"\ntargets missed: {', '.join(missed)} (see {DOC.name})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
