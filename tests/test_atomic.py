"""Atomic writes: 0600, symlinks replaced not followed, no clobbering, clean failures."""

from __future__ import annotations

import errno
import fcntl
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from wegwijzer.core.base import atomic
from wegwijzer.core.base.atomic import RecordExistsError, WriteError, stale_temps, write_atomic


def _leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if atomic.TEMP_MARK in name)


def test_new_file_is_0600_even_with_a_loose_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        target = write_atomic(tmp_path / "r.toml", b"a = 1\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"a = 1\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_overwrite_replaces_a_wider_mode_with_0600(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_atomic(target, b"new", overwrite=True)
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600


def test_existing_file_is_not_overwritten_without_confirmation(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    target.write_bytes(b"old")
    with pytest.raises(RecordExistsError) as caught:
        write_atomic(target, b"new")
    assert "bestaat al" in str(caught.value)
    assert "--force" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_symlink_counts_as_existing_without_overwrite(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    link = tmp_path / "r.toml"
    link.symlink_to(victim)
    with pytest.raises(RecordExistsError):
        write_atomic(link, b"new")
    assert victim.read_bytes() == b"keep me"


def test_symlink_at_target_is_replaced_not_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    victim.chmod(0o644)
    link = tmp_path / "r.toml"
    link.symlink_to(victim)
    write_atomic(link, b"record", overwrite=True)
    assert not link.is_symlink()
    assert link.read_bytes() == b"record"
    assert victim.read_bytes() == b"keep me"
    assert victim.stat().st_mode & 0o777 == 0o644


def test_dangling_symlink_is_replaced_and_its_target_not_created(tmp_path: Path) -> None:
    link = tmp_path / "r.toml"
    link.symlink_to(tmp_path / "elsewhere.txt")
    write_atomic(link, b"record", overwrite=True)
    assert link.read_bytes() == b"record"
    assert not (tmp_path / "elsewhere.txt").exists()


def test_a_folder_at_the_target_is_a_write_error(tmp_path: Path) -> None:
    (tmp_path / "r.toml").mkdir()
    with pytest.raises(WriteError, match="map"):
        write_atomic(tmp_path / "r.toml", b"x", overwrite=True)


def test_missing_folder_is_a_dutch_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as caught:
        write_atomic(tmp_path / "nope" / "r.toml", b"x")
    assert "de map bestaat niet" in str(caught.value)
    assert "er is niets gewijzigd" in str(caught.value)


def _fail_with(code: int):  # type: ignore[no-untyped-def]
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("call", "code", "reason"),
    [
        ("write", errno.ENOSPC, "de schijf is vol"),
        ("fsync", errno.EIO, "invoer-/uitvoerfout"),
        ("replace", errno.EACCES, "geen toestemming"),
        ("open", errno.EACCES, "geen toestemming"),
        ("fchmod", errno.EPERM, "geen toestemming"),
    ],
)
def test_failed_write_keeps_the_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int, reason: str
) -> None:
    target = tmp_path / "r.toml"
    target.write_bytes(b"old = 1\n")
    monkeypatch.setattr(atomic.os, call, _fail_with(code))
    with pytest.raises(WriteError) as caught:
        write_atomic(target, b"new = 2\n", overwrite=True)
    monkeypatch.undo()
    assert reason in str(caught.value)
    assert target.read_bytes() == b"old = 1\n"
    assert _leftovers(tmp_path) == []


def test_failed_link_when_new_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "link", _fail_with(errno.ENOSPC))
    with pytest.raises(WriteError, match="vol"):
        write_atomic(tmp_path / "r.toml", b"x")
    assert os.listdir(tmp_path) == []


def test_without_hard_links_a_new_file_still_lands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic.os, "link", _fail_with(errno.EPERM))
    target = write_atomic(tmp_path / "r.toml", b"x")
    assert target.read_bytes() == b"x"
    assert _leftovers(tmp_path) == []
    with pytest.raises(RecordExistsError):
        write_atomic(target, b"y")


def test_short_writes_are_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def trickle(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:3]))

    monkeypatch.setattr(atomic.os, "write", trickle)
    target = write_atomic(tmp_path / "r.toml", b"0123456789" * 10)
    assert target.read_bytes() == b"0123456789" * 10


def test_leftover_temp_is_recognisable_and_cleaned_at_the_next_write(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    stale = tmp_path / ".r.toml.tmp-deadbeef"
    stale.write_bytes(b"half")
    other = tmp_path / ".other.toml.tmp-deadbeef"
    other.write_bytes(b"not ours")
    assert stale_temps(target) == [stale]
    write_atomic(target, b"x")
    assert not stale.exists()
    assert other.exists()


def test_a_temp_file_still_being_written_is_not_taken_for_a_leftover(tmp_path: Path) -> None:
    target = tmp_path / "r.toml"
    busy = tmp_path / ".r.toml.tmp-0badc0de"
    busy.write_bytes(b"half")
    fd = os.open(busy, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # as a writer in another thread or process holds it
        write_atomic(target, b"x")
        assert busy.exists()
    finally:
        os.close(fd)
    write_atomic(target, b"y", overwrite=True)
    assert not busy.exists()


def test_long_names_get_a_temp_name_within_limits(tmp_path: Path) -> None:
    target = tmp_path / ("a" * 240 + ".toml")
    assert write_atomic(target, b"x").read_bytes() == b"x"


_WRITER = textwrap.dedent(
    """
    import sys, tomli_w
    from pathlib import Path
    from wegwijzer.core.base.atomic import write_atomic

    target = Path(sys.argv[1])
    blob = "x" * 3_000_000
    n = int(sys.argv[2])
    while True:
        n += 1
        data = tomli_w.dumps({"n": n, "blob": blob, "end": "compleet"}).encode()
        write_atomic(target, data, overwrite=True)
        print(n, flush=True)
    """
)


def _check_complete(target: Path) -> int:
    data = tomllib.loads(target.read_text("utf-8"))
    assert data["end"] == "compleet"
    assert len(data["blob"]) == 3_000_000
    return int(data["n"])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_writes_leaves_the_old_or_new_file(tmp_path: Path) -> None:
    target = tmp_path / "record.toml"
    rng = random.Random(20200525)
    last = 0
    for round_ in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), str(round_ * 1_000_000)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        child.stdout.readline()  # at least one complete write in this round
        time.sleep(rng.uniform(0.0, 0.15))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
        number = _check_complete(target)
        assert number > last
        last = number
        assert len(_leftovers(tmp_path)) <= 1
        assert target.stat().st_mode & 0o777 == 0o600
    write_atomic(target, b"end = 1\n", overwrite=True)
    assert _leftovers(tmp_path) == []
