"""The base of a record's runtime classes: frozen dataclasses, validated by ``schema``.

A record at run time is made of ``core.flows.frozen.Frozen`` dataclasses
(``record``, ``protocol_record``); ``SCHEMA`` names the module of their pydantic
validators, which carry the same class names (``Frozen.model_validate``).
"""

from __future__ import annotations

from typing import ClassVar

from wegwijzer.core.base.value import value
from wegwijzer.core.flows.frozen import Frozen


@value(frozen=True, slots=True, kw_only=True)
class RecordPart(Frozen):
    SCHEMA: ClassVar[str] = "wegwijzer.core.records.schema"
