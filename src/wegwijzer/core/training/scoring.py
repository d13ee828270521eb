"""Grading one decision of an exercise: verdict, points and the feedback that goes with it.

Points per decision come from the exercise. A choice or check step earns all its
points when the chosen option or status is one of the expected ones, else none.
A multi step earns all its points for exactly the expected set; otherwise
``points × (right picks − wrong picks) / number expected``, never below zero,
rounded to one decimal. A decision the trainee never reached earns nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, MultiStep, Step
from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.core.training.model import Decision, name_index
from wegwijzer.core.walk.session import Answer, describe_answer

Verdict = Literal["goed", "deels", "fout", "niet bereikt"]
VERDICT_LABELS: dict[str, str] = {
    "goed": "goed",
    "deels": "deels goed",
    "fout": "niet de verwachte keuze",
    "niet bereikt": "niet bereikt",
}


@dataclass(frozen=True)
class Quote:
    """A cited passage, verbatim: a paragraph, or the start of a whole answer."""

    label: str
    text: str


@dataclass(frozen=True)
class Message:
    """One piece of feedback and the answers it rests on."""

    text: str
    cites: tuple[str, ...]


@dataclass(frozen=True)
class Feedback:
    """The result of one decision: what was chosen, what was expected, and why."""

    step_id: str
    kind: str
    prompt: str
    verdict: Verdict
    chosen: str
    expected: tuple[str, ...]
    points: float
    max_points: int
    messages: tuple[Message, ...]
    why: Message
    missed: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()

    @property
    def correct(self) -> bool:
        return self.verdict == "goed"

    @property
    def expected_text(self) -> str:
        """Multi: the whole set; choice and check: any one of them."""
        return ("; " if self.kind == "multi" else " of ").join(self.expected)

    @property
    def cites(self) -> tuple[str, ...]:
        found = [c for m in self.messages for c in m.cites] + list(self.why.cites)
        return tuple(dict.fromkeys(found))


def quotes_for(source: Source, cites: tuple[str, ...], width: int = 600) -> tuple[Quote, ...]:
    """The cited text: a whole paragraph when one is named, else the answer's start."""
    found = []
    for cite in dict.fromkeys(cites):
        citation = parse_citation(cite)
        if citation is None:
            continue
        if citation.paragraph is not None:
            text = " ".join(p for _, p in source.paragraphs(citation))
        else:
            text = source.quote(citation, width)
        found.append(Quote(citation.label, text))
    return tuple(found)


def _rounded(value: float) -> float:
    return int(value * 10 + 0.5) / 10


def _expected_indices(step: Step, decision: Decision) -> list[int]:
    found = (name_index(step, label) for label in decision.expect)
    return [index for index in found if index is not None]


def expected_answer(step: Step, decision: Decision) -> Answer:
    """The answer that earns full points, in the form ``Session.answer`` takes."""
    indices = _expected_indices(step, decision)
    if isinstance(step, MultiStep):
        return tuple(sorted(indices))
    if isinstance(step, CheckStep):
        return step.statuses[indices[0]]
    return indices[0]


def _names(step: Step, indices: list[int]) -> tuple[str, ...]:
    if isinstance(step, ChoiceStep | MultiStep):
        return tuple(step.options[i].label for i in indices)
    if isinstance(step, CheckStep):
        return tuple(step.statuses[i] for i in indices)
    return ()


def _feedback_for(step: Step, decision: Decision, index: int) -> list[Message]:
    for item in decision.feedback:
        if any(name_index(step, label) == index for label in item.options):
            return [Message(item.text, item.cites)]
    return []


def _chosen_indices(step: Step, value: Answer) -> list[int]:
    if isinstance(step, ChoiceStep) and isinstance(value, int):
        return [value]
    if isinstance(step, MultiStep) and isinstance(value, tuple):
        return list(value)
    if isinstance(step, CheckStep) and isinstance(value, str) and value in step.statuses:
        return [step.statuses.index(value)]
    return []


def grade(
    step_id: str,
    step: Step,
    decision: Decision,
    value: Answer,
    *,
    reached: bool = True,
    source: Source | None = None,
) -> Feedback:
    """Grade ``value`` given at ``step`` against ``decision``; pure."""
    expected = _expected_indices(step, decision)
    why = Message(decision.why, decision.cites)
    chosen = _chosen_indices(step, value) if reached else []
    messages: list[Message] = []
    missed: list[int] = []
    extra: list[int] = []
    if not reached:
        verdict: Verdict = "niet bereikt"
        points = 0.0
    elif isinstance(step, MultiStep):
        missed = [i for i in expected if i not in chosen]
        extra = [i for i in chosen if i not in expected]
        hits = len(expected) - len(missed)
        if not missed and not extra:
            verdict, points = "goed", float(decision.points)
        else:
            share = max(0, hits - len(extra)) / len(expected)
            points = _rounded(decision.points * share)
            verdict = "deels" if points > 0 else "fout"
        for index in extra + missed:
            messages += _feedback_for(step, decision, index)
    elif chosen and chosen[0] in expected:
        verdict, points = "goed", float(decision.points)
    else:
        verdict, points = "fout", 0.0
        if chosen:
            messages += _feedback_for(step, decision, chosen[0])
    cites = tuple(c for m in messages for c in m.cites) + decision.cites
    return Feedback(
        step_id=step_id,
        kind=step.kind,
        prompt=step.prompt,
        verdict=verdict,
        chosen=describe_answer(step, value) if reached else "",
        expected=_names(step, expected),
        points=points,
        max_points=decision.points,
        messages=tuple(messages),
        why=why,
        missed=_names(step, missed) if isinstance(step, MultiStep) else (),
        extra=_names(step, extra) if isinstance(step, MultiStep) else (),
        quotes=quotes_for(source, cites) if source is not None else (),
    )
