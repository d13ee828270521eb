"""The readability of an exercise's own text: goals, case, explanations, feedback."""

from __future__ import annotations

from wegwijzer.core.base.readability import Figures, measure
from wegwijzer.core.training.model import Exercise


def exercise_texts(exercise: Exercise) -> list[str]:
    texts = [*exercise.goals, exercise.vignette]
    for decision in exercise.decisions.values():
        texts.append(decision.why)
        texts += [feedback.text for feedback in decision.feedback]
    return texts


def exercise_readability(exercise: Exercise) -> Figures:
    return measure(exercise_texts(exercise))
