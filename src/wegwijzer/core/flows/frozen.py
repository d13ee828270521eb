"""The runtime shape of flows and sources: frozen dataclasses, built from plain data.

The walk, the records, training and every front work on these. They are built in
two ways, by the one ``build`` below:

- from what pydantic validated (``core.flows.schema``): every file the cache of
  checked flows does not vouch for is checked that way first;
- straight from the parsed TOML of a file whose bytes the cache vouches for (same
  bytes, same checker: checked before), so opening it needs no pydantic at all
  (docs/performance.md, issue 19).

``build`` takes data only in the exact form TOML gives it (``str``, ``int``,
``float``, ``bool``, dates and times, lists, tables); anything that pydantic would
have had to convert raises ``NotCanonical``, and the caller then validates with
pydantic instead. It checks types and keys, not lengths or patterns: those were
checked by pydantic, now or when the cache was filled. Records are built the same
way (``core.records.record``, vouched for by ``core.records.vouch``). This module
imports neither pydantic nor textual.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, TypeVar, get_args, get_origin, get_type_hints

T = TypeVar("T", bound="Frozen")
Convert = Callable[[Any], Any]
_MISSING = dataclasses.MISSING


class NotCanonical(ValueError):
    """Data that is not exactly as a checked file gives it: validate it with pydantic."""


class _Fields:
    """``cls.model_fields``: the fields by name, in order, as pydantic's models have them."""

    def __get__(self, instance: object, owner: type) -> dict[str, dataclasses.Field[Any]]:
        return {item.name: item for item in dataclasses.fields(owner)}


class Frozen:
    """Base of the runtime classes, each ``@value(frozen=True, slots=True, kw_only=True)``
    (``core.base.value``: a dataclass without generated code, docs/performance.md).

    ``SCHEMA`` names the module of the pydantic model with the same class name, the
    validator of this shape in a file.
    """

    __slots__ = ()
    SCHEMA: ClassVar[str] = "wegwijzer.core.flows.schema"
    model_fields: ClassVar[_Fields] = _Fields()

    @classmethod
    def model_validate(cls: type[T], data: Any) -> T:
        """Validate ``data`` with this class's pydantic model, then build it (raises
        pydantic's ``ValidationError``, as the model does)."""
        return validated(cls, data)

    def model_copy(self: T, *, update: dict[str, Any]) -> T:
        """A copy with some fields replaced (not validated, as pydantic's is not)."""
        return dataclasses.replace(self, **update)  # type: ignore[type-var]

    def model_dump(
        self,
        *,
        mode: Literal["python", "json"] = "python",
        exclude_defaults: bool = False,
        exclude_none: bool = False,
    ) -> dict[str, Any]:
        """Plain data, as pydantic's ``model_dump`` gives it for the model."""
        found: dict[str, Any] = dump(
            self, exclude_defaults=exclude_defaults, exclude_none=exclude_none, mode=mode
        )
        return found


def alias(name: str, **options: Any) -> Any:
    """A field whose key in a file is ``name`` (``schema`` for ``schema_``)."""
    return dataclasses.field(metadata={"alias": name}, **options)


# --- building -------------------------------------------------------------------

_PLANS: dict[type, tuple[dict[str, tuple[str, Convert]], dict[str, Any]]] = {}


def build(cls: type[T], data: object) -> T:
    """An instance of ``cls`` from plain data, or ``NotCanonical``."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    keys, defaults = plan
    if type(data) is not dict:
        raise NotCanonical(cls.__name__)
    values: dict[str, Any] = {}
    for key, value in data.items():
        found = keys.get(key)
        if found is None:
            raise NotCanonical(f"{cls.__name__}.{key}")
        values[found[0]] = found[1](value)
    for name, default in defaults.items():
        if name not in values:
            if default is _MISSING:
                raise NotCanonical(f"{cls.__name__}.{name} missing")
            values[name] = default
    return cls(**values)


def validated(cls: type[T], data: dict[str, Any]) -> T:
    """``data`` validated with the pydantic model of ``cls`` (``SCHEMA``), then built.

    Built from ``data`` itself when it is canonical (pydantic then changed nothing but
    the defaults, which ``build`` fills the same way), else from what pydantic made of
    it. Raises pydantic's ``ValidationError``.
    """
    model = getattr(importlib.import_module(cls.SCHEMA), cls.__name__).model_validate(data)
    try:
        return build(cls, data)
    except NotCanonical:
        return build(cls, model.model_dump(by_alias=True))


def _plan(cls: type) -> tuple[dict[str, tuple[str, Convert]], dict[str, Any]]:
    hints = get_type_hints(cls)
    keys: dict[str, tuple[str, Convert]] = {}
    defaults: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        keys[item.metadata.get("alias", item.name)] = (item.name, _converter(hints[item.name]))
        if item.default is not _MISSING:
            defaults[item.name] = item.default
        elif item.default_factory is not _MISSING:
            defaults[item.name] = item.default_factory()
        else:
            defaults[item.name] = _MISSING
    return keys, defaults


def _exact(kind: type) -> Convert:
    def convert(value: Any) -> Any:
        if type(value) is not kind:
            raise NotCanonical(kind.__name__)
        return value

    return convert


def _converter(hint: Any) -> Convert:
    origin = get_origin(hint)
    if hint in (str, int, float, bool, dt.date, dt.datetime):
        return _exact(hint)
    if origin is Literal:
        allowed = {(type(arg), arg) for arg in get_args(hint)}

        def literal(value: Any) -> Any:
            if type(value) not in (str, int, bool) or (type(value), value) not in allowed:
                raise NotCanonical("literal")
            return value

        return literal
    if origin is tuple:
        each = _converter(get_args(hint)[0])

        def sequence(value: Any) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                raise NotCanonical("list")
            return tuple(map(each, value))

        return sequence
    if origin is dict:
        key, each = _converter(get_args(hint)[0]), _converter(get_args(hint)[1])

        def table(value: Any) -> dict[Any, Any]:
            if type(value) is not dict:
                raise NotCanonical("table")
            return {key(k): each(v) for k, v in value.items()}

        return table
    if origin is list:
        item = _converter(get_args(hint)[0])

        def listed(value: Any) -> list[Any]:
            if type(value) is not list:
                raise NotCanonical("list")
            return list(map(item, value))

        return listed
    if origin in (typing.Union, types.UnionType):
        return _union(get_args(hint))
    if isinstance(hint, type) and issubclass(hint, Frozen):
        return lambda value: build(hint, value)
    raise TypeError(f"no converter for {hint!r}")


def _union(members: tuple[Any, ...]) -> Convert:
    """A union: runtime classes told apart by ``kind`` (``_tagged``); else each member by
    the exact type of the value (``str | list[str] | None``, ``bool | int | float | str``)."""
    if all(isinstance(m, type) and issubclass(m, Frozen) for m in members):
        return _tagged(members)
    by_type: dict[type, Convert] = {}
    for member in members:
        kind = get_origin(member) or member
        if isinstance(kind, type) and issubclass(kind, Frozen):
            kind = dict
        if kind in by_type:
            raise TypeError(f"no converter for a union of two {kind!r}")
        by_type[kind] = (lambda value: value) if member is type(None) else _converter(member)

    def pick(value: Any) -> Any:
        convert = by_type.get(type(value))
        if convert is None:
            raise NotCanonical("union")
        return convert(value)

    return pick


def _tagged(members: tuple[type, ...]) -> Convert:
    """A union of runtime classes told apart by their ``kind`` (as pydantic's discriminator)."""
    by_kind: dict[str, type] = {}
    for member in members:
        (kind,) = get_args(get_type_hints(member)["kind"])
        by_kind[kind] = member

    def tagged(value: Any) -> Any:
        kind = value.get("kind") if type(value) is dict else None
        member = by_kind.get(kind) if type(kind) is str else None
        if member is None:
            raise NotCanonical("kind")
        return build(member, value)

    return tagged


# --- dumping ----------------------------------------------------------------------


def dump(
    value: Any,
    *,
    exclude_defaults: bool = False,
    exclude_none: bool = False,
    mode: Literal["python", "json"] = "json",
) -> Any:
    """Plain data, as pydantic's ``model_dump(mode=mode)`` gives it for the model: in
    ``json`` mode tuples as lists and dates and times as ISO text."""
    if isinstance(value, Frozen):
        found = {}
        for item in dataclasses.fields(value):  # type: ignore[arg-type]
            field_value = getattr(value, item.name)
            if exclude_none and field_value is None:
                continue
            if exclude_defaults and _is_default(item, field_value):
                continue
            found[item.name] = dump(
                field_value, exclude_defaults=exclude_defaults, exclude_none=exclude_none, mode=mode
            )
        return found
    if isinstance(value, tuple | list):
        items = [
            dump(item, exclude_defaults=exclude_defaults, exclude_none=exclude_none, mode=mode)
            for item in value
        ]
        return tuple(items) if mode == "python" and isinstance(value, tuple) else items
    if isinstance(value, dict):
        return {
            k: dump(v, exclude_defaults=exclude_defaults, exclude_none=exclude_none, mode=mode)
            for k, v in value.items()
        }
    if mode == "json" and isinstance(value, dt.date):
        return value.isoformat()
    return value


def _is_default(item: dataclasses.Field[Any], value: Any) -> bool:
    if item.default is not _MISSING:
        return bool(value == item.default)
    if item.default_factory is not _MISSING:
        return bool(value == item.default_factory())
    return False
