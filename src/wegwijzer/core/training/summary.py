"""For trainers: exported training results combined per exercise and per decision step.

Counts come from the steps of each record (the labels as the trainee chose them;
a multi answer counts once for each option picked); the score from its ``[score]``
table. Nothing is taken on trust: every result is judged like `wegwijzer verify`
does (``core.training.verdict``: true to its flow, score recomputed from its
exercise), so its labels are the flow's own and memory grows with the flows and
exercises, never with what the files hold. A file that cannot be read, is not a
training result or does not hold up becomes a Dutch problem and is skipped; the
rest is still summarised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import Record

NOT_REACHED = "niet bereikt"


class ScoreTable(BaseModel):
    """The part of ``[score]`` a summary needs; other keys are left alone."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    exercise: Annotated[str, Field(min_length=1, max_length=64)]
    exercise_title: Annotated[str, Field(max_length=300)] = ""
    points: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    max: Annotated[int, Field(ge=0)]
    percentage: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
    decisions: Annotated[list[str], Field(max_length=100)]
    expected: Annotated[list[str], Field(max_length=100)] = []


@dataclass
class StepTally:
    step_id: str
    prompt: str = ""
    expected: str = ""
    counts: Counter[str] = field(default_factory=Counter)

    def ranked(self) -> list[tuple[str, int]]:
        """Most chosen first; ties alphabetically; 'niet bereikt' last."""
        items = sorted(self.counts.items(), key=lambda kv: (kv[0] == NOT_REACHED, -kv[1], kv[0]))
        return items


@dataclass
class ExerciseTally:
    exercise_id: str
    title: str = ""
    results: int = 0
    points_total: float = 0.0  # sums, not lists: memory does not grow with the files
    percentage_total: float = 0.0
    max_points: int = 0
    steps: dict[str, StepTally] = field(default_factory=dict)

    @property
    def average_points(self) -> float:
        return round(self.points_total / self.results, 1) if self.results else 0.0

    @property
    def average_percentage(self) -> float:
        return round(self.percentage_total / self.results, 1) if self.results else 0.0


def score_of(record: Record, name: str) -> ScoreTable:
    """The record's score table, or a Dutch ``ProblemsError`` when it is no training result."""
    if record.mode != "oefening" or record.score is None:
        message = "geen oefenresultaat (mode is niet 'oefening' of de tabel [score] ontbreekt)"
        raise ProblemsError([Problem(name, "", "score", message)])
    try:
        return ScoreTable.model_validate(record.score)
    except ValidationError as error:
        fields = sorted({".".join(str(p) for p in e["loc"][:1]) for e in error.errors()})
        message = "de tabel [score] is onvolledig of ongeldig"
        raise ProblemsError([Problem(name, "", f"score.{f}", message) for f in fields]) from None


def add_result(tallies: dict[str, ExerciseTally], record: Record, score: ScoreTable) -> None:
    tally = tallies.setdefault(score.exercise, ExerciseTally(score.exercise))
    tally.title = tally.title or score.exercise_title
    tally.results += 1
    tally.points_total += score.points
    tally.percentage_total += score.percentage
    tally.max_points = max(tally.max_points, score.max)
    answered = {step.id: step for step in record.steps if step.answer is not None}
    for index, step_id in enumerate(score.decisions):
        step = tally.steps.setdefault(step_id, StepTally(step_id))
        if not step.expected and index < len(score.expected):
            step.expected = score.expected[index]
        taken = answered.get(step_id)
        if taken is None:
            step.counts[NOT_REACHED] += 1
            continue
        step.prompt = step.prompt or taken.prompt
        labels = taken.answer if isinstance(taken.answer, list) else [taken.answer]
        for label in dict.fromkeys(labels):
            if label is not None:
                step.counts[label] += 1


Judgement = Callable[[Record], list[str]]


def summarise(
    paths: Iterable[Path], judge: Judgement | None = None
) -> tuple[list[ExerciseTally], list[Problem]]:
    """Tallies per exercise (in order of first appearance) and the problems of skipped files.

    ``judge`` says why a record is not in order (default: against the default catalog
    and its exercises, as `wegwijzer verify` does); a result it finds fault with is
    skipped with its reasons.
    """
    if judge is None:
        from wegwijzer.core.training.verdict import Judge

        judge = Judge()
    tallies: dict[str, ExerciseTally] = {}
    problems: list[Problem] = []
    for path in paths:
        name = str(path)
        try:
            record = read_record(Path(path))
            score = score_of(record, name)
        except ProblemsError as error:
            problems += error.problems
            continue
        reasons = judge(record)
        if not record.complete:
            reasons.append("het resultaat is niet afgerond")
        if reasons:
            problems += [Problem(name, "", "", reason) for reason in reasons[:5]]
            continue
        add_result(tallies, record, score)
    return list(tallies.values()), problems
