"""Drafts keep the answers and notes off the path (``kept``); exports never hold them."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_record import _VALUES, _strip_none, walked
from wegwijzer.commands.open import review_lines
from wegwijzer.commands.verify import verify_file
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drafts import save_draft
from wegwijzer.core.records.export import export
from wegwijzer.core.records.reader import parse_record, read_record
from wegwijzer.core.records.record import build_record, record_bytes, record_data, render_record
from wegwijzer.core.records.resume import open_loaded, open_record
from wegwijzer.core.walk.session import Session

from helpers import DATA, run_cli


def gone_back(loaded: LoadedFlow) -> Session:
    """Walked to the end with notes on 'signalen' and 'beleid', then back to 'signalen'."""
    session = walked(loaded)
    session.set_note("beleid", "checklist half ingevuld; zie dossier")
    session.set_note("einde", "nog bespreken")
    while session.current_id != "signalen":
        assert session.back()
    return session


def test_a_draft_after_going_back_resumes_with_every_answer_and_note(
    test_flow: LoadedFlow,
) -> None:
    before = gone_back(test_flow)
    path = save_draft(before)
    record = read_record(path)
    assert [s.id for s in record.steps] == ["begin", "signalen"]
    assert [k.id for k in record.kept] == ["signalen", "politie", "beleid", "einde"]

    opened = open_record(path, loaded=test_flow)
    assert not opened.review_only and opened.reasons == [] and opened.dropped == []
    session = opened.session
    assert session is not None
    assert session.path == before.path  # the path is what it was; nothing walked on
    assert session.answers == before.answers
    assert session.notes == before.notes
    assert session.kept("signalen") == (0, 1)  # the open step's answer, to preselect

    session.fast_forward()
    walked_on = walked(test_flow)
    assert session.current_id == "einde" and session.path == walked_on.path
    assert session.answers == walked_on.answers
    assert session.notes["beleid"] == "checklist half ingevuld; zie dossier"
    assert session.notes["einde"] == "nog bespreken"


def test_without_kept_the_answers_off_the_path_were_lost(test_flow: LoadedFlow) -> None:
    """The old draft (the path only) is what an export still is: no answers after the path."""
    session = gone_back(test_flow)
    opened = open_loaded(parse_record(record_bytes(session), "r.toml"), test_flow)
    assert opened.session is not None
    assert set(opened.session.answers) == {"begin"}
    assert "beleid" not in opened.session.notes


def test_kept_is_deterministic_and_round_trips(test_flow: LoadedFlow) -> None:
    session = gone_back(test_flow)
    data = record_bytes(session, with_kept=True)
    assert data == record_bytes(session, with_kept=True)
    assert render_record(record_data(parse_record(data, "r.toml")), test_flow.source) == data
    resumed = open_loaded(parse_record(data, "r.toml"), test_flow).session
    assert record_bytes(resumed, with_kept=True) == data  # the same bytes after a resume
    text = data.decode()
    assert "\n[[kept]]\n" in text
    kept = tomllib.loads(text)["kept"]
    assert kept[0] == {
        "id": "signalen",
        "kind": "multi",
        "answer": ["Veel cadeaus en aandacht", "Iets anders"],
        "numbers": [1, 2],
    }
    assert kept[2]["note"] == "checklist half ingevuld; zie dossier"
    assert kept[3] == {"id": "einde", "kind": "outcome", "note": "nog bespreken"}


def test_an_export_after_going_back_holds_no_kept(test_flow: LoadedFlow, tmp_path: Path) -> None:
    session = gone_back(test_flow)
    for _ in range(3):
        session.fast_forward()
    session.reopen("politie")
    session.answer(1)  # another way: the answers of 'beleid' stay kept in the session
    assert session.finished and "beleid" in session.answers
    written = export(session, tmp_path / "uit.toml")
    data = written.read_bytes()
    assert b"kept" not in data
    assert data == record_bytes(session) == render_record(build_record(session), test_flow.source)
    assert "kept" not in build_record(session)
    assert read_record(written).kept == []


def test_a_draft_without_anything_off_the_path_has_no_kept(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    assert record_bytes(session, with_kept=True) == record_bytes(session)


# --- tampered kept entries -------------------------------------------------------------


def _draft(loaded: LoadedFlow) -> dict[str, Any]:
    return tomllib.loads(record_bytes(gone_back(loaded), with_kept=True).decode())


def _opened(data: dict[str, Any], loaded: LoadedFlow) -> Any:
    return open_loaded(parse_record(tomli_w.dumps(data).encode(), "r.toml"), loaded)


def test_an_unknown_step_is_dropped_with_a_reason(test_flow: LoadedFlow) -> None:
    data = _draft(test_flow)
    data["kept"].append({"id": "bestaat-niet", "kind": "check", "answer": "ja", "note": "x"})
    opened = _opened(data, test_flow)
    assert not opened.review_only and opened.session.path == ["begin", "signalen"]
    assert opened.dropped == [
        "bewaard antwoord 5 ('bestaat-niet') bestaat niet in het stappenplan en is weggelaten"
    ]
    assert "bestaat-niet" not in opened.session.answers
    assert "bestaat-niet" not in opened.session.notes
    assert opened.session.kept("beleid") == "deels"  # the others are restored


def test_an_option_the_step_does_not_have_is_dropped_but_its_note_stays(
    test_flow: LoadedFlow,
) -> None:
    data = _draft(test_flow)
    data["kept"][1] = {"id": "politie", "kind": "choice", "answer": "Ja", "number": 7, "note": "n"}
    data["kept"][2]["answer"] = "misschien"
    opened = _opened(data, test_flow)
    session = opened.session
    assert session.path == ["begin", "signalen"] and not opened.review_only
    assert "politie" not in session.answers and "beleid" not in session.answers
    assert session.notes["politie"] == "n"
    assert opened.dropped == [
        "bewaard antwoord 2 ('politie'): antwoordnummer is geen keuze van deze stap (1 t/m 2); "
        "het antwoord is weggelaten",
        "bewaard antwoord 3 ('beleid'): het antwoord is geen status van deze stap "
        "(ja, nee, deels, weet niet); het antwoord is weggelaten",
    ]
    session.fast_forward()
    assert session.current_id == "politie"  # walking on stops where nothing fits


def test_kept_never_overrides_the_path(test_flow: LoadedFlow) -> None:
    data = _draft(test_flow)
    data["kept"] += [
        {"id": "begin", "kind": "info", "answer": "gelezen"},
        {"id": "politie-x", "kind": "choice", "answer": "Ja", "number": 1},
    ]
    data["kept"][3] = {"id": "einde", "kind": "check", "answer": "ja"}  # wrong kind
    data["steps"][1]["note"] = "op het pad"
    data["kept"][0]["note"] = "ander"
    opened = _opened(data, test_flow)
    session = opened.session
    assert session.path == ["begin", "signalen"]
    assert session.notes["signalen"] == "op het pad"
    assert session.kept("signalen") == (0, 1)
    assert opened.dropped == [
        "bewaard antwoord 1 ('signalen'): de notitie staat al bij de stap op het pad; weggelaten",
        "bewaard antwoord 4 ('einde'): soort 'check' wijkt af van het stappenplan; weggelaten",
        "bewaard antwoord 5 ('begin') staat al beantwoord op het pad en is weggelaten",
        "bewaard antwoord 6 ('politie-x') bestaat niet in het stappenplan en is weggelaten",
    ]


def test_structural_faults_in_kept_are_refused_like_in_steps(test_flow: LoadedFlow) -> None:
    def problems(change: dict[str, Any]) -> list[str]:
        data = _draft(test_flow)
        data["kept"][1].update(change)
        with pytest.raises(ProblemsError) as caught:
            parse_record(tomli_w.dumps(data).encode(), "r.toml")
        return [str(p) for p in caught.value.problems]

    assert problems({"extra": 1}) == [
        "r.toml, stap 'politie', veld 'kept[1]': onbekend veld 'extra'"
    ]
    assert problems({"number": "1"}) == [
        "r.toml, stap 'politie', veld 'kept[1].number': moet een geheel getal zijn"
    ]
    assert problems({"number": 99}) == [
        "r.toml, stap 'politie', veld 'kept[1].number': getal is te groot"
    ]
    assert problems({"numbers": [1]}) == [
        "r.toml, stap 'politie', veld 'kept[1].numbers': "
        "alleen een meerkeuze ('multi') heeft nummers"
    ]
    data = _draft(test_flow)
    data["kept"].append(dict(data["kept"][1]))
    data["kept"].append({"id": "beleid", "kind": "check"})
    with pytest.raises(ProblemsError) as caught:
        parse_record(tomli_w.dumps(data).encode(), "r.toml")
    assert [str(p) for p in caught.value.problems] == [
        "r.toml, stap 'politie', veld 'kept[4].id': deze stap staat al eerder in 'kept'",
        "r.toml, stap 'beleid', veld 'kept[5].id': deze stap staat al eerder in 'kept'",
        "r.toml, stap 'beleid', veld 'kept[5].answer': "
        "een bewaard antwoord heeft een antwoord of een notitie",
    ]


def test_escape_characters_in_kept_are_made_harmless(test_flow: LoadedFlow) -> None:
    data = _draft(test_flow)
    data["kept"][2]["note"] = "a\x1b[31mrood\x07"
    data["kept"][1]["answer"] = "Ja\x1b]0;titel\x07"
    opened = _opened(data, test_flow)
    session = opened.session
    assert "\x1b" not in session.notes["beleid"] and "\x07" not in session.notes["beleid"]
    assert "politie" not in session.answers  # the label no longer matches the flow
    assert opened.dropped == [
        "bewaard antwoord 2 ('politie'): het antwoord is niet de tekst van keuze 1; "
        "het antwoord is weggelaten"
    ]
    lines = "\n".join(review_lines(opened.record, opened.reasons, opened.dropped))
    assert "\x1b" not in lines and "\x07" not in lines


def test_verify_and_open_accept_a_draft_with_kept(test_flow: LoadedFlow, tmp_path: Path) -> None:
    session = gone_back(test_flow)
    path = save_draft(session)
    assert verify_file(path, test_flow) == [
        "het overzicht is niet afgerond (een concept zonder uitkomst)"
    ]
    lines = review_lines(read_record(path), [])
    assert "Bewaard buiten het pad, na een stap terug. Dit hoort niet bij de uitkomst." in lines
    assert "Stap politie: Ja" in lines
    data = tomllib.loads(path.read_text("utf-8"))
    data["kept"][1]["number"] = 2
    path.write_bytes(tomli_w.dumps(data).encode())
    assert verify_file(path, test_flow)[0] == (
        "bewaard antwoord 2 ('politie'): het antwoord is niet de tekst van keuze 2; "
        "het antwoord is weggelaten"
    )


def test_a_finished_draft_with_kept_verifies(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    session.reopen("politie")
    session.answer(1)
    path = save_draft(session)
    assert read_record(path).kept[0].id == "beleid"
    assert verify_file(path, test_flow) == []


def test_plain_resume_after_going_back_preselects_the_kept_answers(tmp_path: Path) -> None:
    env_data = tmp_path / "data"
    env = dict(os.environ, WEGWIJZER_DATA=str(env_data))
    flow = str(DATA / "valid.toml")
    first = run_cli("run", flow, "--plain", stdin="1\n1,2\n1\nt\nt\n", env=env)
    assert first.returncode == 1  # input ended: the walk stopped at 'signalen'
    (path,) = (env_data / "concepten").glob("*.toml")
    assert [k.id for k in read_record(path).kept] == ["signalen", "politie"]
    again = run_cli("run", flow, "--resume", path.stem[:12], "--plain", stdin="", env=env)
    assert "\n1. Veel cadeaus en aandacht. Eerder gekozen.\n" in again.stdout
    assert "niet alles buiten het pad" not in again.stderr


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_tampered_kept_is_a_problem_or_leaves_the_path_alone(
    test_flow: LoadedFlow, data: st.DataObject
) -> None:
    draft = _draft(test_flow)
    entry = draft["kept"][data.draw(st.integers(0, len(draft["kept"]) - 1))]
    key = data.draw(st.sampled_from([*entry.keys(), "number", "numbers", "note", "onbekend"]))
    value = _strip_none(data.draw(_VALUES | st.sampled_from(["ja", "Ja", "gelezen", 1, 2, [1]])))
    if value is None:
        entry.pop(key, None)
    else:
        entry[key] = value
    try:
        raw = tomli_w.dumps(draft).encode()
    except (TypeError, ValueError):
        return
    try:
        record = parse_record(raw, "r.toml")
    except ProblemsError as error:
        assert error.problems and all(p.message for p in error.problems)
        return
    opened = open_loaded(record, test_flow)
    assert not opened.review_only and opened.session is not None
    assert opened.session.path == ["begin", "signalen"]
    assert all(isinstance(reason, str) and reason for reason in opened.dropped)
