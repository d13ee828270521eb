"""Figure 6: the trainer summary of 5,000 exported training results.

What ``wegwijzer train --summary`` does with the files (``core.training.summary.summarise``:
read, validate, tally) against parsing the same files with ``tomllib``, in CPU time, in
this process. The results are made here: runs of every shipped exercise, each answered
at random (seeded), exported as the app exports them; 5,000 files cycle through 200
different runs. Peak memory comes from a fresh process per side (``VmHWM`` growth).
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from benchmarks.report import Figure, ms
from benchmarks.timing import PYTHON, ROOT, bench_env, interleaved, median, timed

RESULTS = 5_000
DIFFERENT = 200
TARGET = 2.0
CPU = time.process_time


def make_results(folder: Path) -> list[Path]:
    """``RESULTS`` result files in ``folder``, from ``DIFFERENT`` seeded random runs."""
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.training.exercise import exercise_folder, load_exercises
    from wegwijzer.core.training.run import TrainingRun
    from wegwijzer.tui.render import answer_from, choice_labels

    catalog = load_catalog(ROOT / "flows")
    exercises, problems = load_exercises(exercise_folder(catalog), catalog)
    if problems or not exercises:
        raise RuntimeError(f"the shipped exercises do not load: {problems}")
    made: list[bytes] = []
    for number in range(DIFFERENT):
        pick = random.Random(number)
        run = TrainingRun(exercises[number % len(exercises)], "achteraf")
        while not run.finished:
            step = run.session.current
            run.answer(answer_from(step, (pick.randrange(len(choice_labels(step)) or 1),)))
        made.append(run.record_bytes())
    paths = []
    for number in range(RESULTS):
        path = folder / f"resultaat-{number:05d}.toml"
        path.write_bytes(made[number % DIFFERENT])
        paths.append(path)
    return paths


def _parse_all(paths: list[Path]) -> None:
    for path in paths:
        with path.open("rb") as handle:
            tomllib.load(handle)


def _summarise(paths: list[Path]) -> None:
    from wegwijzer.core.training.summary import summarise

    tallies, problems = summarise(paths)
    if problems or not tallies:
        raise RuntimeError(f"the results do not summarise: {problems[:3]}")


def peak_memory(folder: Path, side: str) -> float:
    """MiB the peak resident set of a fresh process grows by while it reads every result."""
    result = subprocess.run(
        [PYTHON, "-m", "benchmarks.summary", str(folder), side],
        env=bench_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout)["mib"])


def measure(runs: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = make_results(folder)
        size = sum(path.stat().st_size for path in paths)
        _summarise(paths)  # imports and first-use costs outside the clock
        found = interleaved(
            {
                "tomllib": timed(lambda: _parse_all(paths), CPU),
                "summary": timed(lambda: _summarise(paths), CPU),
            },
            max(5, runs // 2),
        )
        memory = {side: peak_memory(folder, side) for side in ("summary", "tomllib")}
    base, subject = median(found["tomllib"]), median(found["summary"])
    return [
        Figure(
            f"6. trainer summary, {RESULTS:,} results",
            ms(subject),
            f"{ms(base)} `tomllib.load`",
            subject / base,
            f"≤ {TARGET}×",
            subject / base <= TARGET,
            [
                f"{RESULTS:,} files, {size / 2**20:.1f} MiB, from {DIFFERENT} seeded random "
                "runs of the shipped exercises; CPU time of `summarise` (read, validate, tally) "
                "against reading and parsing every file with `tomllib`",
                f"peak memory growth {memory['summary']:.0f} MiB (`tomllib` alone: "
                f"{memory['tomllib']:.0f} MiB)",
            ],
        )
    ]


def _memory_probe(folder: Path, side: str) -> None:
    """In a child process: read every result in ``folder``, print how far the peak RSS rose."""
    from benchmarks.large_flows import _peak_kib

    paths = sorted(folder.glob("*.toml"))
    if side == "summary":
        from wegwijzer.core.training.summary import summarise  # imported outside the figure

        del summarise
    before = _peak_kib()
    if side == "summary":
        _summarise(paths)
    else:
        _parse_all(paths)
    print(json.dumps({"mib": (_peak_kib() - before) / 1024}))


if __name__ == "__main__":
    _memory_probe(Path(sys.argv[1]), sys.argv[2])
