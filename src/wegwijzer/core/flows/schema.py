"""The validators of flow and source files: pydantic models, frozen, unknown keys refused.

A file the cache of checked flows does not vouch for is validated with these; what
passes is built into the runtime shape (``core.flows.flow``, ``core.flows.source``) by
``core.flows.frozen.validated``. These models are also the published JSON Schema of a
flow file (``wegwijzer schema``), so their names, fields and docstrings are that
schema's: change them on purpose only.
"""

from __future__ import annotations

import datetime as dt
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
from wegwijzer.core.flows.flow import STATUSES, Group

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


# --- the source document ---


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Footnote(_Model):
    number: int
    paragraph: int = Field(ge=1)
    text: str


class Question(_Model):
    number: int = Field(ge=1)
    question: str
    answer: tuple[str, ...] = Field(min_length=1)
    footnotes: tuple[Footnote, ...] = ()


class Source(_Model):
    id: str
    title: str
    received: dt.date
    answered_by: str
    article: str
    raw: str
    questions: tuple[Question, ...] = Field(min_length=1)
    # Topics on which the source says nothing, by a stable slug, with a Dutch label that
    # completes "Hierover zegt de bron niets: …". Flows name them in ``source_silent``;
    # an organisation's own protocol is keyed by these ids. Our words, not the source's.
    silent_topics: dict[
        Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=64)],
        Annotated[str, Field(min_length=1, max_length=300)],
    ] = Field(default_factory=dict)
