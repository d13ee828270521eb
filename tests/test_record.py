"""The record: built from a session, written as TOML, read back strictly."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import step_digest
from wegwijzer.core.records.reader import parse_record, read_record
from wegwijzer.core.records.record import (
    RECORD_MAX_BYTES,
    build_record,
    record_bytes,
    record_data,
    render_record,
)
from wegwijzer.core.walk.session import Session

T0 = dt.datetime(2024, 5, 1, 9, 0, tzinfo=dt.UTC)


def clock_from(start: dt.datetime) -> Any:
    def ticks() -> Iterator[dt.datetime]:
        moment = start
        while True:
            yield moment
            moment += dt.timedelta(minutes=1)

    source = ticks()
    return lambda: next(source)


def walked(loaded: LoadedFlow, *, case_ref: str = "", mode: str = "casus") -> Session:
    """begin -> signalen (both) -> politie: Ja -> beleid: deels -> einde, with notes."""
    session = Session(loaded, case_ref=case_ref, mode=mode, clock=clock_from(T0))
    session.answer(None)
    session.set_note("signalen", 'Zei: "ik krijg alles" [bold]x[/bold]\ntweede regel 🙂')
    session.answer((0, 1))
    session.answer(0)
    session.answer("deels")
    assert session.finished
    return session


def record_of(loaded: LoadedFlow, **changes: Any) -> dict[str, Any]:
    data = build_record(walked(loaded))
    data.update(changes)
    return data


def problems_of(data: dict[str, Any] | bytes) -> list[str]:
    raw = data if isinstance(data, bytes) else tomli_w.dumps(data).encode()
    with pytest.raises(ProblemsError) as caught:
        parse_record(raw, "r.toml")
    return [str(p) for p in caught.value.problems]


# --- building ------------------------------------------------------------------


def test_record_holds_flow_session_steps_and_actions(test_flow: LoadedFlow) -> None:
    session = walked(test_flow, case_ref="casus-17")
    data = tomllib.loads(record_bytes(session).decode())
    assert data["format"] == 1
    assert data["session_id"] == session.id
    assert (data["flow"], data["flow_version"], data["flow_title"]) == ("testflow", "1", "Testflow")
    assert data["flow_hash"] == test_flow.digest and data["flow_hash"].startswith("sha256:")
    assert data["source"] == "gevarenzone-2020"
    assert data["mode"] == "casus"
    assert data["case_ref"] == "casus-17"
    assert data["started"] == T0
    assert data["finished"] > data["started"]
    assert data["started"].tzinfo is not None and data["finished"].tzinfo is not None
    steps = data["steps"]
    assert [s["id"] for s in steps] == ["begin", "signalen", "politie", "beleid", "einde"]
    assert steps[0]["answer"] == "gelezen"
    assert steps[1]["answer"] == ["Veel cadeaus en aandacht", "Iets anders"]
    assert steps[1]["numbers"] == [1, 2]
    assert steps[1]["note"].startswith('Zei: "ik krijg alles" [bold]')
    assert (steps[2]["answer"], steps[2]["number"]) == ("Ja", 1)
    assert steps[3]["answer"] == "deels"
    assert "answer" not in steps[4] and steps[4]["kind"] == "outcome"
    assert all(s["citations"] for s in steps)
    assert "note" not in steps[0]
    assert [a["step"] for a in data["actions"]] == ["signalen", "beleid", "einde"]
    assert data["actions"][0] == {
        "text": "Bespreek de signalen.",
        "group": "zorg",
        "citations": ["2.1"],
        "step": "signalen",
    }
    assert data["actions"][1]["group"] == "beleid"  # open checklist item


def test_steps_and_actions_are_tables_not_inline(test_flow: LoadedFlow) -> None:
    text = record_bytes(walked(test_flow)).decode()
    assert text.count("[[steps]]") == 5
    assert text.count("[[actions]]") == 3


def test_no_case_ref_means_no_key(test_flow: LoadedFlow) -> None:
    assert "case_ref" not in build_record(walked(test_flow))


def test_same_session_gives_the_same_bytes(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    assert record_bytes(session) == record_bytes(session)


def test_unfinished_session_has_no_end_time_and_an_open_last_step(test_flow: LoadedFlow) -> None:
    session = Session(test_flow, clock=clock_from(T0))
    session.answer(None)
    session.set_note("signalen", "nog bezig")
    data = build_record(session)
    assert "finished" not in data
    assert data["actions"] == []
    assert data["steps"][-1] == {
        "id": "signalen",
        "kind": "multi",
        "prompt": "Welke signalen ziet u?",
        "options": ["Veel cadeaus en aandacht", "Iets anders"],
        "note": "nog bezig",
        "citations": ["2.1"],
        "step_hash": step_digest(test_flow.flow.steps["signalen"]),
    }
    assert parse_record(render_record(data), "r.toml").complete is False


def test_training_score_table_round_trips(test_flow: LoadedFlow) -> None:
    data = record_bytes(
        walked(test_flow, mode="oefening"), extra={"score": {"punten": 3, "max": 4}}
    )
    assert "\n[score]\npunten = 3\nmax = 4\n" in data.decode()
    record = parse_record(data, "r.toml")
    assert record.score == {"punten": 3, "max": 4}
    assert render_record(record_data(record), test_flow.source) == data


def test_unknown_extra_table_is_a_programming_error(test_flow: LoadedFlow) -> None:
    with pytest.raises(ValueError):
        build_record(walked(test_flow), extra={"naam": {"x": 1}})


def test_naive_timestamps_are_never_written(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    session.started_at = dt.datetime(2024, 5, 1, 9, 0)
    with pytest.raises(ValueError):
        record_bytes(session)


def test_unknown_mode_is_refused(test_flow: LoadedFlow) -> None:
    session = walked(test_flow, mode="spel")
    with pytest.raises(ValueError):
        build_record(session)


# --- reading -------------------------------------------------------------------


def test_read_back_equals_what_was_written(test_flow: LoadedFlow, tmp_path: Path) -> None:
    data = record_bytes(walked(test_flow, case_ref="x"))
    path = tmp_path / "r.toml"
    path.write_bytes(data)
    assert render_record(record_data(read_record(path)), test_flow.source) == data


def test_not_toml(test_flow: LoadedFlow) -> None:
    assert problems_of(b"format = 1\nsteps = [") == ["r.toml: de opmaak van het bestand klopt niet"]


def test_oversize_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"#" * (RECORD_MAX_BYTES + 10))
    with pytest.raises(ProblemsError, match="te groot"):
        read_record(path)


def test_missing_file_is_a_dutch_problem(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError, match="bestaat niet"):
        read_record(tmp_path / "nergens.toml")


def test_unknown_keys_are_refused(test_flow: LoadedFlow) -> None:
    data = record_of(test_flow, naam="Jan")
    data["steps"][1]["extra"] = "x"
    found = problems_of(data)
    assert "r.toml, veld 'naam': onbekend veld 'naam'" not in found
    assert "r.toml: onbekend veld 'naam'" in found
    assert "r.toml, stap 'signalen', veld 'steps[1]': onbekend veld 'extra'" in found


def test_wrong_types_name_the_field_not_the_data(test_flow: LoadedFlow) -> None:
    data = record_of(test_flow, format="1", case_ref=612345678)
    data["steps"][2]["number"] = "een"
    data["steps"][1]["note"] = "GEHEIM " * 2000
    found = problems_of(data)
    assert "r.toml, veld 'format': ongeldige waarde; toegestaan: 1" in found
    assert "r.toml, veld 'case_ref': moet tekst zijn" in found
    assert "r.toml, stap 'politie', veld 'steps[2].number': moet een geheel getal zijn" in found
    assert "r.toml, stap 'signalen', veld 'steps[1].note': tekst is te lang" in found
    assert not any("GEHEIM" in line or "612345678" in line for line in found)


def test_strings_are_not_accepted_as_timestamps(test_flow: LoadedFlow) -> None:
    found = problems_of(record_of(test_flow, started="2024-05-01T09:00:00Z"))
    assert found == [
        "r.toml, veld 'started': moet een tijdstip zijn (bijv. 2024-05-01T09:30:00+02:00)"
    ]


def test_naive_timestamps_are_refused(test_flow: LoadedFlow) -> None:
    found = problems_of(
        record_of(
            test_flow, started=dt.datetime(2024, 5, 1, 9), finished=dt.datetime(2024, 5, 1, 10)
        )
    )
    assert (
        "r.toml, veld 'started': tijdstip zonder tijdzone; voeg er een toe (bijv. +02:00 of Z)"
        in found
    )
    assert len(found) == 2


def test_mixed_naive_and_aware_timestamps_are_refused(test_flow: LoadedFlow) -> None:
    found = problems_of(record_of(test_flow, finished=dt.datetime(2024, 5, 1, 10)))
    assert found == [
        "r.toml, veld 'finished': tijdstip zonder tijdzone; voeg er een toe (bijv. +02:00 of Z)"
    ]


def test_a_date_is_not_a_timestamp(test_flow: LoadedFlow) -> None:
    found = problems_of(record_of(test_flow, started=dt.date(2024, 5, 1)))
    assert found == [
        "r.toml, veld 'started': moet een tijdstip zijn (bijv. 2024-05-01T09:30:00+02:00)"
    ]


def test_shape_rules(test_flow: LoadedFlow) -> None:
    data = record_of(test_flow)
    del data["steps"][2]["answer"]
    data["steps"][3]["number"] = 2
    data["steps"][4]["answer"] = "x"
    found = problems_of(data)
    assert "r.toml, stap 'politie', veld 'steps[2].answer': antwoord ontbreekt" in found
    assert "r.toml, stap 'politie', veld 'steps[2].number': nummer zonder antwoord" in found
    assert (
        "r.toml, stap 'beleid', veld 'steps[3].number': "
        "alleen een keuze ('choice') heeft een nummer" in found
    )
    assert (
        "r.toml, stap 'einde', veld 'steps[4].answer': de laatste stap heeft geen antwoord" in found
    )


def test_end_time_goes_with_an_outcome(test_flow: LoadedFlow) -> None:
    data = record_of(test_flow)
    del data["finished"]
    assert (
        "r.toml, veld 'finished': de uitkomst is bereikt maar de eindtijd ontbreekt"
        in problems_of(data)
    )
    data = record_of(test_flow, finished=T0 - dt.timedelta(days=1))
    assert problems_of(data) == ["r.toml, veld 'finished': de eindtijd ligt vóór de begintijd"]


def test_multi_needs_as_many_numbers_as_answers(test_flow: LoadedFlow) -> None:
    data = record_of(test_flow)
    data["steps"][1]["numbers"] = [1]
    assert problems_of(data) == [
        "r.toml, stap 'signalen', veld 'steps[1].answer': een meerkeuze heeft een lijst "
        "antwoorden en evenveel nummers ('numbers')"
    ]


# --- properties ----------------------------------------------------------------

_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.datetimes(),
    st.datetimes(timezones=st.just(dt.UTC)),
    st.dates(),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value if v is not None]
    return value


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_tampering_is_a_problem_or_a_valid_record(
    test_flow: LoadedFlow, data: st.DataObject
) -> None:
    record = build_record(walked(test_flow))
    target: Any = record
    if data.draw(st.booleans()):
        target = record["steps"][data.draw(st.integers(0, len(record["steps"]) - 1))]
    key = data.draw(st.sampled_from([*target.keys(), "onbekend"]))
    value = _strip_none(data.draw(_VALUES))
    if value is None:
        target.pop(key, None)
    else:
        target[key] = value
    try:
        raw = tomli_w.dumps(record).encode()
    except (TypeError, ValueError):
        return
    try:
        parse_record(raw, "r.toml")
    except ProblemsError as error:
        assert error.problems
        assert all(p.message for p in error.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_a_problem_or_a_record(raw: bytes) -> None:
    try:
        parse_record(raw, "r.toml")
    except ProblemsError as error:
        assert error.problems


def test_the_documented_example_is_a_valid_record(test_flow: LoadedFlow) -> None:
    from wegwijzer.core.records.record import ActionRecord, Record, StepRecord
    from wegwijzer.core.records.resume import path_reasons

    from helpers import ROOT

    docs = (ROOT / "docs" / "records.md").read_text("utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    record = parse_record(example.encode(), "docs/records.md")
    assert path_reasons(record, test_flow.flow) == []
    for model in (Record, StepRecord, ActionRecord):
        for name in model.model_fields:
            assert f"`{name}`" in docs or f"`[{name}]`" in docs or f"`[[{name}]]`" in docs, name
