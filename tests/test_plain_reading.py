"""Line mode read aloud (issue 20): checked over every step of every shipped flow and every
shipped exercise, not over a few examples.

A screen reader speaks signs: "[antwoord 2]" is read "linker vierkante haak antwoord 2".
So the words line mode adds of its own carry no brackets, arrows, bullets, box drawing or
quotation marks; only texts from the flows and the source may hold such signs (they are
text). Quotes from the source are verbatim, or the start of the text, verbatim. No line
begins with indentation; an option line begins with its number; ``?`` repeats the step.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import Step
from wegwijzer.core.flows.protocol import Protocol, known_topics, load_protocol
from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import record_bytes
from wegwijzer.core.training.exercise import LoadedExercise, exercise_folder, load_exercises
from wegwijzer.core.training.run import TrainingRun
from wegwijzer.core.walk.session import Session
from wegwijzer.plain import run_plain
from wegwijzer.plain_lines import HELP_START, choices, help_lines, outcome_lines, step_lines
from wegwijzer.train_plain import run_training

from helpers import DATA, FLOWS, run_cli
from walks import answers_for, routes, typed

CATALOG = load_catalog(FLOWS)
EXERCISES, _ = load_exercises(exercise_folder(CATALOG), CATALOG)
PROTOCOL = DATA / "protocol" / "valid.toml"
# Signs a reader speaks aloud, which line mode must never add as ornament.
BOX_DRAWING = {chr(code) for code in range(0x2500, 0x2580)}
ORNAMENTS = set('[]()<>{}▶►›»«‹·•│─—–…*“”‘’"|#') | BOX_DRAWING
QUOTE = re.compile(
    r"^(?P<label>Antwoord (?P<answer>\d+)(?:, alinea (?P<paragraph>\d+))?), "
    r"(?P<how>letterlijk|begint letterlijk met):(?: (?P<text>.*))?$"
)


def strings_in(value: Any) -> Iterator[str]:
    """Every string inside a model (pydantic or a dataclass), a mapping or a sequence,
    whole and line by line."""
    if hasattr(value, "model_dump"):
        value = value.model_dump()
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = [getattr(value, field.name) for field in dataclasses.fields(value)]
    if isinstance(value, str):
        yield value
        yield from value.splitlines()
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)


def content_of(*parts: Any) -> list[str]:
    """The texts that come from files (flows, exercises, source, protocol), longest first."""
    found = {text for part in parts for text in strings_in(part) if len(text.strip()) > 3}
    return sorted(found, key=len, reverse=True)


def cited_text(source: Source, answer: str, paragraph: str | None) -> str:
    citation = parse_citation(answer if paragraph is None else f"{answer}.{paragraph}")
    assert citation is not None
    return " ".join(text for _, text in source.paragraphs(citation))


def own_words(lines: Iterable[str], content: list[str], source: Source) -> str:
    """What line mode adds of its own: every line with the file texts taken out. A quote
    line must hold the cited text verbatim, or its start where it says 'begint'."""
    rest = []
    for line in lines:
        assert not line[:1].isspace(), f"indented: {line!r}"
        quote = QUOTE.match(line)
        if quote and quote["text"] is not None:
            whole = cited_text(source, quote["answer"], quote["paragraph"])
            if quote["how"] == "letterlijk":
                assert quote["text"] == whole, line
            else:
                assert whole.startswith(quote["text"]) and quote["text"] != whole, line
            line = quote["label"]
        for text in content:
            line = line.replace(text, "")
        rest.append(line)
    return "\n".join(rest)


def assert_no_ornaments(lines: Iterable[str], content: list[str], source: Source) -> None:
    words = own_words(lines, content, source)
    found = sorted(set(words) & ORNAMENTS)
    assert not found, f"{found} in line mode's own words:\n{words}"


def sessions_at_every_step(loaded: LoadedFlow, protocol: Protocol | None) -> Iterator[Session]:
    for route in routes(loaded).values():
        session = Session(loaded, protocol=protocol)
        for value in route:
            session.answer(value)
        yield session


@pytest.fixture(scope="module")
def protocol() -> Protocol:
    return load_protocol(PROTOCOL, known_topics(CATALOG.sources.values()))


def flow_content(loaded: LoadedFlow, protocol: Protocol) -> list[str]:
    source = loaded.source
    return content_of(loaded.flow, source.title, source.silent_topics, protocol.file)


@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
def test_every_step_and_outcome_reads_without_ornaments(
    loaded: LoadedFlow, protocol: Protocol
) -> None:
    content = flow_content(loaded, protocol)
    for session in sessions_at_every_step(loaded, protocol):
        lines = outcome_lines(session) if session.finished else step_lines(session)
        assert_no_ornaments(lines, content, loaded.source)


@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
def test_every_option_line_starts_with_its_number(loaded: LoadedFlow) -> None:
    for session in sessions_at_every_step(loaded, None):
        if session.finished:
            continue
        labels = choices(session.current)
        options = step_lines(session)[-len(labels) :]
        for number, (line, label) in enumerate(zip(options, labels, strict=True), start=1):
            assert line.startswith(f"{number}. {label}"), (session.current_id, line)


def drive(session: Session, typed_lines: list[str]) -> str:
    queue = iter(typed_lines)
    out = io.StringIO()
    run_plain(session, lambda: next(queue, None), out)
    return out.getvalue()


@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
def test_a_question_mark_repeats_every_step_whole(loaded: LoadedFlow) -> None:
    for session in sessions_at_every_step(loaded, None):
        if session.finished:
            continue
        step = "\n".join(step_lines(session))
        assert drive(session, ["?", "q"]).count(step) == 2, session.current_id
        assert drive(session, ["q"]).count(step) == 1


def test_the_first_lines_say_how_to_answer_and_how_to_hear_the_step_again(
    test_flow: LoadedFlow,
) -> None:
    out = drive(Session(test_flow), ["h", "q"])
    first = out.split("\nStap 1 van")[0].splitlines()
    assert first[-len(HELP_START) :] == list(HELP_START)
    assert "vraagteken" in first[-1]
    assert "\n".join(help_lines()) in out  # h: every key, one a line
    assert_no_ornaments(out.splitlines(), content_of(test_flow.flow), test_flow.source)


def test_the_whole_walk_with_its_keys_reads_without_ornaments(
    test_flow: LoadedFlow, protocol: Protocol
) -> None:
    """Intro, help, the full source (b), a wrong key, a note, going back, the outcome."""
    session = Session(test_flow, protocol=protocol)
    out = drive(session, ["h", "b", "x", "n notitie", "1", "t", "1", "1,2", "1", "2"])
    assert session.finished
    content = content_of(test_flow.flow, test_flow.source.title, protocol.file, "notitie")
    assert_no_ornaments(out.splitlines(), content, test_flow.source)


def exercise_answers(run: TrainingRun, wrong: bool) -> Callable[[], str | None]:
    """Types '?' once at every step, then an answer: the expected one, or where ``wrong``,
    another one (so the feedback has more to say)."""
    asked: set[str] = set()

    def read_line() -> str | None:
        session = run.session
        if session.finished:
            return None
        here = f"{session.current_id}:{session.position}"
        if here not in asked:
            asked.add(here)
            return "?"
        step: Step = session.current
        value = next(answers_for(step))[0]
        if session.current_id in run.exercise.decisions:
            value = run.expected(session.current_id)
            if wrong:
                others = [v for v, _ in answers_for(step) if v != value]
                value = others[0] if others else value
        return typed(step, value)

    return read_line


@pytest.mark.parametrize("wrong", [False, True], ids=["verwacht", "anders"])
@pytest.mark.parametrize("item", EXERCISES, ids=lambda item: item.exercise.id)
def test_every_exercise_reads_without_ornaments_and_repeats_on_question_mark(
    item: LoadedExercise, wrong: bool
) -> None:
    run = TrainingRun(item, "direct")
    out = io.StringIO()
    code = run_training(run, exercise_answers(run, wrong), out)
    assert code == 0 and run.session.finished
    text = out.getvalue()
    source = item.loaded.source
    content = content_of(item.exercise, item.loaded.flow, source.title, source.silent_topics)
    assert_no_ornaments(text.splitlines(), content, source)
    assert text.count("\nStap 1 van") == 2  # the first step, and again after '?'
    steps = len(run.session.path) - 1  # each shown, then shown again after '?'
    assert len(re.findall(r"^Stap \d+ van ", text, re.MULTILINE)) == 2 * steps


def test_open_plain_reads_without_ornaments(tmp_path: Path) -> None:
    loaded = CATALOG.find("zorgen-over-een-minderjarige")
    assert loaded is not None
    session = Session(loaded, case_ref="casus-17")
    while not session.finished:
        session.answer(next(answers_for(session.current))[0])
    session.set_note(session.path[1], "eerste regel\ntweede regel")
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(session))
    result = run_cli("open", str(path), "--plain")
    assert result.returncode == 0, result.stderr
    record = read_record(path)
    content = content_of(loaded.flow, record.model_dump(), loaded.source.title)
    assert_no_ornaments(result.stdout.splitlines(), content, loaded.source)


def test_the_home_in_line_mode_reads_without_ornaments(tmp_path: Path) -> None:
    result = run_cli(stdin="q\n", env={**os.environ, "TERM": "dumb", "HOME": str(tmp_path)})
    assert "Stappenplannen:" in result.stdout
    titles = content_of([loaded.flow.title for loaded in CATALOG.flows])
    assert_no_ornaments(result.stdout.splitlines(), titles, CATALOG.flows[0].source)


def test_the_lists_of_drafts_exercises_and_checked_files_read_without_ornaments() -> None:
    """What `drafts`, `train --list` and `check` print, as a screen reader reads it."""
    walked = run_cli("run", "zorgen-over-een-minderjarige", "--plain", stdin="1\n2\n")
    assert "concept" in walked.stdout + walked.stderr  # stopped halfway: a draft is kept
    names = [CATALOG.flows[0].flow.title, *(item.exercise.title for item in EXERCISES)]
    for command in (("drafts",), ("train", "--list"), ("check",)):
        result = run_cli(*command)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert len(lines) >= 3, command  # drafts: the folder, the draft, how to go on
        assert_no_ornaments(lines, content_of(names), CATALOG.flows[0].source)
