"""The shipped flows: they load, every route ends in cited actions, and they stay faithful.

A *route* is a walk through the graph from the start to an outcome, fixed by the option
taken at each choice step. Multi and check steps do not change the route, only the
actions collected, so every route is walked several times: variant ``v`` picks option
``v`` alone at each multi step (or all options once ``v`` has passed the last one) and
status ``v`` at each check step. So every option, "all options" and every status is
tried on every route, without the product of them all (4^17 for the policy checklist).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from wegwijzer.core.base.text import normalise_space
from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, Flow, MultiStep, OutcomeStep
from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.core.walk.session import Session

from helpers import FLOWS, run_cli

CASE = "zorgen-over-een-minderjarige"
POLICY = "gemeentelijk-beleid"
TRAINING = "scholing"
SHIPPED = (CASE, POLICY, TRAINING)

Route = tuple[tuple[str, int | None], ...]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FLOWS)


def shipped(catalog: Catalog, flow_id: str) -> LoadedFlow:
    loaded = catalog.find(flow_id)
    assert loaded is not None, f"flow {flow_id} ontbreekt"
    return loaded


def routes(flow: Flow) -> list[Route]:
    """Every route from the start to an outcome; a step already on the route is not re-entered."""
    found: list[Route] = []

    def visit(step_id: str, route: Route, on_route: frozenset[str]) -> None:
        step = flow.steps[step_id]
        if isinstance(step, OutcomeStep):
            found.append((*route, (step_id, None)))
            return
        if step_id in on_route:  # a loop: walking it again adds nothing new
            return
        on_route = on_route | {step_id}
        if isinstance(step, ChoiceStep):
            for index, option in enumerate(step.options):
                visit(option.next, (*route, (step_id, index)), on_route)
        else:
            visit(step.next, (*route, (step_id, None)), on_route)

    visit(flow.start, (), frozenset())
    return found


def variants(flow: Flow, route: Route) -> int:
    counts = [1]
    for step_id, _ in route:
        step = flow.steps[step_id]
        if isinstance(step, MultiStep):
            counts.append(len(step.options) + 1)
        elif isinstance(step, CheckStep):
            counts.append(len(step.statuses))
    return max(counts)


def walk(loaded: LoadedFlow, route: Route, variant: int) -> Session:
    session = Session(loaded)
    for step_id, choice in route[:-1]:
        assert session.current_id == step_id
        step = session.current
        if isinstance(step, ChoiceStep):
            session.answer(choice)
        elif isinstance(step, MultiStep):
            count = len(step.options)
            together = tuple(i for i in range(count) if not step.options[i].exclusive)
            session.answer((variant,) if variant < count else together)
        elif isinstance(step, CheckStep):
            session.answer(step.statuses[variant % len(step.statuses)])
        else:
            session.answer(None)
    assert session.current_id == route[-1][0]
    return session


def all_walks(loaded: LoadedFlow) -> Iterator[Session]:
    for route in routes(loaded.flow):
        for variant in range(variants(loaded.flow, route)):
            yield walk(loaded, route, variant)


def shown_texts(flow: Flow) -> Iterator[tuple[str, str]]:
    """Every string a user reads, as (where, text)."""
    yield "title", flow.title
    yield "audience", flow.audience
    yield "description", flow.description
    for step_id, step in flow.steps.items():
        yield f"{step_id}.prompt", step.prompt
        yield f"{step_id}.text", step.text
        if isinstance(step, ChoiceStep | MultiStep):
            for index, option in enumerate(step.options):
                yield f"{step_id}.options[{index}].label", option.label
                for action in option.actions:
                    yield f"{step_id}.options[{index}].actions", action.text
        if isinstance(step, CheckStep):
            yield f"{step_id}.action", step.action
        if isinstance(step, OutcomeStep):
            for action in step.actions:
                yield f"{step_id}.actions", action.text


def cited_text(source: Source, cites: tuple[str, ...]) -> str:
    paragraphs = []
    for cite in cites:
        citation = parse_citation(cite)
        assert citation is not None
        paragraphs += [text for _, text in source.paragraphs(citation)]
    return normalise_space(" ".join(paragraphs))


# (a) loading


def test_shipped_flows_load_without_problems(catalog: Catalog) -> None:
    assert catalog.problems == []
    assert sorted(f.flow.id for f in catalog.flows) == sorted(SHIPPED)


def test_case_flow_has_the_required_shape(catalog: Catalog) -> None:
    flow = shipped(catalog, CASE).flow
    outcomes = [s for s in flow.steps.values() if isinstance(s, OutcomeStep)]
    assert len(flow.steps) >= 12
    assert len(outcomes) >= 3
    assert flow.steps[flow.start].kind == "info"
    choices_with_actions = [
        s
        for s in flow.steps.values()
        if isinstance(s, ChoiceStep) and any(o.actions for o in s.options)
    ]
    assert choices_with_actions, "the outcome's list must depend on choices"


def test_policy_flow_is_a_checklist_ending_in_open_checks(catalog: Catalog) -> None:
    flow = shipped(catalog, POLICY).flow
    checks = [s for s in flow.steps.values() if isinstance(s, CheckStep)]
    outcomes = [s for s in flow.steps.values() if isinstance(s, OutcomeStep)]
    assert len(checks) >= 12
    assert {c.group for c in checks} == {"politie", "zorg", "beleid", "scholing", "algemeen"}
    assert [o.open_checks for o in outcomes] == [True]
    assert flow.steps[flow.start].kind == "info"


# (b) every route


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_every_route_ends_in_cited_actions(catalog: Catalog, flow_id: str) -> None:
    loaded = shipped(catalog, flow_id)
    reached: set[str] = set()
    walks = 0
    for session in all_walks(loaded):
        walks += 1
        assert session.finished
        reached.add(session.current_id)
        recommended = session.recommended()
        assert recommended, f"geen acties aan het eind van {session.trail()}"
        for item in recommended:
            assert item.action.cites, item.action.text
            for cite in item.action.cites:
                assert loaded.source.citation_error(cite) is None, cite
    outcomes = {s for s, step in loaded.flow.steps.items() if isinstance(step, OutcomeStep)}
    assert reached == outcomes
    assert walks >= len(outcomes)


def test_route_enumeration_sees_every_choice_option(catalog: Catalog) -> None:
    flow = shipped(catalog, CASE).flow
    taken = {(s, c) for route in routes(flow) for s, c in route if c is not None}
    expected = {
        (step_id, index)
        for step_id, step in flow.steps.items()
        if isinstance(step, ChoiceStep)
        for index in range(len(step.options))
    }
    assert taken == expected


def test_case_outcome_depends_on_the_choices(catalog: Catalog) -> None:
    loaded = shipped(catalog, CASE)
    lists = {tuple(r.action.text for r in s.recommended()) for s in all_walks(loaded)}
    assert len(lists) > 10


# (c) coverage


def test_check_json_covers_answers_2_to_10() -> None:
    result = run_cli("--flows", str(FLOWS), "check", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert sorted(f["id"] for f in report["flows"]) == sorted(SHIPPED)
    for answer in range(2, 11):
        assert report["citations"][str(answer)] >= 1, f"antwoord {answer} wordt niet geciteerd"


# (d) plain mode


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_plain_run_with_first_options_completes(flow_id: str) -> None:
    result = run_cli("--flows", str(FLOWS), "run", flow_id, "--plain", stdin="1\n" * 500)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert "Uitkomst:" in result.stdout
    assert "Aanbevolen acties:" in result.stdout


# (e) the checklist


def walk_checklist(loaded: LoadedFlow, status: str) -> Session:
    session = Session(loaded)
    while not session.finished:
        step = session.current
        session.answer(status if isinstance(step, CheckStep) else None)
    return session


def test_checklist_all_nee_lists_one_action_per_item(catalog: Catalog) -> None:
    loaded = shipped(catalog, POLICY)
    checks = {s: step for s, step in loaded.flow.steps.items() if isinstance(step, CheckStep)}
    recommended = walk_checklist(loaded, "nee").recommended()
    from_checks = [r for r in recommended if r.step_id in checks]
    assert sorted(r.step_id for r in from_checks) == sorted(checks)
    for item in from_checks:
        assert item.action.text == checks[item.step_id].action
        assert item.action.cites == checks[item.step_id].cites
        assert item.action.group == checks[item.step_id].group


def test_checklist_all_ja_lists_no_items(catalog: Catalog) -> None:
    loaded = shipped(catalog, POLICY)
    checks = {s for s, step in loaded.flow.steps.items() if isinstance(step, CheckStep)}
    recommended = walk_checklist(loaded, "ja").recommended()
    assert recommended, "the outcome's own action remains"
    assert not [r for r in recommended if r.step_id in checks]


# (f) fidelity guards

PHONE = re.compile(r"(?:\+|\b0)\d[\d\s-]{6,}\d|\b\d{3,4}[\s-]\d{3}[\s-]?\d{3,4}\b")
FORBIDDEN = (
    "http",
    "www",
    "@",
    "Veilig Thuis",
    "Veiligheidshuis",
    "meldcode",
    "Kinderbescherming",
    "Centrum Seksueel Geweld",
    "Meld Misdaad",
    "0800",
    "0900",
)


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_no_contact_details_or_names_from_outside_the_source(
    catalog: Catalog, flow_id: str
) -> None:
    for where, text in shown_texts(shipped(catalog, flow_id).flow):
        assert not PHONE.search(text), f"{where}: lijkt een telefoonnummer"
        assert not re.search(r"\b112\b", text), where
        for word in FORBIDDEN:
            assert word.casefold() not in text.casefold(), f"{where}: {word}"


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_start_step_names_the_date_of_the_source(catalog: Catalog, flow_id: str) -> None:
    flow = shipped(catalog, flow_id).flow
    start = flow.steps[flow.start]
    assert "25 mei 2020" in start.prompt + start.text
    assert "protocol" in start.text or flow_id == POLICY


QUOTED = re.compile(r"“([^”]+)”")


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_quoted_text_is_verbatim_from_the_cited_answers(catalog: Catalog, flow_id: str) -> None:
    loaded = shipped(catalog, flow_id)
    quotes = 0
    for step_id, step in loaded.flow.steps.items():
        pairs = [(step.prompt + " " + step.text, step.cites)]
        if isinstance(step, ChoiceStep | MultiStep):
            pairs += [(a.text, a.cites) for o in step.options for a in o.actions]
        if isinstance(step, OutcomeStep):
            pairs += [(a.text, a.cites) for a in step.actions]
        if isinstance(step, CheckStep):
            pairs.append((step.action, step.cites))
        for text, cites in pairs:
            source_text = cited_text(loaded.source, cites)
            for quote in QUOTED.findall(text):
                quotes += 1
                assert normalise_space(quote) in source_text, f"{step_id}: “{quote[:60]}…”"
    assert quotes >= 1


def test_source_is_silent_steps_defer_to_the_own_protocol(catalog: Catalog) -> None:
    flow = shipped(catalog, CASE).flow
    for step_id, topic in (
        ("direct-gevaar", "direct-gevaar"),
        ("gevaar-twijfel", "direct-gevaar"),
        ("uitkomst-direct-gevaar", "direct-gevaar"),
        ("politie-betrokken", "politie-inlichten"),
        ("bedrijf", "melden-door-bedrijven"),
    ):
        step = flow.steps[step_id]
        assert "protocol van uw eigen organisatie" in step.text, step_id
        assert topic in step.source_silent, step_id
