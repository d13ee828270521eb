"""Is a record true to its flow, and a training result true to its exercise?

`wegwijzer verify` and the trainer summary ask the same question, so they share
this answer. Everything that can change what a record means is checked: the path
and actions against the flow (``core.records.resume``), the answers kept off the
path, the mode (a case never carries a ``[score]``), the score recomputed from the
exercise (nothing in ``[score]`` is taken on trust), and dates in the future.
Reasons are Dutch, one line each, and name fields, never what the user wrote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wegwijzer.core.base.clock import utc_now
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drift import Drift, find_drift
from wegwijzer.core.records.record import Record
from wegwijzer.core.records.resume import (
    find_flow,
    kept_reasons,
    path_reasons,
    record_reasons,
    replay,
)
from wegwijzer.core.training.exercise import LoadedExercise, exercise_folder, load_exercises
from wegwijzer.core.training.run import FEEDBACK_MODES, TrainingRun
from wegwijzer.core.walk.session import Session

FUTURE_SLACK = dt.timedelta(days=1)  # clocks differ; a day ahead is a wrong clock, not fraud
# The score an exercise gives depends only on the answers at its decisions: a class of
# 5,000 results walks few different routes, so each is graded once (docs/performance.md,
# figure 6). Bounded: memory grows with the routes kept, never with the files read.
_SCORES: dict[tuple[object, ...], tuple[LoadedExercise, dict[str, Any]]] = {}
_SCORES_MAX = 4096


def expected_score(item: LoadedExercise, feedback: str, session: Session) -> dict[str, Any]:
    """The ``[score]`` table ``item`` gives for the answers of ``session`` (a replayed walk)."""
    answered = {step_id for step_id in session.path[:-1] if step_id in session.answers}
    decisions = tuple(
        (step_id, session.answers[step_id]) if step_id in answered else (step_id,)
        for step_id in item.decisions_in_order
    )
    key = (id(item), feedback, decisions)
    known = _SCORES.get(key)
    if known is not None and known[0] is item:
        return known[1]
    run = TrainingRun(item, feedback)
    run.session = session
    table = run.score_table()
    if len(_SCORES) >= _SCORES_MAX:
        _SCORES.clear()
    _SCORES[key] = (item, table)
    return table


def score_reasons(
    record: Record, loaded: LoadedFlow, exercises: Mapping[str, LoadedExercise]
) -> list[str]:
    """Why the ``[score]`` of ``record`` is not what its exercise gives for its answers."""
    score = record.score
    if score is None:
        return []
    if record.mode != "oefening":
        return ["een casus heeft geen tabel [score]; alleen een oefenresultaat heeft er een"]
    exercise_id = score.get("exercise")
    item = exercises.get(exercise_id) if isinstance(exercise_id, str) else None
    if item is None:
        shown = clean(str(exercise_id), limit=64) if isinstance(exercise_id, str) else "?"
        return [f"oefening '{shown}' is hier niet beschikbaar; de score is niet na te rekenen"]
    if item.exercise.flow != record.flow:
        return [f"oefening '{exercise_id}' hoort bij een ander stappenplan dan dit resultaat"]
    feedback = score.get("feedback")
    if feedback not in FEEDBACK_MODES:
        return ["score.feedback moet 'direct' of 'achteraf' zijn"]
    if path_reasons(record, loaded.flow):
        return []  # the path is already refused; a score over it means nothing
    expected = expected_score(item, str(feedback), replay(record, loaded))
    wrong = [
        key for key in sorted(set(expected) | set(score)) if score.get(key) != expected.get(key)
    ]
    return [f"score.{clean(key, limit=40)} klopt niet met de oefening" for key in wrong]


def date_reasons(record: Record, now: dt.datetime) -> list[str]:
    reasons = []
    if record.started > now + FUTURE_SLACK:
        reasons.append("de begintijd ligt in de toekomst")
    if record.finished is not None and record.finished > now + FUTURE_SLACK:
        reasons.append("de eindtijd ligt in de toekomst")
    return reasons


def record_verdict(
    record: Record,
    loaded: LoadedFlow,
    exercises: Mapping[str, LoadedExercise],
    *,
    now: dt.datetime | None = None,
    drift: Drift | None = None,
) -> list[str]:
    """Every way ``record`` is not true to ``loaded`` (and its exercise); empty when it is.

    When the flow changed since (``drift``), the words of its steps no longer count:
    only whether the answers still fit (``Drift.misfits``).
    """
    if drift is not None and drift.flow_changed:
        reasons = list(drift.misfits)
    else:
        reasons = record_reasons(record, loaded)
    if record.flow == loaded.flow.id:  # a draft's answers off the path must fit the flow too
        reasons += kept_reasons(record, loaded.flow)
        reasons += score_reasons(record, loaded, exercises)
    reasons += date_reasons(record, now or utc_now())
    return reasons


@dataclass
class Judge:
    """Judges records against a catalog (the default one, loaded when first needed) or one
    given flow; the exercises are loaded the first time a result needs them."""

    catalog: Catalog | None = None
    loaded: LoadedFlow | None = None  # this flow instead of the catalog's
    _exercises: dict[str, LoadedExercise] | None = field(default=None, repr=False)

    def the_catalog(self) -> Catalog:
        if self.catalog is None:
            self.catalog = load_catalog()
        return self.catalog

    def exercises(self) -> dict[str, LoadedExercise]:
        if self._exercises is None:
            catalog = self.the_catalog()
            found, _ = load_exercises(exercise_folder(catalog), catalog)
            self._exercises = {item.exercise.id: item for item in found}
        return self._exercises

    def __call__(self, record: Record) -> list[str]:
        """Every reason ``record`` is not in order; empty when it is."""
        return self.verdict(record).reasons

    def verdict(self, record: Record) -> Verdict:
        """The reasons, and what changed in the flow or source since the record was made."""
        loaded = self.loaded
        if loaded is None:
            catalog = self.the_catalog()
            loaded = find_flow(catalog, record.flow)
            if loaded is None:
                return Verdict(
                    [f"stappenplan '{record.flow}' staat niet in de catalogus ({catalog.folder})"]
                )
        exercises = self.exercises() if record.score is not None else {}
        drift = find_drift(record, loaded)
        return Verdict(record_verdict(record, loaded, exercises, drift=drift), drift)


@dataclass(frozen=True)
class Verdict:
    """What a judge found: faults (empty when in order) and the drift since, if any."""

    reasons: list[str]
    drift: Drift | None = None
