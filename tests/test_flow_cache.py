"""The cache of checked flows: keyed by every byte it depends on, clean results only.

Every test has an empty cache folder of its own (``private_cache_dir`` in conftest.py).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.core.flows import cache as flow_cache
from wegwijzer.core.flows.catalog import (
    ListedCatalog,
    load_catalog,
    open_catalog,
    remember,
    summarize,
)
from wegwijzer.core.training.exercise import exercise_folder, load_exercises

from helpers import DATA, FLOWS, run_cli

EXERCISE = DATA / "oefeningen" / "oefening.toml"


@pytest.fixture
def folder(flows_dir: Path) -> Path:
    """The shipped source, the small test flow and its exercise."""
    (flows_dir / "oefeningen").mkdir()
    shutil.copy(EXERCISE, flows_dir / "oefeningen" / "oefening.toml")
    return flows_dir


def check_and_remember(folder: Path) -> flow_cache.Checked:
    catalog = load_catalog(folder)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    remember(catalog, found, problems)
    return summarize(catalog, found)


def entries() -> dict[str, object]:
    data = json.loads(flow_cache.cache_file().read_bytes())
    assert data["format"] == flow_cache.FORMAT
    found: dict[str, object] = data["entries"]
    return found


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


# --- keys -------------------------------------------------------------------------


def test_a_clean_check_is_found_again_under_the_same_key(folder: Path) -> None:
    checked = check_and_remember(folder)
    assert [f.id for f in checked.flows] == ["testflow"]
    assert [e.id for e in checked.exercises] == ["testoefening"]
    assert flow_cache.lookup(flow_cache.content_key(folder)) == checked


@pytest.mark.parametrize(
    "changed",
    ["testflow.toml", "sources/gevarenzone-2020.toml", "oefeningen/oefening.toml"],
)
def test_one_changed_byte_in_any_file_read_is_a_miss(folder: Path, changed: str) -> None:
    check_and_remember(folder)
    before = flow_cache.content_key(folder)
    append(folder / changed, "\n")  # a TOML comment-free blank line: same meaning, new bytes
    after = flow_cache.content_key(folder)
    assert after is not None and after != before
    assert flow_cache.lookup(after) is None


def test_a_new_flow_file_is_a_miss(folder: Path) -> None:
    before = flow_cache.content_key(folder)
    shutil.copy(folder / "testflow.toml", folder / "tweede.toml")
    assert flow_cache.content_key(folder) != before


def test_the_folder_and_the_files_mode_have_their_own_keys(folder: Path) -> None:
    flow = folder / "testflow.toml"
    assert flow_cache.content_key(folder) != flow_cache.content_key(folder, [flow])
    assert flow_cache.content_key(folder, [flow]) != flow_cache.content_key(
        folder, [Path(os.path.relpath(flow))]
    )  # the output shows the path as given


def test_a_changed_checker_is_a_miss(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    check_and_remember(folder)
    before = flow_cache.content_key(folder)
    monkeypatch.setattr(flow_cache, "checker_fingerprint", lambda: b"another checker")
    after = flow_cache.content_key(folder)
    assert after != before and flow_cache.lookup(after) is None


def test_the_fingerprint_covers_every_core_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = Path(flow_cache.__file__).parents[1]
    copy = tmp_path / "core"
    shutil.copytree(core, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(flow_cache, "__file__", str(copy / "flows" / "cache.py"))
    flow_cache.checker_fingerprint.cache_clear()
    try:
        same = flow_cache.checker_fingerprint()
        append(copy / "flows" / "check.py", "# a changed rule\n")
        flow_cache.checker_fingerprint.cache_clear()
        changed = flow_cache.checker_fingerprint()
    finally:
        monkeypatch.undo()
        flow_cache.checker_fingerprint.cache_clear()
    assert same == flow_cache.checker_fingerprint()
    assert changed is not None and changed != same


def test_an_unreadable_or_oversized_file_gives_no_key(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flow_cache, "MAX_INPUT_BYTES", 100)
    assert flow_cache.content_key(folder) is None


# --- only clean results ------------------------------------------------------------


def test_a_flow_with_problems_is_never_cached(folder: Path) -> None:
    shutil.copy(DATA / "broken" / "dead_end.toml", folder / "kapot.toml")
    catalog = load_catalog(folder)
    assert catalog.problems
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    remember(catalog, found, problems)
    assert not flow_cache.cache_file().exists()


def test_an_exercise_with_problems_is_never_cached(folder: Path) -> None:
    shutil.copy(DATA / "oefeningen" / "broken" / "unknown_step.toml", folder / "oefeningen")
    catalog = load_catalog(folder)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert problems and not catalog.problems
    remember(catalog, found, problems)
    assert not flow_cache.cache_file().exists()


def test_files_changed_while_they_were_read_are_not_cached(folder: Path) -> None:
    catalog = load_catalog(folder)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    append(folder / "testflow.toml", "\n")  # after the key, before remembering
    remember(catalog, found, problems)
    assert not flow_cache.cache_file().exists()


def test_the_cache_file_is_private(folder: Path) -> None:
    check_and_remember(folder)
    mode = flow_cache.cache_file().stat().st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert stat.S_IMODE(flow_cache.cache_dir().stat().st_mode) & 0o077 == 0


def test_old_entries_make_way(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checked = check_and_remember(folder)
    for number in range(flow_cache.MAX_ENTRIES + 3):
        flow_cache.store(f"sleutel-{number}", checked)
    kept = entries()
    assert len(kept) == flow_cache.MAX_ENTRIES
    assert f"sleutel-{flow_cache.MAX_ENTRIES + 2}" in kept and "sleutel-0" not in kept


# --- a damaged cache is ignored and rebuilt ------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff not json",
        b"[]",
        b'{"format": 1, "entries": []}',
        b'{"format": 999, "entries": {}}',
        b"[" * 100_000,
    ],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(folder: Path, damage: bytes) -> None:
    key = flow_cache.content_key(folder)
    flow_cache.cache_dir().mkdir(parents=True, exist_ok=True)
    flow_cache.cache_file().write_bytes(damage)
    assert flow_cache.lookup(key) is None
    checked = check_and_remember(folder)
    assert flow_cache.lookup(key) == checked


@pytest.mark.parametrize(
    "field, value",
    [
        ("steps", "20"),
        ("title", 7),
        ("steps", True),
        ("extra", "x"),
        ("path", None),
        ("id", "testflow\x1b]0;titel\x07"),
    ],
)
def test_an_entry_not_as_written_is_a_miss(folder: Path, field: str, value: object) -> None:
    check_and_remember(folder)
    key = flow_cache.content_key(folder)
    data = json.loads(flow_cache.cache_file().read_bytes())
    data["entries"][key]["flows"][0][field] = value
    flow_cache.cache_file().write_text(json.dumps(data), encoding="utf-8")
    assert flow_cache.lookup(key) is None


def test_an_oversized_cache_is_ignored(folder: Path) -> None:
    check_and_remember(folder)
    key = flow_cache.content_key(folder)
    with flow_cache.cache_file().open("a", encoding="utf-8") as handle:
        handle.write(" " * (flow_cache.MAX_CACHE_BYTES + 1))  # still valid JSON
    assert json.loads(flow_cache.cache_file().read_bytes())["entries"][key]
    assert flow_cache.lookup(key) is None


def test_an_unwritable_cache_is_ignored(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "een-bestand"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setenv(flow_cache.ENV_CACHE, str(blocked / "cache"))
    checked = check_and_remember(folder)  # no error
    assert flow_cache.lookup(flow_cache.content_key(folder)) is None
    env = {**os.environ, "WEGWIJZER_FLOWS": str(folder)}
    result = run_cli("check", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"stappenplan {checked.flows[0].id}, " in result.stdout


# --- the TUI's catalog ------------------------------------------------------------------


def test_open_catalog_lists_from_a_warm_cache_and_loads_on_first_use(folder: Path) -> None:
    cold = open_catalog(folder)
    assert not isinstance(cold, ListedCatalog) and not cold.pending
    checked = check_and_remember(folder)
    warm = open_catalog(folder)
    assert isinstance(warm, ListedCatalog) and warm.pending
    assert warm.listed == checked
    assert [f.flow.id for f in warm.flows] == ["testflow"]  # loaded and checked now
    assert not warm.pending and warm.problems == []


# --- `wegwijzer check` ------------------------------------------------------------------


@pytest.mark.parametrize("json_output", [False, True])
def test_check_prints_the_same_cold_and_warm(json_output: bool) -> None:
    args = ["check", "--json"] if json_output else ["check"]
    cold = run_cli(*args)
    assert cold.returncode == 0, cold.stderr
    assert flow_cache.cache_file().exists()
    warm = run_cli(*args)
    full = run_cli(*args, "--no-cache")
    assert (warm.returncode, warm.stdout, warm.stderr) == (0, cold.stdout, cold.stderr)
    assert (full.returncode, full.stdout, full.stderr) == (0, cold.stdout, cold.stderr)


def test_check_of_given_files_is_cached_apart(tmp_path: Path) -> None:
    flow = tmp_path / "eigen.toml"
    shutil.copy(DATA / "valid.toml", flow)
    cold = run_cli("check", str(flow), "--json")
    warm = run_cli("check", str(flow), "--json")
    assert cold.returncode == warm.returncode == 0
    assert cold.stdout == warm.stdout
    assert [f["id"] for f in json.loads(warm.stdout)["flows"]] == ["testflow"]
    assert json.loads(warm.stdout)["exercises"] == []


def test_a_warm_check_still_reports_a_flow_broken_since(tmp_path: Path) -> None:
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    shutil.copy(DATA / "valid.toml", folder / "testflow.toml")
    env = {**os.environ, "WEGWIJZER_FLOWS": str(folder)}
    assert run_cli("check", env=env).returncode == 0
    shutil.copy(DATA / "broken" / "dead_end.toml", folder / "testflow.toml")
    result = run_cli("check", env=env)
    assert result.returncode == 1
    assert "geen uitkomst te bereiken" in result.stderr
    assert run_cli("check", env=env).returncode == 1  # and it is not cached after that


def test_no_cache_leaves_the_cache_alone() -> None:
    assert run_cli("check", "--no-cache").returncode == 0
    assert not flow_cache.cache_file().exists()


IMPORTED = (
    "import sys\n"
    "from wegwijzer.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(sorted(m for m in ('pydantic', 'wegwijzer.core.records.privacy') if m in sys.modules))\n"
    "sys.exit(code)\n"
)


def imported(*args: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", IMPORTED, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    found: list[str] = json.loads(result.stdout.splitlines()[-1].replace("'", '"'))
    return found


def test_a_warm_check_imports_no_pydantic() -> None:
    assert imported("check") == [
        "pydantic",
        "wegwijzer.core.records.privacy",
    ]  # cold: the full check
    assert imported("check") == []
    assert imported("check", "--json") == []


def test_checking_one_flow_file_needs_no_privacy_scan() -> None:
    assert imported("check", "--no-cache", str(DATA / "valid.toml")) == ["pydantic"]


@given(st.binary(max_size=512))
def test_the_key_hash_is_blake2b_whichever_module_gives_it(data: bytes) -> None:
    """CPython's own BLAKE2 (no OpenSSL at start) and hashlib's give the same keys."""
    import hashlib

    from wegwijzer.core.base.digest import key_hash

    assert key_hash(data).hexdigest() == hashlib.blake2b(data, digest_size=32).hexdigest()
