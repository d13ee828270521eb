"""Figure 7, the classroom: time to the first frame in a browser and memory per session.

A class server on 127.0.0.1 with the real trainee app; headless Chromium (the Debian
package, through playwright's ``executable_path``) opens 1, then 20 tabs at once. The
time per tab runs from its ``goto`` to the terminal's first bytes (textual.js marks the
page ``-first-byte``); tabs are awaited in order, so a later tab's time is an upper
bound. Memory is each session process's PSS (shared pages split between the sessions
that share them) and RSS, read from /proc once all 20 have drawn. Bounded: every wait
has a limit, and the whole figure takes well under a minute on two cores.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.report import Figure

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CODE = "48172096"
TABS = (1, 20)
FIRST_FRAME_TARGET = {1: 5.0, 20: 30.0}  # seconds, worst tab
MEMORY_TARGET_MIB = 80.0


def missing() -> str | None:
    if shutil.which("chromium") is None and not Path(CHROMIUM).is_file():
        return "no chromium (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
        import textual_serve  # noqa: F401
    except ImportError as error:
        return f"missing package {error.name} (make bench installs wegwijzer[klas,test])"
    return None


def _kib(pid: int, field: str, name: str) -> int:
    try:
        text = Path(f"/proc/{pid}/{name}").read_text(encoding="utf-8")
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(runs: int) -> list[Figure]:
    reason = missing()
    if reason is not None:
        return [Figure("7. klas", "—", "—", None, "—", True, [f"not measured: {reason}"])]
    from playwright.sync_api import sync_playwright

    from wegwijzer.klas.access import AccessGate
    from wegwijzer.klas.server import KlasServer, ServerThread
    from wegwijzer.klas.settings import KlasSettings

    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        settings = KlasSettings(results=Path(folder), port=0, max_sessions=max(TABS) + 2)
        server = KlasServer(settings, AccessGate(CODE))
        thread = ServerThread(server)
        thread.start()
        base = f"http://127.0.0.1:{server.port}"
        try:
            with sync_playwright() as playwright:
                path = CHROMIUM if Path(CHROMIUM).is_file() else str(shutil.which("chromium"))
                browser = playwright.chromium.launch(
                    executable_path=path, headless=True, args=LAUNCH_ARGS
                )
                context = browser.new_context(viewport={"width": 1000, "height": 700})
                login = context.new_page()
                login.goto(base + "/")
                login.fill("#code", CODE)
                login.click("button[type=submit]")
                login.wait_for_selector("body.-first-byte", state="attached", timeout=30_000)
                login.close()
                _wait_for(lambda: server.running == 0, 15)
                for tabs in TABS:
                    times, pss, rss = _open_tabs(context, base, server, tabs)
                    worst = max(times)
                    target = FIRST_FRAME_TARGET[tabs]
                    figures.append(
                        Figure(
                            f"7{'ab'[TABS.index(tabs)]}. klas: eerste beeld, {tabs} tab(s)",
                            f"{statistics.median(times):.2f} s",
                            "—",
                            None,
                            f"slechtste ≤ {target:.0f} s",
                            worst <= target,
                            [f"slechtste tab {worst:.2f} s; van goto tot de eerste bytes"],
                        )
                    )
                    if tabs == max(TABS):
                        per = statistics.median(pss) / 1024
                        figures.append(
                            Figure(
                                "7c. klas: geheugen per sessie",
                                f"{per:.0f} MiB PSS",
                                f"{statistics.median(rss) / 1024:.0f} MiB RSS",
                                None,
                                f"≤ {MEMORY_TARGET_MIB:.0f} MiB PSS",
                                per <= MEMORY_TARGET_MIB,
                                [
                                    f"mediaan over {len(pss)} sessieprocessen; "
                                    f"{tabs} sessies samen {sum(pss) / 1024:.0f} MiB PSS"
                                ],
                            )
                        )
                browser.close()
        finally:
            thread.stop()
    return figures


def _wait_for(condition, limit: float) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def _open_tabs(context, base: str, server, tabs: int) -> tuple[list[float], list[int], list[int]]:  # type: ignore[no-untyped-def]
    pages = [context.new_page() for _ in range(tabs)]
    started = []
    for page in pages:
        started.append(time.perf_counter())
        page.goto(base + "/", wait_until="commit")
    times = []
    for page, start in zip(pages, started, strict=True):
        page.wait_for_selector("body.-first-byte", state="attached", timeout=60_000)
        times.append(time.perf_counter() - start)
    time.sleep(1.0)  # the first screen drawn in full, not just its first bytes
    pids = [s.process.pid for s in list(server.sessions) if s.process is not None]
    pss = [_kib(pid, "Pss", "smaps_rollup") for pid in pids]
    rss = [_kib(pid, "VmRSS", "status") for pid in pids]
    for page in pages:
        page.close()
    _wait_for(lambda: server.running == 0, 30)
    return times, pss, rss
