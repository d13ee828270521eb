"""Shared fixtures: the shipped source, the small test flow, and a catalog folder for it."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from wegwijzer.core.flows.catalog import load_sources
from wegwijzer.core.flows.check import LoadedFlow, load_flow
from wegwijzer.core.flows.source import Source

from helpers import DATA, FLOWS

# `make test` (and so CI) draws the same examples on every run: a red CI then means
# a change broke something, never that the dice fell differently. `make fuzz` draws
# fresh examples each run to look for what the fixed ones miss; what it finds
# becomes a fix and, where the fixed draw misses it, a sharper strategy.
settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("WEGWIJZER_HYPOTHESIS", "repeatable"))


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no async plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def source() -> Source:
    sources, problems = load_sources(FLOWS)
    assert not problems
    return sources["gevarenzone-2020"]


@pytest.fixture(scope="session")
def test_flow(source: Source) -> LoadedFlow:
    return load_flow(DATA / "valid.toml", {source.id: source})


@pytest.fixture
def flows_dir(tmp_path: Path) -> Path:
    """A flows folder holding the shipped sources and only the small test flow."""
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    shutil.copy(DATA / "valid.toml", folder / "testflow.toml")
    return folder


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Drafts from any test (and the processes it starts) go to a temp folder, never the user's."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("WEGWIJZER_DATA", str(folder))
    return folder


@pytest.fixture(autouse=True)
def private_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The cache of checked flows, likewise: every test starts with an empty one of its own."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("WEGWIJZER_CACHE", str(folder))
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Figures tests put in ``helpers.REPORTED``, under the results even without -s."""
    from helpers import REPORTED

    for line in REPORTED:
        terminalreporter.write_line(line)


@pytest.fixture(autouse=True)
def private_config_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No protocol of the user's own: an empty config folder and no $WEGWIJZER_PROTOCOL."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    monkeypatch.delenv("WEGWIJZER_PROTOCOL", raising=False)
    return folder
