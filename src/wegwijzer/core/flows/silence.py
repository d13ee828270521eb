"""Where the source says nothing: the topics a step names, as one Dutch line, and per flow.

The topics are the source's (``Source.silent_topics``: a stable slug and a Dutch label),
so the same topic has the same id in every flow; an organisation's own protocol is
keyed by these ids. Every front shows ``silent_line`` as it is, and the record keeps it.
"""

from __future__ import annotations

from wegwijzer.core.base.value import value
from wegwijzer.core.flows.flow import Flow, Step
from wegwijzer.core.flows.source import Source

SILENT_LEAD = "Hierover zegt de bron niets: "


@value(frozen=True)
class SilentTopic:
    """One topic a flow is silent on: its id, its Dutch label, and the steps that say so."""

    id: str
    label: str
    steps: tuple[str, ...]


def silent_line(source: Source, step: Step) -> str:
    """'Hierover zegt de bron niets: a; b.' for the step's topics; '' when it names none."""
    if not step.source_silent:
        return ""
    labels = [source.silent_topics.get(topic, topic) for topic in step.source_silent]
    return SILENT_LEAD + "; ".join(labels) + "."


def silent_topics(flow: Flow, source: Source) -> list[SilentTopic]:
    """The topics a flow names, in the order the source lists them."""
    steps: dict[str, list[str]] = {}
    for step_id, step in flow.steps.items():
        for topic in step.source_silent:
            steps.setdefault(topic, []).append(step_id)
    order = list(source.silent_topics)
    return [
        SilentTopic(topic, source.silent_topics.get(topic, topic), tuple(steps[topic]))
        for topic in sorted(steps, key=lambda t: order.index(t) if t in order else len(order))
    ]
