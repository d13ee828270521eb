"""``core.base.value`` holds to ``dataclasses.dataclass``: the same class body made by each,
with the same flags, behaves the same (docs/performance.md, issue 19).

Each family below is made twice from one namespace, as ``V<name>`` by ``value`` and
``D<name>`` by ``dataclass``, at module level so that pickle finds them. Hypothesis
draws calls (positional and keyword arguments, some of them wrong) and compares what
each twin does: which calls raise TypeError, the values set, ``==``, ``hash``,
``repr``, the frozen errors, the ``dataclasses`` functions, copy and pickle.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
from collections.abc import Callable
from dataclasses import field
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.value import value


class SlotsBase:
    """A base without fields, as ``core.flows.frozen.Frozen``."""

    __slots__ = ()


def _eq_body(self: Any, other: Any) -> bool:
    return other is self


# name: (flags, bases (a family name or a class), namespace maker)
FAMILIES: dict[str, tuple[dict[str, bool], tuple[Any, ...], Callable[[], dict[str, Any]]]] = {
    "Plain": (
        {},
        (),
        lambda: {
            "__annotations__": {"a": "int", "b": "str", "c": "list[int]"},
            "b": "",
            "c": field(default_factory=list),
        },
    ),
    "Frozen": (
        {"frozen": True},
        (),
        lambda: {
            "__doc__": "A documented class.",
            "__annotations__": {"a": "int", "b": "Any", "c": "tuple[int, ...]"},
            "c": (),
        },
    ),
    "FrozenSlotsKw": (
        {"frozen": True, "slots": True, "kw_only": True},
        (SlotsBase,),
        lambda: {
            "__annotations__": {"a": "int", "b": "str", "c": "tuple[int, ...]"},
            "b": "x",
            "c": field(default_factory=tuple),
        },
    ),
    "FrozenSlotsKwSub": (
        {"frozen": True, "slots": True, "kw_only": True},
        ("FrozenSlotsKw",),
        lambda: {
            "__annotations__": {"d": "int", "b": "str", "e": "Any"},
            "b": "y",  # overrides the base's default, keeps its place
            "e": None,
        },
    ),
    "FrozenSub": (
        {"frozen": True},
        ("Frozen",),
        lambda: {"__annotations__": {"d": "int"}, "d": 4},
    ),
    "Slots": (
        {"slots": True},
        (),
        lambda: {
            "__annotations__": {"a": "int", "b": "int", "hidden": "int", "later": "list[int]"},
            "b": 2,
            "hidden": field(default=5, init=False),
            "later": field(init=False, default_factory=list),
        },
    ),
    "KwOnly": (
        {"kw_only": True},
        (),
        lambda: {"__annotations__": {"a": "int", "b": "int"}, "a": 1},
    ),
    "Fields": (
        {"frozen": True},
        (),
        lambda: {
            "__annotations__": {"a": "int", "secret": "Any", "loose": "Any", "nohash": "int"},
            "secret": field(default="s", repr=False),
            "loose": field(default=0, compare=False),
            "nohash": field(default=0, hash=False),
        },
    ),
    "OwnHash": (
        {},
        (),
        lambda: {"__annotations__": {"a": "int"}, "__hash__": lambda self: 7},
    ),
    "FrozenOwnHash": (
        {"frozen": True},
        (),
        lambda: {"__annotations__": {"a": "int"}, "__hash__": lambda self: 7},
    ),
    "OwnEq": (
        {"frozen": True},
        (),
        lambda: {"__annotations__": {"a": "int"}, "__eq__": _eq_body},
    ),
    "PostInit": (
        {},
        (),
        lambda: {
            "__annotations__": {"a": "int", "double": "int"},
            "double": field(init=False, default=0),
            "__post_init__": lambda self: setattr(self, "double", 2 * self.a),
        },
    ),
}


def _make(prefix: str, name: str, decorate: Callable[..., Any]) -> type:
    flags, bases, namespace = FAMILIES[name]
    made_bases = tuple(globals()[prefix + b] if isinstance(b, str) else b for b in bases)
    body = {**namespace(), "__module__": __name__, "__qualname__": prefix + name}
    cls: type = decorate(**flags)(type(prefix + name, made_bases, body))
    globals()[prefix + name] = cls
    return cls


for _name in FAMILIES:
    _make("V", _name, value)
    _make("D", _name, dataclasses.dataclass)

NAMES = list(FAMILIES)
_scalars = st.one_of(st.integers(-3, 3), st.text(max_size=2), st.tuples(st.integers(0, 2)))
_MISTAKES = ("one too many", "unknown keyword", "missing", "twice", "hidden field")


@st.composite
def _calls(draw: st.DrawFn, cls: type) -> tuple[list[Any], dict[str, Any]]:
    """Mostly a call the class takes (some fields by position, the rest by keyword,
    defaults left out at random), sometimes with one mistake."""
    taken = [f for f in dataclasses.fields(cls) if f.init]
    by_position = [f.name for f in taken if not f.kw_only]
    args = [draw(_scalars) for _ in range(draw(st.integers(0, len(by_position))))]
    kwargs = {
        f.name: draw(_scalars)
        for f in taken
        if f.name not in by_position[: len(args)]
        and (_needed(cls).get(f.name) == 0 or draw(st.booleans()))
    }
    mistake = draw(st.sampled_from((None, None, None, *_MISTAKES)))
    if mistake == "one too many":
        args = [0] * (len(by_position) + 1)
    elif mistake == "unknown keyword":
        kwargs["zz"] = 0
    elif mistake == "missing" and kwargs:
        kwargs.popitem()
    elif mistake == "twice" and args:
        kwargs[by_position[0]] = 0
    elif mistake == "hidden field":
        kwargs["hidden"] = kwargs["double"] = 0
    return args, kwargs


def _twins(name: str) -> tuple[Any, Any]:
    return globals()["V" + name], globals()["D" + name]


def _outcome(action: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", action()
    except Exception as error:
        return "raised", type(error)


def _shown(instance: Any) -> str:
    """``repr`` without the class's name, which differs between the twins by its prefix."""
    text = repr(instance)
    return text[text.index("(") :]


def _values(instance: Any) -> list[tuple[str, Any]]:
    return [(f.name, getattr(instance, f.name)) for f in dataclasses.fields(instance)]


def _same(made: Any, twin: Any) -> None:
    assert _values(made) == _values(twin)
    assert _shown(made) == _shown(twin)
    assert dataclasses.asdict(made) == dataclasses.asdict(twin)
    assert dataclasses.astuple(made) == dataclasses.astuple(twin)


@settings(max_examples=400)
@given(name=st.sampled_from(NAMES), data=st.data())
def test_a_value_class_behaves_as_its_dataclass_twin(name: str, data: st.DataObject) -> None:
    made_cls, twin_cls = _twins(name)
    call, other = data.draw(_calls(twin_cls)), data.draw(_calls(twin_cls))
    args, kwargs = call
    made = _outcome(lambda: made_cls(*args, **dict(kwargs)))
    twin = _outcome(lambda: twin_cls(*args, **dict(kwargs)))
    assert made[0] == twin[0], (made, twin)
    event(f"{name}: {made[0]}")
    if made[0] == "raised":
        assert made[1] is twin[1] is TypeError
        return
    made, twin = made[1], twin[1]
    _same(made, twin)
    # equality and hashing, also against a second drawn instance of the same class
    again = _outcome(lambda: made_cls(*other[0], **dict(other[1])))
    twin_again = _outcome(lambda: twin_cls(*other[0], **dict(other[1])))
    assert again[0] == twin_again[0]
    pairs = [(made, twin, made_cls(**_init_values(made)), twin_cls(**_init_values(twin)))]
    if again[0] == "ok":
        pairs.append((made, twin, again[1], twin_again[1]))
    for left, twin_left, right, twin_right in pairs:
        assert (left == right) == (twin_left == twin_right)
        assert (left != right) == (twin_left != twin_right)
        assert (left == object()) is (twin_left == object()) is False
    assert _outcome(lambda: hash(made)) == _outcome(lambda: hash(twin))
    # frozen: assigning or deleting any attribute raises FrozenInstanceError; else the same
    frozen = twin_cls.__dataclass_params__.frozen
    for attribute in ("a", "zz"):
        assigned = _outcome(lambda: setattr(made, attribute, 9))  # noqa: B023
        deleted = _outcome(lambda: delattr(made, attribute))  # noqa: B023
        if frozen:
            assert assigned == deleted == ("raised", dataclasses.FrozenInstanceError)
        if not (frozen and "Slots" in name and attribute == "zz"):
            assert assigned == _outcome(lambda: setattr(twin, attribute, 9))  # noqa: B023
            assert deleted == _outcome(lambda: delattr(twin, attribute))  # noqa: B023
        # else Python 3.11's dataclass raises TypeError: its __setattr__ for a frozen class
        # with slots calls super() with the class it had before the slots were added.
    for target in (made, twin):
        if not hasattr(target, "a"):
            object.__setattr__(target, "a", 9)
    _same(made, twin)  # whatever the assignments did, they did it to both
    # replace, copy, pickle
    changes = {f.name: 1 for f in dataclasses.fields(made) if f.init and f.name == "a"}
    replaced = _outcome(lambda: dataclasses.replace(made, **changes))
    twin_replaced = _outcome(lambda: dataclasses.replace(twin, **changes))
    assert replaced[0] == twin_replaced[0]
    if replaced[0] == "ok":
        _same(replaced[1], twin_replaced[1])
    for through in (copy.copy, copy.deepcopy, lambda x: pickle.loads(pickle.dumps(x))):
        moved = _outcome(lambda: through(made))  # noqa: B023
        twin_moved = _outcome(lambda: through(twin))  # noqa: B023
        assert moved[0] == twin_moved[0]
        if moved[0] == "ok":
            assert type(moved[1]) is made_cls
            _same(moved[1], twin_moved[1])
            assert (moved[1] == made) == (twin_moved[1] == twin)


def _init_values(instance: Any) -> dict[str, Any]:
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance) if f.init}


@pytest.mark.parametrize("name", NAMES)
def test_the_class_itself_looks_the_same(name: str) -> None:
    made, twin = _twins(name)
    assert dataclasses.is_dataclass(made) and dataclasses.is_dataclass(made(**_needed(made)))
    shown = [repr(f) for f in dataclasses.fields(made)]
    assert shown == [repr(f) for f in dataclasses.fields(twin)]
    assert made.__match_args__ == twin.__match_args__
    assert getattr(made, "__slots__", None) == getattr(twin, "__slots__", None)
    assert repr(made.__dataclass_params__) == repr(twin.__dataclass_params__)
    assert (made.__hash__ is None) == (twin.__hash__ is None)
    assert str(inspect.signature(made)) == str(inspect.signature(twin))
    assert made.__doc__.replace("V" + name, "") == twin.__doc__.replace("D" + name, "")
    for method in ("__init__", "__repr__", "__eq__", "__setattr__"):
        if method in vars(twin):
            assert vars(made)[method].__qualname__.replace("V", "", 1) == (
                vars(twin)[method].__qualname__.replace("D", "", 1)
            )


def _needed(cls: type) -> dict[str, Any]:
    return {
        f.name: 0
        for f in dataclasses.fields(cls)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }


def _refused(decorate: Callable[..., Any], flags: dict[str, bool], body: dict[str, Any]) -> Any:
    return _outcome(lambda: decorate(**flags)(type("C", (), dict(body))))


@pytest.mark.parametrize(
    ("flags", "body"),
    [
        ({}, {"__annotations__": {"a": "int", "b": "int"}, "a": 1}),  # no default after one
        ({"frozen": True}, {"__setattr__": lambda self, name, value: None}),
        ({}, {"__annotations__": {"a": "list[int]"}, "a": []}),  # a mutable default
        ({}, {"a": field(default=1)}),  # a field without annotation
    ],
)
def test_a_class_dataclass_refuses_is_refused(flags: dict[str, bool], body: dict[str, Any]) -> None:
    annotations = dict(body.get("__annotations__", {}))
    made = _refused(value, flags, {**body, "__annotations__": annotations})
    twin = _refused(dataclasses.dataclass, flags, body)
    assert made[0] == twin[0] == "raised"
    assert made[1] is twin[1]


@pytest.mark.parametrize(("base", "frozen"), [("Frozen", False), ("Plain", True)])
def test_frozen_and_not_frozen_do_not_mix(base: str, frozen: bool) -> None:
    made_base, twin_base = _twins(base)
    made = _outcome(lambda: value(frozen=frozen)(type("C", (made_base,), {})))
    twin = _outcome(lambda: dataclasses.dataclass(frozen=frozen)(type("C", (twin_base,), {})))
    assert made == twin == ("raised", TypeError)


def test_a_plain_dataclass_may_subclass_a_value_class() -> None:
    made = dataclasses.dataclass(frozen=True)(type("C", (globals()["VFrozen"],), {}))
    assert made(1, 2).a == 1
    with pytest.raises(TypeError):
        dataclasses.dataclass(type("C", (globals()["VFrozen"],), {}))


def test_repr_of_a_loop_shows_dots() -> None:
    made, twin = _twins("Plain")
    left, right = made(1), twin(1)
    left.c.append(left)
    right.c.append(right)
    assert _shown(left) == _shown(right) == "(a=1, b='', c=[...])"


@pytest.mark.parametrize("name", ["Frozen", "FrozenSlotsKw"])
def test_a_plain_subclass_of_a_frozen_class_keeps_its_fields_frozen(name: str) -> None:
    # Only value's class with slots: Python 3.11's dataclass gives that one a __setattr__
    # bound to the class before it added the slots, which fails with TypeError here.
    for cls in _twins(name)[: 1 if "Slots" in name else 2]:
        sub = type("Sub", (cls,), {})  # not a dataclass: its own attributes are its own
        instance = sub(**_needed(cls))
        with pytest.raises(dataclasses.FrozenInstanceError):
            instance.a = 1
        with pytest.raises(dataclasses.FrozenInstanceError):
            del instance.a
        instance.extra = 1
        assert instance.extra == 1
        del instance.extra
