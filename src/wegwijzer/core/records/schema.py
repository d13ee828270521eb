"""The validators of record files: pydantic models, strict, frozen, unknown keys refused.

A record read from a file (an exported overview, a draft, a training result) is
validated with these by ``core.records.reader``; what passes is built into the runtime
shape (``core.records.record``, ``core.records.protocol_record``: frozen dataclasses)
by ``core.flows.frozen.validated``. A draft whose exact bytes this checker validated
before is built without them (``core.records.vouch``). The names are the runtime
classes' names: ``Frozen.model_validate`` finds its validator by it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from wegwijzer.core.base.limits import (
    ACTIONS_MAX,
    CASE_REF_MAX,
    CITES_MAX,
    ID_MAX,
    KEPT_MAX,
    LABEL_MAX,
    NOTE_MAX,
    OPTIONS_MAX,
    PATH_MAX,
    SCORE_KEYS_MAX,
    TEXT_MAX,
    VERSION_MAX,
)
from wegwijzer.core.flows.flow import Group
from wegwijzer.core.flows.protocol import TEXT_LIMIT
from wegwijzer.core.records.record import SESSION_ID, Scalar, StepKind

# The limits are the flow checker's too (``core.base.limits``): a walk of any flow that
# passes ``check`` fits. Fields a person reads on one line may not hold a line break.
SINGLE_LINE = r"^[^\n]*$"
Slug = Annotated[str, Field(min_length=1, max_length=ID_MAX, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Citation = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,2}(?:\.[1-9][0-9]{0,2})?$")]
Label = Annotated[str, Field(min_length=1, max_length=LABEL_MAX, pattern=SINGLE_LINE)]
Prompt = Annotated[str, Field(min_length=1, max_length=TEXT_MAX)]
Citations = Annotated[list[Citation], Field(max_length=CITES_MAX)]
# The answer fields of a step, shared by [[steps]] and [[kept]].
AnswerText = Label | Annotated[list[Label], Field(min_length=1, max_length=OPTIONS_MAX)]
OptionNumber = Annotated[int, Field(ge=1, le=OPTIONS_MAX)]
OptionNumbers = Annotated[list[OptionNumber], Field(min_length=1, max_length=OPTIONS_MAX)]
NoteText = Annotated[str, Field(max_length=NOTE_MAX)]
Digest = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{64}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class StepRecord(_Model):
    """One step on the path. The last one has no answer when it is the outcome or still open."""

    id: Slug
    kind: StepKind
    prompt: Prompt
    # The labels a choice or multi step offered (absent in records made before they were kept).
    options: Annotated[list[Label], Field(min_length=1, max_length=OPTIONS_MAX)] | None = None
    answer: AnswerText | None = None
    number: OptionNumber | None = None
    numbers: OptionNumbers | None = None
    note: NoteText = ""
    citations: Citations
    # The step as it was in the flow (``step_digest``), to name a changed step later.
    step_hash: Digest | None = None
    # Where the source says nothing (the flow step's source_silent): the topic ids and
    # the line every front shows. Absent in records of steps without, and in older ones.
    source_silent: Annotated[list[Slug], Field(max_length=10)] = []
    source_silent_text: Annotated[str, Field(max_length=TEXT_MAX)] = ""


class KeptRecord(_Model):
    """Drafts only: an answer or note kept off the current path (after going back)."""

    id: Slug
    kind: StepKind
    answer: AnswerText | None = None
    number: OptionNumber | None = None
    numbers: OptionNumbers | None = None
    note: NoteText = ""


class ActionRecord(_Model):
    text: Prompt
    group: Group
    citations: Citations
    step: Slug


# --- the organisation's protocol (``core.records.protocol_record``) ---

ProtocolSlug = Annotated[
    str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
]


class ProtocolRecord(_Model):
    organisation: Annotated[str, Field(min_length=1, max_length=120, pattern=SINGLE_LINE)]
    adopted: dt.date
    hash: Digest


class ContactRecord(_Model):
    label: Annotated[str, Field(min_length=1, max_length=80, pattern=SINGLE_LINE)]
    value: Annotated[str, Field(min_length=1, max_length=200, pattern=SINGLE_LINE)]


class ProtocolEntryRecord(_Model):
    """One protocol entry shown on the path: its topic, the step it was shown at, its text."""

    topic: ProtocolSlug
    step: ProtocolSlug
    text: Annotated[str, Field(min_length=1, max_length=TEXT_LIMIT)]
    contacts: Annotated[list[ContactRecord], Field(max_length=12)] = []


class Record(_Model):
    format: Literal[1]
    session_id: Annotated[str, Field(pattern=SESSION_ID.pattern)]
    flow: Slug
    flow_version: Annotated[str, Field(min_length=1, max_length=VERSION_MAX, pattern=SINGLE_LINE)]
    flow_hash: Digest
    flow_title: Annotated[str, Field(min_length=1, max_length=TEXT_MAX, pattern=SINGLE_LINE)]
    source: Annotated[str, Field(min_length=1, max_length=ID_MAX, pattern=SINGLE_LINE)]
    source_hash: Digest | None = None  # absent in records made before it was kept
    mode: Literal["casus", "oefening"]
    case_ref: Annotated[str, Field(max_length=CASE_REF_MAX, pattern=SINGLE_LINE)] = ""
    started: AwareDatetime
    finished: AwareDatetime | None = None
    score: Annotated[dict[str, Scalar | list[Scalar]], Field(max_length=SCORE_KEYS_MAX)] | None = (
        None
    )
    steps: Annotated[list[StepRecord], Field(min_length=1, max_length=PATH_MAX)]
    actions: Annotated[list[ActionRecord], Field(max_length=ACTIONS_MAX)] = []
    kept: Annotated[list[KeptRecord], Field(max_length=KEPT_MAX)] = []
    # The organisation's own protocol, apart from the source (``protocol_record``).
    protocol: ProtocolRecord | None = None
    protocol_entries: Annotated[list[ProtocolEntryRecord], Field(max_length=200)] = []
