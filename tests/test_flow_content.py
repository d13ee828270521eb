"""What the shipped flows and exercises say: the routes an audit found missing, the
guarantees on every walk, wording no firmer than the source, and no contact details.

Each test here failed on the flows as they were before the audit's fixes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_flows import CASE, POLICY, SHIPPED, TRAINING, all_walks, shipped
from wegwijzer.core.base.text import normalise_space
from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, MultiStep, OutcomeStep
from wegwijzer.core.flows.guarantees import analyse, covers, tokens
from wegwijzer.core.flows.source import parse_citation
from wegwijzer.core.walk.session import Session

from helpers import FLOWS

EXERCISES = FLOWS / "oefeningen"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FLOWS)


def paragraph(catalog: Catalog, cite: str) -> str:
    citation = parse_citation(cite)
    assert citation is not None
    source = next(iter(catalog.sources.values()))
    return normalise_space(" ".join(text for _, text in source.paragraphs(citation)))


def option(step: object, label: str) -> int:
    assert isinstance(step, ChoiceStep | MultiStep)
    return next(i for i, o in enumerate(step.options) if o.label.startswith(label))


# --- guarantees on every walk ---------------------------------------------------------


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_every_walk_collects_what_its_outcome_guarantees(catalog: Catalog, flow_id: str) -> None:
    """The analysis says every guarantee holds; every walk the flow tests make agrees."""
    loaded = shipped(catalog, flow_id)
    assert all(v.holds for v in analyse(loaded.flow))
    for session in all_walks(loaded):
        outcome = session.current
        assert isinstance(outcome, OutcomeStep)
        found = tokens(r.action for r in session.recommended())
        for cite in outcome.guarantees:
            assert covers(found, cite), f"{session.trail()} mist {cite}"


def test_every_case_outcome_guarantees_4_1_and_3_1(catalog: Catalog) -> None:
    flow = shipped(catalog, CASE).flow
    outcomes = [s for s in flow.steps.values() if isinstance(s, OutcomeStep)]
    assert outcomes and all({"4.1", "3.1"} <= set(o.guarantees) for o in outcomes)


def test_answers_10_and_9_2_are_reachable_from_the_case_flow(catalog: Catalog) -> None:
    cited = {c for step_id in shipped(catalog, CASE).flow.steps for c in
             shipped(catalog, CASE).flow.all_citations(step_id)}  # fmt: skip
    assert {"10.1", "10.2", "9.2"} <= cited


# --- the routes ---------------------------------------------------------------------


def test_unsure_about_danger_warns_and_walks_on(catalog: Catalog) -> None:
    loaded = shipped(catalog, CASE)
    session = Session(loaded)
    session.answer(None)
    danger = session.current
    session.answer(option(danger, "Dat weet ik niet zeker"))
    assert not session.finished
    warning = session.current
    assert "direct-gevaar" in warning.source_silent
    assert "protocol van uw eigen organisatie" in warning.text
    session.back()
    session.answer(option(danger, "Ja"))
    assert session.finished


def test_a_business_route_says_what_answer_10_says_and_no_route(catalog: Catalog) -> None:
    loaded = shipped(catalog, CASE)
    session = Session(loaded)
    session.answer(None)
    session.answer(option(session.current, "Nee"))
    session.answer(option(session.current, "(Ook) van een hotel"))
    step = session.current
    assert set(step.cites) == {"10.1", "10.2"}
    assert "melden-door-bedrijven" in step.source_silent
    assert "Een meldroute voor bedrijven geeft de bron niet" in step.text
    assert "werkgroep" in step.text and "stappenplan" in step.text


def test_training_for_a_team_needs_no_case_and_gives_9_2_in_full(catalog: Catalog) -> None:
    flow = shipped(catalog, TRAINING).flow
    start = flow.steps[flow.start]
    assert isinstance(start, ChoiceStep) or start.kind == "info"
    who = flow.steps["voor-wie"]
    option(who, "Voor mijn team")
    quoted = "".join(normalise_space(s.text) for s in flow.steps.values())
    assert paragraph(catalog, "9.2") in quoted
    case = shipped(catalog, CASE).flow
    for step_id in ("scholing",):
        text = normalise_space(case.steps[step_id].text)
        assert "lesmateriaal" in text and "onnodig nieuwe opleidingen" in text


def test_answer_4_1_in_full_where_police_contact_comes_up(catalog: Catalog) -> None:
    flow = shipped(catalog, CASE).flow
    full = paragraph(catalog, "4.1")
    assert full.startswith("Nee, dat klopt niet.")
    for step_id in ("niet-wachten", "politie-betrokken"):
        assert full in normalise_space(flow.steps[step_id].text), step_id
    police = flow.steps["politie-betrokken"]
    assert isinstance(police, ChoiceStep)
    refusal = police.options[option(police, "Nee, en de minderjarige wil niet")]
    said = normalise_space(" ".join(a.text for a in refusal.actions))
    assert full in said and "ambtshalve" in said
    assert all(covers(tokens(o.actions), "4.1") for o in police.options)


def _help_not_enough(session: Session) -> bool:
    answers = {
        step_id: session.flow.steps[step_id].options[value].label  # type: ignore[union-attr]
        for step_id, value in session.answers.items()
        if step_id in ("hulp-nu", "hulp-genoeg") and step_id in session.path[:-1]
    }
    return answers.get("hulp-nu") in ("Nog geen hulp", "Dat weet ik niet") or answers.get(
        "hulp-genoeg"
    ) in ("Nee, of niet genoeg", "Dat weet ik niet")


def test_6_2_and_7_1_whenever_the_help_is_not_enough(catalog: Catalog) -> None:
    walks = 0
    for session in all_walks(shipped(catalog, CASE)):
        if not _help_not_enough(session):
            continue
        walks += 1
        found = tokens(r.action for r in session.recommended())
        for cite in ("6.1", "6.2", "7.1"):
            assert covers(found, cite), f"{session.trail()} mist {cite}"
    assert walks > 0
    specialist = shipped(catalog, CASE).flow.steps["hulp-nu"]
    assert isinstance(specialist, ChoiceStep)
    assert specialist.options[option(specialist, "Al specialistische")].next == "hulp-genoeg"


def test_the_policy_checklist_starts_with_the_project_leaders(catalog: Catalog) -> None:
    flow = shipped(catalog, POLICY).flow
    first = flow.steps[flow.start]
    assert not isinstance(first, OutcomeStep | ChoiceStep)
    assert first.next == "projectleiders"


# --- wording no firmer than the source ---------------------------------------------------

FIRMER = {
    (POLICY, "vng-handvatten"): ("heeft opgeleverd",),
    (POLICY, "portefeuillehouder"): ("Stem de gemeentelijke aanpak", "Stemt uw gemeente"),
    (POLICY, "juiste-hulpverlener"): ("Maak afspraken", "in de afspraken"),
    (POLICY, "regionaal-organiseren"): ("Organiseer de specialistische hulp",),
    (POLICY, "voorlichting"): ("daarvoor opgezet",),
    (CASE, "signalen"): ("volledige lijst van signalen",),
    (CASE, "politie-team"): ("Noem bij het contact",),
    (CASE, "uitkomst-twijfel"): ("signalen die de bron noemt",),
}


@pytest.mark.parametrize(("flow_id", "step_id"), sorted(FIRMER))
def test_no_wording_firmer_than_the_source(catalog: Catalog, flow_id: str, step_id: str) -> None:
    step = shipped(catalog, flow_id).flow.steps[step_id]
    said = " ".join(texts(step))
    for phrase in FIRMER[(flow_id, step_id)]:
        assert phrase not in said, f"{step_id}: {phrase}"


def texts(step: object) -> Iterator[str]:
    yield step.prompt  # type: ignore[attr-defined]
    yield step.text  # type: ignore[attr-defined]
    if isinstance(step, ChoiceStep | MultiStep):
        yield from (o.label for o in step.options)
        yield from (a.text for o in step.options for a in o.actions)
    if isinstance(step, CheckStep):
        yield step.action
    if isinstance(step, OutcomeStep):
        yield from (a.text for a in step.actions)


EXERCISE_FIRMER = {
    "mensenhandel-academy": ("drie signalen", "signalen die de bron noemt"),
    "geen-slachtoffer-in-eigen-ogen": ("signalen die de bron noemt", "Volgens de Nationaal"),
    "avim-en-zeden": ("aan anderen aanbiedt",),
    "nji-checklist-en-beleid": ("heeft opgeleverd",),
    "politie-zonder-aangifte": ("zit vandaag gewoon in de klas. Met deze keuze",),
}


@pytest.mark.parametrize("name", sorted(EXERCISE_FIRMER))
def test_exercises_read_nothing_firmer_into_the_source(name: str) -> None:
    text = (EXERCISES / f"{name}.toml").read_text(encoding="utf-8")
    for phrase in EXERCISE_FIRMER[name]:
        assert phrase not in text, f"{name}: {phrase}"


def test_doubt_about_danger_never_costs_points() -> None:
    for path in sorted(EXERCISES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        danger = data["decisions"].get("direct-gevaar")
        if danger is not None:
            unsure = "Dat weet ik niet zeker"
            assert danger["points"] == 0 or unsure in danger["expect"], path.name


# --- instruments without a title or place --------------------------------------------------

INSTRUMENT = re.compile(
    r"\bhandreiking\b|checklist van het (?:NJi|Nederlands Jeugdinstituut)|"
    r"hulpmiddelen van de commissie Azough|drie instellingen"
)
NO_PLACE = "De bron noemt hiervan geen titel, naam of vindplaats."


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_instruments_without_title_or_place_are_said_so_the_same_way(
    catalog: Catalog, flow_id: str
) -> None:
    flow = shipped(catalog, flow_id).flow
    for step_id, step in flow.steps.items():
        if INSTRUMENT.search(step.prompt + " " + step.text):
            assert "vindplaats" in step.source_silent, step_id
        actions = []
        if isinstance(step, ChoiceStep | MultiStep):
            actions = [a.text for o in step.options for a in o.actions]
        elif isinstance(step, OutcomeStep):
            actions = [a.text for a in step.actions]
        elif isinstance(step, CheckStep):
            actions = [step.action]
        for text in actions:
            if INSTRUMENT.search(text):
                assert NO_PLACE in text, f"{step_id}: {text[:60]}"
        assert "niet bij naam" not in step.text, step_id


# --- exercises cover what the checklist and the source hold ----------------------------------


def test_exercises_score_answers_5_9_1_and_10_and_every_checklist_item(catalog: Catalog) -> None:
    flow = shipped(catalog, POLICY).flow
    checks = {s for s, step in flow.steps.items() if isinstance(step, CheckStep)}
    used: set[str] = set()
    cited: set[str] = set()
    for path in sorted(EXERCISES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for step_id, decision in data["decisions"].items():
            if decision.get("points", 1) > 0:
                cited.update(decision.get("cites", ()))
                if data["flow"] == POLICY:
                    used.add(step_id)
    assert checks <= used, checks - used
    answers = {c.split(".")[0] for c in cited}
    assert {"5", "10"} <= answers and "9.1" in cited


# --- no contact details anywhere ---------------------------------------------------------------

URL = re.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:nl|com|org|net|eu|info)\b", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?:\+|\b0)\d[\d\s-]{6,}\d|\b\d{3,4}[\s-]\d{3}[\s-]?\d{3,4}\b|\b112\b")


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def shipped_files() -> list[Path]:
    return sorted(FLOWS.glob("*.toml")) + sorted(EXERCISES.glob("*.toml"))


@pytest.mark.parametrize("path", shipped_files(), ids=lambda p: p.name)
def test_no_web_address_phone_number_or_email_in_any_flow_or_exercise(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found = 0
    for text in strings(data):
        found += 1
        assert not URL.search(text), f"{path.name}: webadres in “{text[:60]}”"
        assert not EMAIL.search(text), f"{path.name}: e-mailadres in “{text[:60]}”"
        assert not PHONE.search(text), f"{path.name}: telefoonnummer in “{text[:60]}”"
    assert found > 10


def test_the_contact_detail_patterns_find_what_they_look_for() -> None:
    for text in ("zie www.voorbeeld.nl", "https://x", "voorbeeld.nl/pagina", "mail a.b@c.nl"):
        assert URL.search(text) or EMAIL.search(text), text
    for text in ("bel 0800-2000", "bel 06-12345678", "bel 112", "+31 20 123 4567"):
        assert PHONE.search(text), text
