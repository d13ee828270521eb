"""Figure 2, whole processes: ``wegwijzer check`` (figure 1 is ``states``).

Each run is a fresh interpreter; baseline and subject runs alternate. Measured with a
warm cache of checked flows (``core.flows.cache``), as a user meets it from the second
run on; the notes give the cold figure too (the cache emptied before every run, outside
the timing). The cache lives in a temporary folder, found the way a user's is
(``platformdirs``, here through ``$XDG_CACHE_HOME``, Linux only), not through
``$WEGWIJZER_CACHE``, so its cost is measured too.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from benchmarks.report import Figure, ms
from benchmarks.timing import PYTHON, ROOT, Process, bench_env, interleaved, median, process

CHECK_TARGET = 1.5
ONE_MODEL = "from pydantic import BaseModel\nclass M(BaseModel):\n    a: int"
HEAVY = ("textual", "rich", "platformdirs", "hypothesis", "pygments", "markdown_it")
OWN = (
    "wegwijzer.core.records.record",
    "wegwijzer.core.records.drafts",
    "wegwijzer.core.records.privacy",
)


class Cold:
    """A process timer whose every run starts with an empty cache (emptied before the clock)."""

    def __init__(self, timer: Process, cache: Path) -> None:
        self.timer = timer
        self.cache = cache
        self.cpu = timer.cpu
        self.peak_mib = timer.peak_mib

    def __call__(self) -> float:
        shutil.rmtree(self.cache, ignore_errors=True)
        return self.timer()


def warm_up(env: dict[str, str]) -> None:
    """Fill the cache of checked flows, as any first start or ``wegwijzer check`` does."""
    command = [PYTHON, "-m", "wegwijzer", "check"]
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


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


def heavy_ones(modules: set[str]) -> str:
    heavy = sorted(name for name in modules if name.split(".")[0] in HEAVY or name in OWN)
    return ", ".join(heavy) or "none"


def check(runs: int) -> Figure:
    with tempfile.TemporaryDirectory() as data, tempfile.TemporaryDirectory() as caches:
        warm, cold = Path(caches) / "warm", Path(caches) / "cold"
        env = bench_env(WEGWIJZER_DATA=data, XDG_CACHE_HOME=str(warm))
        cold_env = {**env, "XDG_CACHE_HOME": str(cold)}
        command = [PYTHON, "-m", "wegwijzer", "check"]
        warm_up(env)
        timers = {
            "pydantic": process([PYTHON, "-c", "import pydantic"], env),
            "check": process(command, env),
            "cold": Cold(process(command, cold_env), cold),
            "one model": process([PYTHON, "-c", ONE_MODEL], env),
        }
        found = interleaved(timers, runs)
        modules = imported_modules(["-m", "wegwijzer", "check"], env)
        shutil.rmtree(cold, ignore_errors=True)
        cold_modules = imported_modules(["-m", "wegwijzer", "check"], cold_env)
    base, subject, floor = (median(found[k]) for k in ("pydantic", "check", "one model"))
    cold_check = median(found["cold"])
    cpu = {name: median(timer.cpu) for name, timer in timers.items()}
    notes = [
        "warm cache of checked flows: every file and the checker unchanged since the last "
        "clean check, so the output comes from the cache and pydantic is not imported",
        f"cold cache (a full check with pydantic, which then fills the cache): "
        f"{ms(cold_check)} ({cold_check / base:.2f}×; CPU time "
        f"{cpu['cold'] / cpu['pydantic']:.2f}×)",
        f"a process that defines one trivial pydantic model takes {ms(floor)} "
        f"({floor / base:.2f}× the baseline): the floor for any check that validates "
        "with pydantic",
        f"in CPU time (user + system) of the same runs: {cpu['check'] / cpu['pydantic']:.2f}× "
        f"(one model: {cpu['one model'] / cpu['pydantic']:.2f}×)",
        f"imports {len(modules)} modules (cold: {len(cold_modules)}); heavy or unneeded ones: "
        f"{heavy_ones(modules)} (cold: {heavy_ones(cold_modules)})",
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
