"""Issue 16, findings 7 and 11: names on the terminal, and the world around the program.

Finding 7: file names and arguments reached the terminal raw (window title, clipboard,
overwritten lines, a U+202E disguise). Finding 11: a non-UTF-8 output encoding, a full
or closed stdout and a broken pipe crashed or exited 1; the TUI without a terminal
never stopped; umask 000 left the app's folders 0777; ``--force`` replaced a device.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from test_record import record_of
from wegwijzer.commands.console import EXIT_CODES, EXIT_OUTPUT, EXIT_PIPE, EXIT_USAGE
from wegwijzer.core.base.atomic import WriteError, make_private_folder, write_atomic
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drafts import ENV_DATA
from wegwijzer.core.records.record import render_record

from helpers import DATA

EVIL = "evil\x1b]0;GEKAAPT\x07\x1b[31mROOD\x1b]52;c;aGFjaw==\x07\u202egnp.toml"
FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e")


def _run(
    *args: str,
    env: dict[str, str],
    stdin: str | None = "",
    **kwargs: object,
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wegwijzer", *args],
        input=None if stdin is None else stdin.encode(),
        capture_output=True,
        timeout=30,
        env=env,
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def env(tmp_path: Path, flows_dir: Path) -> dict[str, str]:
    return dict(os.environ, WEGWIJZER_FLOWS=str(flows_dir), **{ENV_DATA: str(tmp_path / "d")})


def _clean_output(result: subprocess.CompletedProcess[bytes]) -> str:
    out = (result.stdout + result.stderr).decode("utf-8", "replace")
    for char in FORBIDDEN:
        assert char not in out, (char, out)
    return out


def test_hostile_file_names_and_arguments_never_reach_the_terminal(
    tmp_path: Path, env: dict[str, str], flows_dir: Path
) -> None:
    """Every place the issue names: verify, check, flow not found, the export line,
    the resume hint, argparse's own errors."""
    evil = tmp_path / EVIL
    shutil.copy(DATA / "valid.toml", evil)
    outputs = [
        _run("verify", str(evil), env=env),
        _run("check", str(evil), env=env),
        _run("run", EVIL, "--plain", env=env),
        _run("open", "--plain", str(evil), env=env),
        _run("train", "--summary", str(evil), env=env),
        _run("drafts", "--delete", EVIL, env=env),
        _run("run", "--resume", EVIL, "--plain", env=env),
        _run("check", f"--{EVIL}", env=env),
        _run("graph", EVIL, env=env),
        _run(EVIL, env=env),
    ]
    out_file = tmp_path / f"uit{EVIL}"
    outputs.append(
        _run(
            "run",
            str(DATA / "valid.toml"),
            "--plain",
            "--export",
            str(out_file),
            env=env,
            stdin="1\n1\n1\n1\n",
        )
    )
    texts = [_clean_output(result) for result in outputs]
    assert "in orde: " in texts[1] and "␛]0;GEKAAPT␇" in texts[1]  # visible, harmless
    assert "Overzicht opgeslagen" in texts[-1] and out_file.exists()


def test_a_non_utf8_output_encoding_replaces_characters(env: dict[str, str]) -> None:
    for encoding in ("ascii", "latin-1"):
        changed = dict(env, PYTHONIOENCODING=encoding)
        for args in (("--help",), ("sources",), ("check",)):
            result = _run(*args, env=changed)
            assert result.returncode == 0, (encoding, args, result.stderr)
            assert b"Interne fout" not in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_has_its_own_exit_code(env: dict[str, str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "wegwijzer", "sources"],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=30,
            env=env,
        )
    assert result.returncode == EXIT_OUTPUT
    assert "de uitvoer kon niet worden geschreven (de schijf is vol)" in result.stderr.decode()
    assert b"Interne fout" not in result.stderr


def test_a_closed_stdout_has_its_own_exit_code(env: dict[str, str]) -> None:
    python = sys.executable
    result = subprocess.run(
        ["bash", "-c", f"{python} -m wegwijzer sources >&-"],
        stderr=subprocess.PIPE,
        timeout=30,
        env=env,
    )
    assert result.returncode == EXIT_OUTPUT
    assert "gesloten" in result.stderr.decode()


def test_a_broken_pipe_has_its_own_exit_code(env: dict[str, str]) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "wegwijzer", "sources"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader stops before the first byte
    code = process.wait(timeout=30)
    error = process.stderr.read()
    process.stderr.close()
    assert code == EXIT_PIPE != 1
    assert b"Traceback" not in error and b"Exception ignored" not in error


def test_the_exit_codes_are_distinct_and_documented() -> None:
    assert len(set(EXIT_CODES)) == len(EXIT_CODES)
    doc = (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text("utf-8")
    for code in EXIT_CODES:
        assert f"| {code} |" in doc, code


@pytest.mark.parametrize(
    "args",
    [(), ("tui",), ("run", "testflow"), ("open", "RECORD"), ("train", "x")],
)
def test_without_a_terminal_the_app_never_starts(
    tmp_path: Path, env: dict[str, str], args: tuple[str, ...], test_flow: LoadedFlow
) -> None:
    """`wegwijzer </dev/null >out` never stopped and filled the file with escape codes.
    `wegwijzer` and `run` now walk line by line; `open` and `train` refuse, in Dutch."""
    record = tmp_path / "overzicht.toml"
    record.write_bytes(render_record(record_of(test_flow)))
    args = tuple(str(record) if arg == "RECORD" else arg for arg in args)
    out = tmp_path / "out"
    with open(os.devnull, "rb") as nothing, out.open("wb") as target:
        result = subprocess.run(
            [sys.executable, "-m", "wegwijzer", *args],
            stdin=nothing,
            stdout=target,
            stderr=subprocess.PIPE,
            timeout=30,
            env=env,
        )
    error = result.stderr.decode()
    assert b"\x1b" not in out.read_bytes()
    if args[:1] == ("open",):
        assert result.returncode == EXIT_USAGE
        assert "de terminal-app kan hier niet starten" in error
    elif args[:1] == ("train",):
        assert result.returncode == 1  # the exercise is unknown: said before any app
    else:
        assert "regel voor regel" in error


def test_the_apps_folders_are_private_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "gegevens"
    env = dict(os.environ, **{ENV_DATA: str(data)})
    result = subprocess.run(
        [sys.executable, "-m", "wegwijzer", "run", str(DATA / "valid.toml"), "--plain"],
        input=b"1\n1\n",
        capture_output=True,
        timeout=30,
        env=env,
        preexec_fn=lambda: os.umask(0),  # the point of the test
    )
    assert "bewaard als concept" in result.stderr.decode()
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data, data / "concepten"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_make_private_folder_under_a_strict_and_a_loose_umask(tmp_path: Path) -> None:
    for mask in (0o000, 0o277):
        old = os.umask(mask)
        try:
            folder = make_private_folder(tmp_path / f"m{mask}" / "x" / "y")
        finally:
            os.umask(old)
        for item in (folder, folder.parent, folder.parent.parent):
            assert stat.S_IMODE(item.stat().st_mode) == 0o700


def test_force_replaces_only_a_regular_file(tmp_path: Path, env: dict[str, str]) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="geen gewoon bestand"):
        write_atomic(fifo, b"x", overwrite=True)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    result = _run(
        "run", str(DATA / "valid.toml"), "--plain", "--export", str(fifo), "--force",
        env=env, stdin="1\n1\n1\n1\n",
    )  # fmt: skip
    assert result.returncode == 1
    assert "geen gewoon bestand" in result.stderr.decode()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    regular = tmp_path / "gewoon.toml"
    regular.write_text("oud")
    write_atomic(regular, b"nieuw", overwrite=True)
    assert regular.read_bytes() == b"nieuw"


def test_os_errors_are_told_in_dutch(tmp_path: Path) -> None:
    """ "(Not a directory)" stood in a Dutch message."""
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    env = dict(os.environ, **{ENV_DATA: str(blocker / "data")})
    result = _run("run", str(DATA / "valid.toml"), "--plain", env=env, stdin="1\n1\n")
    err = result.stderr.decode()
    assert "concept kon niet worden opgeslagen" in err
    assert "Not a directory" not in err and "No such file" not in err
