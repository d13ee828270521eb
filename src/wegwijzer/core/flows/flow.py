"""The flow at run time: a decision flow as frozen dataclasses (``core.flows.frozen``).

The rules a flow file must meet are its validator's (``core.flows.schema``, pydantic)
and the checker's (``core.flows.check``); what passed is built into these classes,
which the walk, the records, training and the fronts use. Importing this module
imports no pydantic, so a flow the cache of checked flows vouches for opens without it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Literal

from wegwijzer.core.base.digest import sha256_digest
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.frozen import Frozen, alias, dump

STATUSES = ("ja", "nee", "deels", "weet niet")
GROUPS = ("politie", "zorg", "beleid", "scholing", "algemeen")
Group = Literal["politie", "zorg", "beleid", "scholing", "algemeen"]
GROUP_LABELS = {
    "politie": "Politie",
    "zorg": "Zorg",
    "beleid": "Beleid",
    "scholing": "Scholing",
    "algemeen": "Algemeen",
}
KINDS = ("choice", "multi", "check", "info", "outcome")


@value(frozen=True, slots=True, kw_only=True)
class Action(Frozen):
    """A recommended action, with the answers it rests on."""

    text: str
    group: Group = "algemeen"
    cites: tuple[str, ...] = ()


@value(frozen=True, slots=True, kw_only=True)
class Option(Frozen):
    label: str
    next: str = ""
    actions: tuple[Action, ...] = ()
    # Multi steps only: chosen alone ('Geen van deze'); see ``tick``.
    exclusive: bool = False


@value(frozen=True, slots=True, kw_only=True)
class _Step(Frozen):
    prompt: str
    title: str = ""  # a short name for the path shown above each step
    text: str = ""
    cites: tuple[str, ...] = ()
    source_silent: tuple[str, ...] = ()  # topics of the source's silent_topics


@value(frozen=True, slots=True, kw_only=True)
class ChoiceStep(_Step):
    """Pick exactly one option; each option names the step that follows."""

    kind: Literal["choice"]
    options: tuple[Option, ...]


@value(frozen=True, slots=True, kw_only=True)
class MultiStep(_Step):
    """Pick one or more options; the flow goes on to ``next``."""

    kind: Literal["multi"]
    options: tuple[Option, ...]
    next: str

    def clash(self, picked: Iterable[int]) -> Option | None:
        """An exclusive option picked together with another one, if there is one."""
        chosen = [i for i in dict.fromkeys(picked) if 0 <= i < len(self.options)]
        if len(chosen) < 2:
            return None
        return next((self.options[i] for i in chosen if self.options[i].exclusive), None)

    def tick(self, ticked: AbstractSet[int], index: int) -> frozenset[int]:
        """The options ticked after ticking (or unticking) ``index`` (see ``tick``)."""
        alone = {i for i, option in enumerate(self.options) if option.exclusive}
        return tick(ticked, index, alone)


def tick(ticked: AbstractSet[int], index: int, exclusive: AbstractSet[int]) -> frozenset[int]:
    """The options ticked after ticking (or unticking) ``index``: an exclusive option
    ticked clears the others, and another option ticked clears the exclusive ones."""
    if index in ticked:
        return frozenset(ticked - {index})
    if index in exclusive:
        return frozenset({index})
    return frozenset(i for i in ticked if i not in exclusive) | {index}


@value(frozen=True, slots=True, kw_only=True)
class CheckStep(_Step):
    """A checklist item with a status; an item not answered "ja" becomes ``action``."""

    kind: Literal["check"]
    statuses: tuple[str, ...] = STATUSES
    action: str
    group: Group = "beleid"
    next: str


@value(frozen=True, slots=True, kw_only=True)
class InfoStep(_Step):
    """Information to read; the flow goes on to ``next``."""

    kind: Literal["info"]
    next: str


@value(frozen=True, slots=True, kw_only=True)
class OutcomeStep(_Step):
    """The end of a path: the recommended actions."""

    kind: Literal["outcome"]
    actions: tuple[Action, ...] = ()
    open_checks: bool = False  # also every checklist item not answered 'ja' as an action
    guarantees: tuple[str, ...] = ()  # citations every route's actions must carry (proved)


Step = ChoiceStep | MultiStep | CheckStep | InfoStep | OutcomeStep


@value(frozen=True, slots=True, kw_only=True)
class Flow(Frozen):
    schema_: Literal[1] = alias("schema")
    id: str
    title: str
    audience: str
    description: str = ""
    version: str
    order: int = 100  # place in the list on the home screen: lower first, then by title
    source: str
    start: str
    steps: dict[str, Step]

    def step(self, step_id: str) -> Step:
        return self.steps[step_id]

    def targets(self, step_id: str) -> list[str]:
        """The ids a step can lead to, in order, without repeats."""
        step = self.steps[step_id]
        found: list[str] = []
        if isinstance(step, ChoiceStep):
            found = [option.next for option in step.options]
        elif isinstance(step, MultiStep | CheckStep | InfoStep):
            found = [step.next]
        return list(dict.fromkeys(found))

    def all_citations(self, step_id: str) -> list[str]:
        """Every citation a step carries: its own, its options' and its actions'."""
        step = self.steps[step_id]
        cites = list(step.cites)
        if isinstance(step, ChoiceStep | MultiStep):
            for option in step.options:
                for action in option.actions:
                    cites.extend(action.cites)
        if isinstance(step, OutcomeStep):
            for action in step.actions:
                cites.extend(action.cites)
        return cites


_DIGESTS: dict[int, tuple[object, str]] = {}  # id(step) -> (step, digest); steps are frozen
_DIGESTS_MAX = 100_000


def step_digest(step: Step) -> str:
    """A content hash of one step: prompt, text, options, citations and what they lead to.

    Fields left at their default are left out, so a new optional field in a later
    version of the program does not make every stored step look changed. Kept per
    step object (steps are frozen): an autosave after every answer asks again.
    """
    known = _DIGESTS.get(id(step))
    if known is not None and known[0] is step:
        return known[1]
    data = json.dumps(
        dump(step, exclude_defaults=True),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = sha256_digest(data.encode("utf-8"))
    if len(_DIGESTS) >= _DIGESTS_MAX:
        _DIGESTS.clear()
    _DIGESTS[id(step)] = (step, digest)
    return digest
