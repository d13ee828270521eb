"""The checker: the valid flow passes, each broken flow fails in its own way, in Dutch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import load_flow
from wegwijzer.core.flows.source import Source

from helpers import DATA, run_cli

BROKEN = DATA / "broken"

CASES = {
    "toml_syntax": ("begin", "", "de opmaak van het bestand klopt niet (regel 9"),
    "unknown_key": ("begin", "", "onbekend veld 'optoins'"),
    "unknown_next": ("begin", "options[1].next", "volgende stap 'nergens' bestaat niet"),
    "unreachable": ("wees", "", "niet bereikbaar"),
    "dead_end": ("doodlopend", "", "geen uitkomst te bereiken"),
    "loop": ("rondje-a", "", "lus zonder uitweg"),
    "missing_citation": ("begin", "cites", "verwijst naar geen enkel antwoord"),
    "citation_answer_11": ("begin", "cites[0]", "antwoord 11 bestaat niet"),
    "citation_paragraph_99": ("begin", "cites[0]", "geen alinea 99"),
    "guarantee_choice": (
        "einde",
        "guarantees[1]",
        "niet elke route naar deze uitkomst geeft een actie die antwoord 4, alinea 1 citeert; "
        "bijvoorbeeld deze route: Begin van de route → Is de politie op de hoogte?: "
        "‘Ja, al betrokken’ → Klaar",
    ),
    "guarantee_multi": (
        "einde",
        "guarantees[0]",
        "antwoord 6, alinea 2 citeert; bijvoorbeeld deze route: "
        "Wat speelt er rond de hulp?: alleen ‘Geen van deze’ aangevinkt → Klaar",
    ),
    "guarantee_loop": (
        "einde",
        "guarantees[0]",
        "antwoord 9, alinea 2 citeert; bijvoorbeeld deze route: Heeft u een opleiding gevolgd?: "
        "‘Nog eens lezen’ → Heeft u de tekst gelezen?: ‘ja’ → Terug naar de vraag?: "
        "‘Nee, klaar’ → Klaar",
    ),
    "guarantee_citation": ("einde", "guarantees[0]", "antwoord 11 bestaat niet"),
    "silent_unknown_topic": ("einde", "source_silent[0]", "onderwerp 'wie-belt-wie' staat niet"),
}


def test_every_broken_file_has_a_case() -> None:
    assert {p.stem for p in BROKEN.glob("*.toml")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_flow_gives_a_problem_naming_its_step(name: str, source: Source) -> None:
    step, field, message = CASES[name]
    with pytest.raises(ProblemsError) as caught:
        load_flow(BROKEN / f"{name}.toml", {source.id: source})
    problems = caught.value.problems
    assert any(p.step == step and p.field == field and message in p.message for p in problems), (
        problems
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_flow_on_the_command_line(name: str) -> None:
    result = run_cli("check", str(BROKEN / f"{name}.toml"))
    assert result.returncode == 1
    assert f"stap '{CASES[name][0]}'" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith("fout: ")


def test_all_problems_at_once(tmp_path: Path, source: Source) -> None:
    text = (DATA / "valid.toml").read_text(encoding="utf-8")
    text = text.replace('cites = ["2.1"]\nnext = "politie"', 'cites = ["12"]\nnext = "nergens"')
    text = text.replace('prompt = "Klaar"', 'prompt = "Klaar"\nkleur = "rood"')
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    # model errors come first and stop the graph checks; fix them and the rest appear together
    assert [p.message for p in caught.value.problems] == ["onbekend veld 'kleur' (een tikfout?)"]
    path.write_text(text.replace('\nkleur = "rood"', ""), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    messages = " | ".join(p.message for p in caught.value.problems)
    assert "'nergens' bestaat niet" in messages and "antwoord 12 bestaat niet" in messages


def test_problem_messages_never_echo_values(tmp_path: Path, source: Source) -> None:
    secret = "Jantje de Vries 06-12345678"
    text = (
        (DATA / "valid.toml")
        .read_text(encoding="utf-8")
        .replace('version = "1"', f"version = 1\nnaam = '{secret}'")
    )
    path = tmp_path / "leak.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    assert all(secret not in str(p) for p in caught.value.problems)
    assert {p.field for p in caught.value.problems} >= {"version"}


def test_duplicate_option_labels_and_bad_ids(tmp_path: Path, source: Source) -> None:
    text = (DATA / "valid.toml").read_text(encoding="utf-8")
    text = text.replace(
        '{ label = "Nee", next = "einde-politie" }', '{ label = "ja ", next = "einde-politie" }'
    )
    text = text.replace("[steps.einde-politie]", "[steps.Einde_Politie]").replace(
        '"einde-politie"', '"Einde_Politie"'
    )
    path = tmp_path / "dup.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    found = {(p.step, p.field, p.message) for p in caught.value.problems}
    assert ("politie", "options[1].label", "keuze komt twee keer voor") in found
    assert any(step == "Einde_Politie" and "slug" in message for step, _, message in found)


def test_unknown_step_kind_is_named(tmp_path: Path, source: Source) -> None:
    text = (
        (DATA / "valid.toml")
        .read_text(encoding="utf-8")
        .replace('kind = "check"', 'kind = "vraag"')
    )
    path = tmp_path / "kind.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    assert any(
        p.step == "beleid" and "onbekende soort stap" in p.message for p in caught.value.problems
    )


def test_check_json_shape() -> None:
    result = run_cli("check", "--json", str(DATA / "valid.toml"), str(BROKEN / "loop.toml"))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert set(report) >= {"flows", "citations", "errors"}
    assert report["flows"] == [
        {
            "id": "testflow",
            "title": "Testflow",
            "steps": 6,
            "path": str(DATA / "valid.toml"),
            "guarantees": [{"outcome": "einde-politie", "cites": ["4.1"], "holds": True}],
            "silent_topics": [
                {
                    "id": "politie-inlichten",
                    "label": "hoe en bij wie u uw zorgen met de politie deelt",
                    "steps": ["politie"],
                }
            ],
        }
    ]
    assert set(report["citations"]) == {str(n) for n in range(1, 11)}
    # signalen cites 2.1 twice (counted once); politie and einde-politie cite 4.1
    assert report["citations"]["2"] == 1
    assert report["citations"]["4"] == 2
    assert report["citations"]["8"] == 2
    assert report["citations"]["9"] == 0
    assert {e["step"] for e in report["errors"]} == {"rondje-a", "rondje-b"}
    assert all(set(e) == {"file", "step", "field", "message"} for e in report["errors"])


def test_check_without_paths_checks_the_shipped_flows() -> None:
    result = run_cli("check", "--json")
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert result.returncode == (0 if report["flows"] else 1)
