"""``wegwijzer open RECORD --plain``: the record in review form, safe to print."""

from __future__ import annotations

import os
import re
from pathlib import Path

import tomli_w

from test_record import walked
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drafts import ENV_DATA
from wegwijzer.core.records.record import build_record, record_bytes, render_record

from helpers import DATA, run_cli


def _env(tmp_path: Path, flows: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env[ENV_DATA] = str(tmp_path / "data")
    if flows is not None:
        env["WEGWIJZER_FLOWS"] = str(flows)
    return env


def test_review_shows_steps_answers_notes_and_actions(
    test_flow: LoadedFlow, flows_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(walked(test_flow, case_ref="casus-17")))
    env = {**_env(tmp_path, flows_dir), "TZ": "Europe/Amsterdam"}
    result = run_cli("open", str(path), "--plain", env=env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [  # local time, as the app shows it; the file keeps UTC
        "Overzicht: Testflow",
        "Stappenplan testflow, versie 1.",
        "Modus: casus.",
        "Zaakkenmerk: casus-17",
        "Begonnen: 1 mei 2024, 11:00",
        "Klaar: 1 mei 2024, 11:01",
    ]
    assert "Alleen ter inzage" not in result.stdout
    text = result.stdout
    assert (
        "Stap 2: Welke signalen ziet u?\nAntwoord: Veel cadeaus en aandacht; Iets anders\n" in text
    )
    assert '\nNotitie: Zei: "ik krijg alles" [bold]x[/bold]\ntweede regel 🙂\n' in text
    assert "\nGebaseerd op antwoord 2, alinea 1.\n" in text
    assert "Uitkomst: Klaar" in text
    assert "\n1. Zorg: Bespreek de signalen.\nGebaseerd op antwoord 2, alinea 1.\n" in text
    assert (
        "\n2. Beleid: Loop het beleid na met de checklist van het NJi.\n"
        "Gebaseerd op antwoord 8, alinea 2.\n"
    ) in text
    assert not [line for line in lines if line[:1].isspace()]  # nothing a reader announces
    # Every citation in the words a person reads everywhere ("antwoord 4, alinea 1"),
    # never the file's own notation.
    assert not re.search(r"antwoord [\d, ]*\d\.\d", text)


def test_review_only_reasons_are_shown(
    test_flow: LoadedFlow, flows_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(walked(test_flow)))
    with (flows_dir / "testflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# nieuwe versie\n")
    result = run_cli("open", str(path), "--plain", env=_env(tmp_path, flows_dir))
    assert result.returncode == 0
    assert (
        "Alleen ter inzage, niet verder te bewerken:\n"
        "Het stappenplan is gewijzigd sinds dit overzicht is gemaakt.\n"
        "\n"
        "Gewijzigd sinds dit overzicht is gemaakt:\n"
        "Het stappenplan is gewijzigd, maar niet in de stappen van dit overzicht.\n"
    ) in result.stdout


def test_control_sequences_in_a_record_are_not_passed_to_the_terminal(
    test_flow: LoadedFlow, tmp_path: Path
) -> None:
    data = build_record(walked(test_flow))
    data["steps"][1]["note"] = "\x1b[2J\x1b]0;titel\x07 \u202eomgekeerd"
    data["case_ref"] = "\x1b[31mrood"
    path = tmp_path / "r.toml"
    path.write_bytes(render_record(data))
    result = run_cli(
        "open", str(path), "--plain", "--flow", str(DATA / "valid.toml"), env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert (
        "\x1b" not in result.stdout
        and "\x07" not in result.stdout
        and "\u202e" not in result.stdout
    )
    assert "␛[2J" in result.stdout
    assert "Alleen ter inzage" not in result.stdout  # notes do not count against the flow


def test_broken_record_is_a_dutch_problem(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(tomli_w.dumps({"format": 1, "naam": "x"}).encode())
    result = run_cli("open", str(path), "--plain", env=_env(tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"fout: {path}: onbekend veld 'naam'" in result.stderr
    assert f"fout: {path}, veld 'session_id': verplicht veld ontbreekt" in result.stderr
