"""The value classes on the way to the home screen behave as the dataclasses they were.

Issue 19 made them NamedTuples or classes written out, because a dataclass compiles its
methods at import (docs/performance.md). Each is held to a dataclass of its old fields,
defaults and frozenness: construction, defaults, equality, hashing, immutability, repr.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wegwijzer.core.base.problems import Problem
from wegwijzer.core.base.settings import Settings
from wegwijzer.core.flows.catalog import Catalog
from wegwijzer.core.records.drafts import DraftInfo, DraftListing
from wegwijzer.tui.training import Exercise

from helpers import run_python


def new(factory: type) -> Any:
    """A field made anew by ``factory`` for each object (a field object serves one field)."""
    return dataclasses.field(default_factory=factory)


DRAFT_FIELDS = [
    "session_id",
    "flow_id",
    "flow_title",
    "mode",
    "case_ref",
    "started",
    "answered",
    "finished",
    "path",
]

# Each class and the dataclass it was before issue 19 (the types do not matter here).
REFERENCES: dict[type, Any] = {
    Problem: dataclasses.make_dataclass(
        "Problem", ["file", "step", "field", "message"], frozen=True
    ),
    Settings: dataclasses.make_dataclass(
        "Settings", [("theme", Any, None), ("animations", bool, True)], frozen=True
    ),
    Exercise: dataclasses.make_dataclass(
        "Exercise", ["title", "summary", "loaded", ("item", Any, None)], frozen=True
    ),
    DraftInfo: dataclasses.make_dataclass(
        "DraftInfo", [*DRAFT_FIELDS, ("changed", Any, None)], frozen=True
    ),
    DraftListing: dataclasses.make_dataclass(
        "DraftListing", [("drafts", list, new(list)), ("skipped", list, new(list))]
    ),
    Catalog: dataclasses.make_dataclass(
        "Catalog",
        [
            "folder",
            ("sources", dict, new(dict)),
            ("flows", list, new(list)),
            ("problems", list, new(list)),
            ("key", Any, None),
            ("files", Any, None),
        ],
    ),
}
CLASSES = pytest.mark.parametrize("cls", list(REFERENCES), ids=lambda cls: cls.__name__)

OMIT = object()  # a field with a default left out of the call
# Few values, so that two drawn objects are often equal.
VALUE = st.one_of(st.none(), st.sampled_from(["", "a", "b"]), st.integers(0, 1))


def value_of(item: dataclasses.Field[Any]) -> st.SearchStrategy[Any]:
    if item.default_factory is list:
        return st.lists(VALUE, max_size=2)
    if item.default_factory is dict:
        return st.dictionaries(st.sampled_from("ab"), VALUE, max_size=2)
    return VALUE


@st.composite
def calls(draw: st.DrawFn, reference: Any) -> tuple[list[Any], dict[str, Any]]:
    """A call as a caller might make it: some fields by position, the rest by keyword,
    any field with a default perhaps left out."""
    values = []
    for item in dataclasses.fields(reference):
        value = draw(value_of(item))
        missing = dataclasses.MISSING
        if item.default is not missing or item.default_factory is not missing:
            value = draw(st.sampled_from([value, OMIT]))
        values.append((item.name, value))
    omitted = next((i for i, (_, value) in enumerate(values) if value is OMIT), len(values))
    by_position = draw(st.integers(0, omitted))
    args = [value for _, value in values[:by_position]]
    kwargs = {name: value for name, value in values[by_position:] if value is not OMIT}
    return args, kwargs


def made(cls: Any, call: tuple[list[Any], dict[str, Any]]) -> Any:
    """``cls`` called as ``call`` says, with copies (no two objects share a list)."""
    args, kwargs = copy.deepcopy(call)
    return cls(*args, **kwargs)


def names(cls: Any) -> list[str]:
    return [item.name for item in dataclasses.fields(REFERENCES[cls])]


@CLASSES
@given(data=st.data())
def test_each_class_behaves_as_the_dataclass_it_was(cls: Any, data: st.DataObject) -> None:
    reference = REFERENCES[cls]
    first = data.draw(calls(reference))
    second = data.draw(st.one_of(st.just(first), calls(reference)))
    one, other = made(cls, first), made(cls, second)
    was_one, was_other = made(reference, first), made(reference, second)

    for name in names(cls):  # the same fields, defaults and order
        assert getattr(one, name) == getattr(was_one, name)
    assert repr(one) == repr(was_one)
    assert (one == other) is (was_one == was_other)
    assert (one != other) is (was_one != was_other)
    assert made(cls, first) == one
    if reference.__dataclass_params__.frozen:
        assert hash(one) == hash(was_one)
        assert one != other or hash(one) == hash(other)
        with pytest.raises(AttributeError):
            setattr(one, names(cls)[0], "x")
    else:
        with pytest.raises(TypeError):
            hash(one)
        name = data.draw(st.sampled_from(names(cls)))
        setattr(one, name, getattr(other, name))
        setattr(was_one, name, getattr(was_other, name))
        assert (one == other) is (was_one == was_other)


@CLASSES
def test_a_default_list_or_dict_is_new_for_each_object(cls: Any) -> None:
    required = [
        item.name
        for item in dataclasses.fields(REFERENCES[cls])
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    ]
    one, other = cls(*required), cls(*required)
    for name in names(cls):
        value = getattr(one, name)
        if isinstance(value, list | dict):
            assert value is not getattr(other, name)


@given(st.lists(st.text(max_size=3), min_size=4, max_size=4))
def test_a_problem_as_a_dict_is_the_dataclass_one(texts: list[str]) -> None:
    expected = dataclasses.asdict(REFERENCES[Problem](*texts))
    assert Problem(*texts).as_dict() == expected
    assert list(Problem(*texts).as_dict()) == ["file", "step", "field", "message"]


@given(st.sampled_from([None, "nord"]), st.booleans(), st.sampled_from(["a", None]))
def test_settings_replaced_as_the_dataclass_was(
    theme: str | None, animations: bool, other: str | None
) -> None:
    settings = Settings(theme=theme, animations=animations)._replace(theme=other)
    was = dataclasses.replace(REFERENCES[Settings](theme, animations), theme=other)
    assert (settings.theme, settings.animations) == (was.theme, was.animations)


def test_the_way_to_the_home_screen_defines_no_dataclass() -> None:
    """Every module imported until the home screen's first frame, with the decorator
    wrapped to note each module that calls it (and a module of ours that does, to show
    the note is taken)."""
    code = """
import dataclasses, importlib, sys, types
calls = []
decorator = dataclasses.dataclass
def noted(*args, **kwargs):
    calls.append(sys._getframe(1).f_globals.get("__name__", ""))
    return decorator(*args, **kwargs)
dataclasses.dataclass = noted
for name in ("wegwijzer.cli", "wegwijzer.commands.home", "wegwijzer.commands.common",
             "wegwijzer.tui.app", "wegwijzer.tui.screens.home",
             "wegwijzer.core.base.settings", "wegwijzer.core.records.draft_peek"):
    importlib.import_module(name)
print([name for name in calls if name.startswith("wegwijzer")])
probe = types.ModuleType("wegwijzer.probe")
exec("import dataclasses\\n@dataclasses.dataclass\\nclass A:\\n    x: int", probe.__dict__)
print([name for name in calls if name.startswith("wegwijzer")])
"""
    assert run_python(code).splitlines() == ["[]", "['wegwijzer.probe']"]
