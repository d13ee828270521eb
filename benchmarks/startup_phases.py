"""Where start-up time goes: imports, building the app, ``run()`` to the first frame.

``python -m benchmarks.startup_phases [RUNS]`` runs the bare app and the wegwijzer
(warm cache) in turn, each in a fresh interpreter, and prints the median of each phase
in milliseconds. A diagnostic for docs/performance.md, figure 1; not part of
``make bench``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import PYTHON, ROOT, bench_env, median

PROBE = r"""
import os, sys, time
start = time.perf_counter()
which = sys.argv[1]
import startup_probe as probe
if which == "bare":
    from textual.app import App
    from textual.widgets import Footer, Header, Static
else:
    import wegwijzer.tui.app
imported = time.perf_counter()
app, is_home = probe.wegwijzer_app() if which == "wegwijzer" else probe.bare_app()
built = time.perf_counter()
original = app._display

def display(screen, renderable):
    original(screen, renderable)
    if renderable is not None and not app._batch_count and is_home(screen):
        shown = time.perf_counter()
        phases = (imported - start, built - imported, shown - built)
        os.write(1, " ".join(f"{1000 * p:.2f}" for p in phases).encode())
        os._exit(0)

app._display = display
app.run(headless=True, size=(80, 24))
"""
PHASES = ("imports", "building the app", "run() to the first frame")


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = bench_env(WEGWIJZER_DATA=folder, XDG_CACHE_HOME=str(Path(folder) / "cache"))
        env["PYTHONPATH"] = str(ROOT / "benchmarks")
        command = [PYTHON, "-m", "wegwijzer", "check"]  # fills the cache, writes bytecode
        subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        found: dict[str, list[list[float]]] = {"bare": [], "wegwijzer": []}
        for _ in range(runs):
            for which, rows in found.items():
                done = subprocess.run(
                    [PYTHON, "-c", PROBE, which],
                    env=env,
                    cwd=ROOT,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                rows.append([float(part) for part in done.stdout.split()])
    for index, phase in enumerate(PHASES):
        bare, ours = (median([row[index] for row in found[w]]) for w in found)
        print(f"{phase:<26} bare {bare:6.1f} ms   wegwijzer {ours:6.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
