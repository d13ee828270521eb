"""A training run: a session in mode "oefening" walked against an exercise.

Pure: a UI (plain mode, the TUI) drives it with ``answer`` and renders what comes
back. After a decision, ``answer`` returns the feedback when the trainee chose to
get it "direct"; with "achteraf" it returns None and everything comes in the
debrief. Scores follow the answers on the session's current path, so the record
written from the session and the score table always agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wegwijzer.core.base.clock import utc_now
from wegwijzer.core.training.exercise import LoadedExercise
from wegwijzer.core.training.model import Exercise
from wegwijzer.core.training.scoring import Feedback, expected_answer, grade
from wegwijzer.core.walk.session import Answer, Session

FEEDBACK_MODES = ("direct", "achteraf")
MODE = "oefening"


def percentage(points: float, maximum: int) -> float:
    return round(100 * points / maximum, 1) if maximum else 0.0


@dataclass(frozen=True)
class Debrief:
    """The end of a run: the score and every decision, deviations first to discuss."""

    exercise_id: str
    title: str
    feedback_mode: str
    points: float
    max_points: int
    items: tuple[Feedback, ...]

    @property
    def percentage(self) -> float:
        return percentage(self.points, self.max_points)

    @property
    def deviations(self) -> tuple[Feedback, ...]:
        """Every decision not answered exactly as expected, in route order."""
        return tuple(item for item in self.items if not item.correct)


class TrainingRun:
    """Drive ``.session`` with ``answer``; at the end read ``debrief()`` and ``score_table()``."""

    def __init__(
        self,
        item: LoadedExercise,
        feedback_mode: str = "direct",
        *,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self.item = item
        self.session = Session(item.loaded, mode=MODE, clock=clock)
        self._feedback_mode = "direct"
        self.feedback_mode = feedback_mode

    @property
    def exercise(self) -> Exercise:
        return self.item.exercise

    @property
    def feedback_mode(self) -> str:
        return self._feedback_mode

    @feedback_mode.setter
    def feedback_mode(self, value: str) -> None:
        if value not in FEEDBACK_MODES:
            raise ValueError(f"feedback mode must be one of {FEEDBACK_MODES}, not {value!r}")
        self._feedback_mode = value

    @property
    def finished(self) -> bool:
        return self.session.finished

    def is_decision(self, step_id: str) -> bool:
        return step_id in self.exercise.decisions

    def answer(self, value: Answer) -> Feedback | None:
        """Answer the current step (``AnswerError`` when it does not fit).

        Returns the feedback for a decision step in "direct" mode, else None.
        """
        step_id = self.session.current_id
        self.session.answer(value)
        if not self.is_decision(step_id) or self.feedback_mode != "direct":
            return None
        return self.feedback_for(step_id)

    def expected(self, step_id: str) -> Answer:
        """The full-points answer at decision ``step_id``, as ``answer`` takes it."""
        return expected_answer(self.session.flow.steps[step_id], self.exercise.decisions[step_id])

    def _answered(self, step_id: str) -> bool:
        return step_id in self.session.path[:-1] and step_id in self.session.answers

    def feedback_for(self, step_id: str) -> Feedback:
        """The graded decision at ``step_id`` as things stand ("niet bereikt" if unanswered)."""
        decision = self.exercise.decisions[step_id]
        reached = self._answered(step_id)
        return grade(
            step_id,
            self.session.flow.steps[step_id],
            decision,
            self.session.answers.get(step_id) if reached else None,
            reached=reached,
            source=self.session.loaded.source,
        )

    def debrief(self) -> Debrief:
        items = tuple(self.feedback_for(step_id) for step_id in self.item.decisions_in_order)
        points = round(sum(item.points for item in items), 1)
        return Debrief(
            exercise_id=self.exercise.id,
            title=self.exercise.title,
            feedback_mode=self.feedback_mode,
            points=points,
            max_points=self.exercise.max_points,
            items=items,
        )

    def score_table(self) -> dict[str, Any]:
        """The ``[score]`` table of an exported result: flat values and parallel lists."""
        debrief = self.debrief()
        return {
            "exercise": self.exercise.id,
            "exercise_title": self.exercise.title,
            "feedback": self.feedback_mode,
            "points": debrief.points,
            "max": debrief.max_points,
            "percentage": debrief.percentage,
            "decisions": [item.step_id for item in debrief.items],
            "verdicts": [item.verdict for item in debrief.items],
            "correct": [item.correct for item in debrief.items],
            "earned": [item.points for item in debrief.items],
            "chosen": [item.chosen for item in debrief.items],
            "expected": [item.expected_text for item in debrief.items],
        }

    def record(self) -> dict[str, Any]:
        """The session as a record (mode "oefening") with the score table."""
        from wegwijzer.core.records.record import build_record  # the record models: only to export

        return build_record(self.session, extra={"score": self.score_table()})

    def record_bytes(self) -> bytes:
        from wegwijzer.core.records.record import render_record

        return render_record(self.record(), self.session.loaded.source)
