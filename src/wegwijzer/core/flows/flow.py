"""The flow model: a decision flow as data (pydantic v2, frozen, unknown keys refused)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from wegwijzer.core.base.limits import (
    ACTIONS_MAX,
    CITES_MAX,
    LABEL_MAX,
    LONG_TEXT_MAX,
    OPTIONS_MAX,
    STATUSES_MAX,
    TEXT_MAX,
    VERSION_MAX,
)

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

# The limits are the record's too (``core.base.limits``): what a flow holds, a record can.
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
Label = Annotated[str, Field(min_length=1, max_length=LABEL_MAX)]
Cites = Annotated[tuple[str, ...], Field(max_length=CITES_MAX)]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Action(Model):
    """A recommended action, with the answers it rests on."""

    text: Text
    group: Group = "algemeen"
    cites: Cites = ()


Actions = Annotated[tuple[Action, ...], Field(max_length=ACTIONS_MAX)]


class Option(Model):
    label: Label
    next: str = ""
    actions: Actions = ()
    exclusive: bool = Field(
        default=False,
        description=(
            "Multi steps only: this option ('Geen van deze', 'Dat weet ik niet') is chosen "
            "alone; ticking it clears the others and ticking another clears it."
        ),
    )


Slug = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class _Step(Model):
    prompt: Text
    title: str = Field(
        default="",
        max_length=40,
        description="A short name for the path shown above each step; else the prompt, cut short.",
    )
    text: str = Field(default="", max_length=LONG_TEXT_MAX)
    cites: Cites = ()
    source_silent: Annotated[tuple[Slug, ...], Field(max_length=10)] = Field(
        default=(),
        description="Topics of the source's silent_topics on which this step's source says "
        "nothing; shown as 'Hierover zegt de bron niets: …'.",
    )


class ChoiceStep(_Step):
    """Pick exactly one option; each option names the step that follows."""

    kind: Literal["choice"]
    options: tuple[Option, ...] = Field(min_length=1, max_length=OPTIONS_MAX)


class MultiStep(_Step):
    """Pick one or more options; the flow goes on to ``next``."""

    kind: Literal["multi"]
    options: tuple[Option, ...] = Field(min_length=1, max_length=OPTIONS_MAX)
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


class CheckStep(_Step):
    """A checklist item with a status; an item not answered "ja" becomes ``action``."""

    kind: Literal["check"]
    statuses: Annotated[tuple[Label, ...], Field(max_length=STATUSES_MAX)] = STATUSES
    action: Text
    group: Group = "beleid"
    next: str


class InfoStep(_Step):
    """Information to read; the flow goes on to ``next``."""

    kind: Literal["info"]
    next: str


class OutcomeStep(_Step):
    """The end of a path: the recommended actions."""

    kind: Literal["outcome"]
    actions: Actions = ()
    open_checks: bool = Field(
        default=False, description="Also list every checklist item not answered 'ja' as an action."
    )
    guarantees: Cites = Field(
        default=(),
        description="Citations that the actions of every route to this outcome must carry; "
        "the checker proves it over the graph.",
    )


Step = Annotated[
    ChoiceStep | MultiStep | CheckStep | InfoStep | OutcomeStep, Field(discriminator="kind")
]
KINDS = ("choice", "multi", "check", "info", "outcome")


class Flow(Model):
    schema_: Literal[1] = Field(alias="schema")
    id: str
    title: Text
    audience: Text = Field(description="One line on who the flow is for.")
    description: str = Field(default="", max_length=TEXT_MAX)
    version: str = Field(min_length=1, max_length=VERSION_MAX)
    order: int = Field(
        default=100,
        ge=0,
        le=1000,
        description="Place in the list on the home screen: lower first, then by title.",
    )
    source: str
    start: str
    steps: dict[str, Step] = Field(min_length=1)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

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
    step object (models are frozen): an autosave after every answer asks again.
    """
    known = _DIGESTS.get(id(step))
    if known is not None and known[0] is step:
        return known[1]
    data = json.dumps(
        step.model_dump(mode="json", exclude_defaults=True),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    digest = "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()
    if len(_DIGESTS) >= _DIGESTS_MAX:
        _DIGESTS.clear()
    _DIGESTS[id(step)] = (step, digest)
    return digest
