"""The readability of a flow's own text, per flow and per step (``check --leesbaarheid``)."""

from __future__ import annotations

from dataclasses import dataclass

from wegwijzer.core.base.readability import Figures, measure
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, Flow, MultiStep, OutcomeStep, Step


def step_texts(step: Step) -> list[str]:
    """Everything a step shows in its own words: prompt, text, options, actions."""
    texts = [step.prompt, step.text]
    if isinstance(step, ChoiceStep | MultiStep):
        for option in step.options:
            texts.append(option.label)
            texts += [action.text for action in option.actions]
    elif isinstance(step, CheckStep):
        texts.append(step.action)
    elif isinstance(step, OutcomeStep):
        texts += [action.text for action in step.actions]
    return [text for text in texts if text]


@dataclass(frozen=True)
class FlowReadability:
    flow_id: str
    title: str
    total: Figures
    description: Figures
    steps: tuple[tuple[str, Figures], ...]

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.flow_id,
            "totaal": self.total.as_dict(),
            "stappen": {step_id: figures.as_dict() for step_id, figures in self.steps},
        }


def flow_readability(flow: Flow) -> FlowReadability:
    texts = {step_id: step_texts(step) for step_id, step in flow.steps.items()}
    every = [flow.description, *(text for group in texts.values() for text in group)]
    return FlowReadability(
        flow.id,
        flow.title,
        measure(every),
        measure([flow.description]),
        tuple((step_id, measure(group)) for step_id, group in texts.items()),
    )
