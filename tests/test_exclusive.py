"""Exclusive options ("Geen van deze"): the checker, the session, line mode, verify."""

from __future__ import annotations

import io
import os
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.flow import MultiStep, tick
from wegwijzer.core.records.record import record_bytes
from wegwijzer.core.walk.session import AnswerError, Session
from wegwijzer.plain import run_plain, step_lines

from helpers import DATA, FLOWS, run_cli

ALONE = '{ label = "Iets anders" }'


def exclusive_flow(folder: Path) -> Path:
    """The small test flow with "Iets anders" (option 2 of 'signalen') exclusive."""
    text = (DATA / "valid.toml").read_text("utf-8")
    assert ALONE in text
    path = folder / "testflow.toml"
    path.write_text(text.replace(ALONE, '{ label = "Iets anders", exclusive = true }'), "utf-8")
    return path


@pytest.fixture
def flows(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    exclusive_flow(folder)
    return folder


def test_the_checker_refuses_exclusive_on_a_choice_and_a_multi_of_only_exclusives(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    text = (DATA / "valid.toml").read_text("utf-8")
    text = text.replace(
        '{ label = "Nee", next = "einde-politie" }',
        '{ label = "Nee", next = "einde-politie", exclusive = true }',
    )
    text = text.replace(ALONE, '{ label = "Iets anders", exclusive = true }')
    text = text.replace(
        '{ label = "Veel cadeaus en aandacht", actions',
        '{ label = "Veel cadeaus en aandacht", exclusive = true, actions',
    )
    (folder / "testflow.toml").write_text(text, "utf-8")
    catalog = load_catalog(folder)
    found = {(p.step, p.field): p.message for p in catalog.problems}
    assert "bij 'choice' kiest u altijd één" in found[("politie", "options[1].exclusive")]
    assert "alle opties zijn 'exclusive'" in found[("signalen", "options")]


def test_shipped_flows_mark_none_of_these_exclusive() -> None:
    catalog = load_catalog(FLOWS)
    labels = [
        option.label
        for loaded in catalog.flows
        for step in loaded.flow.steps.values()
        if isinstance(step, MultiStep)
        for option in step.options
        if option.exclusive
    ]
    assert "Geen van deze" in labels and "Geen van beide, of dat weet ik niet" in labels


@given(st.lists(st.integers(0, 4), max_size=12), st.frozensets(st.integers(0, 4)))
def test_ticking_never_leaves_an_exclusive_option_with_another(
    presses: list[int], exclusive: frozenset[int]
) -> None:
    ticked: frozenset[int] = frozenset()
    for index in presses:
        ticked = tick(ticked, index, exclusive)
        assert index in ticked or index not in ticked  # a press toggles
        if ticked & exclusive:
            assert len(ticked) == 1, ticked


def test_the_session_refuses_an_exclusive_option_with_another(flows: Path) -> None:
    catalog = load_catalog(flows)
    session = Session(catalog.flows[0])
    session.answer(None)
    with pytest.raises(AnswerError, match="‘Iets anders’ kiest u alleen"):
        session.answer((0, 1))
    session.answer((1,))  # alone it is fine
    assert session.current_id == "politie"


def test_line_mode_marks_it_and_refuses_it_with_another(flows: Path) -> None:
    catalog = load_catalog(flows)
    session = Session(catalog.flows[0])
    session.answer(None)
    assert "2. Iets anders. Kiest u alleen, niet samen met een andere keuze." in step_lines(session)
    lines = iter(["1,2", "2", "1", "2", ""])
    out = io.StringIO()
    run_plain(session, lambda: next(lines, None), out)
    assert "Dat gaat niet: ‘Iets anders’ kiest u alleen" in out.getvalue()
    assert session.answers["signalen"] == (1,)


def test_verify_refuses_a_record_with_an_exclusive_option_and_another(
    flows: Path, tmp_path: Path
) -> None:
    catalog = load_catalog(flows)
    session = Session(catalog.flows[0])
    for value in (None, (0,), 1):
        session.answer(value)
    assert session.finished
    path = tmp_path / "r.toml"
    data = tomllib.loads(record_bytes(session).decode())
    signalen = next(step for step in data["steps"] if step["id"] == "signalen")
    signalen["answer"] = ["Veel cadeaus en aandacht", "Iets anders"]
    signalen["numbers"] = [1, 2]
    path.write_bytes(tomli_w.dumps(data).encode())
    env = {**os.environ, "WEGWIJZER_FLOWS": str(flows), "WEGWIJZER_DATA": str(tmp_path / "data")}
    result = run_cli("verify", str(path), env=env)
    assert result.returncode == 1
    assert "‘Iets anders’ kiest u alleen, niet samen met een andere optie" in result.stdout
