"""Guarantees: the citations every route to an outcome must carry, proved over the graph.

An outcome may declare ``guarantees = ["4.1", "3.1"]``: whatever is chosen on the way,
the actions listed at that outcome include one citing each of these. A route collects
the actions of the options it chooses (at a multi step only the options ticked), the
open checklist items, and the outcome's own actions.

The proof is a must-analysis without enumerating routes. For each guaranteed citation
``g`` we ask the opposite question: is there a route from the start to the outcome on
which no collected action cites ``g``? That is plain reachability in the graph with
every edge removed that always carries ``g``:

- a choice option's edge carries ``g`` when one of its actions cites it;
- a multi step's edge carries ``g`` only when *every* option's actions cite it (one
  ticked option is enough to walk on, so the user can tick one that does not; each
  option is asked on its own, so ``"4"`` on one and ``"4.1"`` on another both count);
- check and info edges never do (a checklist item answered "ja" adds nothing).

One breadth-first search per distinct guaranteed citation: linear in the size of the
flow for each, and the number of citations is bounded by the source (a few dozen
paragraphs). The search's parents give one concrete route that misses ``g``, which
the message spells out by step titles and option labels.

A guarantee of a whole answer (``"4"``) holds with an action citing any paragraph of
it; a paragraph (``"4.1"``) holds with an action citing that paragraph or the whole
answer.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import cache

from wegwijzer.core.base.problems import Problem
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.flow import (
    Action,
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    OutcomeStep,
)
from wegwijzer.core.flows.source import parse_citation

_TITLE_WIDTH = 70


@value(frozen=True)
class Verdict:
    """One guarantee of one outcome, and a route that misses it when it does not hold."""

    outcome: str
    cite: str
    holds: bool
    route: tuple[str, ...] = ()  # each part: a step title, with the choice made there


@cache
def _vouches(cite: str) -> tuple[str, ...]:
    # A flow cites a handful of paragraphs thousands of times: parse each once.
    citation = parse_citation(cite)
    if citation is None:
        return ()
    return str(citation.answer), str(citation) if citation.paragraph else f"{citation.answer}.*"


def tokens(actions: Iterable[Action]) -> frozenset[str]:
    """What the citations of ``actions`` vouch for: ``"4.1"`` gives 4.1 and 4; ``"4"`` all of 4."""
    return frozenset(token for action in actions for c in action.cites for token in _vouches(c))


def covers(found: frozenset[str], cite: str) -> bool:
    """Whether the tokens ``found`` vouch for the guarantee ``cite``."""
    vouched = _vouches(cite)
    if not vouched:
        return False
    answer, part = vouched
    if part.endswith(".*"):  # a whole answer: any paragraph of it will do
        return answer in found
    return part in found or f"{answer}.*" in found


@value(frozen=True)
class _Edge:
    target: str
    carries: frozenset[str]
    choice: str  # how a user takes this edge, in Dutch; "" for an info step
    # at a multi step: the labels of the options and what each carries, to pick one
    options: tuple[tuple[str, frozenset[str]], ...] = ()

    def covers(self, cite: str) -> bool:
        """Whether every way of taking this edge collects ``cite``."""
        if self.options:  # a multi step: one ticked option is enough to walk on
            return all(covers(carried, cite) for _, carried in self.options)
        return covers(self.carries, cite)


def _edges(flow: Flow) -> dict[str, list[_Edge]]:
    edges: dict[str, list[_Edge]] = {}
    for step_id, step in flow.steps.items():
        found: list[_Edge] = []
        if isinstance(step, ChoiceStep):
            for option in step.options:
                found.append(_Edge(option.next, tokens(option.actions), f"‘{option.label}’"))
        elif isinstance(step, MultiStep):
            per_option = tuple((o.label, tokens(o.actions)) for o in step.options)
            found.append(_Edge(step.next, frozenset(), "", per_option))
        elif isinstance(step, CheckStep):
            found.append(_Edge(step.next, frozenset(), "‘ja’"))
        elif isinstance(step, InfoStep):
            found.append(_Edge(step.next, frozenset(), ""))
        edges[step_id] = [edge for edge in found if edge.target in flow.steps]
    return edges


def _title(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TITLE_WIDTH else text[: _TITLE_WIDTH - 1].rstrip() + "…"


def _how(edge: _Edge, cite: str) -> str:
    if not edge.options:
        return edge.choice
    for label, carried in edge.options:
        if not covers(carried, cite):
            return f"alleen ‘{label}’ aangevinkt"
    return ""


def _misses(
    flow: Flow, edges: dict[str, list[_Edge]], cite: str, wanted: set[str]
) -> dict[str, tuple[str, ...]]:
    """For each outcome in ``wanted`` reachable without ``cite``: one such route."""
    parent: dict[str, tuple[str, _Edge] | None] = {flow.start: None}
    queue = deque([flow.start])
    while queue:
        step_id = queue.popleft()
        for edge in edges[step_id]:
            if edge.target in parent or edge.covers(cite):
                continue
            parent[edge.target] = (step_id, edge)
            queue.append(edge.target)
    routes: dict[str, tuple[str, ...]] = {}
    for outcome in wanted:
        if outcome not in parent:
            continue
        parts = [_title(flow.steps[outcome].prompt)]
        at = parent[outcome]
        while at is not None:
            step_id, edge = at
            how = _how(edge, cite)
            title = _title(flow.steps[step_id].prompt)
            parts.append(f"{title}: {how}" if how else title)
            at = parent[step_id]
        routes[outcome] = tuple(reversed(parts))
    return routes


def analyse(flow: Flow) -> list[Verdict]:
    """Every guarantee of every outcome, in flow order, with a missing route where it fails."""
    declared = [
        (step_id, step)
        for step_id, step in flow.steps.items()
        if isinstance(step, OutcomeStep) and step.guarantees
    ]
    if not declared or flow.start not in flow.steps:
        return []
    own = {step_id: tokens(step.actions) for step_id, step in declared}
    needs: dict[str, set[str]] = {}
    for step_id, step in declared:
        for cite in step.guarantees:
            if not covers(own[step_id], cite):
                needs.setdefault(cite, set()).add(step_id)
    edges = _edges(flow)
    missing = {cite: _misses(flow, edges, cite, outcomes) for cite, outcomes in needs.items()}
    verdicts = []
    for step_id, step in declared:
        for cite in step.guarantees:
            route = missing.get(cite, {}).get(step_id)
            verdicts.append(Verdict(step_id, cite, route is None, route or ()))
    return verdicts


def guarantee_problems(flow: Flow, name: str) -> list[Problem]:
    """A Dutch problem for each guarantee that does not hold, naming one route that misses it."""
    problems = []
    for verdict in analyse(flow):
        if verdict.holds:
            continue
        step = flow.steps[verdict.outcome]
        assert isinstance(step, OutcomeStep)
        index = step.guarantees.index(verdict.cite)
        citation = parse_citation(verdict.cite)
        label = citation.label if citation else verdict.cite
        message = (
            f"niet elke route naar deze uitkomst geeft een actie die {label} citeert; "
            "bijvoorbeeld deze route: " + " → ".join(verdict.route)
        )
        problems.append(Problem(name, verdict.outcome, f"guarantees[{index}]", message))
    return problems
