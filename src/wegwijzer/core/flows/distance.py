"""How far each step is from the end of its flow: for "Stap 3 van ongeveer 12".

Pure. The checker proves a flow has no loops and that every path ends; should a loop
slip through anyway, a step on it counts as near the end, never as endless.
"""

from __future__ import annotations

from wegwijzer.core.base.value import value
from wegwijzer.core.flows.flow import Flow, OutcomeStep


@value(frozen=True)
class StepsLeft:
    """The fewest and the most answers still to give from a step before an outcome."""

    fewest: int
    most: int


def steps_left(flow: Flow) -> dict[str, StepsLeft]:
    """For every step: how many answers remain before an outcome, at least and at most."""
    found: dict[str, StepsLeft] = {}
    on_stack: set[str] = set()
    for root in flow.steps:
        if root in found:
            continue
        # Depth first without recursion: a flow of thousands of steps is a deep graph.
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            step_id, done = stack.pop()
            if done:
                on_stack.discard(step_id)
                found[step_id] = _combine(flow, step_id, found)
                continue
            if step_id in found or step_id in on_stack or step_id not in flow.steps:
                continue
            on_stack.add(step_id)
            stack.append((step_id, True))
            stack.extend((target, False) for target in flow.targets(step_id))
    return found


def _combine(flow: Flow, step_id: str, found: dict[str, StepsLeft]) -> StepsLeft:
    if isinstance(flow.steps[step_id], OutcomeStep):
        return StepsLeft(0, 0)
    after = [found[target] for target in flow.targets(step_id) if target in found]
    if not after:  # a target missing or on a loop: the checker refuses such a flow
        return StepsLeft(1, 1)
    return StepsLeft(1 + min(left.fewest for left in after), 1 + max(left.most for left in after))
