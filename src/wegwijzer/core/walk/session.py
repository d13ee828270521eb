"""The walk through a flow: current step, answers, notes, going back, and the outcome.

Pure: no I/O. The TUI, the plain mode, the records and the tests all drive this class.
Answers are kept per step id; going back or reopening a step never throws them away,
so a path that is walked again the same way finds its earlier answers waiting.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from wegwijzer.core.base.clock import utc_now
from wegwijzer.core.base.limits import NOTE_MAX, PATH_MAX
from wegwijzer.core.base.text import clean
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.distance import StepsLeft, steps_left
from wegwijzer.core.flows.flow import (
    GROUPS,
    Action,
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    OutcomeStep,
    Step,
)

if TYPE_CHECKING:
    from wegwijzer.core.flows.protocol import Protocol, Shown

Answer = int | tuple[int, ...] | str | None
NOTE_LIMIT = NOTE_MAX
INFO_READ = "gelezen"


class AnswerError(ValueError):
    """An answer that does not fit the step; the message is Dutch."""


@value(frozen=True)
class Taken:
    """One step on the path with what was answered there."""

    step_id: str
    step: Step
    answer: Answer
    answer_text: str
    note: str


@value(frozen=True)
class Recommended:
    """An action recommended at the end, with the step that gave rise to it."""

    action: Action
    step_id: str


def validate_answer(step: Step, value: Answer) -> Answer:
    """Return the canonical form of ``value`` for ``step`` or raise ``AnswerError``."""
    if isinstance(step, ChoiceStep):
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not 0 <= value < len(step.options)
        ):
            raise AnswerError(f"kies een nummer van 1 tot en met {len(step.options)}")
        return value
    if isinstance(step, MultiStep):
        if isinstance(value, int) and not isinstance(value, bool):
            value = (value,)
        if not isinstance(value, tuple) or not value:
            raise AnswerError("kies één of meer nummers")
        if any(
            isinstance(v, bool) or not isinstance(v, int) or not 0 <= v < len(step.options)
            for v in value
        ):
            raise AnswerError(f"kies nummers van 1 tot en met {len(step.options)}")
        alone = step.clash(value)
        if alone is not None:
            raise AnswerError(
                f"‘{clean(alone.label)}’ kiest u alleen, niet samen met een andere optie"
            )
        return tuple(sorted(set(value)))
    if isinstance(step, CheckStep):
        if not isinstance(value, str) or value not in step.statuses:
            raise AnswerError("kies een status: " + ", ".join(step.statuses))
        return value
    if isinstance(step, InfoStep):
        if value is not None:
            raise AnswerError("kies 'verder'; bij deze stap valt niets anders te kiezen")
        return None
    raise AnswerError("deze stap is een uitkomst; er valt niets meer te kiezen")


def describe_answer(step: Step, value: Answer) -> str:
    """The answer as a user reads it: option labels, a status, or 'gelezen'."""
    if isinstance(step, ChoiceStep) and isinstance(value, int):
        return step.options[value].label
    if isinstance(step, MultiStep) and isinstance(value, tuple):
        return "; ".join(step.options[i].label for i in value)
    if isinstance(step, CheckStep) and isinstance(value, str):
        return value
    if isinstance(step, InfoStep):
        return INFO_READ
    return ""


def next_step(step: Step, value: Answer) -> str:
    if isinstance(step, ChoiceStep) and isinstance(value, int):
        return step.options[value].next
    if isinstance(step, MultiStep | CheckStep | InfoStep):
        return step.next
    raise AnswerError("deze stap heeft geen vervolg")


class Session:
    def __init__(
        self,
        loaded: LoadedFlow,
        *,
        mode: str = "casus",
        case_ref: str = "",
        clock: Callable[[], dt.datetime] = utc_now,
        protocol: Protocol | None = None,
    ) -> None:
        self.id = uuid.uuid4().hex
        self.loaded = loaded
        # The organisation's own protocol: shown beside the source where a step is
        # silent, never mixed with it (``protocol_here``, ``protocol_met``).
        self.protocol = protocol
        self.mode = mode
        self.case_ref = clean(case_ref, limit=80).strip()
        self._clock = clock
        self.started_at = clock()
        self.finished_at: dt.datetime | None = None
        self.path: list[str] = [loaded.flow.start]
        self.answers: dict[str, Answer] = {}
        self.notes: dict[str, str] = {}
        self._left: dict[str, StepsLeft] | None = None  # worked out at the first ``progress``

    @property
    def flow(self) -> Flow:
        return self.loaded.flow

    @property
    def current_id(self) -> str:
        return self.path[-1]

    @property
    def current(self) -> Step:
        return self.flow.steps[self.current_id]

    @property
    def finished(self) -> bool:
        return isinstance(self.current, OutcomeStep)

    @property
    def position(self) -> int:
        """The current step's number, counting from 1."""
        return len(self.path)

    def progress(self) -> tuple[int, int, bool]:
        """The current step's number, the number of steps on the longest way from here to
        the end, and whether that way is the only length left (then the total is exact)."""
        if self._left is None:
            self._left = steps_left(self.flow)
        left = self._left.get(self.current_id, StepsLeft(0, 0))
        total = self.position - 1 + left.most
        return self.position, max(total, self.position), left.fewest == left.most

    def kept(self, step_id: str) -> Answer:
        """The answer given earlier at ``step_id`` (None when there is none)."""
        return self.answers.get(step_id)

    def has_answer(self, step_id: str) -> bool:
        return step_id in self.answers

    def answer(self, value: Answer) -> str:
        """Answer the current step and move on; returns the id of the step now current."""
        step = self.current
        canonical = validate_answer(step, value)
        if len(self.path) >= PATH_MAX and not isinstance(step, OutcomeStep):
            # Only a flow with a loop gets here (the checker bounds every other path);
            # a longer path would make a record that cannot be read back.
            raise AnswerError(f"het pad is te lang (meer dan {PATH_MAX} stappen); ga terug")
        self.answers[self.current_id] = canonical
        target = next_step(step, canonical)
        self.path.append(target)
        if self.finished and self.finished_at is None:
            self.finished_at = self._clock()
        return target

    def back(self) -> bool:
        """Go back one step; the answers given stay kept. False at the start."""
        if len(self.path) == 1:
            return False
        self.path.pop()
        self.finished_at = None if not self.finished else self.finished_at
        return True

    def reopen(self, step_id: str) -> None:
        """Make an earlier step on the path current again, to change its answer."""
        if step_id not in self.path:
            raise AnswerError("deze stap ligt niet op het gekozen pad")
        del self.path[self.path.index(step_id) + 1 :]
        self.finished_at = None

    def fast_forward(self) -> None:
        """Walk on with kept answers while they still fit, stopping at a new step or the end."""
        seen: set[str] = set(self.path)
        while not self.finished and self.current_id in self.answers:
            try:
                target = self.answer(self.answers[self.current_id])
            except AnswerError:
                return
            if target in seen:
                return
            seen.add(target)

    def restore_answer(self, step_id: str, value: Answer) -> None:
        """Keep ``value`` as the answer of ``step_id`` without walking: for resuming a draft.

        The path does not change; ``fast_forward`` and preselection find the answer later.
        Raises ``AnswerError`` when the step is unknown or the answer does not fit it.
        """
        step = self.flow.steps.get(step_id)
        if step is None:
            raise AnswerError("deze stap bestaat niet in het stappenplan")
        self.answers[step_id] = validate_answer(step, value)

    def off_path(self) -> list[str]:
        """Step ids whose answer or note a record of the current path does not hold.

        A record holds the answers of the path except its last (open) step, and the
        notes of every step on the path. In flow order, so the same session always
        lists them the same way.
        """
        answered_on_path = set(self.path[:-1])
        on_path = set(self.path)
        return [
            step_id
            for step_id in self.flow.steps
            if (step_id in self.answers and step_id not in answered_on_path)
            or (step_id in self.notes and step_id not in on_path)
        ]

    def set_note(self, step_id: str, text: str) -> None:
        note = clean(text, multiline=True, limit=NOTE_LIMIT).strip()
        if note:
            self.notes[step_id] = note
        else:
            self.notes.pop(step_id, None)

    def taken(self) -> list[Taken]:
        """The steps answered on the current path, in order, then the outcome if reached."""
        steps = []
        for step_id in self.path:
            step = self.flow.steps[step_id]
            answered = step_id in self.answers and step_id != self.current_id
            if not answered and not isinstance(step, OutcomeStep):
                continue
            value = self.answers.get(step_id) if answered else None
            text = describe_answer(step, value) if answered else ""
            steps.append(Taken(step_id, step, value, text, self.notes.get(step_id, "")))
        return steps

    def recommended(self) -> list[Recommended]:
        """The outcome's actions: from options chosen, open checklist items, and the outcome."""
        if not self.finished:
            return []
        outcome = self.current
        assert isinstance(outcome, OutcomeStep)
        found: list[Recommended] = []
        for step_id in self.path[:-1]:
            step = self.flow.steps[step_id]
            value = self.answers.get(step_id)
            if isinstance(step, ChoiceStep) and isinstance(value, int):
                found += [Recommended(a, step_id) for a in step.options[value].actions]
            elif isinstance(step, MultiStep) and isinstance(value, tuple):
                for index in value:
                    found += [Recommended(a, step_id) for a in step.options[index].actions]
            elif isinstance(step, CheckStep) and outcome.open_checks and value != "ja":
                action = Action(text=step.action, group=step.group, cites=step.cites)
                found.append(Recommended(action, step_id))
        found += [Recommended(a, self.current_id) for a in outcome.actions]
        unique: dict[str, Recommended] = {}
        for item in found:
            unique.setdefault(item.action.text, item)
        return sorted(unique.values(), key=lambda r: GROUPS.index(r.action.group))

    def protocol_here(self) -> list[Shown]:
        """The protocol's entries for the topics the current step is silent on."""
        if self.protocol is None:
            return []
        # Imported here: the protocol's file model is pydantic, which a walk without a
        # protocol never needs (docs/performance.md, issue 19).
        from wegwijzer.core.flows.protocol import entries_at

        return entries_at(self.protocol, self.current, self.current_id)

    def protocol_met(self) -> list[Shown]:
        """Every protocol entry shown on the path so far, each topic once, in path order."""
        if self.protocol is None:
            return []
        from wegwijzer.core.flows.protocol import entries_at

        found: dict[str, Shown] = {}
        for step_id in self.path:
            for shown in entries_at(self.protocol, self.flow.steps[step_id], step_id):
                found.setdefault(shown.topic, shown)
        return list(found.values())

    def trail(self) -> list[str]:
        """The path so far as step ids, for a breadcrumb."""
        return list(self.path)
