"""Exercise files: loading them and checking them against their flow and its source.

An exercise file lives in ``<flows>/oefeningen/``. It names a flow by id and, per
decision step (choice, multi or check), the expected option labels or statuses,
why, the points, and feedback for the other choices. Each feedback and each
rationale cites the answers it rests on. The checker resolves every name against
the flow and every citation against the flow's source, and walks the *expected
route*: from the start, taking the expected choice at each decision. Every choice
step on that route must be a decision of the exercise, so the route is fixed, and
every decision must lie on it, so full points can be earned. Problems are Dutch,
name file, step and field, and come all at once (capped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from wegwijzer.core.base.problems import MAX_PROBLEMS, Problem, ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.base.tomlfile import read_toml
from wegwijzer.core.flows.cache import ExerciseEntry
from wegwijzer.core.flows.catalog import Catalog
from wegwijzer.core.flows.check import SLUG, LoadedFlow, _translate
from wegwijzer.core.flows.flow import ChoiceStep, MultiStep, OutcomeStep
from wegwijzer.core.flows.source import Source
from wegwijzer.core.training.model import (
    DECISION_KINDS,
    Decision,
    Exercise,
    FeedbackText,
    name_index,
    option_names,
)

__all__ = [
    "EXERCISE_MAX_BYTES",
    "FOLDER",
    "Decision",
    "Exercise",
    "FeedbackText",
    "LoadedExercise",
    "check_exercise",
    "exercise_folder",
    "exercise_summary",
    "expected_route",
    "find_exercise",
    "flows_by_id",
    "load_exercise",
    "load_exercises",
    "validate_exercise",
]

EXERCISE_MAX_BYTES = 1024 * 1024
FOLDER = "oefeningen"
_WEB = re.compile(r"(?:https?://|www\.|\b[a-z0-9-]{2,63}\.(?:nl|com|org|eu|net)\b)", re.I)


@dataclass(frozen=True)
class LoadedExercise:
    """An exercise that passed every check, with its flow and its expected route."""

    exercise: Exercise
    path: Path
    loaded: LoadedFlow
    route: tuple[str, ...]

    @property
    def decisions_in_order(self) -> list[str]:
        return [step_id for step_id in self.route if step_id in self.exercise.decisions]

    def entry(self) -> ExerciseEntry:
        """What the cache of checked flows keeps of this exercise."""
        return ExerciseEntry(
            self.exercise.id,
            self.exercise.title,
            self.exercise.flow,
            self.loaded.flow.title,
            len(self.exercise.decisions),
            self.exercise.max_points,
            str(self.path),
        )


# --- checking -------------------------------------------------------------------


def validate_exercise(data: dict[str, Any], name: str) -> Exercise:
    try:
        return Exercise.model_validate(data)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_input=False):
            loc = tuple(item["loc"])
            if loc[:1] == ("decisions",):  # name the step, as the flow checker does
                loc = ("steps", *loc[1:])
            problems.append(_translate({**item, "loc": loc}, name))
        raise ProblemsError(problems) from None
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None


def _text_problems(text: str, name: str, step: str, field: str) -> list[Problem]:
    """Contact details have no place in an exercise: the source gives none."""
    from wegwijzer.core.records.privacy import scan  # here: ``wegwijzer check FILE`` never needs it

    problems = []
    if _WEB.search(text):
        problems.append(
            Problem(name, step, field, "bevat een webadres; de bron noemt er geen, laat het weg")
        )
    kinds = sorted({w.kind for w in scan(text)})
    if kinds:
        problems.append(
            Problem(
                name,
                step,
                field,
                "bevat mogelijk persoonsgegevens of contactgegevens (" + ", ".join(kinds) + ")",
            )
        )
    return problems


def _cite_problems(
    cites: tuple[str, ...], source: Source, where: tuple[str, str, str], what: str
) -> list[Problem]:
    name, step, field = where
    if not cites:
        return [Problem(name, step, f"{field}cites", f"{what} verwijst naar geen enkel antwoord")]
    problems = []
    for index, cite in enumerate(cites):
        reason = source.citation_error(cite)
        if reason:
            problems.append(Problem(name, step, f"{field}cites[{index}]", reason))
    return problems


def _decision_problems(
    step_id: str, decision: Decision, loaded: LoadedFlow, name: str
) -> list[Problem]:
    flow = loaded.flow
    if step_id not in flow.steps:
        shown = clean(step_id[:64])  # a TOML key: never echo control characters
        return [Problem(name, shown, "", f"stap '{shown}' bestaat niet in het stappenplan")]
    step = flow.steps[step_id]
    if step.kind not in DECISION_KINDS:
        return [
            Problem(
                name,
                step_id,
                "",
                f"stap is geen beslisstap maar '{step.kind}' ('choice', 'multi' of 'check')",
            )
        ]
    available = "; ".join(option_names(step))[:300]
    problems: list[Problem] = []
    expected: set[int] = set()
    for index, label in enumerate(decision.expect):
        found = name_index(step, label)
        if found is None:
            problems.append(
                Problem(
                    name,
                    step_id,
                    f"expect[{index}]",
                    f"keuze '{label[:60]}' bestaat niet bij deze stap (kies uit: {available})",
                )
            )
        elif found in expected:
            problems.append(Problem(name, step_id, f"expect[{index}]", "keuze staat er twee keer"))
        else:
            expected.add(found)
    alone = step.clash(expected) if isinstance(step, MultiStep) else None
    if alone is not None:
        message = f"'{alone.label[:60]}' kiest u alleen (exclusive); verwacht het niet met andere"
        problems.append(Problem(name, step_id, "expect", message))
    if isinstance(step, ChoiceStep) and not problems:
        targets = {step.options[i].next for i in expected}
        if len(targets) > 1:
            problems.append(
                Problem(
                    name,
                    step_id,
                    "expect",
                    "de verwachte keuzes leiden naar verschillende stappen; kies er één",
                )
            )
    problems += _cite_problems(decision.cites, loaded.source, (name, step_id, ""), "uitleg")
    problems += _text_problems(decision.why, name, step_id, "why")
    seen: set[int] = set()
    for f, feedback in enumerate(decision.feedback):
        where = f"feedback[{f}]."
        for o, label in enumerate(feedback.options):
            found = name_index(step, label)
            field = f"{where}options[{o}]"
            if found is None:
                message = f"keuze '{label[:60]}' bestaat niet bij deze stap (kies uit: {available})"
                problems.append(Problem(name, step_id, field, message))
            elif found in seen:
                problems.append(Problem(name, step_id, field, "deze keuze heeft al feedback"))
            elif found in expected and not isinstance(step, MultiStep):
                message = "feedback hoort bij een andere dan de verwachte keuze (zie 'why')"
                problems.append(Problem(name, step_id, field, message))
            if found is not None:
                seen.add(found)
        problems += _cite_problems(
            feedback.cites, loaded.source, (name, step_id, where), "feedback"
        )
        problems += _text_problems(feedback.text, name, step_id, f"{where}text")
    return problems


def expected_route(
    exercise: Exercise, loaded: LoadedFlow, name: str
) -> tuple[list[str], list[Problem]]:
    """The steps a trainee passes taking every expected choice; problems where it is not fixed."""
    flow = loaded.flow
    route: list[str] = []
    step_id = flow.start
    while step_id not in route:
        route.append(step_id)
        step = flow.steps[step_id]
        if isinstance(step, OutcomeStep):
            break
        if isinstance(step, ChoiceStep):
            decision = exercise.decisions.get(step_id)
            if decision is None:
                message = (
                    "keuzestap ligt op de verwachte route maar de oefening geeft er geen "
                    f"verwachte keuze voor; voeg [decisions.{step_id}] toe"
                )
                return route, [Problem(name, step_id, "", message)]
            index = name_index(step, decision.expect[0])
            assert index is not None  # checked before the route is walked
            step_id = step.options[index].next
        else:
            step_id = step.next
    else:
        return route, [Problem(name, step_id, "", "de verwachte route loopt in een kring")]
    problems = [
        Problem(
            name,
            step,
            "",
            "stap ligt niet op de verwachte route: met de verwachte keuzes komt de cursist "
            "hier niet",
        )
        for step in exercise.decisions
        if step not in route
    ]
    return route, problems


def check_exercise(
    exercise: Exercise, name: str, flows: Mapping[str, LoadedFlow]
) -> tuple[list[str], list[Problem]]:
    """Every rule a valid exercise model must still meet: (expected route, problems)."""
    problems: list[Problem] = []
    if not SLUG.match(exercise.id):
        problems.append(Problem(name, "", "id", "oefening-id moet een slug zijn (a-z, 0-9, '-')"))
    if not exercise.fictional:
        message = "een oefening moet als fictief gemarkeerd zijn: fictional = true"
        problems.append(Problem(name, "", "fictional", message))
    problems += _text_problems(exercise.vignette, name, "", "vignette")
    for index, goal in enumerate(exercise.goals):
        problems += _text_problems(goal, name, "", f"goals[{index}]")
    if exercise.max_points == 0:
        problems.append(Problem(name, "", "decisions", "geen enkele beslissing levert punten op"))
    loaded = flows.get(exercise.flow)
    if loaded is None:
        known = ", ".join(sorted(flows)) or "geen"
        message = (
            f"stappenplan '{exercise.flow[:64]}' bestaat niet of bevat fouten "
            f"(beschikbaar: {known})"
        )
        return [], [*problems, Problem(name, "", "flow", message)][:MAX_PROBLEMS]
    for step_id, decision in exercise.decisions.items():
        if len(problems) >= MAX_PROBLEMS:
            break
        problems += _decision_problems(step_id, decision, loaded, name)
    if problems:
        return [], problems[:MAX_PROBLEMS]
    route, route_problems = expected_route(exercise, loaded, name)
    return route, route_problems[:MAX_PROBLEMS]


def load_exercise(path: Path, flows: Mapping[str, LoadedFlow]) -> LoadedExercise:
    """Read, validate and check one exercise file; raises ``ProblemsError`` in Dutch."""
    name = str(path)
    exercise = validate_exercise(read_toml(path, EXERCISE_MAX_BYTES), name)
    route, problems = check_exercise(exercise, name, flows)
    if problems:
        raise ProblemsError(problems)
    return LoadedExercise(exercise, path, flows[exercise.flow], tuple(route))


def flows_by_id(catalog: Catalog) -> dict[str, LoadedFlow]:
    return {loaded.flow.id: loaded for loaded in catalog.flows}


def load_exercises(folder: Path, catalog: Catalog) -> tuple[list[LoadedExercise], list[Problem]]:
    """Every ``*.toml`` in ``folder``, checked against the catalog's flows; none if no folder."""
    flows = flows_by_id(catalog)
    found: list[LoadedExercise] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            loaded = load_exercise(path, flows)
        except ProblemsError as error:
            problems += error.problems
            continue
        if any(other.exercise.id == loaded.exercise.id for other in found):
            message = f"oefening-id '{loaded.exercise.id}' komt al in een ander bestand voor"
            problems.append(Problem(str(path), "", "id", message))
            continue
        found.append(loaded)
    return found, problems[:MAX_PROBLEMS]


def exercise_folder(catalog: Catalog) -> Path:
    return catalog.folder / FOLDER


def find_exercise(exercises: list[LoadedExercise], name: str) -> LoadedExercise | None:
    """An exercise by id or file name (with or without ``.toml``)."""
    for item in exercises:
        if name in (item.exercise.id, item.path.name, item.path.stem, str(item.path)):
            return item
    return None


def exercise_summary(item: LoadedExercise) -> dict[str, Any]:
    """One line of ``wegwijzer check --json`` and ``train --list``."""
    return {
        "id": item.exercise.id,
        "title": item.exercise.title,
        "flow": item.exercise.flow,
        "decisions": len(item.exercise.decisions),
        "points": item.exercise.max_points,
        "path": str(item.path),
    }
