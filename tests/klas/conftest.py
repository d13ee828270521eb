"""Fixtures for the classroom tests: a server on a loopback port, clients, fake sessions.

Every server binds 127.0.0.1 on a free port; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

pytest.importorskip("textual_serve", reason="the classroom extra (wegwijzer[klas]) is missing")

import aiohttp

from wegwijzer.klas.access import AccessGate
from wegwijzer.klas.server import KlasServer, ServerThread
from wegwijzer.klas.settings import KlasSettings

CODE = "48172096"

# A session process that speaks just enough of the protocol and quits when its stdin closes.
FAKE_APP = [
    sys.executable,
    "-c",
    "import sys,time\n"
    "out=sys.stdout.buffer\n"
    "out.write(b'__GANGLION__\\n'+b'D'+(5).to_bytes(4,'big')+b'hallo');out.flush()\n"
    "while sys.stdin.buffer.read(4096): pass\n",
]
# One that ignores its quit message, a closed stdin and SIGTERM (the resize-then-disconnect case).
STUBBORN_APP = [
    sys.executable,
    "-c",
    "import signal,sys,time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "out=sys.stdout.buffer\n"
    "out.write(b'__GANGLION__\\n'+b'D'+(5).to_bytes(4,'big')+b'hallo');out.flush()\n"
    "end=time.monotonic()+60\n"
    "while time.monotonic()<end: time.sleep(0.05)\n",
]


class Running:
    """A started server: its address, and helpers for clients."""

    def __init__(self, server: KlasServer, thread: ServerThread) -> None:
        self.server = server
        self.thread = thread
        self.base = f"http://127.0.0.1:{server.port}"
        self.ws_url = f"ws://127.0.0.1:{server.port}/ws"

    def client(self) -> aiohttp.ClientSession:
        # aiohttp keeps no cookies for IP hosts unless told; browsers do.
        return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def login(
        self, client: aiohttp.ClientSession, code: str = CODE
    ) -> aiohttp.ClientResponse:
        return await client.post(f"{self.base}/toegang", data={"code": code}, allow_redirects=False)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own: nothing lands in the real one, and a test can see
    that nothing landed in it at all."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / "Downloads"))
    return home


@pytest.fixture
def results(tmp_path: Path) -> Path:
    folder = tmp_path / "resultaten"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def start_server(results: Path) -> Iterator[Callable[..., Running]]:
    started: list[ServerThread] = []

    def start(command: list[str] | None = None, **options: object) -> Running:
        settings = KlasSettings(results=results, port=0, **options)  # type: ignore[arg-type]
        server = KlasServer(settings, AccessGate(CODE), command=command)
        thread = ServerThread(server)
        thread.start()
        started.append(thread)
        return Running(server, thread)

    yield start
    for thread in started:
        thread.stop()


def wait_until(condition: Callable[[], bool], limit: float = 20.0) -> bool:
    """Poll ``condition`` until true or ``limit`` seconds pass (a bound, not an assertion)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


async def wait_until_async(condition: Callable[[], bool], limit: float = 20.0) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()
