"""Dataclasses without generated code: ``@value(...)`` instead of ``@dataclass(...)``.

Python 3.11's ``dataclass`` writes each method it adds as source text and compiles it
with ``exec`` when the class is defined: about 0.7 ms for a frozen class, against
0.01 ms for a hand-written one, and some twenty of them are defined before
``wegwijzer run`` shows its first step (docs/performance.md, issue 19). ``value``
lets ``dataclasses.dataclass`` do only what compiles nothing (``init``, ``repr`` and
``eq`` off, ``frozen`` off: it then reads the fields, sets ``__dataclass_fields__``
and ``__match_args__`` and makes the slots), and adds methods written once here,
closures over the class's fields. To the ``dataclasses`` module (``fields``,
``replace``, ``asdict``, ``is_dataclass``) the class is a dataclass, and the methods
do what ``dataclass``'s would with the same flags (``tests/test_value.py`` holds
them to it). Not supported, because nothing here uses them: ``InitVar``, ``eq=False``,
``order``, ``unsafe_hash``, ``weakref_slot``, and a frozen value class whose base is a
frozen class made by ``dataclass`` (that call refuses it; a ``dataclass`` may subclass
a value class).
"""

from __future__ import annotations

import abc
import dataclasses
from _thread import get_ident
from collections.abc import Callable
from operator import attrgetter
from typing import Any, NoReturn, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)
_MISSING: Any = dataclasses.MISSING
_INITVAR: Any = getattr(dataclasses, "_FIELD_INITVAR", None)
_set = object.__setattr__
_building: set[int] = set()  # threads inside ``value``'s call of ``dataclass``


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def value(*, frozen: bool = False, slots: bool = False, kw_only: bool = False) -> Callable[[T], T]:
    """``dataclass(frozen=frozen, slots=slots, kw_only=kw_only)``, without ``exec``."""

    def decorate(cls: T) -> T:
        made: T = _make(cls, frozen=frozen, slots=slots, kw_only=kw_only)
        return made

    return decorate


def _make(cls: Any, *, frozen: bool, slots: bool, kw_only: bool) -> Any:
    own = cls.__dict__
    no_doc = not own.get("__doc__")
    class_hash = own.get("__hash__", _MISSING)
    explicit_hash = not (class_hash is _MISSING or (class_hash is None and "__eq__" in own))
    _check_bases(cls, frozen)
    if no_doc:
        cls.__doc__ = cls.__name__  # so ``dataclass`` does not build the text with inspect
    _building.add(get_ident())
    try:
        cls = dataclasses.dataclass(
            cls, init=False, repr=False, eq=False, frozen=False, slots=slots, kw_only=kw_only
        )
    finally:
        _building.discard(get_ident())
    every = cls.__dataclass_fields__.values()
    if any(getattr(item, "_field_type", None) is _INITVAR for item in every):
        raise TypeError(f"{cls.__name__}: value classes take no InitVar; use dataclass")
    fields = dataclasses.fields(cls)
    cls.__dataclass_params__ = _Params(frozen)
    init = _init(cls, fields, frozen=frozen, slots=slots)
    if _new(cls, "__init__", init) is init:
        cls.__signature__ = _Signature(cls, init)
    _new(cls, "__repr__", _repr([item.name for item in fields if item.repr]))
    _new(cls, "__eq__", _eq(_row([item.name for item in fields if item.compare])))
    if frozen:
        names = frozenset(item.name for item in fields)
        for name, method in (
            ("__setattr__", _setattr(cls, names)),
            ("__delattr__", _delattr(cls, names)),
        ):
            if _new(cls, name, method) is not method:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    if not explicit_hash:
        hashed = [
            item.name for item in fields if (item.compare if item.hash is None else item.hash)
        ]
        cls.__hash__ = _hash(cls, _row(hashed)) if frozen else None
    if frozen and slots:
        if "__getstate__" not in cls.__dict__:
            cls.__getstate__ = _getstate
        if "__setstate__" not in cls.__dict__:
            cls.__setstate__ = _setstate
    if no_doc:
        cls.__doc__ = _Doc()
    abc.update_abstractmethods(cls)
    return cls


def _check_bases(cls: Any, frozen: bool) -> None:
    """``dataclass``'s rule, which its call here (``frozen=False``) cannot apply."""
    bases = [b for b in cls.__mro__[1:] if hasattr(b, "__dataclass_fields__")]
    if not bases:
        return
    any_frozen = any(b.__dataclass_params__.frozen for b in bases)
    if any_frozen and not frozen:
        raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
    if not any_frozen and frozen:
        raise TypeError("cannot inherit frozen dataclass from a non-frozen one")


def _new(cls: Any, name: str, method: Any) -> Any:
    """Set ``method`` unless the class body defined ``name``; what the class then has."""
    if name in cls.__dict__:
        return cls.__dict__[name]
    method.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, method)
    return method


def _init(
    cls: Any, fields: tuple[dataclasses.Field[Any], ...], *, frozen: bool, slots: bool
) -> Any:
    """``__init__``: arguments as ``dataclass``'s would take them, set in field order.

    A flow builds a few hundred of these objects, mostly with every field given by
    keyword (``core.flows.frozen.build``): that case takes the short way.
    """
    taken = [item for item in fields if item.init]
    positional = tuple(item.name for item in taken if not item.kw_only)
    allowed = frozenset(item.name for item in taken)
    required = frozenset(
        item.name for item in taken if item.default is _MISSING and item.default_factory is _MISSING
    )
    _check_defaults([item for item in taken if not item.kw_only])
    names: list[str] = []  # what __init__ sets, in field order
    defaults: dict[str, Any] = {}
    factories: list[tuple[str, Any]] = []  # name, default_factory
    for item in fields:
        if item.default_factory is not _MISSING:
            factories.append((item.name, item.default_factory))
        elif item.default is not _MISSING and (item.init or slots):
            defaults[item.name] = item.default
        elif not item.init:
            continue  # no default, or the class attribute holds it: dataclass sets nothing
        names.append(item.name)
    order, plan = tuple(names), tuple(factories)
    whole = len(allowed) if len(names) == len(allowed) else -1  # every field given: short way
    most = len(positional)
    assign = _set if frozen else setattr
    post_init = hasattr(cls, "__post_init__")
    qualname = cls.__qualname__

    def __init__(self: Any, /, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > most:
                _refuse(qualname, positional, allowed, required, len(args), kwargs)
            for name, given in zip(positional, args, strict=False):
                if name in kwargs:
                    raise TypeError(f"{qualname}.__init__() got multiple values for {name!r}")
                kwargs[name] = given
        if len(kwargs) != whole or not kwargs.keys() <= allowed:
            keys = kwargs.keys()
            if not (keys <= allowed and keys >= required):
                _refuse(qualname, positional, allowed, required, 0, kwargs)
            kwargs = defaults | kwargs
            for name, factory in plan:
                if name not in kwargs:
                    kwargs[name] = factory()
        for name in order:
            assign(self, name, kwargs[name])
        if post_init:
            self.__post_init__()

    return __init__


def _check_defaults(positional: list[dataclasses.Field[Any]]) -> None:
    """``dataclass``'s rule for an ``__init__`` it writes: no required argument after one
    with a default."""
    seen_default = False
    for item in positional:
        if item.default is not _MISSING or item.default_factory is not _MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f"non-default argument {item.name!r} follows default argument")


def _row(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of the named attributes, as ``dataclass`` compares and hashes them."""
    if not names:
        return lambda _: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda instance: (one(instance),)
    many: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
    return many


def _repr(names: list[str]) -> Any:
    running: set[tuple[int, int]] = set()  # as dataclass's guard: '...' for a loop

    def __repr__(self: Any) -> str:
        key = id(self), get_ident()
        if key in running:
            return "..."
        running.add(key)
        try:
            shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        finally:
            running.discard(key)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _eq(row: Callable[[Any], tuple[Any, ...]]) -> Any:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return row(self) == row(other)
        return NotImplemented

    return __eq__


def _hash(cls: Any, row: Callable[[Any], tuple[Any, ...]]) -> Any:
    def __hash__(self: Any) -> int:
        return hash(row(self))

    __hash__.__qualname__ = f"{cls.__qualname__}.__hash__"
    return __hash__


def _setattr(cls: Any, names: frozenset[str]) -> Any:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _delattr(cls: Any, names: frozenset[str]) -> Any:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__


def _getstate(self: Any) -> list[Any]:
    """Frozen classes with slots pickle and copy as ``dataclass``'s do: their values."""
    return [getattr(self, item.name) for item in dataclasses.fields(self)]


def _setstate(self: Any, state: list[Any]) -> None:
    for item, found in zip(dataclasses.fields(self), state, strict=False):
        _set(self, item.name, found)


def _refuse(
    qualname: str,
    positional: tuple[str, ...],
    allowed: frozenset[str],
    required: frozenset[str],
    given: int,
    kwargs: dict[str, Any],
) -> NoReturn:
    """Raise the TypeError Python raises for a call ``dataclass``'s ``__init__`` refuses."""
    where = f"{qualname}.__init__()"
    if given > len(positional):
        raise TypeError(
            f"{where} takes {len(positional) + 1} positional arguments but {given + 1} were given"
        )
    unexpected = [name for name in kwargs if name not in allowed]
    if unexpected:
        raise TypeError(f"{where} got an unexpected keyword argument {unexpected[0]!r}")
    missing = sorted(required.difference(kwargs))
    raise TypeError(f"{where} missing {len(missing)} required argument(s): {missing}")


class _Params:
    """``__dataclass_params__`` as ``dataclass`` would set it (its frozen rule for
    subclasses reads it), but not frozen while ``value`` calls ``dataclass`` for a
    subclass: that call is ``frozen=False`` and would refuse a frozen base."""

    __slots__ = ("_frozen",)
    init = repr = eq = True
    order = unsafe_hash = False

    def __init__(self, frozen: bool) -> None:
        self._frozen = frozen

    @property
    def frozen(self) -> bool:
        return self._frozen and get_ident() not in _building

    def __repr__(self) -> str:
        return (
            "_DataclassParams(init=True,repr=True,eq=True,order=False,unsafe_hash=False,"
            f"frozen={self._frozen!r})"
        )


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


class _Signature:
    """``inspect.signature(cls)``: the ``__init__`` of ``dataclass``'s, built when asked."""

    def __init__(self, cls: Any, init: Any) -> None:
        self.cls, self.init = cls, init

    def __get__(self, instance: Any, owner: Any) -> Any:
        if owner.__init__ is not self.init:
            return None  # a subclass's own __init__: inspect reads that
        import inspect

        kinds = inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY
        taken = [item for item in dataclasses.fields(self.cls) if item.init]
        taken.sort(key=lambda item: bool(item.kw_only))  # stable: the order of ``dataclass``
        parameters = [
            inspect.Parameter(
                item.name,
                kinds[bool(item.kw_only)],
                default=(
                    item.default
                    if item.default is not _MISSING
                    else _FACTORY
                    if item.default_factory is not _MISSING
                    else inspect.Parameter.empty
                ),
                annotation=item.type,
            )
            for item in taken
        ]
        return inspect.Signature(parameters, return_annotation=None)


class _Doc:
    """A class without a docstring gets ``dataclass``'s, its signature, made when read."""

    def __get__(self, instance: Any, owner: Any) -> str:
        import inspect

        text: str = owner.__name__ + str(inspect.signature(owner)).replace(" -> None", "")
        return text
