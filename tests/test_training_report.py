"""Results per participant and the CSV: ``train --summary --per-deelnemer --csv``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.cli import main
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.record import build_record, render_record
from wegwijzer.core.training.exercise import LoadedExercise, load_exercise
from wegwijzer.core.training.report import (
    ResultRow,
    csv_bytes,
    csv_text,
    participant_lines,
    result_rows,
    safe_cell,
    standings,
)
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.train_plain import run_training

from helpers import DATA

EXERCISE = DATA / "oefeningen" / "oefening.toml"
EXPECTED = ["1", "1", "1", "2"]  # 5 of 5
WRONG = ["1", "2", "1", "1"]  # 2 of 5: "Iets anders" at signalen, "ja" at beleid


@pytest.fixture
def exercise(test_flow: LoadedFlow) -> LoadedExercise:
    return load_exercise(EXERCISE, {test_flow.flow.id: test_flow})


def moment(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 1, 14, minute, tzinfo=dt.UTC)


def write_result(
    exercise: LoadedExercise, lines: list[str], path: Path, nickname: str | None, minute: int = 0
) -> Path:
    run = TrainingRun(exercise, "achteraf", clock=lambda: moment(minute))
    queue = iter(lines)
    assert run_training(run, lambda: next(queue, None), io.StringIO()) == 0
    score = run.score_table()
    if nickname is not None:
        score["participant"] = nickname
    path.write_bytes(render_record(build_record(run.session, extra={"score": score})))
    return path


def test_one_row_per_result_with_participant_score_and_time(
    exercise: LoadedExercise, tmp_path: Path
) -> None:
    paths = [
        write_result(exercise, WRONG, tmp_path / "a.toml", "Vos", 5),
        write_result(exercise, EXPECTED, tmp_path / "b.toml", "Das", 7),
        write_result(exercise, EXPECTED, tmp_path / "zonder-bijnaam.toml", None, 9),
    ]
    rows, problems = result_rows(paths)
    assert problems == []
    assert [(r.participant, r.points, r.max_points, r.percentage) for r in rows] == [
        ("Das", 5.0, 5, 100.0),
        ("Vos", 2.0, 5, 40.0),
        ("zonder-bijnaam", 5.0, 5, 100.0),  # exported outside a class: named by its file
    ]
    assert rows[1].finished == moment(5)
    assert ("signalen", "Iets anders") in rows[1].wrong and rows[0].wrong == ()


def test_the_csv_uses_the_dutch_spreadsheet_convention(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    import time

    time.tzset()
    try:
        row = ResultRow("Vos", "testoefening", "T", 2.5, 5, 46.7, moment(5))
        data = csv_bytes([row])
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines() == [
        "deelnemer;oefening;score;maximum;percentage;tijd",
        "Vos;testoefening;2,5;5;46,7;2026-12-01 15:05",
    ]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_a_nickname_never_becomes_a_spreadsheet_formula(start: str) -> None:
    row = ResultRow(f'{start}HYPERLINK("http://x";"klik")', "o", "", 1, 1, 100.0, None)
    cells = next(csv.reader(io.StringIO(csv_text([row]).splitlines()[1]), delimiter=";"))
    assert cells[0].startswith("'" + start)
    assert safe_cell("Vos") == "Vos"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_every_row_reads_back_as_six_cells(nickname: str, points: float) -> None:
    row = ResultRow(nickname, "oefening", "", points, 10, 50.0, None)
    parsed = list(csv.reader(io.StringIO(csv_text([row])), delimiter=";"))
    assert len(parsed) == 2 and all(len(cells) == 6 for cells in parsed)
    assert "." not in parsed[1][2]


def test_standings_give_the_average_and_the_choice_most_often_wrong(
    exercise: LoadedExercise, tmp_path: Path
) -> None:
    paths = [
        write_result(exercise, WRONG, tmp_path / "a.toml", "A"),
        write_result(exercise, WRONG, tmp_path / "b.toml", "B"),
        write_result(exercise, EXPECTED, tmp_path / "c.toml", "C"),
    ]
    rows, _ = result_rows(paths)
    (standing,) = standings(rows)
    assert standing.results == 3 and standing.average_percentage == 60.0
    assert standing.most_wrong is not None and standing.most_wrong[2] == 2
    assert standing.most_wrong[:2] in {("signalen", "Iets anders"), ("beleid", "ja")}


def test_per_participant_lines(exercise: LoadedExercise, tmp_path: Path) -> None:
    write_result(exercise, WRONG, tmp_path / "a.toml", "Vos", 1)
    write_result(exercise, EXPECTED, tmp_path / "b.toml", "Vos", 2)
    rows, _ = result_rows(sorted(tmp_path.glob("*.toml")))
    lines = participant_lines(rows)
    assert lines[2] == "Vos (2 resultaten)"
    assert lines[3].startswith("  testoefening: 2 van 5 punten (40 %), 1 december 2026, ")
    assert lines[-1] == "  Gemiddeld: 70 %"
    assert participant_lines([])[-1] == "Geen leesbare oefenresultaten."


def test_the_command_writes_the_csv_from_a_results_folder(
    exercise: LoadedExercise, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "klas"
    folder.mkdir()
    write_result(exercise, WRONG, folder / "vos.toml", "Vos")
    write_result(exercise, EXPECTED, folder / "das.toml", "Das")
    (folder / "kapot.toml").write_text("= =", encoding="utf-8")
    out_file = tmp_path / "uitslag.csv"
    code = main(["train", "--summary", str(folder), "--per-deelnemer", "--csv", str(out_file)])
    out, err = capsys.readouterr()
    assert code == 1  # the broken file is named and skipped
    assert "kapot.toml" in err and "(overgeslagen)" in err
    assert "Das (1 resultaat)" in out and "Vos (1 resultaat)" in out
    assert "CSV met 2 regels opgeslagen" in out and "decimale komma" in out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    lines = out_file.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("Das;testoefening;5;5;100;")
    assert lines[2].startswith("Vos;testoefening;2;5;40;")
    # an existing file is kept unless --force
    assert main(["train", "--summary", str(folder), "--csv", str(out_file)]) == 1
    assert "bestaat al" in capsys.readouterr().err
    assert (
        main(["train", "--summary", str(folder / "das.toml"), "--csv", str(out_file), "--force"])
        == 0
    )
    assert len(out_file.read_text(encoding="utf-8-sig").splitlines()) == 2


def test_per_participant_options_need_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--per-deelnemer"]) == 2
    assert "alleen samen met --summary" in capsys.readouterr().err
