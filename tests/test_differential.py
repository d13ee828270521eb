"""Issue 16's differential test: whatever verify calls "in orde", every reader opens.

Mutated records, drafts and results (hypothesis) and the issue's own findings: when
`verify` accepts one (or, for a draft, finds nothing but that it is unfinished),
review (`open --plain`), resume, the drafts listing and the trainer summary all work
on it, and print nothing that acts on a terminal. The TUI's review and summary are
in tests/tui/test_tui_differential.py. Bounded here; for a long run see
docs/security.md (WEGWIJZER_DIFFERENTIAL_EXAMPLES).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from differential import (
    EXAMPLES,
    FINDINGS,
    exercise_consumers,
    mutated,
    seeds,
    verdict,
)
from test_train import exercise
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.verdict import Judge

__all__ = ["exercise"]  # a fixture


def _judge(test_flow: LoadedFlow, exercise: LoadedExercise) -> Judge:
    judge = Judge(loaded=test_flow)
    judge._exercises = {exercise.exercise.id: exercise}
    return judge


def _check(raw: bytes, judge: Judge, loaded: LoadedFlow, folder: Path) -> bool:
    """Run the consumers when verify accepts ``raw``; True when it did."""
    outcome = verdict(raw, judge)
    unfinished_only = outcome.record is not None and outcome.reasons == [
        "het overzicht is niet afgerond (een concept zonder uitkomst)"
    ]
    if outcome.in_order or unfinished_only:
        exercise_consumers(raw, outcome, judge, loaded, folder)
        return True
    return False


def test_the_seeds_are_accepted_and_open_everywhere(
    test_flow: LoadedFlow, exercise: LoadedExercise, tmp_path: Path
) -> None:
    judge = _judge(test_flow, exercise)
    for name, raw in seeds(test_flow, exercise).items():
        assert _check(raw, judge, test_flow, tmp_path), name


@pytest.mark.parametrize("finding", FINDINGS, ids=FINDINGS)
def test_each_finding_is_refused_or_opens_everywhere(
    test_flow: LoadedFlow, exercise: LoadedExercise, tmp_path: Path, finding: str
) -> None:
    seed, change = FINDINGS[finding]
    raw = change(seeds(test_flow, exercise)[seed])
    accepted = _check(raw, _judge(test_flow, exercise), test_flow, tmp_path)
    # Harmless content must still open; everything else is refused outright.
    harmless = {"6 bsn in a note", "7 escapes", "10 joiners in a note", "9 relabelled case"}
    assert accepted == (finding in harmless), verdict(raw, _judge(test_flow, exercise)).reasons


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_whatever_verify_accepts_opens_everywhere(
    test_flow: LoadedFlow,
    exercise: LoadedExercise,
    tmp_path_factory: pytest.TempPathFactory,
    data: st.DataObject,
) -> None:
    base = seeds(test_flow, exercise)
    seed = data.draw(st.sampled_from(sorted(base)))
    raw = data.draw(mutated(base[seed]))
    _check(raw, _judge(test_flow, exercise), test_flow, tmp_path_factory.mktemp("d"))
