"""The class's web server: the code form, the page, the websocket per trainee.

Built on aiohttp with textual-serve's bundled JavaScript, CSS and font, but its own
routes and rules: every browser is hostile. The page and the socket need the cookie
bought with the access code; a socket from another Origin, or a Host that is no
address of this machine (DNS rebinding), is refused; at most ``max_sessions`` run; an
idle session ends; only four static files are served, never a listing. The server
runs in a thread of its own (``ServerThread``) so the class view keeps the terminal.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import threading
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.download_manager import DownloadManager

from wegwijzer.klas.access import AccessGate
from wegwijzer.klas.page import SECURITY_HEADERS, code_page, refusal_page, terminal_page
from wegwijzer.klas.sessions import KlasSession, Watchdog, session_environment, trainee_command
from wegwijzer.klas.settings import KlasSettings

COOKIE = "wegwijzer_klas"
STATIC = Path(str(files("textual_serve"))) / "static"
STATIC_FILES = {
    "css/xterm.css": "text/css",
    "js/textual.js": "text/javascript",
    "fonts/RobotoMono-VariableFont_wght.ttf": "font/ttf",
    "fonts/RobotoMono-Italic-VariableFont_wght.ttf": "font/ttf",
}
MAX_MESSAGE = 64 * 1024  # one websocket message from a browser
MAX_FORM = 4 * 1024
WRONG_CODE = "Deze toegangscode klopt niet. Kijk nog eens naar het scherm van de trainer."
TOO_MANY = "Te veel onjuiste codes. Wacht een minuut en probeer het dan opnieuw."
FULL = "De klas is vol: er kunnen niet meer deelnemers bij. Vraag de trainer om hulp."
ENDED = "De trainer heeft de klas beëindigd."


def _clamp(text: str, default: int, low: int, high: int) -> int:
    try:
        value = int(text[:6])
    except ValueError:
        return default
    return max(low, min(high, value))


class KlasServer:
    """One class: its gate, its sessions, its watchdog; ``start`` in a running loop."""

    def __init__(
        self, settings: KlasSettings, gate: AccessGate, command: list[str] | None = None
    ) -> None:
        self.settings = settings
        self.gate = gate
        self.command = command or trainee_command()
        self.downloads = DownloadManager()
        self.watchdog = Watchdog(settings.grace_seconds)
        self.sessions: set[KlasSession] = set()
        self.sockets: set[web.WebSocketResponse] = set()
        self.closing = False
        self.port = settings.port
        self._runner: web.AppRunner | None = None
        self._watch_task: asyncio.Task[None] | None = None

    # --- the rules --------------------------------------------------------------

    @property
    def running(self) -> int:
        """Session processes alive or still being ended: what counts against the cap."""
        return len(self.sessions) + len(self.watchdog.ended)

    def host_allowed(self, request: web.Request) -> bool:
        """A Host header naming this machine by address (or as configured), never a name
        that another site could point here (DNS rebinding)."""
        host = request.host
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        name = name.strip("[]").lower()
        if name in ("localhost", self.settings.host.lower()):
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True

    def origin_allowed(self, request: web.Request, *, required: bool) -> bool:
        origin = request.headers.get("Origin")
        if origin is None:
            return not required
        return origin == f"http://{request.host}"

    def admitted(self, request: web.Request) -> bool:
        return self.gate.admits(request.cookies.get(COOKIE))

    # --- routes -----------------------------------------------------------------

    def web_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_FORM, middlewares=[self._guard])
        app.add_routes(
            [
                web.get("/", self.index),
                web.post("/toegang", self.enter),
                web.get("/ws", self.websocket),
                web.get("/download/{key}", self.download),
                web.get("/static/{name:.+}", self.static),
                web.get("/favicon.ico", self.no_icon),
            ]
        )
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if not self.host_allowed(request):
            return self._html(
                refusal_page("Onbekend adres", "Gebruik het adres van de trainer."), 400
            )
        try:
            response: web.StreamResponse = await handler(request)
        except web.HTTPException as error:
            for name, value in SECURITY_HEADERS.items():
                error.headers.setdefault(name, value)
            raise
        if not response.prepared:
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    @staticmethod
    def _html(text: str, status: int = 200) -> web.Response:
        return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")

    async def index(self, request: web.Request) -> web.Response:
        if self.closing:
            return self._html(refusal_page("Klas beëindigd", ENDED), 410)
        if not self.admitted(request):
            return self._html(code_page())
        if self.running >= self.settings.max_sessions:
            return self._html(refusal_page("De klas is vol", FULL), 503)
        size = _clamp(request.query.get("fontsize", "16"), 16, 8, 40)
        return self._html(terminal_page(f"ws://{request.host}/ws", size))

    async def enter(self, request: web.Request) -> web.Response:
        if not self.origin_allowed(request, required=False):
            return self._html(
                refusal_page("Geweigerd", "Dit formulier komt niet van deze klas."), 403
            )
        client = request.remote or "?"
        if self.gate.blocked(client):
            return self._html(code_page(TOO_MANY), 429)
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            return self._html(code_page(WRONG_CODE), 400)
        typed = form.get("code", "")
        token = self.gate.try_code(client, typed if isinstance(typed, str) else "")
        if token is None:
            blocked = self.gate.blocked(client)
            return self._html(
                code_page(TOO_MANY if blocked else WRONG_CODE), 429 if blocked else 403
            )
        response = web.Response(status=303, headers={"Location": "/"})
        response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
        return response

    async def no_icon(self, request: web.Request) -> web.Response:
        return web.Response(status=204)  # a browser asks; an empty answer, not an error

    async def static(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        kind = STATIC_FILES.get(name)
        if kind is None:
            raise web.HTTPNotFound(text="Niet gevonden.")
        response = web.FileResponse(STATIC / name, headers={"Content-Type": kind})
        return response

    async def download(self, request: web.Request) -> web.StreamResponse:
        if not self.admitted(request):
            raise web.HTTPForbidden(text="Geen toegang.")
        key = request.match_info["key"][:100]
        try:
            meta = await self.downloads.get_download_metadata(key)
        except KeyError:
            raise web.HTTPNotFound(text="Niet gevonden.") from None
        response = web.StreamResponse(
            headers={
                "Content-Type": meta.mime_type,
                "Content-Disposition": f'attachment; filename="{meta.file_name}"',
                **SECURITY_HEADERS,
            }
        )
        await response.prepare(request)
        async for chunk in self.downloads.download(key):
            await response.write(chunk)
        await response.write_eof()
        return response

    async def websocket(self, request: web.Request) -> web.StreamResponse:
        if not self.origin_allowed(request, required=True):
            raise web.HTTPForbidden(text="Verkeerde herkomst.")
        if not self.admitted(request):
            raise web.HTTPForbidden(text="Geen toegang.")
        if self.closing:
            raise web.HTTPGone(text=ENDED)
        if self.running >= self.settings.max_sessions:
            raise web.HTTPServiceUnavailable(text=FULL)
        socket = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_MESSAGE)
        await socket.prepare(request)
        width = _clamp(request.query.get("width", "80"), 80, 20, 400)
        height = _clamp(request.query.get("height", "24"), 24, 10, 200)
        env = session_environment(self.settings.to_environment(), width, height)
        session = KlasSession(
            self.command,
            env,
            self.downloads,
            write_bytes=socket.send_bytes,
            write_str=socket.send_str,
            close=socket.close,
        )
        self.sessions.add(session)
        self.sockets.add(socket)
        try:
            await session.start()
            await self._relay(socket, session)
        finally:
            self.sockets.discard(socket)
            self.sessions.discard(session)
            self.watchdog.watch(session)
            with contextlib.suppress(Exception):
                await session.disconnect()
            if not socket.closed:
                with contextlib.suppress(Exception):
                    await socket.close()
        return socket

    async def _relay(self, socket: web.WebSocketResponse, session: KlasSession) -> None:
        """Browser -> app until the socket closes or the session is idle too long."""
        idle = self.settings.idle_seconds
        loop = asyncio.get_running_loop()
        last_activity = loop.time()
        while not socket.closed:
            left = last_activity + idle - loop.time()
            if left <= 0:
                await socket.close(code=4000, message=b"inactief")
                return
            try:
                message = await socket.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return
            if message.type == WSMsgType.ERROR:
                return
            if message.type != WSMsgType.TEXT:
                continue
            if await self._handle(socket, session, message.data):
                last_activity = loop.time()

    async def _handle(self, socket: web.WebSocketResponse, session: KlasSession, data: str) -> bool:
        """One browser message; True when it was a trainee's doing (keys, a resize)."""
        try:
            envelope = json.loads(data)
        except (ValueError, RecursionError):
            return False
        if not isinstance(envelope, list) or not 1 <= len(envelope) <= 2:
            return False
        kind, value = envelope[0], envelope[1] if len(envelope) == 2 else None
        if not isinstance(kind, str):
            return False
        if kind == "stdin" and isinstance(value, str):
            await session.send_bytes(value.encode("utf-8", "replace"))
            return True
        if kind == "resize" and isinstance(value, dict):
            width = _clamp(str(value.get("width", "")), 80, 20, 400)
            height = _clamp(str(value.get("height", "")), 24, 10, 200)
            await session.send_meta({"type": "resize", "width": width, "height": height})
            return True
        if kind == "ping" and isinstance(value, str) and len(value) <= 32:
            await socket.send_json(["pong", value])
        elif kind in ("blur", "focus"):
            await session.send_meta({"type": kind})
        return False

    # --- start and stop ---------------------------------------------------------

    async def start(self) -> tuple[str, int]:
        self._runner = web.AppRunner(self.web_app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        await site.start()
        server = site._server
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else self.settings.port
        self._watch_task = asyncio.create_task(self.watchdog.run())
        return self.settings.host, self.port

    def bound_addresses(self) -> Iterator[str]:
        site_sockets = []
        if self._runner is not None:
            for site in self._runner.sites:
                server = getattr(site, "_server", None)
                site_sockets += list(getattr(server, "sockets", None) or [])
        for sock in site_sockets:
            yield str(sock.getsockname()[0])

    async def end_class(self) -> None:
        """No new sessions; every socket closed; every process ended (results stay)."""
        self.closing = True
        for socket in list(self.sockets):
            with contextlib.suppress(Exception):
                await socket.close(code=1001, message="klas beëindigd".encode())
        await self.watchdog.end_all(list(self.sessions))

    async def close(self) -> None:
        await self.end_class()
        if self._watch_task is not None:
            self._watch_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch_task
        if self._runner is not None:
            await self._runner.cleanup()


class ServerThread:
    """``KlasServer`` in a thread with its own event loop (the terminal is the view's)."""

    def __init__(self, server: KlasServer) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="klas-server", daemon=True)
        self._ready = threading.Event()
        self.error: BaseException | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.start())
        except BaseException as error:  # reported by start() in the caller's thread
            self.error = error
            # Closed here, in its own thread: left to the garbage collector at exit, an
            # unclosed loop may be finalised after its pipe, and prints a traceback.
            self.loop.close()
            self._ready.set()
            return
        self._ready.set()
        self.loop.run_forever()
        self.loop.close()

    def start(self) -> tuple[str, int]:
        self._thread.start()
        self._ready.wait(30)
        if self.error is not None:
            raise self.error
        return self.server.settings.host, self.server.port

    def call(self, coroutine: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def end_class(self) -> None:
        with contextlib.suppress(Exception):
            self.call(self.server.end_class())

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        with contextlib.suppress(Exception):
            self.call(self.server.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
