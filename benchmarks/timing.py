"""Timing on a noisy machine: interleave baseline and subject, take medians, compare.

Every figure is a ratio against a baseline measured in the same run, so a slow or
busy machine slows both sides alike. Baseline and subject runs alternate (and the
order flips each round) so a burst of noise does not fall on one side only.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

Timer = Callable[[], float]


def interleaved(subjects: Mapping[str, Timer], runs: int) -> dict[str, list[float]]:
    """Call each timer ``runs`` times, round by round, flipping the order every round."""
    names = list(subjects)
    found: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(runs):
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            found[name].append(subjects[name]())
    return found


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed(work: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> Timer:
    """A timer for in-process work: seconds for one call, after a full collection.

    ``clock=time.process_time`` counts this process's CPU time only: for long
    CPU-bound work it is far less disturbed by whatever else the machine runs.
    """

    def run() -> float:
        gc.collect()
        start = clock()
        work()
        return clock() - start

    return run


def bench_env(**extra: str) -> dict[str, str]:
    """The environment for a measured process: no user drafts, no stray Textual settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEXTUAL", "WEGWIJZER", "PYTHON"))
    }
    env["PYTHONPATH"] = str(ROOT)  # the benchmarks package, from any working folder
    env.update(extra)
    return env


class Process:
    """A timer for a whole process: wall-clock seconds from spawn to exit (status 0).

    Each call also notes the child's CPU time (user + system), which other work on
    the machine disturbs less than wall-clock time: ``cpu`` holds one value per run;
    and, when the child writes a line ``peak_kib N`` (its own ``VmHWM``, as
    ``startup_probe`` does), its peak memory in MiB: ``peak_mib``.
    """

    def __init__(self, argv: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        self.argv = list(argv)
        self.env = dict(env) if env is not None else None
        self.cpu: list[float] = []
        self.peak_mib: list[float] = []

    def __call__(self) -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(
            self.argv,
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(self.argv)} failed ({result.returncode}): "
                f"{result.stderr.decode(errors='replace')[-2000:]}"
            )
        self.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        for line in result.stdout.decode(errors="replace").splitlines():
            if line.startswith("peak_kib "):
                self.peak_mib.append(int(line.split()[1]) / 1024)
        return seconds


def process(argv: Sequence[str], env: Mapping[str, str] | None = None) -> Process:
    return Process(argv, env)
