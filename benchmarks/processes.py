"""Figures 1 and 2, whole processes: start-up to the home screen, and ``wegwijzer check``.

Each run is a fresh interpreter; baseline and subject runs alternate.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from benchmarks.report import Figure, ms
from benchmarks.timing import PYTHON, ROOT, bench_env, interleaved, median, process

PROBE = str(Path(__file__).resolve().parent / "startup_probe.py")
STARTUP_TARGET = 1.15
CHECK_TARGET = 1.5
ONE_MODEL = "from pydantic import BaseModel\nclass M(BaseModel):\n    a: int"
HEAVY = ("textual", "rich", "platformdirs", "hypothesis", "pygments", "markdown_it")
OWN = ("wegwijzer.core.record", "wegwijzer.core.drafts", "wegwijzer.core.privacy")


def startup(runs: int) -> Figure:
    with tempfile.TemporaryDirectory() as data:
        env = bench_env(WEGWIJZER_DATA=data)  # an empty drafts folder: a first start
        timers = {
            "bare": process([PYTHON, PROBE, "bare"], env),
            "wegwijzer": process([PYTHON, PROBE, "wegwijzer"], env),
            "floor": process([PYTHON, PROBE, "floor"], env),
        }
        found = interleaved(timers, runs)
    bare, subject = median(found["bare"]), median(found["wegwijzer"])
    floor = median(found["floor"])
    cpu = median(timers["wegwijzer"].cpu) / median(timers["bare"].cpu)
    return Figure(
        "1. start-up to home screen",
        ms(subject),
        f"{ms(bare)} bare Textual app",
        subject / bare,
        f"≤ {STARTUP_TARGET}×",
        subject / bare <= STARTUP_TARGET,
        [
            "whole process, fresh interpreter per run, headless 80×24, until the first frame "
            "of the home screen (with its flow list) is composed; the bare app has a Header, "
            "a Static and a Footer",
            f"in CPU time (user + system) of the same runs: {cpu:.2f}×",
            f"the bare app after loading the catalog (pydantic, models, flows) takes "
            f"{ms(floor)} ({floor / bare:.2f}×): the floor while flows are checked before "
            "the first frame",
        ],
    )


def imported_modules(argv: list[str], env: dict[str, str]) -> set[str]:
    """The modules a process imports, from ``-X importtime``."""
    result = subprocess.run(
        [PYTHON, "-X", "importtime", *argv],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def check(runs: int) -> Figure:
    with tempfile.TemporaryDirectory() as data:
        env = bench_env(WEGWIJZER_DATA=data)
        command = [PYTHON, "-m", "wegwijzer", "check"]
        timers = {
            "pydantic": process([PYTHON, "-c", "import pydantic"], env),
            "check": process(command, env),
            "one model": process([PYTHON, "-c", ONE_MODEL], env),
        }
        found = interleaved(timers, runs)
        modules = imported_modules(["-m", "wegwijzer", "check"], env)
    base, subject, floor = (median(found[k]) for k in ("pydantic", "check", "one model"))
    cpu = {name: median(timer.cpu) for name, timer in timers.items()}
    heavy = sorted(name for name in modules if name.split(".")[0] in HEAVY or name in OWN)
    notes = [
        f"a process that defines one trivial pydantic model takes {ms(floor)} "
        f"({floor / base:.2f}× the baseline): the floor for any command that validates "
        "with pydantic",
        f"in CPU time (user + system) of the same runs: {cpu['check'] / cpu['pydantic']:.2f}× "
        f"(one model: {cpu['one model'] / cpu['pydantic']:.2f}×)",
        f"imports {len(modules)} modules; heavy or unneeded ones: {', '.join(heavy) or 'none'}",
    ]
    return Figure(
        "2. `wegwijzer check`",
        ms(subject),
        f"{ms(base)} `import pydantic`",
        subject / base,
        f"≤ {CHECK_TARGET}×",
        subject / base <= CHECK_TARGET,
        notes,
    )
