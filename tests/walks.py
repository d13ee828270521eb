"""Ways through a flow that the property tests share (importable as ``walks``): every
answer a step takes, a route from the start to every step, an answer as it is typed, a
random answer, and a protocol that fills in every silent topic."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path

from hypothesis import strategies as st

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, InfoStep, MultiStep, Step
from wegwijzer.core.flows.protocol import Protocol, known_topics, parse_protocol
from wegwijzer.core.flows.source import Source
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


def pick(step: object, draw: st.DrawFn, *, most: int | None = None) -> Answer:
    """A random answer to ``step``; a multi step ticks at most ``most`` options."""
    if isinstance(step, ChoiceStep):
        return draw(st.integers(0, len(step.options) - 1))
    if isinstance(step, MultiStep):
        ticked = st.sets(st.integers(0, len(step.options) - 1), min_size=1, max_size=most)
        answer: Answer = tuple(sorted(draw(ticked)))
        return answer
    if isinstance(step, CheckStep):
        return draw(st.sampled_from(step.statuses))
    assert isinstance(step, InfoStep)
    return None


def filled_protocol(
    source: Source, text: Callable[[str], str], number: Callable[[str], str]
) -> Protocol:
    """A protocol with every silent topic of ``source`` filled in: ``text(topic)`` as its
    entry (TOML string content) and one contact whose value is ``number(topic)``."""
    entries = "".join(
        f'[entries.{topic}]\ntext = "{text(topic)}"\n'
        f'contacts = [{{ label = "Bel", value = "{number(topic)}" }}]\n'
        for topic in source.silent_topics
    )
    head = (
        'schema = 1\norganisation = "Gemeente Voorbeeldstad"\nadopted = 2026-03-01\n'
        'review_by = 2099-03-01\nmaintainer = "aandachtsfunctionaris"\n'
    )
    return parse_protocol(
        (head + entries).encode(), "p.toml", Path("p.toml"), known_topics([source])
    )
