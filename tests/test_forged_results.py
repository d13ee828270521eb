"""Issue 16, findings 5 and 9: verify checks everything that can change a record's meaning.

Before: verify ignored ``[score]`` (14 of 14 points in a 0 % result passed), ``mode``
(a result relabelled as a case), dates and line breaks in one-line fields; the trainer
summary never compared a result with its exercise, printed a fake heading from a title
with a newline, and "inf van 14 punten".
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from test_train import EXPECTED, WRONG, env_for, exercise, training_dir, write_result
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.summary import NOT_REACHED, summarise
from wegwijzer.core.training.verdict import Judge

from helpers import run_cli

__all__ = ["exercise", "training_dir"]  # fixtures


def _result(exercise: LoadedExercise, tmp_path: Path, lines: list[str], name: str) -> Path:
    path = tmp_path / name
    write_result(exercise, lines, path)
    return path


def _edit(path: Path, old: str, new: str, count: int = 1) -> Path:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), "utf-8")
    return path


def _verify(path: Path, folder: Path) -> tuple[int, str]:
    result = run_cli("verify", str(path), env=env_for(folder))
    return result.returncode, result.stdout + result.stderr


def test_a_true_result_is_in_order_and_says_its_mode(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path
) -> None:
    code, out = _verify(_result(exercise, tmp_path, WRONG, "r.toml"), training_dir)
    assert code == 0, out
    assert "modus: oefening (een oefenresultaat, score nagerekend)" in out


FORGERIES = {
    "more points": ("points = 2.0", "points = 5.0"),
    "higher percentage": ("percentage = 40.0", "percentage = 100.0"),
    "other verdict": ('verdicts = [ "fout",', 'verdicts = [ "goed",'),
    "title with a fake heading": (
        'exercise_title = "Testoefening"',
        'exercise_title = "Testoefening (1 resultaat)\\n  Gemiddelde score: 5 van 5 punten"',
    ),
    "unknown exercise": ('exercise = "testoefening"', 'exercise = "andere"'),
    "relabelled as a case": ('mode = "oefening"', 'mode = "casus"'),
    "feedback mode": ('feedback = "achteraf"', 'feedback = "later"'),
}


@pytest.mark.parametrize("change", FORGERIES.values(), ids=FORGERIES.keys())
def test_verify_and_the_summary_refuse_a_forged_result(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path, change: tuple[str, str]
) -> None:
    path = _result(exercise, tmp_path, WRONG, "r.toml")
    text = path.read_text("utf-8")
    text = re.sub(r"\[\s*\n\s*", "[ ", text)  # tomli-w may break arrays over lines
    path.write_text(text, "utf-8")
    _edit(path, *change)
    code, out = _verify(path, training_dir)
    assert code == 1, out
    assert not out.startswith("in orde:")
    tallies, problems = summarise([path], Judge(load_catalog(training_dir)))
    assert not tallies and problems


def test_a_case_record_with_a_score_is_refused(test_flow: object, tmp_path: Path) -> None:
    from test_record import record_of
    from wegwijzer.core.records.record import render_record
    from wegwijzer.core.training.verdict import score_reasons

    raw = render_record(record_of(test_flow, score={"exercise": "x", "points": 1}))  # type: ignore[arg-type]
    record = parse_record(raw, "r.toml")
    assert score_reasons(record, test_flow, {}) == [  # type: ignore[arg-type]
        "een casus heeft geen tabel [score]; alleen een oefenresultaat heeft er een"
    ]


ONE_LINE = ["flow_version", "flow_title", "case_ref", "source"]


@pytest.mark.parametrize("key", ONE_LINE)
def test_a_line_break_in_a_one_line_field_is_refused(test_flow: object, key: str) -> None:
    from test_record import record_of
    from wegwijzer.core.records.record import render_record

    data = record_of(test_flow, case_ref="zaak-1")  # type: ignore[arg-type]
    data[key] = "1\nin orde: nep.toml"
    with pytest.raises(ProblemsError) as caught:
        parse_record(render_record(data), "r.toml")
    assert any("één regel" in str(problem) for problem in caught.value.problems)


def test_verify_prints_one_line_per_reason_and_no_escape(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path
) -> None:
    path = _result(exercise, tmp_path, EXPECTED, "r.toml")
    _edit(path, 'flow_version = "1"', 'flow_version = "1\\nin orde: nep.toml\\u001b[2J"')
    code, out = _verify(path, training_dir)
    assert code == 1
    assert "\x1b" not in out
    assert [line for line in out.splitlines() if line.startswith("in orde")] == []


def test_a_date_in_the_future_is_named(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path
) -> None:
    path = _result(exercise, tmp_path, EXPECTED, "r.toml")
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=400)).strftime("%Y-%m-%d %H:%M:%S")
    text = path.read_text("utf-8")
    text = re.sub(r"^started = .*$", f"started = {later}+00:00", text, flags=re.M)
    text = re.sub(r"^finished = .*$", f"finished = {later}+00:00", text, flags=re.M)
    path.write_text(text, "utf-8")
    code, out = _verify(path, training_dir)
    assert code == 1 and "in de toekomst" in out


def test_the_summary_prints_each_result_once_and_cleanly(
    exercise: LoadedExercise, tmp_path: Path, training_dir: Path
) -> None:
    good = _result(exercise, tmp_path, EXPECTED, "goed.toml")
    fake = _result(exercise, tmp_path, WRONG, "nep.toml")
    _edit(fake, 'exercise_title = "Testoefening"', 'exercise_title = "X\\nOefening nep (100 %)"')
    inf = _edit(_result(exercise, tmp_path, WRONG, "inf.toml"), "points = 2.0", "points = inf")
    args = ["train", "--summary", str(good), str(fake), str(inf)]
    result = run_cli(*args, env=env_for(training_dir))
    assert result.returncode == 1
    headings = [line for line in result.stdout.splitlines() if line.startswith("Oefening")]
    assert headings == ["Oefening testoefening — Testoefening (1 resultaat)"]
    assert "inf" not in result.stdout
    assert result.stderr.count("(overgeslagen)") >= 2


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(labels=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20))
def test_the_summary_only_ever_counts_the_flows_own_labels(
    exercise: LoadedExercise, tmp_path_factory: pytest.TempPathFactory, labels: list[str]
) -> None:
    """The memory bound: a result's labels are counted only when they are the flow's own,
    so a pile of files with ever new labels cannot grow the summary."""
    folder = tmp_path_factory.mktemp("r")
    paths = []
    for number, label in enumerate(labels):
        path = _result(exercise, folder, WRONG, f"r{number}.toml")
        quoted = label.replace("\\", "\\\\").replace('"', '\\"')
        text = path.read_text("utf-8").replace('answer = "Ja"', f'answer = "{quoted}"', 1)
        path.write_text(text, "utf-8")
        paths.append(path)
    judge = Judge(loaded=exercise.loaded)
    judge._exercises = {exercise.exercise.id: exercise}
    tallies, _ = summarise(paths, judge)
    flow = exercise.loaded.flow
    own = {NOT_REACHED, "ja", "nee", "deels", "weet niet"}
    for step in flow.steps.values():
        own |= {option.label for option in getattr(step, "options", ())}
    counted = {label for tally in tallies for step in tally.steps.values() for label in step.counts}
    assert counted <= own
