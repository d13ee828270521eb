"""The shipped exercises are written at language level B1 (issue 20, item 4).

Every own sentence a trainee reads in an exercise (goals, case text, explanations,
feedback; quoted source text left out) is measured with the readability module that
``wegwijzer check --leesbaarheid`` uses, against the thresholds of docs/authoring.md.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator

import pytest

from wegwijzer.core.base.readability import (
    MAX_AVERAGE_WORDS,
    MAX_SENTENCE_WORDS,
    measure,
    sentences,
)
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.training.exercise import LoadedExercise, exercise_folder, load_exercises
from wegwijzer.core.training.plain_language import exercise_texts

from helpers import FLOWS

OWN_TEXT_KEYS = ("goals", "vignette", "why", "text")


@pytest.fixture(scope="module")
def shipped() -> list[LoadedExercise]:
    catalog = load_catalog(FLOWS)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert not catalog.problems and not problems, [str(p) for p in catalog.problems + problems]
    assert len(found) >= 7
    return found


def too_long(texts: Iterable[str]) -> list[str]:
    """Each own sentence over the B1 maximum, as its word count and its first words."""
    return [
        f"{len(words)} woorden: {' '.join(words[:8])} …"
        for text in texts
        for words in sentences(text)
        if len(words) > MAX_SENTENCE_WORDS
    ]


def raw_own_texts(value: object) -> Iterator[str]:
    """Every string in a parsed exercise file under a key that holds text a trainee reads."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in OWN_TEXT_KEYS:
                yield from [item] if isinstance(item, str) else item
            else:
                yield from raw_own_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from raw_own_texts(item)


def test_the_check_finds_a_sentence_one_word_too_long() -> None:
    fits = " ".join(["woord"] * MAX_SENTENCE_WORDS) + "."
    assert too_long([fits]) == []
    # Quoted source text is left out however long; the own sentence of 26 words is not.
    one_more = f"Kort. Nog {fits} “{fits} {fits}”"
    start = "Nog " + " ".join(["woord"] * 7)
    assert too_long([one_more]) == [f"{MAX_SENTENCE_WORDS + 1} woorden: {start} …"]


def test_every_text_a_trainee_reads_is_measured(shipped: list[LoadedExercise]) -> None:
    for item in shipped:
        raw = tomllib.loads(item.path.read_text(encoding="utf-8"))
        measured = exercise_texts(item.exercise)
        own = [text.strip() for text in raw_own_texts(raw)]
        assert sorted(own) == sorted(measured), item.exercise.id


def test_no_own_sentence_over_25_words_in_any_shipped_exercise(
    shipped: list[LoadedExercise],
) -> None:
    found = {
        item.exercise.id: offenders
        for item in shipped
        if (offenders := too_long(exercise_texts(item.exercise)))
    }
    assert found == {}


def test_each_shipped_exercise_averages_at_most_15_words_a_sentence(
    shipped: list[LoadedExercise],
) -> None:
    averages = {
        item.exercise.id: round(measure(exercise_texts(item.exercise)).average_words, 1)
        for item in shipped
    }
    assert {name: avg for name, avg in averages.items() if avg > MAX_AVERAGE_WORDS} == {}
    assert all(avg > 0 for avg in averages.values())
