"""``wegwijzer train``: the plain training loop, the command, exports and the trainer summary."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from wegwijzer.cli import main
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.training.exercise import LoadedExercise, load_exercise
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.train_plain import run_training

from helpers import DATA, run_cli

EXERCISE = DATA / "oefeningen" / "oefening.toml"
# The test exercise over tests/data/valid.toml: info, multi, choice, check.
EXPECTED = ["1", "1", "1", "2"]  # full score: 5 of 5
WRONG = ["1", "2", "1", "1"]  # "Iets anders" (0/2), "Ja" (2/2), "ja" (0/1): 2 of 5


@pytest.fixture
def exercise(test_flow: LoadedFlow) -> LoadedExercise:
    return load_exercise(EXERCISE, {test_flow.flow.id: test_flow})


@pytest.fixture
def training_dir(flows_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test flows folder with the test exercise in ``oefeningen/``, made the default."""
    (flows_dir / "oefeningen").mkdir()
    shutil.copy(EXERCISE, flows_dir / "oefeningen" / "testoefening.toml")
    monkeypatch.setenv("WEGWIJZER_FLOWS", str(flows_dir))
    return flows_dir


def drive(run: TrainingRun, lines: list[str], ask_mode: bool = False) -> tuple[int, str]:
    queue = iter(lines)
    out = io.StringIO()
    code = run_training(run, lambda: next(queue, None), out, ask_mode=ask_mode)
    return code, out.getvalue()


def env_for(folder: Path) -> dict[str, str]:
    return {**os.environ, "WEGWIJZER_FLOWS": str(folder)}


# --- the plain loop, in process ------------------------------------------------------


def test_expected_answers_give_full_score(exercise: LoadedExercise) -> None:
    code, out = drive(TrainingRun(exercise, "direct"), EXPECTED)
    assert code == 0
    assert out.startswith("Oefening: Testoefening.\n\nFictieve casus")
    assert out.index("Fictieve casus") < out.index("\nStap 1 van")
    assert out.count("Goed: ") == 3 + 3  # after each choice, and again in the debrief
    assert "Score: 5 van 5 punten, 100 %." in out
    assert "Alle keuzes waren zoals verwacht." in out
    assert "Uitkomst: Klaar" in out


def test_wrong_answers_show_cited_feedback_at_once_and_a_lower_score(
    exercise: LoadedExercise,
) -> None:
    code, out = drive(TrainingRun(exercise, "direct"), WRONG)
    assert code == 0
    before_next_step = out[out.index("\nStap 2 van") : out.index("\nStap 3 van")]
    assert "Niet de verwachte keuze: 0 van 2 punten." in before_next_step
    assert "Verwacht: Veel cadeaus en aandacht" in before_next_step
    assert "De casus noemt veel cadeaus en aandacht" in before_next_step
    assert "\nAntwoord 2, alinea 1, begint letterlijk met: Kwetsbare meisjes" in before_next_step
    assert "Score: 2 van 5 punten, 40 %." in out
    debrief = out[out.index("Nabespreking") :]
    assert (
        "Keuze 3: Heeft de gemeente de NJi-checklist gebruikt? Niet de verwachte keuze: "
        "0 van 1 punt." in debrief
    )
    # the debrief quotes the whole cited paragraph, verbatim
    assert "waarmee zij kunnen nagaan of hun beleid voor de aanpak van loverboyproblematiek" in (
        debrief
    )


def test_feedback_achteraf_waits_for_the_debrief(exercise: LoadedExercise) -> None:
    code, out = drive(TrainingRun(exercise, "achteraf"), WRONG)
    assert code == 0
    walk, debrief = out.split("Nabespreking")
    assert "Niet de verwachte keuze" not in walk and "Goed: " not in walk
    assert "Niet de verwachte keuze: 0 van 2 punten." in debrief
    assert "Score: 2 van 5 punten, 40 %." in debrief


def test_the_trainee_picks_the_feedback_moment(exercise: LoadedExercise) -> None:
    run = TrainingRun(exercise)
    code, out = drive(run, ["x", "2", *WRONG], ask_mode=True)
    assert code == 0 and run.feedback_mode == "achteraf"
    assert "Wanneer wilt u feedback?" in out and "Dat gaat niet: typ 1 of 2." in out


def test_going_back_is_refused_and_early_end_fails(exercise: LoadedExercise) -> None:
    run = TrainingRun(exercise)
    code, out = drive(run, ["1", "t", "1"])
    assert code == 1
    assert "In een oefening kunt u niet terug" in out
    assert "Invoer eindigde voordat de oefening klaar was; er is geen score." in out


# --- the command ----------------------------------------------------------------------


def test_list_shows_the_seven_shipped_exercises() -> None:
    result = run_cli("train", "--list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 7
    for name in (
        "politie-zonder-aangifte",
        "avim-en-zeden",
        "raamcontract-en-regionale-jeugdhulp",
        "te-veel-hulpverleners",
        "geen-slachtoffer-in-eigen-ogen",
        "mensenhandel-academy",
        "nji-checklist-en-beleid",
    ):
        assert any(line.startswith(f"{name}: ") and "keuzes" in line for line in lines), name


def test_list_reports_a_broken_exercise_naming_its_step(training_dir: Path) -> None:
    shutil.copy(DATA / "oefeningen" / "broken" / "unknown_option.toml", training_dir / "oefeningen")
    result = run_cli("train", "--list", env=env_for(training_dir))
    assert result.returncode == 1
    listed = "testoefening: Testoefening. Bij stappenplan testflow, 3 keuzes"
    assert result.stdout.startswith(listed)
    assert "stap 'politie', veld 'expect[0]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_includes_exercises_and_keeps_its_json_keys(training_dir: Path) -> None:
    result = run_cli("check", "--json", env=env_for(training_dir))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert list(report) == ["flows", "citations", "errors", "exercises"]
    assert report["exercises"][0]["id"] == "testoefening"
    assert report["exercises"][0]["decisions"] == 3
    shutil.copy(
        DATA / "oefeningen" / "broken" / "citation_answer_11.toml", training_dir / "oefeningen"
    )
    broken = run_cli("check", env=env_for(training_dir))
    assert broken.returncode == 1
    assert "in orde: oefening testoefening.toml" in broken.stdout
    assert "stap 'politie', veld 'feedback[0].cites[0]': antwoord 11 bestaat niet" in (
        broken.stderr
    )


def test_shipped_check_passes_with_the_exercises() -> None:
    result = run_cli("check", "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["exercises"]) >= 7


def test_train_as_a_real_process_exports_a_record(training_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "resultaat.toml"
    args = ("train", "testoefening", "--plain", "--feedback", "direct", "--export", str(target))
    result = run_cli(*args, stdin="\n".join(WRONG) + "\n", env=env_for(training_dir))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Oefening: Testoefening.")
    assert "Niet de verwachte keuze: 0 van 2 punten." in result.stdout
    assert "Score: 2 van 5 punten, 40 %." in result.stdout
    assert f"opgeslagen in {target}" in result.stdout
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    record = read_record(target)
    assert record.mode == "oefening" and record.score is not None
    assert record.score["exercise"] == "testoefening"
    assert record.score["points"] == 2.0 and record.score["percentage"] == 40.0
    assert record.score["correct"] == [False, True, False]
    again = run_cli(*args, stdin="\n".join(EXPECTED) + "\n", env=env_for(training_dir))
    assert again.returncode == 1 and "bestaat al" in again.stderr
    assert "Oefening" not in again.stdout  # refused before the walk, not after it
    forced = run_cli(*args, "--force", stdin="\n".join(EXPECTED) + "\n", env=env_for(training_dir))
    assert forced.returncode == 0, forced.stderr
    score = read_record(target).score
    assert score is not None and score["percentage"] == 100.0


def test_a_shipped_exercise_as_a_real_process() -> None:
    lines = [
        "1",  # verder (info)
        "3",  # Nee, er is nu geen direct gevaar (no points either way)
        "1",  # signals from own work, not from a business
        "1,3",  # signalen: cadeaus en aandacht, afhankelijk (not scored here)
        "1",  # ziet zichzelf niet als slachtoffer
        "1",  # verder (info)
        "1",  # ik vermoed ...
        "4",  # politie: dat weet ik niet  (expected: nee, nog niet)
        "1",  # seksuele uitbuiting
        "1",  # nog geen hulp
        "1",  # inkoop: raamcontract (not scored here)
        "5",  # zorg-aandacht: geen van deze (not scored here)
        "2",  # jeugdzorginstelling: nee
        "3",  # samenwerking: nee, nog niet
        "1",  # scholing: ja
    ]
    result = run_cli(
        "train", "politie-zonder-aangifte", "--plain", "--feedback", "achteraf",
        stdin="\n".join(lines) + "\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "Fictieve casus" in result.stdout
    assert "Score: 11 van 14 punten, 78,6 %." in result.stdout
    assert "Verwacht: Nee, nog niet" in result.stdout
    assert "\nAntwoord 4, alinea 1, letterlijk: Nee, dat klopt niet." in result.stdout


def test_unknown_exercise_and_missing_argument(training_dir: Path) -> None:
    unknown = run_cli("train", "bestaat-niet", "--plain", env=env_for(training_dir))
    assert unknown.returncode == 1
    assert "oefening 'bestaat-niet' niet gevonden (beschikbaar: testoefening)" in unknown.stderr
    missing = run_cli("train", env=env_for(training_dir))
    assert missing.returncode == 2 and "noem een oefening" in missing.stderr


# --- the trainer summary --------------------------------------------------------------


def write_result(exercise: LoadedExercise, lines: list[str], path: Path) -> None:
    run = TrainingRun(exercise, "achteraf")
    code, _ = drive(run, lines)
    assert code == 0
    path.write_bytes(run.record_bytes())


def test_summary_counts_choices_per_step_and_averages_scores(
    exercise: LoadedExercise,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    training_dir: Path,  # the summary recomputes every score from its exercise
) -> None:
    paths = [tmp_path / f"r{n}.toml" for n in range(3)]
    write_result(exercise, EXPECTED, paths[0])  # 5/5: cadeaus, Ja, nee
    write_result(exercise, WRONG, paths[1])  # 2/5: iets anders, Ja, ja
    write_result(exercise, ["1", "1,2", "2"], paths[2])  # 0/5: both, Nee -> beleid not reached
    assert main(["train", "--summary", *map(str, paths)]) == 0
    out = capsys.readouterr().out
    assert "Oefening testoefening — Testoefening (3 resultaten)" in out
    assert "Gemiddelde score: 2,3 van 5 punten (46,7 %)" in out
    signalen = out[out.index("Stap signalen") : out.index("Stap politie")]
    assert "2× Veel cadeaus en aandacht" in signalen
    assert "2× Iets anders" in signalen
    politie = out[out.index("Stap politie") : out.index("Stap beleid")]
    assert "verwacht: Ja" in politie and "2× Ja" in politie and "1× Nee" in politie
    beleid = out[out.index("Stap beleid") :]
    assert "1× ja" in beleid and "1× nee" in beleid and "1× niet bereikt" in beleid


def test_summary_reports_unreadable_files_and_still_prints_the_rest(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path
) -> None:
    good = tmp_path / "goed.toml"
    write_result(exercise, EXPECTED, good)
    broken = tmp_path / "kapot.toml"
    broken.write_text("dit is = = geen toml", encoding="utf-8")
    not_training = tmp_path / "casus.toml"
    not_training.write_bytes(good.read_bytes().replace(b'mode = "oefening"', b'mode = "casus"'))
    missing = tmp_path / "weg.toml"
    args = ["train", "--summary", str(good), str(broken), str(not_training), str(missing)]
    result = run_cli(*args, env=env_for(training_dir))
    assert result.returncode == 1
    assert "Oefening testoefening — Testoefening (1 resultaat)" in result.stdout
    assert "Gemiddelde score: 5 van 5 punten (100 %)" in result.stdout
    assert f"fout: {broken}: de opmaak van het bestand klopt niet" in result.stderr
    assert f"fout: {not_training}, veld 'score': geen oefenresultaat" in result.stderr
    assert f"fout: {missing}: bestand bestaat niet" in result.stderr
    assert result.stderr.count("(overgeslagen)") == 3
    assert "Traceback" not in result.stderr
