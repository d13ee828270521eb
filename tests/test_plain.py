"""Line mode, driven as a script or a screen reader user would drive it."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.walk.session import Session
from wegwijzer.plain import run_plain

from helpers import DATA, run_cli


def feed(lines: list[str]) -> tuple[Iterator[str], io.StringIO]:
    return iter(lines), io.StringIO()


def drive(flow: LoadedFlow, lines: list[str]) -> tuple[int, str, Session]:
    session = Session(flow)
    queue = iter(lines)
    out = io.StringIO()
    code = run_plain(session, lambda: next(queue, None), out)
    return code, out.getvalue(), session


def test_always_the_first_option_completes_the_flow(test_flow: LoadedFlow) -> None:
    code, out, session = drive(test_flow, ["1"] * 10)
    assert code == 0 and session.finished
    assert "25 mei 2020" in out.splitlines()[1]
    assert "Aanbevolen acties:" in out
    assert "Beleid: Loop het beleid na" not in out  # "ja" closes the checklist item
    assert "Gebaseerd op antwoord 8." in out
    assert "Zorg: Bespreek de signalen.\nGebaseerd op antwoord 2, alinea 1.\n" in out


def test_prompt_options_and_cited_quote_are_shown(test_flow: LoadedFlow) -> None:
    _, out, _ = drive(test_flow, ["1", "1,2", "2"])
    assert "\nStap 3 van ongeveer 4.\nIs er contact met de politie?\n" in out
    assert "\n1. Ja\n2. Nee\n" in out
    assert "\nAntwoord 4, alinea 1, begint letterlijk met: Nee, dat klopt niet." in out
    assert "Uw keuzes, nummers met komma's ertussen: " in out


def test_back_keeps_the_earlier_answer_and_marks_it(test_flow: LoadedFlow) -> None:
    code, out, session = drive(test_flow, ["1", "2", "t", "", "1", "2"])
    assert code == 0
    assert "Veel cadeaus en aandacht. Eerder gekozen." not in out
    assert "\n2. Iets anders. Eerder gekozen.\n" in out
    assert session.path[-1] == "einde-politie"


def test_notes_wrong_input_and_help(test_flow: LoadedFlow) -> None:
    code, out, session = drive(test_flow, ["n eerste indruk", "9", "x", "h", "1", "1", "1", "1"])
    assert code == 0
    assert session.notes == {"begin": "eerste indruk"}
    assert "Notitie opgeslagen." in out
    assert out.count("Dat gaat niet:") == 2
    assert "typ 1 om verder te gaan" in out
    assert "\nTyp t om een stap terug te gaan.\n" in out  # h: every key, one a line
    assert "Typ een vraagteken om de stap te herhalen, of h voor alle toetsen." in out


def test_input_that_ends_early_fails_in_dutch(test_flow: LoadedFlow) -> None:
    code, out, session = drive(test_flow, ["1"])
    assert code == 1 and not session.finished
    assert "Invoer eindigde voordat het stappenplan klaar was" in out


def test_plain_run_as_a_real_process() -> None:
    result = run_cli("run", str(DATA / "valid.toml"), "--plain", stdin="1\n" * 20)
    assert result.returncode == 0, result.stderr
    assert "Uitkomst: Klaar" in result.stdout
    early = run_cli("run", str(DATA / "valid.toml"), "--plain", stdin="1\n")
    assert early.returncode == 1
    assert "Invoer eindigde" in early.stdout
    assert "Traceback" not in early.stdout + early.stderr


def test_unknown_flow_is_named(tmp_path: Path) -> None:
    result = run_cli("run", "bestaat-niet", "--plain")
    assert result.returncode == 1
    assert "stappenplan 'bestaat-niet' niet gevonden" in result.stderr
