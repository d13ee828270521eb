"""JSON read by the C scanner ``json.loads`` uses, without importing the json package.

The start reads one JSON file, the cache of checked flows, before its first frame.
Importing ``json`` compiles six regexes (its Python decoder's and encoder's, which the C
scanner never uses): 5.6 M instructions, more than reading the file (docs/performance.md,
issue 19). Here the scanner of ``_json`` (CPython's accelerator, the one ``json.loads``
calls) reads the text itself. What it reads is what ``json.loads`` reads, or nothing: no
"NaN" or "Infinity", no blanks around the document, UTF-8 only
(``tests/test_json_read.py`` holds it to ``json.loads``). Where ``_json`` is missing,
``json.loads`` reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _refuse(name: str) -> Any:
    raise ValueError(f"no {name} in our JSON")


class _Context:
    """What the scanner asks of its decoder: plain Python types, strict strings."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = staticmethod(_refuse)


def _scanner() -> Callable[[str, int], tuple[Any, int]] | None:
    try:
        from _json import make_scanner
    except ImportError:
        return None
    # typeshed names the context's type after the scanner (it reads the same attributes)
    context: Any = _Context()
    scan: Callable[[str, int], tuple[Any, int]] = make_scanner(context)
    return scan


def loads(data: bytes) -> Any:
    """The JSON document ``data`` (UTF-8), as ``json.loads`` gives it; ValueError (or
    RecursionError, nested too deep) when it is not one."""
    scan = _scanner()
    if scan is None:
        import json

        return json.loads(data)
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    try:
        value, end = scan(text, 0)
    except StopIteration as error:
        raise ValueError(f"no JSON value at {error.value}") from None
    if end != len(text):
        raise ValueError(f"more than one JSON value (at {end})")
    return value
