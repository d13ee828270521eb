"""One trainee's app process behind one websocket, and the watchdog that ends it.

textual-serve's ``AppService`` is not used: it starts its command through a shell,
prints the app's error output into the trainer's terminal, forwards ``open_url`` to
the browser, and waits forever for a process that ignores its quit message. A
``KlasSession`` starts ``python -m wegwijzer.klas.trainee`` in a process group of its
own (no shell), throws the error output away, drops ``open_url``, names downloads
itself, and hands its process to the ``Watchdog`` when the connection ends: quit, then
SIGTERM to the group, then SIGKILL, each after ``grace`` seconds.

The wire format is textual-serve's: to the app ``D``/``M`` + 4-byte length + payload;
from the app a ``__GANGLION__`` line, then ``D`` (screen), ``M`` (JSON meta) and ``P``
(packed download chunks) packets.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from typing import Any

from textual_serve._binary_encode import load as binary_load
from textual_serve.download_manager import DownloadManager

READY_LINE = b"__GANGLION__\n"
MAX_PACKET = 8 * 1024 * 1024
MAX_PRELUDE_LINES = 20
DOWNLOAD_TYPE = "application/toml"


def trainee_command() -> list[str]:
    return [sys.executable, "-m", "wegwijzer.klas.trainee"]


def session_environment(extra: dict[str, str], width: int, height: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.update(
        {
            "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
            "TEXTUAL_FPS": "30",  # half textual-serve's 60: a class of 40 on one machine
            "TEXTUAL_COLOR_SYSTEM": "truecolor",
            "TERM_PROGRAM": "textual",
            "TERM_PROGRAM_VERSION": version("textual-serve"),
            "COLUMNS": str(width),
            "ROWS": str(height),
        }
    )
    env.update(extra)
    return env


def download_name(stem: str) -> str:
    """The file name a browser saves a result under: safe in a header and on any disk."""
    safe = re.sub(r"[^a-z0-9-]+", "-", stem.lower()).strip("-")[:120]
    return f"{safe or 'resultaat'}.toml"


def packet(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "big") + payload


class KlasSession:
    """The process of one browser tab; ``send_*`` to it, its screen goes to ``write_*``."""

    def __init__(
        self,
        command: list[str],
        environment: dict[str, str],
        downloads: DownloadManager,
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[Any]],
    ) -> None:
        self.app_service_id = uuid.uuid4().hex  # DownloadManager's name for its owner
        self.command = command
        self.environment = environment
        self.downloads = downloads
        self._write_bytes = write_bytes
        self._write_str = write_str
        self._close = close
        self.process: asyncio.subprocess.Process | None = None
        self._reader: asyncio.Task[None] | None = None
        self.ended_at: float | None = None  # when the connection ended (watchdog's clock)
        self.signalled: int | None = None  # the last signal the watchdog sent

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,  # may hold a trainee's text; never shown
            env=self.environment,
            start_new_session=True,  # its own process group: the watchdog ends it whole
        )
        self._reader = asyncio.create_task(self._read())

    async def _send(self, kind: bytes, payload: bytes) -> bool:
        process = self.process
        if process is None or process.stdin is None or process.returncode is not None:
            return False
        try:
            process.stdin.write(packet(kind, payload))
            await process.stdin.drain()
        except (OSError, RuntimeError):
            return False
        return True

    async def send_bytes(self, data: bytes) -> bool:
        return await self._send(b"D", data)

    async def send_meta(self, data: dict[str, Any]) -> bool:
        return await self._send(b"M", json.dumps(data).encode("utf-8"))

    async def _read(self) -> None:
        process = self.process
        assert process is not None and process.stdout is not None
        stdout = process.stdout
        with contextlib.suppress(
            asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError, ValueError
        ):
            for _ in range(MAX_PRELUDE_LINES):
                line = await stdout.readline()
                if not line or line == READY_LINE:
                    break
            while True:
                kind = await stdout.readexactly(1)
                size = int.from_bytes(await stdout.readexactly(4), "big")
                if size > MAX_PACKET:
                    break
                payload = await stdout.readexactly(size)
                await self._on_packet(kind, payload)
        with contextlib.suppress(Exception):
            await self._close()

    async def _on_packet(self, kind: bytes, payload: bytes) -> None:
        if kind == b"D":
            await self._write_bytes(payload)
        elif kind == b"M":
            await self._on_meta(json.loads(payload))
        elif kind == b"P":
            unpacked = binary_load(payload)
            if (
                isinstance(unpacked, list | tuple)
                and len(unpacked) == 3
                and unpacked[0] == "deliver_chunk"
            ):
                await self.downloads.chunk_received(str(unpacked[1]), unpacked[2])

    async def _on_meta(self, meta: dict[str, Any]) -> None:
        kind = meta.get("type")
        if kind == "exit":
            await self._close()
        elif kind == "deliver_file_start":
            key = str(meta.get("key", ""))
            name = download_name(str(meta.get("name") or ""))
            await self.downloads.create_download(
                app_service=self,  # type: ignore[arg-type]  # duck-typed: id and send_meta
                delivery_key=key,
                file_name=name,
                open_method="download",
                mime_type=DOWNLOAD_TYPE,
                encoding=None,
                name=None,
            )
            await self._write_str(json.dumps(["deliver_file_start", key]))
        # "open_url" and anything else: dropped; a session never opens another page.

    async def disconnect(self) -> None:
        """The connection ended: ask the app to quit; the watchdog does the rest."""
        self.ended_at = time.monotonic()
        await self.downloads.cancel_app_downloads(app_service_id=self.app_service_id)
        await self.send_meta({"type": "quit"})
        if self.process is not None and self.process.stdin is not None:
            with contextlib.suppress(OSError, RuntimeError):
                self.process.stdin.close()

    def signal_group(self, number: int) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        self.signalled = number
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, number)


class Watchdog:
    """Ends session processes that outlive their connection: SIGTERM, then SIGKILL."""

    def __init__(self, grace: float, tick: float = 0.25) -> None:
        self.grace = grace
        self.tick = tick
        self.ended: set[KlasSession] = set()

    def watch(self, session: KlasSession) -> None:
        if session.ended_at is None:
            session.ended_at = time.monotonic()
        self.ended.add(session)

    def sweep(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        for session in list(self.ended):
            if not session.alive:
                self.ended.discard(session)
                continue
            waited = now - (session.ended_at or now)
            if waited >= 2 * self.grace:
                session.signal_group(signal.SIGKILL)
            elif waited >= self.grace and session.signalled is None:
                session.signal_group(signal.SIGTERM)

    async def run(self) -> None:
        while True:
            self.sweep()
            await asyncio.sleep(self.tick)

    async def end_all(self, sessions: list[KlasSession]) -> None:
        """At the end of the class: every process gone, within two graces."""
        for session in sessions:
            self.watch(session)
        deadline = time.monotonic() + 2 * self.grace + 2.0
        while any(s.alive for s in self.ended) and time.monotonic() < deadline:
            self.sweep()
            await asyncio.sleep(min(self.tick, 0.1))
        for session in list(self.ended):
            session.signal_group(signal.SIGKILL)
            if session.process is not None:
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(session.process.wait(), 2.0)
