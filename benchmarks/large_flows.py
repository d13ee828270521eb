"""Figure 3: load and check generated flows of 1,000, 10,000 and 50,000 steps.

``load_flow_bytes`` (parse, validate, check, hash) against ``tomllib.loads`` of the
same text, in CPU time; the checks are linear, so the ratio should not grow with the size.
Peak memory comes from a separate process per side (peak RSS before and after).
"""

from __future__ import annotations

import gc
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.generate import flow_text
from benchmarks.report import Figure, ms
from benchmarks.timing import PYTHON, ROOT, bench_env, interleaved, median, timed

SIZES = (1_000, 10_000, 50_000)
CPU = time.process_time  # seconds-long, single-threaded work: CPU time is the steadier clock
TARGET = 2.0


def _runs(size: int, runs: int) -> int:
    """More rounds for the small flows (cheap, and noisier), at least 5 for the largest."""
    if size <= 1_000:
        return runs * 4
    return runs if size <= 10_000 else max(5, runs // 2)


def _without_collector(work: Callable[[str], object], text: str) -> object:
    gc.disable()
    try:
        return work(text)
    finally:
        gc.enable()


def peak_memory(flow: Path, side: str) -> float:
    """MiB the peak resident set of a fresh process grows by while it reads ``flow``."""
    result = subprocess.run(
        [PYTHON, "-m", "benchmarks.large_flows", str(flow), side],
        env=bench_env(),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout)["mib"])


def measure(runs: int) -> list[Figure]:
    from wegwijzer.core.flows.catalog import load_sources
    from wegwijzer.core.flows.check import load_flow_bytes

    sources, problems = load_sources(ROOT / "flows")
    if problems:
        raise RuntimeError(f"sources do not load: {problems}")
    figures = []
    for size in SIZES:
        text = flow_text(size)
        data = text.encode("utf-8")
        path = Path(f"groot-{size}.toml")
        found = interleaved(
            {
                "tomllib": timed(partial(tomllib.loads, text), CPU),
                "load": timed(partial(load_flow_bytes, data, str(path), sources, path), CPU),
                "tomllib, no gc": timed(partial(_without_collector, tomllib.loads, text), CPU),
            },
            _runs(size, runs),
        )
        base, subject = median(found["tomllib"]), median(found["load"])
        fair = subject / median(found["tomllib, no gc"])
        with tempfile.TemporaryDirectory() as folder:
            flow = Path(folder) / path.name
            flow.write_bytes(data)
            memory = peak_memory(flow, "load"), peak_memory(flow, "tomllib")
        figures.append(
            Figure(
                f"3. load + check, {size:,} steps",
                ms(subject),
                f"{ms(base)} `tomllib.loads`",
                subject / base,
                f"≤ {TARGET}×",
                subject / base <= TARGET,
                [
                    f"{len(data) / 2**20:.1f} MiB of TOML; CPU time; {fair:.2f}× `tomllib.loads` "
                    "run with the garbage collector paused as the load runs it; peak memory "
                    f"{memory[0]:.0f} MiB (`tomllib.loads` alone: {memory[1]:.0f} MiB)"
                ],
            )
        )
    return figures


def _memory_probe(flow: Path, side: str) -> None:
    """In a child process: read one flow file and print how far the peak RSS rose."""
    from wegwijzer.core.flows.catalog import load_sources
    from wegwijzer.core.flows.check import load_flow_bytes

    sources, _ = load_sources(ROOT / "flows")
    data = flow.read_bytes()
    text = data.decode("utf-8") if side == "tomllib" else ""
    before = _peak_kib()
    if side == "load":
        load_flow_bytes(data, flow.name, sources, flow)
    else:
        tomllib.loads(text)
    print(json.dumps({"mib": (_peak_kib() - before) / 1024}))


def _peak_kib() -> int:
    """This process's peak resident set, in KiB.

    VmHWM where there is /proc: ``ru_maxrss`` survives exec, so a child started by a
    large benchmark process would report the parent's peak.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    found = re.search(r"^VmHWM:\s*(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) if found else 0


if __name__ == "__main__":
    _memory_probe(Path(sys.argv[1]), sys.argv[2])
