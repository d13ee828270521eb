"""The exercise model: a fictional case over a flow, expected choices, feedback and points.

Pydantic v2, frozen, unknown keys refused. Text fields are sanitised on the way in.
Checking an exercise against its flow and source is ``exercise.py``'s work.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, MultiStep, Step

FICTIONAL_HEADER = "Fictieve casus (verzonnen voor deze oefening; elke gelijkenis berust op toeval)"
DECISION_KINDS = ("choice", "multi", "check")


def _line(value: str) -> str:
    return clean(value).strip()


def _block(value: str) -> str:
    return clean(value, multiline=True).strip()


Label = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_line)]
Line = Annotated[str, Field(min_length=1, max_length=300), AfterValidator(_line)]
Text = Annotated[str, Field(min_length=1, max_length=4000), AfterValidator(_block)]
Cites = Annotated[tuple[str, ...], Field(max_length=40)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FeedbackText(_Model):
    """What a trainee reads after choosing one of ``options`` (labels or statuses)."""

    options: Annotated[tuple[Label, ...], Field(min_length=1, max_length=30)]
    text: Text
    cites: Cites = ()


class Decision(_Model):
    """The expected choice at one step of the flow, and what the other choices earn."""

    expect: Annotated[tuple[Label, ...], Field(min_length=1, max_length=30)] = Field(
        description="choice/check: any one of these is right; multi: exactly this set."
    )
    points: Annotated[int, Field(ge=0, le=100)] = 1
    why: Text = Field(description="Why the expected choice is right; shown as 'goed'.")
    cites: Cites = ()
    feedback: Annotated[tuple[FeedbackText, ...], Field(max_length=30)] = ()


class Exercise(_Model):
    schema_: Literal[1] = Field(alias="schema")
    id: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_line)]
    title: Line
    flow: Annotated[str, Field(min_length=1, max_length=64), AfterValidator(_line)]
    fictional: bool = Field(description="Must be true: the case is invented.")
    goals: Annotated[tuple[Text, ...], Field(min_length=1, max_length=12)]
    vignette: Text
    decisions: Annotated[dict[str, Decision], Field(min_length=1, max_length=100)]

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @property
    def max_points(self) -> int:
        return sum(d.points for d in self.decisions.values())

    def vignette_display(self) -> str:
        """The vignette as shown: always under the line that marks it as fictional."""
        return f"{FICTIONAL_HEADER}:\n{self.vignette}"


def option_names(step: Step) -> list[str]:
    """What an exercise can name at a step: option labels, or a check's statuses."""
    if isinstance(step, ChoiceStep | MultiStep):
        return [option.label for option in step.options]
    if isinstance(step, CheckStep):
        return list(step.statuses)
    return []


def name_index(step: Step, name: str) -> int | None:
    """The 0-based position of ``name`` among the step's options (case and spacing aside)."""
    key = " ".join(name.split()).casefold()
    for index, candidate in enumerate(option_names(step)):
        if " ".join(candidate.split()).casefold() == key:
            return index
    return None
