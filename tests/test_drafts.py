"""Drafts: autosave after every change, list/delete/purge, export clears, signals save."""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_record import T0, clock_from, walked
from wegwijzer.core.base.atomic import RecordExistsError, WriteError
from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records import drafts
from wegwijzer.core.records.drafts import (
    delete_draft,
    drafts_dir,
    find_draft,
    list_drafts,
    purge,
    save_draft,
)
from wegwijzer.core.records.export import export
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.walk.session import Session

from helpers import DATA, run_cli


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv(drafts.ENV_DATA, str(folder))
    return folder


def _env(data: Path, **more: str) -> dict[str, str]:
    env = dict(os.environ)
    env[drafts.ENV_DATA] = str(data)
    env.update(more)
    return env


def test_the_folder_follows_the_environment(data_dir: Path) -> None:
    assert drafts_dir() == data_dir / "concepten"


def test_without_environment_the_user_data_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(drafts.ENV_DATA, raising=False)
    import platformdirs

    assert (
        drafts_dir() == Path(platformdirs.user_data_dir("wegwijzer", appauthor=False)) / "concepten"
    )


def test_save_draft_is_private_and_readable(data_dir: Path, test_flow: LoadedFlow) -> None:
    session = Session(test_flow, mode="oefening", clock=clock_from(T0))
    session.answer(None)
    path = save_draft(session)
    assert path == data_dir / "concepten" / f"{session.id}.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    record = read_record(path)
    assert record.mode == "oefening" and not record.complete
    assert [s.id for s in record.steps] == ["begin", "signalen"]


def test_a_too_open_folder_is_tightened(data_dir: Path, test_flow: LoadedFlow) -> None:
    (data_dir / "concepten").mkdir(parents=True, mode=0o755)
    (data_dir / "concepten").chmod(0o755)
    save_draft(Session(test_flow))
    assert (data_dir / "concepten").stat().st_mode & 0o777 == 0o700


def test_list_is_newest_first_and_skips_unreadable(data_dir: Path, test_flow: LoadedFlow) -> None:
    older = Session(test_flow, clock=clock_from(T0))
    newer = Session(test_flow, case_ref="k-2", clock=clock_from(T0 + dt.timedelta(days=1)))
    newer.answer(None)
    save_draft(older)
    save_draft(newer)
    folder = drafts_dir()
    (folder / "kapot.toml").write_text("format = [", "utf-8")
    (folder / ("0" * 32 + ".toml")).write_bytes((folder / f"{older.id}.toml").read_bytes())
    (folder / f".{older.id}.toml.tmp-1234abcd").write_text("half", "utf-8")
    listing = list_drafts()
    assert [d.session_id for d in listing.drafts] == [newer.id, older.id]
    first = listing.drafts[0]
    assert (first.flow_title, first.case_ref, first.answered, first.finished) == (
        "Testflow",
        "k-2",
        1,
        False,
    )
    assert first.started == T0 + dt.timedelta(days=1)
    assert sorted(listing.skipped) == [
        f"{'0' * 32}.toml: overgeslagen, naam past niet bij de sessie",
        "kapot.toml: overgeslagen, de opmaak van het bestand klopt niet",
    ]


def test_no_folder_no_drafts(data_dir: Path) -> None:
    listing = list_drafts()
    assert listing.drafts == [] and listing.skipped == []


def test_find_by_prefix_delete_and_purge(data_dir: Path, test_flow: LoadedFlow) -> None:
    one, two = Session(test_flow), Session(test_flow)
    save_draft(one)
    save_draft(two)
    assert find_draft(one.id[:8]) is not None
    assert find_draft(one.id[:3]) is None  # too short to be safe
    assert find_draft("ffff-niet") is None
    assert delete_draft(one.id) is True
    assert delete_draft(one.id) is False
    assert delete_draft("../../etc/passwd") is False
    (drafts_dir() / f".{two.id}.toml.tmp-00000000").write_text("x", "utf-8")
    assert purge() == 1
    assert os.listdir(drafts_dir()) == []


def test_export_writes_the_record_and_removes_the_draft(
    data_dir: Path, test_flow: LoadedFlow, tmp_path: Path
) -> None:
    session = walked(test_flow)
    draft = save_draft(session)
    written = export(session, tmp_path / "out.toml")
    assert not draft.exists()
    assert read_record(written).session_id == session.id


def test_failed_export_keeps_the_draft_and_the_session(
    data_dir: Path, test_flow: LoadedFlow, tmp_path: Path
) -> None:
    session = walked(test_flow)
    draft = save_draft(session)
    before = (dict(session.answers), dict(session.notes), list(session.path))
    with pytest.raises(WriteError):
        export(session, tmp_path / "nope" / "out.toml")
    (tmp_path / "out.toml").write_text("oud", "utf-8")
    with pytest.raises(RecordExistsError):
        export(session, tmp_path / "out.toml")
    assert draft.exists()
    assert (tmp_path / "out.toml").read_text("utf-8") == "oud"
    assert (dict(session.answers), dict(session.notes), list(session.path)) == before


# --- the command line ----------------------------------------------------------------


def test_plain_run_autosaves_after_each_answer_and_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run_cli(
        "run", str(DATA / "valid.toml"), "--plain", stdin="1\nn mijn notitie\n", env=_env(data)
    )
    assert result.returncode == 1  # input ended before the outcome
    assert "verder gaan: wegwijzer run --resume" in result.stderr
    (path,) = (data / "concepten").glob("*.toml")
    record = read_record(path)
    assert [s.id for s in record.steps] == ["begin", "signalen"]
    assert record.steps[-1].note == "mijn notitie"


def test_drafts_command_lists_resumes_and_purges(tmp_path: Path) -> None:
    data = tmp_path / "data"
    flow = str(DATA / "valid.toml")
    run_cli("run", flow, "--plain", "--case", "oefen-3", stdin="1\n1,2\n", env=_env(data))
    listing = run_cli("drafts", env=_env(data))
    assert listing.returncode == 0
    assert "Testflow" in listing.stdout and "zaakkenmerk oefen-3" in listing.stdout
    assert "bij stap 3" in listing.stdout
    (written,) = (data / "concepten").glob("*.toml")
    changed = dt.datetime.fromtimestamp(written.stat().st_mtime, tz=dt.UTC)
    assert local_text(changed) in listing.stdout  # local time, as everywhere people read
    (path,) = (data / "concepten").glob("*.toml")
    draft_id = path.stem[:12]
    out = tmp_path / "out.toml"
    resumed = run_cli(
        "run",
        flow,
        "--resume",
        draft_id,
        "--plain",
        "--export",
        str(out),
        stdin="2\n",
        env=_env(data),
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "\nStap 3 van ongeveer 4.\nIs er contact met de politie?\n" in resumed.stdout
    record = read_record(out)
    assert record.case_ref == "oefen-3"
    assert [s.id for s in record.steps] == ["begin", "signalen", "politie", "einde-politie"]
    assert not path.exists()  # exported: the draft is gone
    assert "Geen concepten." in run_cli("drafts", env=_env(data)).stdout
    run_cli("run", flow, "--plain", stdin="1\n", env=_env(data))
    purged = run_cli("drafts", "--purge", env=_env(data))
    assert purged.returncode == 0 and "1 concept(en) verwijderd" in purged.stdout
    assert list((data / "concepten").iterdir()) == []


def test_resume_of_an_unknown_draft_fails_in_dutch(tmp_path: Path) -> None:
    result = run_cli("run", "--resume", "abcdef12", "--plain", env=_env(tmp_path))
    assert result.returncode == 1
    assert "concept 'abcdef12' niet gevonden" in result.stderr


def _read_until(stream: int, marker: bytes, timeout: float = 20) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen:
        left = deadline - time.monotonic()
        assert left > 0, seen.decode(errors="replace")
        ready, _, _ = select.select([stream], [], [], left)
        if ready:
            chunk = os.read(stream, 4096)
            assert chunk, seen.decode(errors="replace")
            seen += chunk
    return seen


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_mid_session_saves_a_draft(tmp_path: Path, signum: int) -> None:
    data = tmp_path / "data"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "wegwijzer",
            "run",
            str(DATA / "valid.toml"),
            "--plain",
            "--case",
            "k-9",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(data),
    )
    assert child.stdin is not None and child.stdout is not None
    try:
        _read_until(child.stdout.fileno(), b"Uw keuze: ")
        child.stdin.write(b"1\n")
        child.stdin.flush()
        _read_until(child.stdout.fileno(), b"Uw keuzes")
        # Remove the autosave: a draft found afterwards can only come from the handler.
        for autosaved in (data / "concepten").glob("*.toml"):
            autosaved.unlink()
        child.send_signal(signum)
        child.wait(timeout=20)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 128 + signum
    stderr = child.stderr.read().decode() if child.stderr else ""
    assert "concept opgeslagen" in stderr
    (path,) = (data / "concepten").glob("*.toml")
    assert path.stat().st_mode & 0o777 == 0o600
    record = read_record(path)
    assert record.case_ref == "k-9"
    assert [s.id for s in record.steps] == ["begin", "signalen"]
