"""Figure 1, whole processes: the start in the states people are really in.

The home screen's first frame with 0, 1 and 50 drafts saved (made here, by walking the
shipped flow as a user does); ``wegwijzer run FLOW`` until the first step is on screen;
the home screen with Enter pressed the moment it appears, until the first step is on
screen; and the peak memory at the home screen and at the first step. Every row is a
ratio against a bare Textual app's first frame measured in the same run, interleaved
(``startup_probe``). All with a warm cache of checked flows, as a user meets them
from the second start on; the notes give a cold start too. The cache lives in a
temporary folder found the way a user's is (``platformdirs``, here through
``$XDG_CACHE_HOME``, Linux only), so its cost is measured too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks import instructions
from benchmarks.processes import Cold, warm_up
from benchmarks.report import Figure, ms
from benchmarks.timing import PYTHON, ROOT, Process, bench_env, interleaved, median, process

PROBE = str(Path(__file__).resolve().parent / "startup_probe.py")
FLOW = "zorgen-over-een-minderjarige"
HOME_TARGET = 1.10
RUN_TARGET = 1.35
ENTER_TARGET = 1.6
HOME_MEMORY_TARGET = 1.15
STEP_MEMORY_TARGET = 1.3
MANY_DRAFTS = 50


@contextmanager
def environment(**values: str) -> Iterator[None]:
    old = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def make_drafts(folder: Path, count: int, cache: Path) -> None:
    """``count`` drafts of the shipped flow in ``folder``, as the app saves them: each a
    walk of 1 to 8 answers (the first option each time), one in four with a note. The
    app vouches for each draft it saves in its cache folder (``core.records.vouch``):
    ``cache`` is the one the measured processes find (``$XDG_CACHE_HOME``)."""
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.records.drafts import save_draft
    from wegwijzer.core.walk.session import Session
    from wegwijzer.tui.render import answer_from

    loaded = load_catalog(ROOT / "flows").find(FLOW)
    if loaded is None:
        raise RuntimeError(f"flow {FLOW} not found")
    with environment(WEGWIJZER_DATA=str(folder), WEGWIJZER_CACHE=str(cache / "wegwijzer")):
        for number in range(count):
            session = Session(loaded, case_ref=f"casus-{number}" if number % 3 else "")
            for answered in range(1 + number % 8):
                if session.finished:
                    break
                if number % 4 == 0 and answered == 0:
                    session.set_note(session.current_id, "Gesprek met de mentor gepland.")
                session.answer(answer_from(session.current, (0,)))
            save_draft(session)


# Counted once each under Valgrind (``benchmarks/instructions.py``): name, probe, drafts.
COUNTED = (
    ("bare", "bare", 0),
    ("home 0", "wegwijzer", 0),
    ("home 1", "wegwijzer", 1),
    ("home 50", "wegwijzer", MANY_DRAFTS),
    ("run", "run", 1),
    ("enter", "enter", 1),
)


def _ratio(subject: float, base: float) -> str:
    return f"{subject / base:.2f}×"


def measure(runs: int) -> list[Figure]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = {count: root / f"data-{count}" for count in (0, 1, MANY_DRAFTS)}
        warm, cold = root / "warm", root / "cold"
        for count, folder in folders.items():
            folder.mkdir()
            make_drafts(folder, count, warm)

        def env(drafts: int, cache: Path = warm) -> dict[str, str]:
            return bench_env(
                WEGWIJZER_DATA=str(folders[drafts]), XDG_CACHE_HOME=str(cache), PROBE_FLOW=FLOW
            )

        warm_up(env(0))
        timers: dict[str, Process | Cold] = {
            "bare": process([PYTHON, PROBE, "bare"], env(0)),
            "home 0": process([PYTHON, PROBE, "wegwijzer"], env(0)),
            "home 1": process([PYTHON, PROBE, "wegwijzer"], env(1)),
            "home 50": process([PYTHON, PROBE, "wegwijzer"], env(MANY_DRAFTS)),
            "run": process([PYTHON, PROBE, "run"], env(1)),
            "enter": process([PYTHON, PROBE, "enter"], env(1)),
            "cold": Cold(process([PYTHON, PROBE, "wegwijzer"], env(0, cold)), cold),
            "floor": process([PYTHON, PROBE, "floor"], env(0)),
            "listed": process([PYTHON, PROBE, "listed"], env(0)),
        }
        found = interleaved(timers, runs)
        counted = {
            name: instructions.count([PYTHON, PROBE, which], env(drafts))
            for name, which, drafts in COUNTED
        }
    wall = {name: median(values) for name, values in found.items()}
    cpu = {name: median(timer.cpu) for name, timer in timers.items()}
    peak = {name: median(timer.peak_mib) for name, timer in timers.items()}
    bare = wall["bare"]

    def cpu_note(name: str) -> str:
        return f"in CPU time (user + system) of the same runs: {_ratio(cpu[name], cpu['bare'])}"

    def instructions_note(name: str) -> str:
        subject, base = counted[name], counted["bare"]
        if subject is None or base is None:
            return "instructions: not counted (Valgrind is not installed, or the count failed)"
        return (
            f"instructions until that frame (Valgrind callgrind, the same on every run): "
            f"{subject / 1e6:.0f} M ({_ratio(subject, base)} the bare app's {base / 1e6:.0f} M)"
        )

    def memory_note(name: str) -> str:
        return f"peak memory {peak[name]:.1f} MiB ({_ratio(peak[name], peak['bare'])})"

    figures = []
    homes = [("home 0", "no drafts"), ("home 1", "1 draft"), ("home 50", f"{MANY_DRAFTS} drafts")]
    for index, (name, drafts) in enumerate(homes):
        notes = [cpu_note(name), instructions_note(name), memory_note(name)]
        if index == 0:
            notes = [
                "whole process, fresh interpreter per run, headless 80×24, until the first "
                "frame of the home screen (with its flow list) is composed; the bare app has a "
                "Header, a Static and a Footer; warm cache of checked flows (the flows are "
                "listed from it and checked right after the first frame); the drafts are made "
                f"by the benchmark: walks of 1 to 8 answers of `{FLOW}`",
                *notes,
                f"cold cache (a first start, or after a flow or the checker changed; the flows "
                f"are checked before the first frame): {ms(wall['cold'])} "
                f"({_ratio(wall['cold'], bare)})",
                f"the bare app after finding the flows in the cache takes {ms(wall['listed'])} "
                f"({_ratio(wall['listed'], bare)}): the floor for a home screen listed from "
                f"the cache; after loading and checking the catalog "
                f"{ms(wall['floor'])} ({_ratio(wall['floor'], bare)}): the floor while flows "
                "are checked before the first frame",
            ]
        figures.append(
            Figure(
                f"1{'abc'[index]}. home, first frame, {drafts}",
                ms(wall[name]),
                f"{ms(bare)} bare Textual app",
                wall[name] / bare,
                f"≤ {HOME_TARGET}×",
                wall[name] / bare <= HOME_TARGET,
                notes,
            )
        )
    for name, title, target, what in (
        (
            "run",
            f"1d. `wegwijzer run {FLOW}`, first step",
            RUN_TARGET,
            "the command as typed, until the first frame of the flow's first step",
        ),
        (
            "enter",
            "1e. home, Enter at once, first step",
            ENTER_TARGET,
            "Enter sent (as the terminal driver sends a key) the moment the home screen's "
            "first frame is composed, until the first frame of the first flow's first step",
        ),
    ):
        figures.append(
            Figure(
                title,
                ms(wall[name]),
                f"{ms(bare)} bare app, first frame",
                wall[name] / bare,
                f"≤ {target}×",
                wall[name] / bare <= target,
                [
                    f"{what}; 1 draft saved",
                    cpu_note(name),
                    instructions_note(name),
                    memory_note(name),
                    f"floor: the bare app after loading and checking the catalog (the flows' "
                    f"TOML and checks; pydantic only for bytes the cache does not vouch "
                    f"for), as every step of a checked flow needs, "
                    f"{ms(wall['floor'])} ({_ratio(wall['floor'], bare)})",
                ],
            )
        )
    for title, names, target in (
        ("1f. peak memory, home", ("home 0", "home 1", "home 50"), HOME_MEMORY_TARGET),
        ("1g. peak memory, first step", ("run", "enter"), STEP_MEMORY_TARGET),
    ):
        worst = max(names, key=lambda name: peak[name])
        figures.append(
            Figure(
                title,
                f"{peak[worst]:.1f} MiB",
                f"{peak['bare']:.1f} MiB bare app",
                peak[worst] / peak["bare"],
                f"≤ {target}×",
                peak[worst] / peak["bare"] <= target,
                [
                    "the peak resident set (VmHWM) of the process at that frame, the largest "
                    "of: " + ", ".join(f"{name} {peak[name]:.1f} MiB" for name in names),
                    f"the bare app after loading and checking the catalog: "
                    f"{peak['floor']:.1f} MiB ({_ratio(peak['floor'], peak['bare'])}); after "
                    f"finding the flows in the cache: {peak['listed']:.1f} MiB "
                    f"({_ratio(peak['listed'], peak['bare'])})",
                ],
            )
        )
    return figures
