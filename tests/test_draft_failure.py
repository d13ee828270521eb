"""Issue 16, finding 3: a draft that could not be saved is said, never claimed.

With the data folder unusable (``WEGWIJZER_DATA`` pointing at a file), line mode
used to end with "Uw antwoorden zijn bewaard als concept" while no draft existed;
after a failed export and a ``--strict-privacy`` refusal likewise.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wegwijzer.core.records.drafts import ENV_DATA

from helpers import DATA, run_cli

FLOW = str(DATA / "valid.toml")
PART = "1\n1\n"  # begin, then one signal; stdin ends at "politie"
WITH_PHONE = "1\nn moeder belde vanaf 06-12345678\n1,2\n1\n2\n"
CLAIMS = ("bewaard als concept", "staan nog in concept", "staan in concept")


def _env(data: Path) -> dict[str, str]:
    return dict(os.environ, **{ENV_DATA: str(data)})


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    """A data "folder" that is a file: every draft save fails."""
    data = tmp_path / "data"
    data.write_text("geen map")
    return data


@pytest.fixture
def good_data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def _said(result_stderr: str) -> None:
    assert not any(claim in result_stderr for claim in CLAIMS), result_stderr
    assert "NIET bewaard" in result_stderr


def test_stopping_early_without_a_draft_says_the_answers_are_not_kept(broken_data: Path) -> None:
    result = run_cli("run", FLOW, "--plain", stdin=PART, env=_env(broken_data))
    assert result.returncode != 0
    _said(result.stderr)
    assert "concept kon niet worden opgeslagen" in result.stderr.lower()


def test_a_failed_export_without_a_draft_says_what_to_do(broken_data: Path, tmp_path: Path) -> None:
    target = tmp_path / "geen-map" / "uit.toml"
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(target), stdin=WITH_PHONE, env=_env(broken_data)
    )
    assert result.returncode == 1
    _said(result.stderr)
    assert "--export" in result.stderr  # what to do instead


def test_a_strict_privacy_refusal_without_a_draft_says_so(
    broken_data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "uit.toml"
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(out), "--strict-privacy",
        stdin=WITH_PHONE, env=_env(broken_data),
    )  # fmt: skip
    assert result.returncode == 1
    _said(result.stderr)
    assert not out.exists()


def test_with_a_working_data_folder_the_draft_is_named(good_data: Path) -> None:
    result = run_cli("run", FLOW, "--plain", stdin=PART, env=_env(good_data))
    assert "bewaard als concept" in result.stderr
    assert list((good_data / "concepten").glob("*.toml"))


def test_a_resumed_draft_left_unchanged_is_said_to_be_kept(good_data: Path) -> None:
    """Found by a helper: resuming a draft in line mode and stopping before an answer
    said "NIET bewaard" while the draft it came from was on disk, unchanged."""
    shipped = "zorgen-over-een-minderjarige"  # resumable: in the flows folder
    first = run_cli("run", shipped, "--plain", stdin="1\n", env=_env(good_data))
    (draft,) = (good_data / "concepten").glob("*.toml")
    before = draft.read_bytes()
    again = run_cli("run", "--resume", draft.stem, "--plain", stdin="", env=_env(good_data))
    assert first.returncode != 0 and again.returncode != 0
    assert "NIET bewaard" not in again.stderr, again.stderr
    assert f"bewaard als concept; verder gaan: wegwijzer run --resume {draft.stem[:12]}" in (
        again.stderr
    )
    assert draft.read_bytes() == before
