"""Reading TOML from disk defensively: size cap first, then decoding, then parsing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from wegwijzer.core.base.problems import Problem, ProblemsError

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
# tomllib keeps a flag per key prefix, so a dotted key of n parts costs O(n²) memory:
# 100,000 parts exhaust the machine. Refuse long dotted keys before parsing.
MAX_KEY_PARTS = 64
_LONG_DOTTED_KEY = re.compile(
    r"(?<![A-Za-z0-9_-])(?:(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+)"
    + f"{{{MAX_KEY_PARTS},}}"
)


def _has_long_dotted_key(text: str) -> bool:
    """``_LONG_DOTTED_KEY.search(text)``, line by line, on lines with enough dots only.

    A key never spans lines, and MAX_KEY_PARTS parts need as many dots, so the
    regex (slow: it is tried at every character) runs on almost no lines.
    """
    if text.count(".") < MAX_KEY_PARTS:
        return False
    return any(
        line.count(".") >= MAX_KEY_PARTS and _LONG_DOTTED_KEY.search(line)
        for line in text.split("\n")
    )


_STEP_HEADER = re.compile(r"^\s*\[+\s*steps\.([A-Za-z0-9_-]{1,64})")


def _fail(name: str, message: str, step: str = "") -> ProblemsError:
    return ProblemsError([Problem(file=name, step=step, field="", message=message)])


def _step_before(text: str, line: int) -> str:
    """The step whose table the given line falls in, to point an author at it."""
    step = ""
    for number, content in enumerate(text.splitlines()[:line], start=1):
        found = _STEP_HEADER.match(content)
        if found:
            step = found.group(1)
        if number >= line:
            break
    return step


def parse_toml(data: bytes, name: str, max_bytes: int) -> dict[str, Any]:
    """Parse TOML bytes; every failure becomes a Dutch ``ProblemsError``."""
    if len(data) > max_bytes:
        raise _fail(name, f"bestand is te groot (meer dan {max_bytes // 1024} KiB)")
    if not data.strip():
        raise _fail(name, "bestand is leeg")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _fail(name, f"bestand is geen geldige UTF-8 (byte {error.start})") from None
    if _has_long_dotted_key(text):
        raise _fail(name, f"sleutel met meer dan {MAX_KEY_PARTS} delen (te diep genest)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _POSITION.search(str(error))
        if not found:
            raise _fail(name, "geen geldige TOML") from None
        line = int(found.group(1))
        where = f" (regel {line}, kolom {found.group(2)})"
        raise _fail(name, f"geen geldige TOML{where}", _step_before(text, line)) from None
    except RecursionError:
        raise _fail(name, "geen geldige TOML (te diep genest)") from None


def read_toml(path: Path, max_bytes: int) -> dict[str, Any]:
    """Read and parse a TOML file, refusing oversize files before reading them whole."""
    name = str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise _fail(name, "bestand bestaat niet") from None
    except IsADirectoryError:
        raise _fail(name, "dit is een map, geen bestand") from None
    except PermissionError:
        raise _fail(name, "geen toestemming om het bestand te lezen") from None
    except OSError as error:
        raise _fail(
            name, f"bestand kan niet gelezen worden ({error.strerror or 'onbekende fout'})"
        ) from None
    return parse_toml(data, name, max_bytes)
