"""Drift: a record opened against a changed copy of a shipped flow names what changed."""

from __future__ import annotations

import os
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from wegwijzer.core.flows.catalog import load_sources
from wegwijzer.core.flows.check import LoadedFlow, load_flow, load_flow_bytes
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, InfoStep, MultiStep
from wegwijzer.core.flows.source import Source
from wegwijzer.core.records.drafts import ENV_DATA
from wegwijzer.core.records.drift import FLOW_CHANGED, SOURCE_CHANGED, find_drift
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import Record, build_record, record_bytes, render_record
from wegwijzer.core.walk.session import Session

from helpers import FLOWS, run_cli

SHIPPED = sorted(FLOWS.glob("*.toml"))
CASE = FLOWS / "zorgen-over-een-minderjarige.toml"
# A changed copy of the case flow raises its version by one, whatever the shipped one is.
SHIPPED_VERSION = tomllib.loads(CASE.read_text("utf-8"))["version"]
NEXT_VERSION = str(int(SHIPPED_VERSION) + 1)
VERSION_CHANGE = (
    f"Het stappenplan is nu versie {NEXT_VERSION}; "
    f"dit overzicht is gemaakt met versie {SHIPPED_VERSION}."
)


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    found, problems = load_sources(FLOWS)
    assert not problems
    return found


def walk(loaded: LoadedFlow, prefer_last: tuple[str, ...] = ()) -> Session:
    """The first option everywhere (the last at ``prefer_last``), 'ja' at every check."""
    session = Session(loaded)
    while not session.finished:
        step = session.current
        if isinstance(step, ChoiceStep):
            last = session.current_id in prefer_last
            session.answer(len(step.options) - 1 if last else 0)
        elif isinstance(step, MultiStep):
            session.answer((0,))
        elif isinstance(step, CheckStep):
            session.answer(step.statuses[0])
        else:
            assert isinstance(step, InfoStep)
            session.answer(None)
    return session


def _record(session: Session) -> Record:
    return parse_record(record_bytes(session), "r.toml")


def changed(
    path: Path, sources: dict[str, Source], change: Callable[[dict[str, Any]], None]
) -> LoadedFlow:
    """A changed copy of the flow file at ``path``, loaded and checked like any flow."""
    data = tomllib.loads(path.read_text("utf-8"))
    change(data)
    return load_flow_bytes(tomli_w.dumps(data).encode(), "kopie.toml", sources, path)


def _long_walk(sources: dict[str, Source]) -> tuple[LoadedFlow, Record]:
    loaded = load_flow(CASE, sources)
    session = walk(loaded, prefer_last=("direct-gevaar",))
    assert len(session.path) > 5
    return loaded, _record(session)


# --- every step of every shipped flow --------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_same_flow_has_no_drift(path: Path, sources: dict[str, Source]) -> None:
    loaded = load_flow(path, sources)
    assert find_drift(_record(walk(loaded)), loaded) is None


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_changed_prompt_names_exactly_that_step(path: Path, sources: dict[str, Source]) -> None:
    loaded = load_flow(path, sources)
    record = _record(walk(loaded))
    for number, item in enumerate(record.steps, start=1):

        def reword(data: dict[str, Any], step_id: str = item.id) -> None:
            data["steps"][step_id]["prompt"] += " (herzien)"

        drift = find_drift(record, changed(path, sources, reword))
        assert drift is not None and drift.flow_changed and drift.fits
        assert drift.changes == (f"Stap {number} ('{item.id}'): de vraag is gewijzigd.",)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_changed_explanation_names_exactly_that_step(
    path: Path, sources: dict[str, Source]
) -> None:
    loaded = load_flow(path, sources)
    record = _record(walk(loaded))
    for number, item in enumerate(record.steps, start=1):

        def explain(data: dict[str, Any], step_id: str = item.id) -> None:
            data["steps"][step_id]["text"] = "Een nieuwe toelichting."

        drift = find_drift(record, changed(path, sources, explain))
        assert drift is not None and drift.fits
        why = "de toelichting of wat een keuze aanbeveelt is gewijzigd"
        assert drift.changes == (f"Stap {number} ('{item.id}'): {why}.",)


# --- a changed copy of the case flow ----------------------------------------------


def test_changes_that_still_fit_are_named_and_the_answers_fit(
    sources: dict[str, Source],
) -> None:
    loaded, record = _long_walk(sources)
    ids = [item.id for item in record.steps]
    multi = next(i for i in ids if loaded.flow.steps[i].kind == "multi")
    choice = ids[1]

    def change(data: dict[str, Any]) -> None:
        data["version"] = NEXT_VERSION
        data["steps"][multi]["options"].append({"label": "Nog een signaal"})
        data["steps"][choice]["cites"] = ["3.1", "2.2"]

    drift = find_drift(record, changed(CASE, sources, change))
    assert drift is not None and drift.fits
    assert drift.changes == (
        VERSION_CHANGE,
        f"Stap 2 ('{choice}'): de verwijzingen zijn gewijzigd "
        "(was: antwoord 3, alinea 1; nu: antwoord 3, alinea 1; antwoord 2, alinea 2).",
        f"Stap {ids.index(multi) + 1} ('{multi}'): de keuzes zijn gewijzigd.",
    )


def _rename(data: dict[str, Any], old: str, new: str) -> None:
    data["steps"][new] = data["steps"].pop(old)
    for step in data["steps"].values():
        if step.get("next") == old:
            step["next"] = new
        for option in step.get("options", []):
            if option.get("next") == old:
                option["next"] = new


def test_a_step_gone_and_a_relabelled_answer_no_longer_fit(sources: dict[str, Source]) -> None:
    _loaded, record = _long_walk(sources)
    gone = record.steps[3].id

    def change(data: dict[str, Any]) -> None:
        _rename(data, gone, gone + "-nieuw")
        data["steps"]["direct-gevaar"]["options"][2]["label"] = "Nee"

    drift = find_drift(record, changed(CASE, sources, change))
    assert drift is not None and not drift.fits
    assert "Stap 2 ('direct-gevaar'): de keuzes zijn gewijzigd." in drift.changes
    assert f"Stap 4 ('{gone}') bestaat niet meer in het stappenplan." in drift.changes
    assert drift.misfits[0].startswith("stap 2 ('direct-gevaar'): het antwoord is niet de tekst")


def test_changed_actions_for_the_same_answers_are_named(sources: dict[str, Source]) -> None:
    _loaded, record = _long_walk(sources)
    last = record.steps[-1].id

    def change(data: dict[str, Any]) -> None:
        data["steps"][last].setdefault("actions", []).append(
            {"text": "Een nieuwe actie.", "group": "algemeen", "cites": ["8"]}
        )

    drift = find_drift(record, changed(CASE, sources, change))
    assert drift is not None and drift.fits
    assert "De aanbevolen acties bij deze uitkomst zijn gewijzigd." in drift.changes


def test_a_changed_source_is_named(sources: dict[str, Source]) -> None:
    loaded = load_flow(CASE, sources)
    record = _record(walk(loaded))
    source = loaded.source
    first = source.questions[0]
    edited = source.model_copy(
        update={
            "questions": (
                first.model_copy(update={"answer": ("Ja, zeker.",)}),
                *source.questions[1:],
            )
        }
    )
    drift = find_drift(record, LoadedFlow(loaded.flow, loaded.path, loaded.digest, edited))
    assert drift is not None and not drift.flow_changed and drift.source_changed
    assert drift.changes == (SOURCE_CHANGED,)


def test_a_record_from_before_the_hashes_were_kept_still_opens(
    sources: dict[str, Source],
) -> None:
    loaded = load_flow(CASE, sources)
    data = build_record(walk(loaded))
    del data["source_hash"]
    for step in data["steps"]:
        step.pop("step_hash")
        step.pop("options", None)
    record = parse_record(render_record(data), "oud.toml")
    assert find_drift(record, loaded) is None

    def reword(flow: dict[str, Any]) -> None:
        flow["steps"]["start"]["text"] = "Anders."

    drift = find_drift(record, changed(CASE, sources, reword))
    assert drift is not None and drift.fits  # the text change is not visible without hashes
    assert drift.changes == (
        "Het stappenplan is gewijzigd, maar niet in de stappen van dit overzicht.",
    )


# --- the commands a person runs ---------------------------------------------------


@pytest.fixture
def changed_catalog(tmp_path: Path, sources: dict[str, Source]) -> tuple[Path, dict[str, str]]:
    """A record made with the shipped case flow, and a catalog where that flow changed since."""
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    loaded, _ = _long_walk(sources)
    out = tmp_path / "overzicht.toml"
    out.write_bytes(render_record(build_record(walk(loaded, prefer_last=("direct-gevaar",)))))
    data = tomllib.loads(CASE.read_text("utf-8"))
    data["version"] = NEXT_VERSION
    data["steps"]["signalen"]["prompt"] = "Welke signalen ziet u nu?"
    (folder / CASE.name).write_bytes(tomli_w.dumps(data).encode())
    env = dict(os.environ, WEGWIJZER_FLOWS=str(folder), **{ENV_DATA: str(tmp_path / "data")})
    return out, env


def test_verify_says_in_order_but_changed_and_names_the_change(
    changed_catalog: tuple[Path, dict[str, str]],
) -> None:
    out, env = changed_catalog
    result = run_cli("verify", str(out), env=env)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"in orde, maar het stappenplan is sindsdien gewijzigd: {out}",
        f"  - {VERSION_CHANGE}",
        "  - Stap 4 ('signalen'): de vraag is gewijzigd.",
    ]


def test_verify_refuses_where_the_answers_no_longer_fit(
    changed_catalog: tuple[Path, dict[str, str]],
) -> None:
    out, env = changed_catalog
    path = Path(env["WEGWIJZER_FLOWS"]) / CASE.name
    data = tomllib.loads(path.read_text("utf-8"))
    _rename(data, "signalen", "signalen-nieuw")
    path.write_bytes(tomli_w.dumps(data).encode())
    result = run_cli("verify", str(out), env=env)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        f"niet in orde: {out}",
        "  Het stappenplan is sindsdien gewijzigd en de antwoorden passen er niet meer in:",
    ]
    assert "  - Stap 4 ('signalen') bestaat niet meer in het stappenplan." in lines


def test_open_plain_and_markdown_name_the_changes(
    changed_catalog: tuple[Path, dict[str, str]],
) -> None:
    out, env = changed_catalog
    plain = run_cli("open", str(out), "--plain", env=env)
    assert plain.returncode == 0, plain.stderr
    assert (
        f"\n{FLOW_CHANGED[:1].upper()}{FLOW_CHANGED[1:]}.\n\nGewijzigd sinds dit overzicht is "
        f"gemaakt:\n{VERSION_CHANGE}\n"
        "Stap 4 ('signalen'): de vraag is gewijzigd.\n"
    ) in plain.stdout
    markdown = run_cli("open", str(out), "--markdown", env=env)
    assert markdown.returncode == 0, markdown.stderr
    assert (
        "## Let op: gewijzigd sinds dit overzicht is gemaakt\n\n"
        "Dit overzicht toont de stappen zoals ze waren toen het werd gemaakt. Sindsdien:\n\n"
        f"- {VERSION_CHANGE}\n"
        "- Stap 4 ('signalen'): de vraag is gewijzigd.\n"
    ) in markdown.stdout
    assert "### Stap 4. Welke signalen ziet u?\n" in markdown.stdout  # as it was answered


def test_a_changed_source_alone_still_resumes_and_names_the_change(
    sources: dict[str, Source],
) -> None:
    from wegwijzer.core.records.drift import drift_of
    from wegwijzer.core.records.resume import open_loaded

    loaded = load_flow(CASE, sources)
    data = build_record(walk(loaded))
    data["source_hash"] = "sha256:" + "0" * 64
    opened = open_loaded(parse_record(render_record(data), "r.toml"), loaded)
    assert opened.session is not None and not opened.review_only
    drift = drift_of(opened)
    assert drift is not None and drift.changes == (SOURCE_CHANGED,)


def test_words_changed_in_the_file_of_an_unchanged_step_are_a_fault_not_drift(
    sources: dict[str, Source],
) -> None:
    loaded, _ = _long_walk(sources)
    data = build_record(walk(loaded, prefer_last=("direct-gevaar",)))
    data["flow_hash"] = "sha256:" + "0" * 64  # as if the flow changed
    data["steps"][3]["prompt"] = "Een andere vraag"
    drift = find_drift(parse_record(render_record(data), "r.toml"), loaded)
    assert drift is not None and not drift.fits
    assert drift.misfits[0].startswith("stap 4 ('signalen'): de woorden wijken af van de stap")
    assert not any("('signalen')" in change for change in drift.changes)
