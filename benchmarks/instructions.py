"""Instructions until the frame that counts: the same number on every run.

On a shared machine the wall and CPU time of one start-up vary by a third from run to
run (the CPU's own speed changes), so a ratio of medians moves by ±0.1 between two
runs of ``make bench``. The number of machine instructions a process executes does not:
Valgrind's callgrind counts them, in user space, whatever else the machine does. It
runs the probe about fifty times slower, so each state is counted once; where Valgrind
is not installed the figure says so and nothing is counted.

Instructions are not time (a cache miss or a system call costs no instructions), so
the targets stay ratios of time; the counts say whether a change made the work smaller,
and by how much, when the time cannot tell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence

from benchmarks.timing import ROOT

TIMEOUT = 600
_COLLECTED = re.compile(r"Collected : (\d+)")


def count(argv: Sequence[str], env: Mapping[str, str]) -> int | None:
    """The instructions ``argv`` executes until it exits; None without Valgrind or when the
    process fails."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    command = [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv]
    try:
        result = subprocess.run(
            command,
            # A fixed hash seed: with a random one, two counts of one tree differ by up
            # to 1 M (the order of sets and dicts of strings); with it, by thousands.
            env={**env, "PROBE_TIMEOUT": str(TIMEOUT), "PYTHONHASHSEED": "0"},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    found = _COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        return None
    return int(found.group(1))
