"""Fixtures for the TUI tests: a fixed flows folder, a fixed clock, drafts and home in tmp."""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tuikit import FLOWS, TEST_FLOW, fixed_clock

from wegwijzer.tui.app import WegwijzerApp, make_app

if TYPE_CHECKING:
    from test_tui_tmux import Terminal


@pytest.fixture
def tui_flows(tmp_path: Path) -> Path:
    """The shipped source and only the small test flow: the same screens on every machine."""
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    shutil.copy(TEST_FLOW, folder / "testflow.toml")
    return folder


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Drafts and the default export folder inside tmp, never in the user's own folders."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("WEGWIJZER_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("WEGWIJZER_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield home
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def new_app(tui_flows: Path) -> Callable[..., WegwijzerApp]:
    def build(flow_id: str | None = None, record: Path | None = None) -> WegwijzerApp:
        return make_app(flow_id, record, tui_flows, clock=fixed_clock)

    return build


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    """A private tmux server (its own socket) with one window; killed afterwards."""
    from test_tui_tmux import Terminal

    term = Terminal(f"wegwijzer-test-{uuid.uuid4().hex[:12]}")
    try:
        yield term
    finally:
        term.tmux("kill-server")
