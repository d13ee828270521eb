"""Resume: a record replayed into a session, or opened for review with the reasons."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_record import T0, clock_from, walked
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, InfoStep, MultiStep
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import build_record, record_bytes, render_record
from wegwijzer.core.records.resume import open_loaded, open_record, record_reasons
from wegwijzer.core.walk.session import Session


def opened_from(data: dict[str, Any] | bytes, loaded: LoadedFlow) -> Any:
    raw = data if isinstance(data, bytes) else render_record(data)
    return open_loaded(parse_record(raw, "r.toml"), loaded)


def test_resume_restores_everything(test_flow: LoadedFlow, tmp_path: Path) -> None:
    original = walked(test_flow, case_ref="casus-17", mode="oefening")
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(original))
    opened = open_record(path, loaded=test_flow)
    assert not opened.review_only and opened.reasons == []
    session = opened.session
    assert session is not None
    assert session.id == original.id
    assert (session.mode, session.case_ref) == ("oefening", "casus-17")
    assert (session.started_at, session.finished_at) == (original.started_at, original.finished_at)
    assert session.path == original.path
    assert session.answers == original.answers
    assert session.notes == original.notes
    assert [r.action.text for r in session.recommended()] == [
        r.action.text for r in original.recommended()
    ]


def test_resume_a_draft_lands_on_the_open_step_with_its_note(test_flow: LoadedFlow) -> None:
    draft = Session(test_flow, clock=clock_from(T0))
    draft.answer(None)
    draft.set_note("signalen", "half af")
    opened = opened_from(record_bytes(draft), test_flow)
    assert opened.session.current_id == "signalen"
    assert opened.session.finished_at is None
    assert opened.session.notes == {"signalen": "half af"}
    opened.session.answer((1,))
    assert opened.session.current_id == "politie"


def test_resume_from_the_catalog(flows_dir: Path, tmp_path: Path) -> None:
    catalog = load_catalog(flows_dir)
    loaded = catalog.find("testflow")
    assert loaded is not None
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(walked(loaded)))
    assert open_record(path, catalog=catalog).session is not None


def test_flow_missing_opens_for_review(
    flows_dir: Path, test_flow: LoadedFlow, tmp_path: Path
) -> None:
    (flows_dir / "testflow.toml").unlink()
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(walked(test_flow)))
    opened = open_record(path, catalog=load_catalog(flows_dir))
    assert opened.review_only and opened.session is None
    assert opened.reasons == ["het stappenplan 'testflow' is hier niet beschikbaar"]
    assert opened.record.flow == "testflow"


def _changed_flow(test_flow: LoadedFlow, version: str) -> LoadedFlow:
    flow = test_flow.flow.model_copy(update={"version": version})
    return dataclasses.replace(test_flow, flow=flow, digest="sha256:" + "0" * 64)


def test_other_version_and_hash_open_for_review(test_flow: LoadedFlow) -> None:
    opened = opened_from(record_bytes(walked(test_flow)), _changed_flow(test_flow, "2"))
    assert opened.review_only and opened.session is None
    assert opened.reasons == [
        "het overzicht is gemaakt met versie 1 van het stappenplan; de huidige versie is 2",
        "het stappenplan is gewijzigd sinds het overzicht is gemaakt (de inhoud-hash verschilt)",
    ]


def test_same_version_other_hash_opens_for_review(test_flow: LoadedFlow) -> None:
    opened = opened_from(record_bytes(walked(test_flow)), _changed_flow(test_flow, "1"))
    assert opened.review_only
    assert opened.reasons == [
        "het stappenplan is gewijzigd sinds het overzicht is gemaakt (de inhoud-hash verschilt)"
    ]


def _tampered(test_flow: LoadedFlow, step: int, **changes: Any) -> list[str]:
    data = build_record(walked(test_flow))
    data["steps"][step].update(changes)
    opened = opened_from(data, test_flow)
    assert opened.review_only and opened.session is None
    return list(opened.reasons)


def test_tampered_records_are_review_only_with_reasons(test_flow: LoadedFlow) -> None:
    assert _tampered(test_flow, 2, number=2, answer="Nee") == [
        "stap 4 ('beleid') volgt niet uit het antwoord op stap 3 (verwacht 'einde-politie')"
    ]
    assert _tampered(test_flow, 2, number=3) == [
        "stap 3 ('politie'): antwoordnummer is geen keuze van deze stap (1 t/m 2)"
    ]
    assert _tampered(test_flow, 2, answer="Misschien") == [
        "stap 3 ('politie'): het antwoord is niet de tekst van keuze 1"
    ]
    assert _tampered(test_flow, 3, answer="misschien") == [
        "stap 4 ('beleid'): het antwoord is geen status van deze stap (ja, nee, deels, weet niet)"
    ]
    assert _tampered(
        test_flow, 1, numbers=[2, 1], answer=["Iets anders", "Veel cadeaus en aandacht"]
    ) == ["stap 2 ('signalen'): antwoordnummers staan niet oplopend of komen dubbel voor"]
    assert _tampered(test_flow, 0, answer="overgeslagen") == [
        "stap 1 ('begin'): bij een informatiestap is het antwoord 'gelezen'"
    ]
    assert _tampered(test_flow, 0, citations=["1", "2"]) == [
        "stap 1 ('begin'): de verwijzingen wijken af van het stappenplan (antwoord 1)"
    ]
    assert _tampered(test_flow, 0, prompt="Iets anders") == [
        "stap 1 ('begin'): de vraag wijkt af van het stappenplan"
    ]
    assert _tampered(test_flow, 0, id="politie", kind="choice", answer="Ja", number=1) == [
        "stap 1 ('politie'): het pad begint niet bij de startstap 'begin'"
    ]
    assert _tampered(test_flow, 0, kind="check") == [
        "stap 1 ('begin'): soort 'check' wijkt af van het stappenplan ('info')"
    ]
    assert _tampered(test_flow, 0, id="bestaat-niet") == [
        "stap 1 ('bestaat-niet') bestaat niet in het stappenplan"
    ]


def test_tampered_actions_are_review_only(test_flow: LoadedFlow) -> None:
    data = build_record(walked(test_flow))
    data["actions"][0]["text"] = "Doe niets."
    assert opened_from(data, test_flow).reasons == [
        "actie 1 wijkt af van wat het stappenplan aanbeveelt"
    ]
    data["actions"].pop()
    assert opened_from(data, test_flow).reasons == [
        "het overzicht noemt 2 acties; het stappenplan beveelt er 3 aan"
    ]


def test_a_record_of_another_flow(test_flow: LoadedFlow) -> None:
    data = build_record(walked(test_flow))
    data["flow"] = "andere-flow"
    assert record_reasons(parse_record(render_record(data), "r.toml"), test_flow) == [
        "het overzicht hoort bij stappenplan 'andere-flow', niet bij 'testflow'"
    ]


def test_unreadable_record_raises_problems(tmp_path: Path, test_flow: LoadedFlow) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(tomli_w.dumps({"format": 2}).encode())
    with pytest.raises(ProblemsError):
        open_record(path, loaded=test_flow)


# --- export -> open -> export is the identity ------------------------------------------

_TOKENS = [
    '"',
    "'",
    "\n",
    "[",
    "]",
    "[bold]",
    "[/]",
    "[ @click=app.quit]",
    "🙂",
    "👩🏽‍⚕️",
    "שלום",
    "مرحبا",
]
_TOKENS += [
    "\u202e",
    "\x1b[31m",
    "\r\n",
    '"""',
    "'''",
    "\\",
    "#",
    "=",
    " ",
    "a",
    "Z",
    "\t",
    "\x00",
    "é",
]
_NOTES = st.one_of(
    st.lists(st.sampled_from(_TOKENS), max_size=30).map("".join), st.text(max_size=60)
)


def _answer_for(step: Any, data: st.DataObject) -> Any:
    if isinstance(step, ChoiceStep):
        return data.draw(st.integers(0, len(step.options) - 1))
    if isinstance(step, MultiStep):
        count = len(step.options)
        return tuple(data.draw(st.lists(st.integers(0, count - 1), min_size=1, max_size=count)))
    if isinstance(step, CheckStep):
        return data.draw(st.sampled_from(step.statuses))
    assert isinstance(step, InfoStep)
    return None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_export_open_export_is_identical(test_flow: LoadedFlow, data: st.DataObject) -> None:
    start = data.draw(
        st.datetimes(
            min_value=dt.datetime(1970, 1, 2),  # the reader's plausible dates (core.base.limits)
            max_value=dt.datetime(2199, 12, 30),
            timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2))]),
        )
    )
    session = Session(
        test_flow,
        mode=data.draw(st.sampled_from(["casus", "oefening"])),
        case_ref=data.draw(_NOTES),
        clock=clock_from(start),
    )
    for _ in range(data.draw(st.integers(0, 12))):
        if session.finished:
            if not data.draw(st.booleans()):
                break
            session.back()
            continue
        move = data.draw(st.sampled_from(["answer", "answer", "note", "back"]))
        if move == "answer":
            session.answer(_answer_for(session.current, data))
        elif move == "note":
            session.set_note(session.current_id, data.draw(_NOTES))
        else:
            session.back()
    first = record_bytes(session)
    opened = opened_from(first, test_flow)
    assert not opened.review_only, opened.reasons
    assert record_bytes(opened.session) == first
    for item in opened.record.steps:  # what survives is exactly what clean() lets through
        assert item.note == clean(item.note, multiline=True).strip()
