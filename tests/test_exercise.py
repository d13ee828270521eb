"""Exercises: the checker over good and broken files, scoring, and the training engine."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import normalise_space
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import MultiStep, Option
from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.training.exercise import (
    FOLDER,
    LoadedExercise,
    exercise_folder,
    load_exercise,
    load_exercises,
)
from wegwijzer.core.training.model import Decision, option_names
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.core.training.scoring import grade

from helpers import DATA, FLOWS

EXERCISES = DATA / "oefeningen"
SHIPPED_IDS = sorted(path.stem for path in (FLOWS / "oefeningen").glob("*.toml"))
BROKEN = EXERCISES / "broken"

# name -> (step, field, part of the Dutch message)
CASES = {
    "unknown_step": ("bestaat-niet", "", "stap 'bestaat-niet' bestaat niet in het stappenplan"),
    "unknown_option": ("politie", "expect[0]", "keuze 'Misschien' bestaat niet bij deze stap"),
    "feedback_without_citation": ("politie", "feedback[0].cites", "verwijst naar geen"),
    "citation_answer_11": ("politie", "feedback[0].cites[0]", "antwoord 11 bestaat niet"),
    "unknown_feedback_option": ("politie", "feedback[0].options[0]", "'Nooit' bestaat niet"),
    "not_fictional": ("", "fictional", "als fictief gemarkeerd"),
    "unknown_flow": ("", "flow", "stappenplan 'bestaat-niet' bestaat niet"),
    "not_a_decision": ("begin", "", "geen beslisstap"),
    "off_route": ("beleid", "", "ligt niet op de verwachte route"),
    "route_gap": ("politie", "", "voeg [decisions.politie] toe"),
    "unknown_key": ("politie", "", "onbekend veld 'punten'"),
    "contact_details": ("beleid", "feedback[0].text", "webadres"),
    "feedback_on_expected": ("beleid", "feedback[0].options[0]", "andere dan de verwachte"),
}


@pytest.fixture(scope="module")
def flows(test_flow: LoadedFlow) -> dict[str, LoadedFlow]:
    return {test_flow.flow.id: test_flow}


@pytest.fixture(scope="module")
def exercise(flows: dict[str, LoadedFlow]) -> LoadedExercise:
    return load_exercise(EXERCISES / "oefening.toml", flows)


@pytest.fixture(scope="module")
def shipped() -> list[LoadedExercise]:
    catalog = load_catalog(FLOWS)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert not catalog.problems and not problems, [str(p) for p in catalog.problems + problems]
    return found


def walk(run: TrainingRun, wrong: bool | str = False) -> None:
    """Answer every step: the expected choice at decisions, else the first option.

    ``wrong=True`` answers every decision wrongly; ``wrong="<step id>"`` only that one.
    """
    while not run.finished:
        step_id = run.session.current_id
        step = run.session.current
        if run.is_decision(step_id):
            value = run.expected(step_id)
            if wrong is True or wrong == step_id:
                value = other_than(step, value, run.exercise.decisions[step_id].expect)
        elif step.kind == "info":
            value = None
        elif step.kind == "check":
            value = "ja"
        elif step.kind == "multi":
            value = (0,)
        else:  # a choice step off the expected route
            value = 0
        run.answer(value)


def other_than(step: object, value: object, expect: tuple[str, ...] = ()) -> object:
    """A wrong answer of the right shape: for a choice, an option none of ``expect`` names."""
    if isinstance(value, str):
        statuses = step.statuses  # type: ignore[attr-defined]
        return next(s for s in statuses if s != value)
    if isinstance(value, tuple):
        options = range(len(step.options))  # type: ignore[attr-defined]
        return tuple(i for i in options if i not in value)[:1] or (0,)
    assert isinstance(value, int)
    labels = [option.label for option in step.options]  # type: ignore[attr-defined]
    return next(i for i, label in enumerate(labels) if i != value and label not in expect)


# --- the checker ------------------------------------------------------------------------


def test_the_test_exercise_passes_and_has_a_fixed_route(exercise: LoadedExercise) -> None:
    assert exercise.route == ("begin", "signalen", "politie", "beleid", "einde")
    assert exercise.decisions_in_order == ["signalen", "politie", "beleid"]
    assert exercise.exercise.max_points == 5
    assert exercise.exercise.vignette_display().startswith("Fictieve casus")


def test_every_broken_exercise_has_a_case() -> None:
    assert {p.stem for p in BROKEN.glob("*.toml")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_exercise_fails_in_dutch_naming_step_and_field(
    name: str, flows: dict[str, LoadedFlow]
) -> None:
    step, field, message = CASES[name]
    with pytest.raises(ProblemsError) as caught:
        load_exercise(BROKEN / f"{name}.toml", flows)
    problems = caught.value.problems
    assert any(p.step == step and p.field == field and message in p.message for p in problems), [
        str(p) for p in problems
    ]
    assert all(p.file.endswith(f"{name}.toml") for p in problems)


def test_all_problems_come_at_once(tmp_path: Path, flows: dict[str, LoadedFlow]) -> None:
    text = (EXERCISES / "oefening.toml").read_text(encoding="utf-8")
    text = text.replace('expect = ["Ja"]', 'expect = ["Misschien"]')
    text = text.replace('cites = ["8.2"] }', 'cites = ["11"] }')
    text = text.replace("fictional = true", "fictional = false")
    path = tmp_path / "veel.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_exercise(path, flows)
    wheres = {(p.step, p.field) for p in caught.value.problems}
    assert {("politie", "expect[0]"), ("beleid", "feedback[0].cites[0]"), ("", "fictional")} <= (
        wheres
    )


def test_a_folder_of_exercises_reports_duplicates_and_skips_broken(
    tmp_path: Path, flows_dir: Path
) -> None:
    folder = flows_dir / FOLDER
    folder.mkdir()
    (folder / "a.toml").write_text((EXERCISES / "oefening.toml").read_text("utf-8"), "utf-8")
    (folder / "b.toml").write_text((EXERCISES / "oefening.toml").read_text("utf-8"), "utf-8")
    (folder / "c.toml").write_text((BROKEN / "unknown_step.toml").read_text("utf-8"), "utf-8")
    catalog = load_catalog(flows_dir)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert [item.path.name for item in found] == ["a.toml"]
    assert any(p.file.endswith("b.toml") and "komt al" in p.message for p in problems)
    assert any(p.file.endswith("c.toml") and p.step == "bestaat-niet" for p in problems)


# --- the shipped exercises ------------------------------------------------------------


def test_at_least_seven_shipped_exercises_over_the_shipped_flows(
    shipped: list[LoadedExercise],
) -> None:
    assert len(shipped) >= 7
    assert sorted(item.exercise.id for item in shipped) == SHIPPED_IDS  # file name = id
    assert {item.exercise.flow for item in shipped} == {
        "zorgen-over-een-minderjarige",
        "gemeentelijk-beleid",
    }
    assert all(item.exercise.fictional for item in shipped)


def test_shipped_exercises_together_cite_the_answers_of_the_brief(
    shipped: list[LoadedExercise],
) -> None:
    cited: set[int] = set()
    for item in shipped:
        for decision in item.exercise.decisions.values():
            cites = list(decision.cites) + [c for f in decision.feedback for c in f.cites]
            for cite in cites:
                citation = parse_citation(cite)
                assert citation is not None
                cited.add(citation.answer)
    assert {2, 3, 4, 6, 7, 8, 9} <= cited


@pytest.mark.parametrize("exercise_id", SHIPPED_IDS)
def test_each_shipped_exercise_scores_full_when_walked_as_expected(
    shipped: list[LoadedExercise], exercise_id: str
) -> None:
    item = next(item for item in shipped if item.exercise.id == exercise_id)
    run = TrainingRun(item)
    walk(run)
    debrief = run.debrief()
    assert debrief.points == debrief.max_points == item.exercise.max_points
    assert debrief.percentage == 100.0
    assert not debrief.deviations


@pytest.mark.parametrize("exercise_id", SHIPPED_IDS)
def test_each_shipped_exercise_gives_cited_feedback_for_wrong_choices(
    shipped: list[LoadedExercise], exercise_id: str
) -> None:
    run = TrainingRun(next(item for item in shipped if item.exercise.id == exercise_id))
    walk(run, wrong=True)
    debrief = run.debrief()
    assert debrief.points < debrief.max_points
    assert debrief.deviations
    for item in debrief.deviations:
        assert item.cites and item.quotes
        assert item.why.text


def test_a_wrong_choice_at_any_decision_costs_points_and_gets_its_feedback(
    shipped: list[LoadedExercise],
) -> None:
    for item in shipped:
        for step_id, decision in item.exercise.decisions.items():
            run = TrainingRun(item)
            walk(run, wrong=step_id)
            debrief = run.debrief()
            assert debrief.points < debrief.max_points or decision.points == 0
            deviation = next(d for d in debrief.deviations if d.step_id == step_id)
            assert deviation.messages, f"{item.exercise.id}/{step_id}: geen feedback"
            assert all(message.cites for message in deviation.messages)


def test_shipped_exercises_give_feedback_for_every_other_option(
    shipped: list[LoadedExercise],
) -> None:
    """Stricter than the checker, which leaves feedback optional: ours is complete."""
    for item in shipped:
        flow = item.loaded.flow
        for step_id, decision in item.exercise.decisions.items():
            names = option_names(flow.steps[step_id])
            covered = {label for f in decision.feedback for label in f.options}
            others = set(names)
            if flow.steps[step_id].kind != "multi":
                others -= set(decision.expect)
            assert others <= covered, f"{item.exercise.id}/{step_id}: {others - covered}"


# --- scoring ----------------------------------------------------------------------------


def test_multi_scores_full_for_the_exact_set_and_a_share_otherwise(source: Source) -> None:
    step = MultiStep(
        kind="multi",
        prompt="Welke?",
        cites=("2.1",),
        next="x",
        options=(Option(label="A"), Option(label="B"), Option(label="C")),
    )
    decision = Decision(expect=("A", "B"), points=4, why="Omdat.", cites=("2.1",))
    assert grade("s", step, decision, (0, 1)).points == 4.0
    half = grade("s", step, decision, (0,))
    assert (half.verdict, half.points, half.missed) == ("deels", 2.0, ("B",))
    cancelled = grade("s", step, decision, (0, 2))
    assert (cancelled.verdict, cancelled.points, cancelled.extra) == ("fout", 0.0, ("C",))
    assert grade("s", step, decision, (2,)).points == 0.0
    assert grade("s", step, decision, None, reached=False).verdict == "niet bereikt"


# --- the engine -------------------------------------------------------------------------


def test_direct_feedback_after_each_decision_and_none_elsewhere(
    exercise: LoadedExercise,
) -> None:
    run = TrainingRun(exercise, "direct")
    assert run.answer(None) is None  # the info step is no decision
    wrong = run.answer((1,))
    assert wrong is not None and wrong.verdict == "fout" and wrong.points == 0
    assert wrong.messages[0].cites == ("2.1",)
    assert wrong.expected_text == "Veel cadeaus en aandacht"
    right = run.answer(0)
    assert right is not None and right.correct and right.points == 2


def test_feedback_achteraf_comes_only_in_the_debrief(exercise: LoadedExercise) -> None:
    run = TrainingRun(exercise, "achteraf")
    assert [run.answer(v) for v in (None, (0,), 1)] == [None, None, None]
    assert run.finished  # "Nee" ends the flow before the checklist item
    debrief = run.debrief()
    assert (debrief.points, debrief.max_points, debrief.percentage) == (2.0, 5, 40.0)
    verdicts = {item.step_id: item.verdict for item in debrief.items}
    assert verdicts == {"signalen": "goed", "politie": "fout", "beleid": "niet bereikt"}


def test_debrief_quotes_the_cited_paragraphs_verbatim(
    exercise: LoadedExercise, source: Source
) -> None:
    run = TrainingRun(exercise)
    for value in (None, (0,), 1):
        run.answer(value)
    politie = next(item for item in run.debrief().deviations if item.step_id == "politie")
    question = source.question(4)
    assert question is not None
    texts = {quote.label: quote.text for quote in politie.quotes}
    assert texts["antwoord 4, alinea 1"] == question.answer[0]
    assert texts["antwoord 4, alinea 2"] == question.answer[1]


def test_score_table_goes_into_a_valid_record(exercise: LoadedExercise) -> None:
    run = TrainingRun(exercise, "achteraf")
    walk(run)
    table = run.score_table()
    assert table["exercise"] == "testoefening"
    assert (table["points"], table["max"], table["percentage"]) == (5.0, 5, 100.0)
    assert table["decisions"] == ["signalen", "politie", "beleid"]
    assert table["chosen"] == ["Veel cadeaus en aandacht", "Ja", "nee"]
    assert table["correct"] == [True, True, True]
    record = parse_record(run.record_bytes(), "resultaat.toml")
    assert record.mode == "oefening" and record.complete
    assert record.score == table


def test_an_unknown_feedback_mode_is_refused(exercise: LoadedExercise) -> None:
    with pytest.raises(ValueError):
        TrainingRun(exercise, "later")


def test_the_training_core_never_imports_textual() -> None:
    code = (
        "import sys, wegwijzer.core.training.exercise, wegwijzer.core.training.run, "
        "wegwijzer.core.training.summary, wegwijzer.train_plain, wegwijzer.commands.train; "
        "assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- fidelity of the shipped exercises ----------------------------------------------------

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
QUOTED = re.compile(r"“([^”]+)”")


def exercise_texts(item: LoadedExercise) -> list[tuple[str, str, tuple[str, ...]]]:
    """(where, text, cites) for everything a trainee reads in an exercise."""
    exercise = item.exercise
    texts = [(f"{exercise.id}: vignette", exercise.vignette, ())]
    texts += [(f"{exercise.id}: goals", goal, ()) for goal in exercise.goals]
    for step_id, decision in exercise.decisions.items():
        texts.append((f"{exercise.id}/{step_id}: why", decision.why, decision.cites))
        texts += [
            (f"{exercise.id}/{step_id}: feedback", f.text, f.cites) for f in decision.feedback
        ]
    return texts


def test_shipped_exercises_hold_no_contact_details_or_outside_names(
    shipped: list[LoadedExercise],
) -> None:
    for item in shipped:
        for where, text, _ in exercise_texts(item):
            assert not PHONE.search(text), f"{where}: lijkt een telefoonnummer"
            assert not re.search(r"\b112\b", text), where
            for word in FORBIDDEN:
                assert word.casefold() not in text.casefold(), f"{where}: {word}"


def test_quotes_in_exercises_stand_verbatim_in_the_cited_answers(
    shipped: list[LoadedExercise], source: Source
) -> None:
    quotes = 0
    for item in shipped:
        for where, text, cites in exercise_texts(item):
            cited = " ".join(
                paragraph
                for cite in cites
                for citation in [parse_citation(cite)]
                if citation is not None
                for _, paragraph in source.paragraphs(citation)
            )
            for quote in QUOTED.findall(text):
                quotes += 1
                assert normalise_space(quote) in normalise_space(cited), where
    assert quotes >= 1


def test_problems_never_echo_control_characters(
    tmp_path: Path, flows: dict[str, LoadedFlow]
) -> None:
    text = (EXERCISES / "oefening.toml").read_text(encoding="utf-8")
    text = text.replace("[decisions.beleid]", '[decisions."\\u001b[31mrood"]')
    path = tmp_path / "escape.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_exercise(path, flows)
    assert caught.value.problems
    assert all("\x1b" not in str(p) for p in caught.value.problems)
