"""The guarantee analysis against brute force: every walk of small random flows.

The analysis never enumerates routes; here we do, over every simple route and every
set of ticked options, and the verdicts must agree. A walk round a loop collects at
least what the same walk without the loop collects, so simple routes are enough.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows.flow import (
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    OutcomeStep,
)
from wegwijzer.core.flows.guarantees import analyse, covers, tokens

POOL = ("2.1", "3.1", "4.1", "4", "6.2")


def _actions(cites: list[str]) -> list[dict[str, Any]]:
    return [{"text": f"Actie {c}", "cites": [c]} for c in cites]


@st.composite
def flows(draw: st.DrawFn) -> Flow:
    size = draw(st.integers(2, 7))
    ids = [f"s{i}" for i in range(size)]
    outcomes = draw(st.sets(st.sampled_from(ids[1:]), min_size=1))
    cites = st.lists(st.sampled_from(POOL), max_size=2)
    steps: dict[str, Any] = {}
    for step_id in ids:
        base = {"prompt": f"Stap {step_id}", "cites": ["1"]}
        if step_id in outcomes:
            steps[step_id] = {
                **base,
                "kind": "outcome",
                "actions": _actions(draw(cites)),
                "guarantees": draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=3)),
            }
            continue
        kind = draw(st.sampled_from(("choice", "multi", "check", "info")))
        target = st.sampled_from(ids)
        if kind == "choice":
            count = draw(st.integers(1, 3))
            options = [
                {"label": f"Optie {i}", "next": draw(target), "actions": _actions(draw(cites))}
                for i in range(count)
            ]
            steps[step_id] = {**base, "kind": kind, "options": options}
        elif kind == "multi":
            count = draw(st.integers(1, 3))
            options = [
                {"label": f"Optie {i}", "actions": _actions(draw(cites))} for i in range(count)
            ]
            steps[step_id] = {**base, "kind": kind, "options": options, "next": draw(target)}
        elif kind == "check":
            steps[step_id] = {**base, "kind": kind, "action": "Punt", "next": draw(target)}
        else:
            steps[step_id] = {**base, "kind": kind, "next": draw(target)}
    return Flow.model_validate(
        {
            "schema": 1,
            "id": "willekeurig",
            "title": "Willekeurig",
            "audience": "Voor de tests.",
            "version": "1",
            "source": "gevarenzone-2020",
            "start": ids[0],
            "steps": steps,
        }
    )


def brute_force(flow: Flow) -> dict[tuple[str, str], bool]:
    """(outcome, cite) -> holds, from every simple walk and every set of ticked options."""
    holds: dict[tuple[str, str], bool] = {}

    def visit(step_id: str, found: frozenset[str], seen: frozenset[str]) -> None:
        step = flow.steps[step_id]
        if isinstance(step, OutcomeStep):
            collected = found | tokens(step.actions)
            for cite in step.guarantees:
                key = (step_id, cite)
                holds[key] = holds.get(key, True) and covers(collected, cite)
            return
        if step_id in seen:
            return
        seen = seen | {step_id}
        if isinstance(step, ChoiceStep):
            for option in step.options:
                visit(option.next, found | tokens(option.actions), seen)
        elif isinstance(step, MultiStep):
            for size in range(1, len(step.options) + 1):
                for ticked in combinations(step.options, size):
                    carried = tokens(a for option in ticked for a in option.actions)
                    visit(step.next, found | carried, seen)
        elif isinstance(step, CheckStep | InfoStep):
            visit(step.next, found, seen)

    visit(flow.start, frozenset(), frozenset())
    return holds


@settings(max_examples=400, deadline=None)
@given(flows())
def test_analysis_agrees_with_every_walk(flow: Flow) -> None:
    expected = brute_force(flow)
    verdicts = analyse(flow)
    reached = {(v.outcome, v.cite): v.holds for v in verdicts if (v.outcome, v.cite) in expected}
    assert reached == expected
    for verdict in verdicts:
        if (verdict.outcome, verdict.cite) not in expected:
            # an outcome no walk reaches: nothing misses it (the checker reports it unreachable)
            assert verdict.holds
        if not verdict.holds:
            assert verdict.route[0].startswith(f"Stap {flow.start}")
            assert verdict.route[-1] == flow.steps[verdict.outcome].prompt


def test_a_paragraph_is_covered_by_its_whole_answer_and_not_the_reverse() -> None:
    whole = tokens(
        OutcomeStep.model_validate(
            {"kind": "outcome", "prompt": "x", "actions": _actions(["4"])}
        ).actions
    )
    part = tokens(
        OutcomeStep.model_validate(
            {"kind": "outcome", "prompt": "x", "actions": _actions(["4.2"])}
        ).actions
    )
    assert covers(whole, "4.1") and covers(whole, "4")
    assert covers(part, "4") and covers(part, "4.2") and not covers(part, "4.1")
