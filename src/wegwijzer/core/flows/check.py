"""Loading and checking a flow file: model validation, then the graph and citation rules."""

from __future__ import annotations

import gc
import re
from collections import deque
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from wegwijzer.core.base.digest import sha256_digest
from wegwijzer.core.base.limits import ID_MAX, PATH_MAX
from wegwijzer.core.base.problems import MAX_PROBLEMS, Problem, ProblemsError, allowed_values
from wegwijzer.core.base.text import clean_tree, may_need_cleaning
from wegwijzer.core.base.tomlfile import parse_toml, read_limited
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.flow import (
    KINDS,
    CheckStep,
    ChoiceStep,
    Flow,
    InfoStep,
    MultiStep,
    OutcomeStep,
)
from wegwijzer.core.flows.frozen import NotCanonical, build, validated
from wegwijzer.core.flows.guarantees import guarantee_problems
from wegwijzer.core.flows.labels import label_problems, path_length_problems, record_limit_problems
from wegwijzer.core.flows.source import Source

FLOW_MAX_BYTES = 16 * 1024 * 1024
_NO_WAY_OUT = "vanaf deze stap is geen uitkomst te bereiken (doodlopend of een lus zonder uitweg)"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_WITH_OPTIONS = (ChoiceStep, MultiStep)
_WITH_NEXT = (MultiStep, CheckStep, InfoStep)

_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld (een tikfout?)",
    "union_tag_not_found": "veld 'kind' ontbreekt",
    "union_tag_invalid": "onbekende soort stap; kies uit " + ", ".join(KINDS),
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "tekst is te lang",
    "string_pattern_mismatch": "moet een slug zijn (a-z, 0-9, '-')",
    "too_short": "moet minstens één element hebben",
    "too_long": "heeft te veel elementen",
    "bool_type": "moet true of false zijn",
    "int_type": "moet een geheel getal zijn",
    "dict_type": "moet een tabel zijn",
    "model_type": "moet een tabel zijn",
    "model_attributes_type": "moet een tabel zijn",
    "tuple_type": "moet een lijst zijn",
    "list_type": "moet een lijst zijn",
}


@value(frozen=True)
class LoadedFlow:
    """A flow that passed every check, with where it came from."""

    flow: Flow
    path: Path
    digest: str
    source: Source


def digest_of(data: bytes) -> str:
    return sha256_digest(data)


def _field(parts: tuple[Any, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _translate(error: Mapping[str, Any], name: str) -> Problem:
    loc = tuple(error["loc"])
    step = ""
    if len(loc) >= 2 and loc[0] == "steps":
        step = str(loc[1])[:64]
        loc = loc[2:]
        if loc and loc[0] in KINDS:
            loc = loc[1:]
    kind = error["type"]
    message = _MESSAGES.get(kind, "ongeldige waarde")
    if kind == "literal_error":
        expected = allowed_values(error.get("ctx", {}).get("expected", ""))
        message = f"ongeldige waarde; toegestaan: {expected}"
    if kind == "extra_forbidden" and loc:
        message = f"onbekend veld '{str(loc[-1])[:40]}' (een tikfout?)"
        loc = loc[:-1]
    return Problem(name, step, _field(loc), message)


def validate_data(
    data: dict[str, Any], name: str, dirty: bool = True, *, vouched: bool = False
) -> Flow:
    """Validate parsed data; ``dirty=False`` when the raw text holds nothing to clean.

    ``vouched`` when the cache of checked flows holds a clean check of exactly the bytes
    this data was parsed from: then it is built without pydantic when it is as TOML
    gives it (``core.flows.frozen``); anything else is validated with pydantic.
    """
    try:
        cleaned = cast("dict[str, Any]", clean_tree(data)) if dirty else data
        if vouched:
            return build(Flow, cleaned)
    except NotCanonical:
        pass  # not as TOML gives it: pydantic decides
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None
    return _validated(cleaned, name)


def _validated(data: dict[str, Any], name: str) -> Flow:
    from pydantic import ValidationError  # here: a vouched flow opens without pydantic

    try:
        return validated(Flow, data)
    except ValidationError as error:
        problems = [_translate(e, name) for e in error.errors(include_input=False)]
        raise ProblemsError(problems) from None
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None


def _check_citations(
    flow: Flow, step_id: str, source: Source, name: str, reasons: dict[str, str | None]
) -> list[Problem]:
    """Citations of a step and of its actions; ``reasons`` caches each cite's verdict."""
    problems = []
    step = flow.steps[step_id]
    if not step.cites:
        problems.append(Problem(name, step_id, "cites", "stap verwijst naar geen enkel antwoord"))
    for index, cite in enumerate(step.cites):
        reason = _citation_error(source, cite, reasons)
        if reason:
            problems.append(Problem(name, step_id, f"cites[{index}]", reason))
    actions: list[tuple[str, Any]] = []
    if isinstance(step, OutcomeStep):
        actions = [(f"actions[{i}]", a) for i, a in enumerate(step.actions)]
    elif isinstance(step, _WITH_OPTIONS):
        for o, option in enumerate(step.options):
            if option.actions:
                actions += [(f"options[{o}].actions[{i}]", a) for i, a in enumerate(option.actions)]
    if isinstance(step, OutcomeStep):
        for index, cite in enumerate(step.guarantees):
            reason = _citation_error(source, cite, reasons)
            if reason:
                problems.append(Problem(name, step_id, f"guarantees[{index}]", reason))
    for index, topic in enumerate(step.source_silent):
        if topic not in source.silent_topics:
            problems.append(
                Problem(
                    name,
                    step_id,
                    f"source_silent[{index}]",
                    f"onderwerp '{topic}' staat niet in de lijst 'silent_topics' van de bron",
                )
            )
    for where, action in actions:
        if not action.cites:
            problems.append(
                Problem(name, step_id, f"{where}.cites", "actie verwijst naar geen antwoord")
            )
        for index, cite in enumerate(action.cites):
            reason = _citation_error(source, cite, reasons)
            if reason:
                problems.append(Problem(name, step_id, f"{where}.cites[{index}]", reason))
    return problems


def _citation_error(source: Source, cite: str, reasons: dict[str, str | None]) -> str | None:
    # A flow cites a handful of answers thousands of times: resolve each text once.
    if cite not in reasons:
        reasons[cite] = source.citation_error(cite)
    return reasons[cite]


def _check_step(flow: Flow, step_id: str, name: str) -> list[Problem]:
    problems = []
    step = flow.steps[step_id]
    if not SLUG.match(step_id) or len(step_id) > ID_MAX:
        problems.append(
            Problem(
                name,
                step_id[:ID_MAX],
                "",
                f"stap-id moet een slug zijn (a-z, 0-9, '-') van hoogstens {ID_MAX} tekens",
            )
        )
    if isinstance(step, _WITH_OPTIONS):
        problems += label_problems(
            [option.label for option in step.options], name, step_id, "options[{}].label"
        )
        for index, option in enumerate(step.options):
            if isinstance(step, ChoiceStep) and not option.next:
                problems.append(
                    Problem(name, step_id, f"options[{index}].next", "verplicht veld ontbreekt")
                )
            if isinstance(step, ChoiceStep) and option.exclusive:
                problems.append(
                    Problem(
                        name,
                        step_id,
                        f"options[{index}].exclusive",
                        "'exclusive' hoort bij een 'multi'-stap; bij 'choice' kiest u altijd één",
                    )
                )
            if isinstance(step, MultiStep) and option.next:
                problems.append(
                    Problem(
                        name,
                        step_id,
                        f"options[{index}].next",
                        "bij 'multi' staat 'next' op de stap",
                    )
                )
    if isinstance(step, MultiStep) and all(option.exclusive for option in step.options):
        problems.append(
            Problem(
                name, step_id, "options", "alle opties zijn 'exclusive'; maak er een 'choice' van"
            )
        )
    if isinstance(step, CheckStep):
        if not step.statuses:
            problems.append(Problem(name, step_id, "statuses", "statussen mogen niet leeg zijn"))
        elif found := label_problems(list(step.statuses), name, step_id, "statuses[{}]", "status"):
            problems += found
        elif "ja" not in step.statuses:
            problems.append(Problem(name, step_id, "statuses", "de status 'ja' ontbreekt"))
    if isinstance(step, OutcomeStep) and not step.actions and not step.open_checks:
        problems.append(Problem(name, step_id, "actions", "uitkomst zonder acties"))
    return problems


def _check_graph(flow: Flow, name: str) -> list[Problem]:
    steps = flow.steps
    if flow.start not in steps:
        return [Problem(name, "", "start", f"startstap '{flow.start[:64]}' bestaat niet")]
    forward, problems, broken = _edges(flow, name)
    reached = _walk([flow.start], forward)
    for step_id in steps:
        if step_id not in reached:
            problems.append(Problem(name, step_id, "", "stap is vanaf de start niet bereikbaar"))
    if broken:
        return problems
    reverse: dict[str, list[str]] = {step_id: [] for step_id in steps}
    for step_id, targets in forward.items():
        for target in targets:
            reverse[target].append(step_id)
    outcomes = [s for s, step in steps.items() if isinstance(step, OutcomeStep)]
    finishing = _walk(outcomes, reverse)
    for step_id in steps:
        if step_id in reached and step_id not in finishing:
            problems.append(Problem(name, step_id, "", _NO_WAY_OUT))
    if len(steps) > PATH_MAX:  # shorter flows cannot have a longer path without a loop
        problems += path_length_problems(flow.start, forward, reached, name)
    return problems


def _edges(flow: Flow, name: str) -> tuple[dict[str, list[str]], list[Problem], bool]:
    """The graph's edges (to existing steps), a problem per broken target, and whether any."""
    problems: list[Problem] = []
    steps = flow.steps
    # One pass builds both directions of the graph; field names are only spelled out
    # for a broken target, so a large valid flow costs a few lookups per step.
    forward: dict[str, list[str]] = {}
    broken = False
    for step_id, step in steps.items():
        if isinstance(step, ChoiceStep):
            targets = [option.next for option in step.options]
        elif isinstance(step, _WITH_NEXT):
            targets = [step.next]
        else:
            targets = []
        found = forward[step_id] = []
        for index, target in enumerate(targets):
            if not target:
                continue
            if target in steps:
                found.append(target)
                continue
            field = f"options[{index}].next" if isinstance(step, ChoiceStep) else "next"
            problems.append(
                Problem(name, step_id, field, f"volgende stap '{target[:64]}' bestaat niet")
            )
            broken = True
    return forward, problems, broken


def _walk(starts: list[str], edges: Mapping[str, list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for nxt in edges[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def check_flow(flow: Flow, name: str, sources: Mapping[str, Source]) -> list[Problem]:
    """Every rule a valid model must still meet; all problems at once, capped."""
    problems: list[Problem] = []
    if not SLUG.match(flow.id) or len(flow.id) > ID_MAX:
        message = (
            f"het id van een stappenplan moet een slug zijn (a-z, 0-9, '-') "
            f"van hoogstens {ID_MAX} tekens"
        )
        problems.append(Problem(name, "", "id", message))
    for field, text in (("title", flow.title), ("version", flow.version)):
        if "\n" in text:
            problems.append(Problem(name, "", field, "mag maar één regel zijn"))
    if len(flow.source) > ID_MAX or "\n" in flow.source:
        message = f"bron-id mag hoogstens {ID_MAX} tekens op één regel zijn"
        problems.append(Problem(name, "", "source", message))
    source = sources.get(flow.source)
    if source is None:
        problems.append(Problem(name, "", "source", f"bron '{flow.source[:64]}' is onbekend"))
    problems += _check_graph(flow, name)
    problems += record_limit_problems(flow, name)
    reasons: dict[str, str | None] = {}
    for step_id in flow.steps:
        if len(problems) >= MAX_PROBLEMS:
            break
        problems += _check_step(flow, step_id, name)
        if source is not None:
            problems += _check_citations(flow, step_id, source, name, reasons)
    if not problems:  # a guarantee is only worth proving over a sound graph
        problems += guarantee_problems(flow, name)
    return problems[:MAX_PROBLEMS]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a flow is read.

    Parsing and validating make hundreds of thousands of objects, none of them in a
    cycle; each collection the allocations trigger walks every live object again,
    so with the collector on, a 50,000-step flow took superlinear time. Reference
    counting still frees everything; the collector resumes (if it was on) after.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load_flow_bytes(
    data: bytes, name: str, sources: Mapping[str, Source], path: Path, *, vouched: bool = False
) -> LoadedFlow:
    """Parse, validate and check a flow file's bytes. ``vouched``: see ``validate_data``;
    the graph and citation checks run either way."""
    with collector_paused():
        parsed = parse_toml(data, name, FLOW_MAX_BYTES)
        flow = validate_data(parsed, name, may_need_cleaning(data), vouched=vouched)
        del parsed
        problems = check_flow(flow, name, sources)
    if problems:
        raise ProblemsError(problems)
    return LoadedFlow(flow, path, digest_of(data), sources[flow.source])


def load_flow(path: Path, sources: Mapping[str, Source]) -> LoadedFlow:
    data = read_limited(path, FLOW_MAX_BYTES)
    return load_flow_bytes(data, str(path), sources, path)
