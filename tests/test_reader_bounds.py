"""The one reader (issue 16, findings 1, 2 and 8): regular files only, numbers and dates bounded.

Every file the program opens goes through ``core.base.tomlfile``. What it accepts must
never crash a later reader, and a FIFO or device must never make it wait.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from test_record import record_of
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.tomlfile import parse_toml, read_limited, read_toml
from wegwijzer.core.flows.catalog import load_sources
from wegwijzer.core.flows.check import LoadedFlow, load_flow
from wegwijzer.core.flows.source import load_source
from wegwijzer.core.records.reader import parse_record, read_record
from wegwijzer.core.records.record import render_record
from wegwijzer.core.training.exercise import load_exercise

from helpers import DATA, FLOWS

HUGE_INT = "9" * 4301  # beyond Python's int-to-string limit: tomllib raises ValueError
HEX_INT = "0x" + "f" * 4000  # parses (a power-of-two base), then cannot be printed
OUT_OF_RANGE = {
    "decimal beyond 4,300 digits": HUGE_INT,
    "hex of 4,000 digits": HEX_INT,
    "one past int64": str(2**63),
    "inf": "inf",
    "-inf": "-inf",
    "nan": "nan",
    "float overflowing to inf": "1e999",
    "year 1": "0001-01-01T02:00:00+05:00",
    "year 9999": "9999-12-31T23:59:59+00:00",
    "local date in year 1": "0001-01-01",
}


@pytest.mark.parametrize("value", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_out_of_range_values_are_a_dutch_problem_naming_the_field(value: str) -> None:
    with pytest.raises(ProblemsError) as caught:
        parse_toml(f"a = 1\n[t]\nb = [1, {{ c = {value} }}]\n".encode(), "x.toml", 10**7)
    text = str(caught.value.problems[0])
    assert text.startswith("x.toml")
    assert "veld 't.b[1].c'" in text or "te veel cijfers" in text


def test_values_in_range_pass() -> None:
    raw = b"a = 9223372036854775807\nb = -9223372036854775808\nc = 1.5e300\n"
    raw += b"d = 2020-05-25\ne = 2199-12-31T23:00:00Z\nf = 1970-01-01T00:00:00+00:00\n"
    assert parse_toml(raw, "x.toml", 10**6)["a"] == 2**63 - 1


def _with_value(text: str, key: str, value: str) -> str:
    """``text`` with ``key = value`` added at the top level (before the first table)."""
    head, sep, rest = text.partition("\n[")
    return f"{head}\n{key} = {value}\n{sep}{rest}"


def _readers(tmp_path: Path, test_flow: LoadedFlow) -> dict[str, tuple[Path, Callable[[], Any]]]:
    sources = {test_flow.source.id: test_flow.source}
    record = tmp_path / "record.toml"
    record.write_bytes(render_record(record_of(test_flow)))
    flow = tmp_path / "flow.toml"
    shutil.copy(DATA / "valid.toml", flow)
    source = tmp_path / "bron.toml"
    shutil.copy(next((FLOWS / "sources").glob("*.toml")), source)
    exercise = tmp_path / "oefening.toml"
    shutil.copy(DATA / "oefeningen" / "oefening.toml", exercise)
    return {
        "record": (record, lambda: read_record(record)),
        "flow": (flow, lambda: load_flow(flow, sources)),
        "source": (source, lambda: load_source(source)),
        "exercise": (exercise, lambda: load_exercise(exercise, {"testflow": test_flow})),
    }


@pytest.mark.parametrize("value", [HUGE_INT, HEX_INT, "nan", "1e999"])
@pytest.mark.parametrize("reader", ["record", "flow", "source", "exercise"])
def test_every_reader_refuses_unbounded_numbers(
    tmp_path: Path, test_flow: LoadedFlow, reader: str, value: str
) -> None:
    path, read = _readers(tmp_path, test_flow)[reader]
    path.write_text(_with_value(path.read_text("utf-8"), "getal", value), "utf-8")
    with pytest.raises(ProblemsError) as caught:
        read()
    assert str(caught.value.problems[0]).startswith(str(path))


@pytest.mark.parametrize(
    "moment", ["0001-01-01T02:00:00+05:00", "9999-12-31T23:59:59+00:00", "1969-12-31T23:00:00Z"]
)
def test_a_record_with_an_implausible_date_is_refused(test_flow: LoadedFlow, moment: str) -> None:
    """Finding 1: verify said "in orde", then the TUI overflowed on every start."""
    text = render_record(record_of(test_flow)).decode()
    for key in ("started", "finished"):
        text = "\n".join(
            f"{key} = {moment}" if line.startswith(f"{key} = ") else line
            for line in text.splitlines()
        )
    with pytest.raises(ProblemsError) as caught:
        parse_record(text.encode(), "r.toml")
    assert "datum buiten" in str(caught.value.problems[0])


def test_a_huge_hex_score_is_refused(test_flow: LoadedFlow) -> None:
    """Finding 2: a 4,000-digit hex integer in [score] passed verify, then crashed the summary."""
    data = record_of(test_flow, mode="oefening", score={"points": 1})
    text = render_record(data).decode().replace("points = 1", f"points = {HEX_INT}")
    with pytest.raises(ProblemsError):
        parse_record(text.encode(), "r.toml")


# --- special files: refused at once, never waited on ---------------------------------


def _special_files(tmp_path: Path) -> dict[str, Path]:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    sock_path = tmp_path / "s.toml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    server.close()
    return {"fifo": fifo, "socket": sock_path, "device": Path("/dev/zero")}


@pytest.mark.parametrize("kind", ["fifo", "socket", "device"])
def test_special_files_are_refused_without_blocking(tmp_path: Path, kind: str) -> None:
    path = _special_files(tmp_path)[kind]
    with pytest.raises(ProblemsError) as caught:
        read_limited(path, 1024)
    assert "geen gewoon bestand" in str(caught.value.problems[0])
    with pytest.raises(ProblemsError):
        read_toml(path, 1024)


def test_a_directory_and_a_missing_file_are_named(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="map"):
        read_limited(tmp_path, 10)
    with pytest.raises(ProblemsError, match="bestaat niet"):
        read_limited(tmp_path / "nope.toml", 10)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ProblemsError, match="geen map") as caught:
        read_limited(tmp_path / "file" / "x.toml", 10)
    assert "Not a directory" not in str(caught.value)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The real command; a hang shows as a timeout, a crash as exit code 70."""
    return subprocess.run(
        [sys.executable, "-m", "wegwijzer", *args],
        capture_output=True,
        text=True,
        timeout=30,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def test_commands_refuse_a_fifo_at_once(tmp_path: Path, flows_dir: Path) -> None:
    """Finding 8: every command given a FIFO (or meeting one in a folder) hung for ever."""
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    env = dict(os.environ, WEGWIJZER_FLOWS=str(flows_dir), WEGWIJZER_DATA=str(tmp_path / "d"))
    drafts = tmp_path / "d" / "concepten"
    drafts.mkdir(parents=True)
    os.mkfifo(drafts / ("ab" * 16 + ".toml"))
    os.mkfifo(flows_dir / "fifo.toml")
    started = time.monotonic()
    for args in (
        ("verify", str(fifo)),
        ("open", "--plain", str(fifo)),
        ("check", str(fifo)),
        ("train", "--summary", str(fifo)),
        ("run", "--plain", "--resume", str(fifo)),
        ("drafts",),
        ("check",),
        ("train", "--list"),
    ):
        result = _cli(*args, env=env)
        assert result.returncode in (0, 1), (args, result.stderr)
        if args != ("drafts",):
            assert "geen gewoon bestand" in result.stdout + result.stderr, args
    assert "geen gewoon bestand" in _cli("drafts", env=env).stderr
    assert time.monotonic() - started < 120  # generous: a hang would be the 30 s timeout


@pytest.mark.parametrize("value", [HUGE_INT, "0001-01-01T02:00:00+05:00"])
def test_one_bad_file_in_the_flows_folder_leaves_the_others_checked(
    tmp_path: Path, flows_dir: Path, value: str
) -> None:
    """Finding 2: a 4,301-digit integer in one flow file made `check` and the TUI exit 70."""
    bad = _with_value((DATA / "valid.toml").read_text("utf-8"), "x", value)
    (flows_dir / "kapot.toml").write_text(bad.replace('id = "testflow"', 'id = "kapot"'), "utf-8")
    env = dict(os.environ, WEGWIJZER_FLOWS=str(flows_dir), WEGWIJZER_DATA=str(tmp_path / "d"))
    result = _cli("check", env=env)
    assert result.returncode == 1
    assert "in orde: testflow.toml" in result.stdout
    assert "kapot.toml" in result.stderr
    listed, problems = load_sources(flows_dir)
    assert listed and not problems
