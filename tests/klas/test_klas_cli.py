"""``wegwijzer klas`` as a trainer starts it: options, the address and code, the extra."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from conftest import wait_until_async

from helpers import run_cli


def test_without_the_extra_it_says_in_dutch_how_to_install_it(tmp_path: Path) -> None:
    script = (
        "import importlib.util as u\n"
        "orig = u.find_spec\n"
        "u.find_spec = lambda name, *a: None if name in ('aiohttp', 'textual_serve') "
        "else orig(name, *a)\n"
        "from wegwijzer.cli import main\n"
        f"raise SystemExit(main(['klas', '--resultaten', {str(tmp_path / 'r')!r}]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "extra onderdeel 'klas'" in done.stderr
    assert "pip install 'wegwijzer[klas]'" in done.stderr and "make run" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_exercise_is_named_with_the_ones_there_are(tmp_path: Path) -> None:
    done = run_cli("klas", "--oefeningen", "bestaat-niet", "--resultaten", str(tmp_path / "r"))
    assert done.returncode == 2
    assert "onbekende oefening(en): bestaat-niet" in done.stderr
    assert "politie-zonder-aangifte" in done.stderr


@pytest.mark.parametrize(
    ("option", "message"),
    [(["--max", "0"], "--max moet tussen"), (["--port", "70000"], "--port moet tussen")],
)
def test_limits_of_the_options(tmp_path: Path, option: list[str], message: str) -> None:
    done = run_cli("klas", *option, "--resultaten", str(tmp_path / "r"))
    assert done.returncode == 2 and message in done.stderr


def test_the_commands_that_are_not_klas_never_import_the_server() -> None:
    code = (
        "import sys\n"
        "from wegwijzer.cli import build_parser\n"
        "build_parser()\n"
        "import wegwijzer.klas.trainee, wegwijzer.klas.view, wegwijzer.commands.klas\n"
        "bad = [m for m in ('aiohttp', 'textual_serve', 'jinja2') if m in sys.modules]\n"
        "print(bad)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "[]", done.stderr


async def test_the_command_prints_address_and_code_and_serves_a_trainee(tmp_path: Path) -> None:
    results = tmp_path / "resultaten"
    process = subprocess.Popen(
        [sys.executable, "-m", "wegwijzer", "klas", "--port", "0", "--resultaten", str(results)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        address = re.search(r"Adres: (http://127\.0\.0\.1:\d+)", lines[0])
        code = re.search(r"Toegangscode: (\d{4}-\d{4})", lines[1])
        assert address and code, lines
        assert lines[2].strip() == f"Resultaten: {results}"
        assert results.is_dir() and results.stat().st_mode & 0o777 == 0o700
        base = address.group(1)
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as client:
            answer = await client.post(base + "/toegang", data={"code": code.group(1)})
            assert answer.status == 200 and 'id="terminal"' in await answer.text()
            ws = base.replace("http://", "ws://") + "/ws?width=80&height=24"
            async with client.ws_connect(ws, origin=base) as socket:
                await socket.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
                screen = b""
                while b"bijnaam" not in screen.lower() and len(screen) < 2_000_000:
                    message = await socket.receive(timeout=30)
                    assert message.type == aiohttp.WSMsgType.BINARY, message
                    screen += message.data
                assert b"Gebruik niet uw volledige naam" in screen or b"volledige" in screen
    finally:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Klas beëindigd. De resultaten staan in" in out
    assert await wait_until_async(lambda: not _trainee_processes(results))


def _trainee_processes(results: Path) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"WEGWIJZER_KLAS_RESULTATEN={results}".encode() in environ:
            found.append(entry.name)
    return [pid for pid in found if int(pid) != os.getpid()]


def test_the_addresses_trainees_type() -> None:
    from wegwijzer.klas.start import addresses

    assert addresses("127.0.0.1", 8321) == ["http://127.0.0.1:8321"]
    assert addresses("::1", 8321) == ["http://[::1]:8321"]
    everywhere = addresses("0.0.0.0", 8321)
    assert everywhere and all(re.fullmatch(r"http://[\d.]+:8321", url) for url in everywhere)


def test_a_port_in_use_is_said_in_dutch(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_cli("klas", "--port", str(port), "--resultaten", str(tmp_path / "r"))
    assert done.returncode == 1
    assert f"de server kan niet starten op 127.0.0.1:{port}" in done.stderr
    assert "kies een andere poort met --port" in done.stderr and "Traceback" not in done.stderr


def test_the_default_results_folder_is_dated_and_private(private_data_dir: Path) -> None:
    import datetime as dt

    from wegwijzer.klas.start import prepare

    first = prepare(
        exercises="", results=None, host=None, port=None, max_sessions=None, feedback="direct"
    )
    second = prepare(
        exercises="", results=None, host=None, port=None, max_sessions=None, feedback="direct"
    )
    assert not isinstance(first, str) and not isinstance(second, str)
    today = dt.date.today().isoformat()
    assert first.results == private_data_dir / "klas" / today
    assert second.results == private_data_dir / "klas" / f"{today}-2"
    for folder in (first.results, second.results, first.results.parent):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert first.host == "127.0.0.1" and first.max_sessions == 40 and first.exercises == ()
