"""The trainer summary grades each distinct route once (issue 19, figure 6).

``verdict.expected_score`` keeps the score table of every route it graded. These
checks hold it to a fresh ``TrainingRun`` for random walks of every shipped exercise,
in any order (so later walks meet a warm memo), and show that a forged score on a
route graded before is still refused.
"""

from __future__ import annotations

from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.resume import replay
from wegwijzer.core.training.exercise import LoadedExercise, exercise_folder, load_exercises
from wegwijzer.core.training.run import FEEDBACK_MODES, TrainingRun
from wegwijzer.core.training.verdict import expected_score, score_reasons
from wegwijzer.core.walk.session import AnswerError

from helpers import FLOWS


@cache
def shipped() -> tuple[LoadedExercise, ...]:
    catalog = load_catalog(FLOWS)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert found and not problems
    return tuple(found)


def walked(item: LoadedExercise, feedback: str, picks: list[int], stop: int) -> TrainingRun:
    """A run of ``item`` answered with ``picks`` (an option number, or a set for a multi
    step), stopped after ``stop`` answers or at the end."""
    from wegwijzer.tui.render import answer_from, choice_labels

    run = TrainingRun(item, feedback)
    for number, pick in enumerate(picks):
        if run.finished or number >= stop:
            break
        step = run.session.current
        count = len(choice_labels(step)) or 1
        try:
            run.answer(answer_from(step, (pick % count,)))
        except AnswerError:
            break
    return run


walks = st.tuples(
    st.integers(0, 100),
    st.sampled_from(FEEDBACK_MODES),
    st.lists(st.integers(0, 20), min_size=0, max_size=30),
    st.integers(0, 30),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(walks, min_size=1, max_size=6))
def test_a_graded_route_scores_as_a_fresh_run(batch: list[tuple[int, str, list[int], int]]) -> None:
    items = shipped()
    for index, feedback, picks, stop in batch:
        item = items[index % len(items)]
        run = walked(item, feedback, picks, stop)
        record = parse_record(run.record_bytes(), "resultaat.toml")
        session = replay(record, item.loaded)
        assert expected_score(item, feedback, session) == run.score_table()
        assert score_reasons(record, item.loaded, {item.exercise.id: item}) == []


def test_a_forged_score_on_a_route_graded_before_is_refused() -> None:
    item = shipped()[0]
    run = walked(item, "achteraf", [0] * 30, 30)
    data = run.record_bytes()
    exercises = {item.exercise.id: item}
    genuine = parse_record(data, "echt.toml")
    assert score_reasons(genuine, item.loaded, exercises) == []  # graded: now in the memo
    points = run.score_table()["points"]
    forged_points = points + 1 if points < run.exercise.max_points else points - 1
    forged_bytes = data.replace(
        f"points = {points}\n".encode(), f"points = {forged_points:.1f}\n".encode(), 1
    )
    assert forged_bytes != data
    forged = parse_record(forged_bytes, "vals.toml")
    assert score_reasons(forged, item.loaded, exercises) == [
        "score.points klopt niet met de oefening"
    ]
