"""Ways through a flow that the property tests share (importable as ``walks``): every
answer a step takes, a route from the start to every step, and an answer as it is typed."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, InfoStep, MultiStep, Step
from wegwijzer.core.walk.session import Answer


def answers_for(step: object) -> Iterator[tuple[Answer, str]]:
    """Every answer that leads somewhere else from ``step``, with where it leads."""
    if isinstance(step, ChoiceStep):
        for index, option in enumerate(step.options):
            yield index, option.next
    elif isinstance(step, MultiStep):
        yield (0,), step.next
    elif isinstance(step, CheckStep):
        yield step.statuses[0], step.next
    elif isinstance(step, InfoStep):
        yield None, step.next


def routes(loaded: LoadedFlow) -> dict[str, list[Answer]]:
    """For every step of the flow, the answers that walk from the start to it."""
    flow = loaded.flow
    found: dict[str, list[Answer]] = {flow.start: []}
    queue = deque([flow.start])
    while queue:
        step_id = queue.popleft()
        for value, target in answers_for(flow.steps[step_id]):
            if target not in found:
                found[target] = [*found[step_id], value]
                queue.append(target)
    return found


def typed(step: Step, value: Answer) -> str:
    """``value`` as a user types it in line mode: '2', '1,3', or '1' to go on."""
    if isinstance(value, tuple):
        return ",".join(str(index + 1) for index in value)
    if isinstance(step, CheckStep):
        return str(step.statuses.index(str(value)) + 1)
    if isinstance(value, int):
        return str(value + 1)
    return "1"
