"""Every safety rule of the class server, at the protocol level, with an aiohttp client."""

from __future__ import annotations

import asyncio
import json
import re
import signal
from html.parser import HTMLParser
from pathlib import Path

import aiohttp
import pytest

from conftest import CODE, FAKE_APP, STUBBORN_APP, Running, wait_until_async
from wegwijzer.klas import access
from wegwijzer.klas.access import AccessGate
from wegwijzer.klas.settings import DEFAULT_HOST, KlasSettings

# --- binding and the access code -----------------------------------------------------


def test_the_default_host_is_loopback_only(tmp_path: Path) -> None:
    assert DEFAULT_HOST == "127.0.0.1"
    assert KlasSettings(results=tmp_path).host == "127.0.0.1"


async def test_the_server_binds_loopback_unless_told(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    assert list(running.server.bound_addresses()) == ["127.0.0.1"]


async def test_without_the_code_there_is_no_page_and_no_socket(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        page = await client.get(running.base + "/")
        text = await page.text()
        assert page.status == 200
        assert 'action="/toegang"' in text
        assert 'id="terminal"' not in text and "/ws" not in text and "textual.js" not in text
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(running.ws_url, origin=running.base)
        assert refused.value.status == 403
        download = await client.get(running.base + "/download/iets")
        assert download.status == 403
    assert running.server.running == 0


@pytest.mark.parametrize("typed", [CODE, "4817-2096", " 4817 2096 ", "4817-2096\n"])
async def test_the_right_code_buys_a_cookie_for_page_and_socket(start_server, typed: str) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await running.login(client, typed)
        assert answer.status == 303
        cookie = answer.cookies["wegwijzer_klas"]
        assert cookie["httponly"] and cookie["samesite"] == "Strict"
        page = await (await client.get(running.base + "/")).text()
        assert f'data-session-websocket-url="{running.ws_url}"' in page
        async with client.ws_connect(running.ws_url, origin=running.base) as socket:
            message = await socket.receive(timeout=20)
            assert message.data == b"hallo"


async def test_a_wrong_code_is_refused_in_dutch(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await running.login(client, "1111-1111")
        assert answer.status == 403
        assert "klopt niet" in await answer.text()
        assert "wegwijzer_klas" not in answer.cookies


async def test_wrong_codes_are_rate_limited_even_before_the_right_one(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        statuses = [(await running.login(client, f"0000000{n}")).status for n in range(5)]
        assert statuses == [403, 403, 403, 403, 429]
        blocked = await running.login(client, CODE)
        assert blocked.status == 429
        assert "Te veel onjuiste codes" in await blocked.text()
        assert "wegwijzer_klas" not in blocked.cookies


def test_the_brake_lets_go_after_its_window() -> None:
    now = [0.0]
    gate = AccessGate(CODE, clock=lambda: now[0], max_tries=3, window=60)
    for _ in range(3):
        assert gate.try_code("10.0.0.5", "nee") is None
    assert gate.blocked("10.0.0.5") and gate.try_code("10.0.0.5", CODE) is None
    assert not gate.blocked("10.0.0.6")  # per address
    now[0] = 60.0
    assert not gate.blocked("10.0.0.5")
    assert gate.try_code("10.0.0.5", CODE) is not None


def test_the_code_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    real = access.hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    gate = AccessGate(CODE)
    assert gate.try_code("c", "1234") is None
    assert gate.try_code("c", CODE) is not None
    assert calls == [(b"1234", CODE.encode()), (CODE.encode(), CODE.encode())]


def test_a_cookie_is_only_one_the_gate_handed_out() -> None:
    gate = AccessGate(CODE)
    token = gate.try_code("c", CODE)
    assert gate.admits(token)
    assert not gate.admits(None) and not gate.admits("") and not gate.admits("x" * 10_000)
    assert not AccessGate(CODE).admits(token)  # another class


def test_fresh_codes_are_eight_digits_and_differ() -> None:
    codes = {access.new_code() for _ in range(50)}
    assert len(codes) > 45
    assert all(re.fullmatch(r"\d{8}", code) for code in codes)


# --- Origin and Host -------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin", ["http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1", "null", None]
)
async def test_the_socket_refuses_a_foreign_or_missing_origin(start_server, origin) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        await running.login(client)
        headers = {} if origin is None else {"Origin": origin}
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(running.ws_url, headers=headers)
        assert refused.value.status == 403
    assert running.server.running == 0


async def test_a_code_posted_from_another_site_is_refused(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await client.post(
            running.base + "/toegang",
            data={"code": CODE},
            headers={"Origin": "http://evil.example"},
            allow_redirects=False,
        )
        assert answer.status == 403 and "wegwijzer_klas" not in answer.cookies


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8321", "127.0.0.1.nip.io"])
async def test_a_host_name_that_is_no_address_here_is_refused(start_server, host: str) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding: a page of another site resolved to this machine."""
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await client.get(running.base + "/", headers={"Host": host})
        assert answer.status == 400


# --- sessions: the cap, idleness, the watchdog -------------------------------------------


async def test_at_most_max_sessions(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP, max_sessions=1, grace_seconds=0.3)
    async with running.client() as client:
        await running.login(client)
        first = await client.ws_connect(running.ws_url, origin=running.base)
        assert (await first.receive(timeout=20)).data == b"hallo"
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(running.ws_url, origin=running.base)
        assert refused.value.status == 503
        full = await client.get(running.base + "/")
        assert full.status == 503 and "De klas is vol" in await full.text()
        await first.close()
        assert await wait_until_async(lambda: running.server.running == 0)
        again = await client.ws_connect(running.ws_url, origin=running.base)
        assert (await again.receive(timeout=20)).data == b"hallo"
        await again.close()


async def test_an_idle_session_ends(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP, idle_seconds=0.5, grace_seconds=0.3)
    async with running.client() as client:
        await running.login(client)
        async with client.ws_connect(running.ws_url, origin=running.base) as socket:
            assert (await socket.receive(timeout=20)).data == b"hallo"
            closed = await socket.receive(timeout=20)
            assert closed.type == aiohttp.WSMsgType.CLOSE
            assert closed.data == 4000
    assert await wait_until_async(lambda: running.server.running == 0)


async def test_pings_and_focus_do_not_keep_a_session_alive(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP, idle_seconds=0.6, grace_seconds=0.3)
    async with running.client() as client:
        await running.login(client)
        async with client.ws_connect(running.ws_url, origin=running.base) as socket:
            assert (await socket.receive(timeout=20)).data == b"hallo"
            for _ in range(400):  # about 20 s: the session must close long before this ends
                await asyncio.sleep(0.05)
                await socket.send_str(json.dumps(["ping", "1"]))
                await socket.send_str(json.dumps(["focus", None]))
                message = await socket.receive(timeout=20)
                if message.type == aiohttp.WSMsgType.CLOSE:
                    break
            assert message.type == aiohttp.WSMsgType.CLOSE


async def test_the_watchdog_kills_a_process_that_ignores_sigterm(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(STUBBORN_APP, grace_seconds=0.3)
    async with running.client() as client:
        await running.login(client)
        socket = await client.ws_connect(running.ws_url, origin=running.base)
        assert (await socket.receive(timeout=20)).data == b"hallo"
        (session,) = running.server.sessions
        await socket.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
        await socket.close()
    assert await wait_until_async(lambda: not session.alive)
    assert session.process is not None
    assert session.process.returncode == -signal.SIGKILL
    assert session.signalled == signal.SIGKILL
    assert await wait_until_async(lambda: running.server.running == 0)


async def test_ending_the_class_stops_every_session(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(STUBBORN_APP, grace_seconds=0.2)
    async with running.client() as client:
        await running.login(client)
        sockets = [await client.ws_connect(running.ws_url, origin=running.base) for _ in range(3)]
        for socket in sockets:
            assert (await socket.receive(timeout=20)).data == b"hallo"
        sessions = list(running.server.sessions)
        running.thread.end_class()
        assert all(not session.alive for session in sessions)
        page = await client.get(running.base + "/")
        assert page.status == 410 and "beëindigd" in await page.text()
        for socket in sockets:
            await socket.close()


# --- static files and the page ----------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/static/",
        "/static",
        "/static/js/",
        "/static/fonts",
        "/static/images/background.png",
        "/static/../server.py",
        "/static/js/../../server.py",
        "/static/%2e%2e/server.py",
        "/templates/app_index.html",
    ],
)
async def test_no_listing_and_nothing_outside_the_bundled_files(start_server, path: str) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await client.get(running.base + path)
        assert answer.status == 404
        assert "<a href" not in await answer.text()


async def test_the_bundled_files_are_served(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        for path, kind in [
            ("/static/js/textual.js", "text/javascript"),
            ("/static/css/xterm.css", "text/css"),
            ("/static/fonts/RobotoMono-VariableFont_wght.ttf", "font/ttf"),
        ]:
            answer = await client.get(running.base + path)
            assert answer.status == 200 and answer.content_type == kind
            assert answer.headers["X-Content-Type-Options"] == "nosniff"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in ("src", "href", "action")]


def outside_references(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    urls = parser.found + re.findall(r"url\(\s*['\"]?([^'\")]+)", html)
    urls += re.findall(r"@import\s+['\"]?([^'\";]+)", html)
    return [url for url in urls if not url.startswith("/") or url.startswith("//")]


async def test_no_page_makes_a_request_outside_the_server(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP, max_sessions=1)
    async with running.client() as client:
        pages = [await client.get(running.base + "/")]
        await running.login(client)
        pages.append(await client.get(running.base + "/"))
        css = await (await client.get(running.base + "/static/css/xterm.css")).text()
        for page in pages:
            html = await page.text()
            assert outside_references(html) == []
            assert "googleapis" not in html and "http://" not in html and "https://" not in html
            policy = page.headers["Content-Security-Policy"]
            assert "default-src 'none'" in policy and "connect-src 'self'" in policy
            assert "font-src 'self'" in policy
        assert "url(" not in css or outside_references(css) == []
        assert "@import" not in css
    assert outside_references('<link href="https://x">') == ["https://x"]  # the check can fail


# --- every value from a browser is hostile ----------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "not json",
        "[]",
        '["stdin"]',
        '["stdin", 5]',
        '["resize", {"width": "1e309", "height": -4}]',
        '["resize", {"width": 99999999999999999999, "height": 3}]',
        '["resize", "groot"]',
        '{"stdin": "x"}',
        '["open_url", {"url": "http://evil.example"}]',
        '["ping", "' + "x" * 5000 + '"]',
        "[" * 10000 + "]" * 10000,
    ],
    ids=lambda message: message[:20],
)
async def test_garbage_on_the_socket_is_ignored(start_server, message: str) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        await running.login(client)
        async with client.ws_connect(running.ws_url, origin=running.base) as socket:
            assert (await socket.receive(timeout=20)).data == b"hallo"
            await socket.send_str(message)
            await socket.send_str(json.dumps(["ping", "nog-daar"]))
            answer = await socket.receive(timeout=20)
            assert answer.type == aiohttp.WSMsgType.TEXT
            assert json.loads(answer.data) == ["pong", "nog-daar"]


async def test_an_oversized_message_ends_that_socket_only(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP, grace_seconds=0.3)
    async with running.client() as client:
        await running.login(client)
        socket = await client.ws_connect(running.ws_url, origin=running.base)
        assert (await socket.receive(timeout=20)).data == b"hallo"
        await socket.send_str(json.dumps(["stdin", "x" * 200_000]))
        closed = await socket.receive(timeout=20)
        assert closed.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
        async with client.ws_connect(running.ws_url, origin=running.base) as other:
            assert (await other.receive(timeout=20)).data == b"hallo"


async def test_query_values_cannot_reach_the_page_unescaped(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        await running.login(client)
        page = await client.get(running.base + '/?fontsize="><script>alert(1)</script>')
        html = await page.text()
        assert "<script>alert" not in html and 'data-font-size="16"' in html
        huge = await client.get(running.base + "/?fontsize=999999999999")
        assert 'data-font-size="40"' in await huge.text()


async def test_an_oversized_form_is_refused(start_server) -> None:  # type: ignore[no-untyped-def]
    running: Running = start_server(FAKE_APP)
    async with running.client() as client:
        answer = await client.post(
            running.base + "/toegang", data={"code": "1" * 100_000}, allow_redirects=False
        )
        assert answer.status in (400, 413)
        assert "wegwijzer_klas" not in answer.cookies


@pytest.mark.parametrize(
    ("stem", "name"),
    [
        (
            "vos-politie-zonder-aangifte-2026-12-01-155859",
            "vos-politie-zonder-aangifte-2026-12-01-155859.toml",
        ),
        ('x"; filename=evil.sh\r\nSet-Cookie: a=b', "x-filename-evil-sh-set-cookie-a-b.toml"),
        ("../../etc/passwd", "etc-passwd.toml"),
        ("", "resultaat.toml"),
    ],
)
def test_a_download_name_is_safe_in_a_header_and_on_disk(stem: str, name: str) -> None:
    from wegwijzer.klas.sessions import download_name

    assert download_name(stem) == name
