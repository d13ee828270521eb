"""A flow the cache vouches for opens without pydantic, and is the flow pydantic gives.

Issue 19: a flow (and source) whose exact bytes the cache of checked flows holds a
clean check of is built straight from its TOML (``core.flows.frozen.build``); every
other file is validated with pydantic first. These checks hold the two roads to each
other for every shipped and test flow (the structures, the digests a record stores,
and a random walk over both), show that data pydantic would have to convert or refuse
never takes the short road, and that a file changed after the cache was filled is
checked again: never opened unchecked.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.flows import check as check_module
from wegwijzer.core.flows import schema
from wegwijzer.core.flows.catalog import load_catalog, load_sources, remember
from wegwijzer.core.flows.check import LoadedFlow, load_flow_bytes
from wegwijzer.core.flows.flow import OutcomeStep, step_digest
from wegwijzer.core.flows.frozen import dump
from wegwijzer.core.flows.source import Source, parse_source, source_digest
from wegwijzer.core.training.exercise import exercise_folder, load_exercises
from wegwijzer.core.walk.session import AnswerError, Session

from helpers import DATA, FLOWS, run_python

FLOW_FILES = [*sorted(FLOWS.glob("*.toml")), DATA / "valid.toml", DATA / "silent.toml"]
SOURCE_FILES = sorted((FLOWS / "sources").glob("*.toml"))


@pytest.fixture(scope="module")
def sources() -> dict[str, Source]:
    found, problems = load_sources(FLOWS)
    assert not problems
    return found


def as_text(value: object) -> str:
    """Exact: ``10`` and ``10.0`` or ``True`` and ``1`` are equal in Python, not here."""
    return json.dumps(dump(value), sort_keys=True, ensure_ascii=False)


def both(path: Path, sources: dict[str, Source]) -> tuple[LoadedFlow, LoadedFlow]:
    """The flow validated with pydantic, and built as the cache vouches for it."""
    data = path.read_bytes()
    checked = load_flow_bytes(data, str(path), sources, path)
    vouched = load_flow_bytes(data, str(path), sources, path, vouched=True)
    return checked, vouched


def pydantic_json(path: Path | str, model: Any) -> Any:
    """What pydantic itself makes of the file (or text), as JSON data: the oracle for both
    roads, which share ``build``."""
    text = path.read_text("utf-8") if isinstance(path, Path) else path
    data = clean_tree(tomllib.loads(text))
    return model.model_validate(data).model_dump(mode="json")


@pytest.mark.parametrize("path", FLOW_FILES, ids=lambda path: path.name)
def test_the_vouched_flow_is_the_checked_flow(path: Path, sources: dict[str, Source]) -> None:
    checked, vouched = both(path, sources)
    assert vouched == checked
    expected = json.dumps(pydantic_json(path, schema.Flow), sort_keys=True, ensure_ascii=False)
    assert as_text(vouched.flow) == as_text(checked.flow) == expected
    # The digests a record stores of each step: as pydantic's dump of the step gave them.
    data = clean_tree(tomllib.loads(path.read_text("utf-8")))
    model = schema.Flow.model_validate(data)
    for step_id, step in vouched.flow.steps.items():
        expected = json.dumps(
            model.steps[step_id].model_dump(mode="json", exclude_defaults=True),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
        assert step_digest(step) == "sha256:" + hashlib.sha256(expected.encode()).hexdigest()


@pytest.mark.parametrize("path", SOURCE_FILES, ids=lambda path: path.name)
def test_the_vouched_source_is_the_checked_source(path: Path) -> None:
    data = path.read_bytes()
    checked = parse_source(data, str(path))
    vouched = parse_source(data, str(path), vouched=True)
    assert vouched == checked
    as_json = pydantic_json(path, schema.Source)
    assert dump(vouched) == as_json
    text = json.dumps(as_json, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    assert source_digest(vouched) == "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def walk(loaded: LoadedFlow, picks: list[int]) -> list[object]:
    """Everything a walk shows, step by step, answering with ``picks`` (and going back on
    a negative one)."""
    from wegwijzer.tui.render import answer_from, choice_labels

    session = Session(loaded, case_ref="casus-1")
    seen: list[object] = []
    for pick in picks:
        if pick < 0:
            session.back()
        elif not session.finished:
            step = session.current
            count = len(choice_labels(step)) or 1
            try:
                session.answer(answer_from(step, (pick % count,)))
            except AnswerError as error:
                seen.append(str(error))
        seen.append((session.current_id, session.progress(), session.trail()))
    seen.append([(t.step_id, t.answer, t.answer_text) for t in session.taken()])
    seen.append([(r.action, r.step_id) for r in session.recommended()])
    return seen


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(FLOW_FILES),
    st.lists(st.integers(-1, 12), max_size=40),
)
def test_a_walk_over_both_is_the_same_walk(path: Path, picks: list[int]) -> None:
    found, _ = load_sources(FLOWS)
    checked, vouched = both(path, found)
    assert walk(vouched, picks) == walk(checked, picks)


LAX = {  # what pydantic converts (the short road must not take it as it is) ...
    "order as a float": ('version = "1"', 'version = "1"\norder = 10.0'),
    "the schema key by its field name": ("schema = 1", "schema_ = 1"),
}
REFUSED = {  # ... and what it refuses
    "an unknown key": ('title = "', 'titel = "x"\ntitle = "'),
    "a kind that does not exist": ('kind = "outcome"', 'kind = "uitkomst"'),
    "a label that is a number": ('{ label = "Iets anders" }', "{ label = 3 }"),
}


@pytest.mark.parametrize("change", LAX.values(), ids=LAX.keys())
def test_data_pydantic_converts_is_converted_on_both_roads(
    change: tuple[str, str], sources: dict[str, Source]
) -> None:
    text = (DATA / "valid.toml").read_text("utf-8")
    assert change[0] in text
    changed = text.replace(change[0], change[1], 1)
    path = DATA / "valid.toml"
    checked = load_flow_bytes(changed.encode(), "lax.toml", sources, path)
    vouched = load_flow_bytes(changed.encode(), "lax.toml", sources, path, vouched=True)
    expected = json.dumps(pydantic_json(changed, schema.Flow), sort_keys=True, ensure_ascii=False)
    assert vouched == checked
    assert as_text(vouched.flow) == as_text(checked.flow) == expected


@pytest.mark.parametrize("change", REFUSED.values(), ids=REFUSED.keys())
def test_data_pydantic_refuses_is_refused_on_both_roads(
    change: tuple[str, str], sources: dict[str, Source]
) -> None:
    text = (DATA / "valid.toml").read_text("utf-8")
    assert change[0] in text
    data = text.replace(change[0], change[1], 1).encode()
    problems = []
    for vouched in (False, True):
        with pytest.raises(ProblemsError) as raised:
            load_flow_bytes(data, "fout.toml", sources, DATA / "valid.toml", vouched=vouched)
        problems.append(raised.value.problems)
    assert problems[0] == problems[1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The shipped flows, sources and exercises, in a folder of their own."""
    copy = tmp_path / "flows"
    shutil.copytree(FLOWS, copy)
    return copy


def fill_cache(folder: Path) -> None:
    catalog = load_catalog(folder)
    found, problems = load_exercises(exercise_folder(catalog), catalog)
    assert not catalog.problems and not problems
    remember(catalog, found, problems)


def count_validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the flow files validated with pydantic from now on."""
    names: list[str] = []
    real = check_module._validated

    def counted(data: dict[str, Any], name: str) -> Any:
        names.append(Path(name).name)
        return real(data, name)

    monkeypatch.setattr(check_module, "_validated", counted)
    return names


def test_a_warm_folder_opens_without_validating(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_cache(folder)
    validated = count_validations(monkeypatch)
    catalog = load_catalog(folder)
    assert validated == [] and not catalog.problems
    assert [loaded.flow for loaded in catalog.flows] == [
        loaded.flow for loaded in load_catalog(folder, trust_cache=False).flows
    ]
    assert len(validated) == len(catalog.flows)  # ``trust_cache=False``: every file in full


def test_a_flow_changed_after_the_cache_was_filled_is_checked_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill_cache(folder)
    path = folder / "zorgen-over-een-minderjarige.toml"
    text = path.read_text("utf-8")
    validated = count_validations(monkeypatch)
    # A change pydantic accepts: validated again, and what it says is what opens.
    path.write_text(text + "\n", encoding="utf-8")
    catalog = load_catalog(folder)
    assert "zorgen-over-een-minderjarige.toml" in validated
    assert not catalog.problems
    # A change the model refuses: found, never opened.
    path.write_text(text.replace('title = "', 'titel = "x"\ntitle = "', 1), encoding="utf-8")
    catalog = load_catalog(folder)
    assert catalog.find("zorgen-over-een-minderjarige") is None
    assert any("titel" in problem.message for problem in catalog.problems)
    # A change only the graph check catches (a step that leads nowhere): found too.
    broken = text.replace('start = "start"', 'start = "nergens"', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    assert load_catalog(folder).find("zorgen-over-een-minderjarige") is None


def test_an_outcome_built_from_a_file_is_the_runtime_class(sources: dict[str, Source]) -> None:
    checked, vouched = both(DATA / "valid.toml", sources)
    for loaded in (checked, vouched):
        kinds = {type(step) for step in loaded.flow.steps.values()}
        assert OutcomeStep in kinds
        assert not any(cls.__module__.endswith("schema") for cls in kinds)


FIRST_STEP = """
import sys
from wegwijzer.commands.common import active_protocol, resolve_flow
from wegwijzer.core.flows.catalog import open_catalog
from wegwijzer.core.walk.session import Session
import wegwijzer.tui.screens.step

assert active_protocol() == (None, True)
loaded, catalog = resolve_flow("zorgen-over-een-minderjarige", open_catalog(None))
session = Session(loaded)
print(f"opened={session.current_id} pydantic={'pydantic' in sys.modules}")
"""


def first_step(folder: Path) -> str:
    return run_python(FIRST_STEP, WEGWIJZER_FLOWS=str(folder))


def test_run_flow_reaches_its_first_step_without_pydantic_when_warm(folder: Path) -> None:
    start = load_catalog(folder).find("zorgen-over-een-minderjarige")
    assert start is not None
    opened = f"opened={start.flow.start}"
    assert first_step(folder) == f"{opened} pydantic=True"  # cold: checked first
    fill_cache(folder)
    assert first_step(folder) == f"{opened} pydantic=False"
    path = folder / "zorgen-over-een-minderjarige.toml"
    path.write_text(path.read_text("utf-8") + "\n", encoding="utf-8")
    assert first_step(folder) == f"{opened} pydantic=True"  # changed: checked again
