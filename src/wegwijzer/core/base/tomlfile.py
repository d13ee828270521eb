"""The one reader for every file the program opens: flows, sources, exercises, records,
drafts, results.

Regular files only (a FIFO, device or socket is refused at once, never opened in a
way that blocks); the size cap before reading; the TOML limits before parsing; after
parsing, every integer within TOML's 64 bits, every float finite and every date in a
plausible range, so nothing it accepts can crash a later reader or printer. Every
fault is a Dutch ``ProblemsError`` naming the file.
"""

from __future__ import annotations

import datetime as dt
import errno
import math
import os
import re
import stat
from pathlib import Path
from typing import Any

from wegwijzer.core.base.limits import INT_MAX, INT_MIN, YEAR_MAX, YEAR_MIN
from wegwijzer.core.base.problems import Problem, ProblemsError

# Patterns, not compiled regexes: compiled on first use (``re`` keeps them), as a start
# that reads no faulty file needs none of them (docs/performance.md, issue 19).
_POSITION = r"\(at line (\d+), column (\d+)\)"
# tomllib keeps a flag per key prefix, so a dotted key of n parts costs O(n²) memory:
# 100,000 parts exhaust the machine. Refuse long dotted keys before parsing.
MAX_KEY_PARTS = 64
_LONG_DOTTED_KEY = (
    r"(?<![A-Za-z0-9_-])(?:(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+)"
    + f"{{{MAX_KEY_PARTS},}}"
)


def _has_long_dotted_key(text: str) -> bool:
    """``re.search(_LONG_DOTTED_KEY, text)``, line by line, on lines with enough dots only.

    A key never spans lines, and MAX_KEY_PARTS parts need as many dots, so the
    regex (slow: it is tried at every character) runs on almost no lines.
    """
    if text.count(".") < MAX_KEY_PARTS:
        return False
    return any(
        line.count(".") >= MAX_KEY_PARTS and re.search(_LONG_DOTTED_KEY, line)
        for line in text.split("\n")
    )


_STEP_HEADER = r"^\s*\[+\s*steps\.([A-Za-z0-9_-]{1,64})"


def _fail(name: str, message: str, step: str = "", field: str = "") -> ProblemsError:
    return ProblemsError([Problem(file=name, step=step, field=field, message=message)])


def _step_before(text: str, line: int) -> str:
    """The step whose table the given line falls in, to point an author at it."""
    step = ""
    for number, content in enumerate(text.splitlines()[:line], start=1):
        found = re.match(_STEP_HEADER, content)
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
    import tomllib  # here: a start with nothing to parse (no drafts) does not load it

    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(_POSITION, str(error))
        if not found:
            raise _fail(name, "de opmaak van het bestand klopt niet") from None
        line = int(found.group(1))
        where = f" (regel {line}, kolom {found.group(2)})"
        raise _fail(
            name, f"de opmaak van het bestand klopt niet{where}", _step_before(text, line)
        ) from None
    except RecursionError:
        raise _fail(name, "de opmaak van het bestand klopt niet (te diep genest)") from None
    except ValueError:
        # Python refuses to convert an integer of more than 4,300 digits.
        raise _fail(
            name, "de opmaak van het bestand klopt niet (een getal met te veel cijfers)"
        ) from None
    _check_values(parsed, name)
    return parsed


def parse_plain_first(data: bytes, name: str, max_bytes: int) -> dict[str, Any]:
    """``parse_toml``, with text of the plainest lines read without tomllib
    (``core.base.toml_lines``: the same table, for a draft's header lines)."""
    from wegwijzer.core.base.toml_lines import plain_table  # a start without drafts: not used

    table = plain_table(data) if len(data) <= max_bytes else None
    if table is None:
        return parse_toml(data, name, max_bytes)
    _check_values(table, name)
    return table


def _value_fault(value: object) -> str:
    """Why a parsed scalar is out of bounds, or "" when it is fine."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return "" if INT_MIN <= value <= INT_MAX else "getal is te groot (meer dan 64 bits)"
    if isinstance(value, float):
        return "" if math.isfinite(value) else "getal is oneindig of geen getal (inf, nan)"
    if isinstance(value, dt.date):  # a datetime is a date too
        if not YEAR_MIN <= value.year <= YEAR_MAX:
            return f"datum buiten {YEAR_MIN}-{YEAR_MAX}"
        if isinstance(value, dt.datetime) and value.utcoffset() is not None:
            try:
                value.astimezone(dt.UTC)
            except (OverflowError, ValueError):
                return f"datum buiten {YEAR_MIN}-{YEAR_MAX}"
    return ""


def _where(path: tuple[object, ...]) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            key = str(part)[:40]
            text += f".{key}" if text else key
    return text


def _check_values(parsed: dict[str, Any], name: str) -> None:
    """Refuse integers beyond 64 bits, inf and nan, and implausible dates, naming the field.

    Iterative, so a deeply nested file costs no Python stack.
    """
    stack: list[tuple[tuple[object, ...], object]] = [((), parsed)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*where, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*where, index), item) for index, item in enumerate(value))
        elif isinstance(value, str):
            continue
        else:
            fault = _value_fault(value)
            if fault:
                raise _fail(name, fault, field=_where(where))


NOT_REGULAR = "geen gewoon bestand (een FIFO, apparaat of socket); alleen gewone bestanden"


def _refuse_special(mode: int, name: str) -> None:
    if stat.S_ISDIR(mode):
        raise _fail(name, "dit is een map, geen bestand")
    if not stat.S_ISREG(mode):
        raise _fail(name, NOT_REGULAR)


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` + 1 (so "too large" can be told).

    Opened without blocking and checked with ``fstat`` before a byte is read: a FIFO
    would otherwise wait for a writer forever, and a device never ends.
    """
    name = str(path)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        _refuse_special(os.stat(path).st_mode, name)  # a socket cannot even be opened
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _fail(name, "bestand bestaat niet") from None
    except PermissionError:
        raise _fail(name, "geen toestemming om het bestand te lezen") from None
    except OSError as error:
        raise _fail(name, f"bestand kan niet gelezen worden ({_reason(error)})") from None
    try:
        _refuse_special(os.fstat(fd).st_mode, name)  # it may have been swapped meanwhile
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _fail(name, f"bestand kan niet gelezen worden ({_reason(error)})") from None
    finally:
        os.close(fd)


_REASONS = {
    "ENOTDIR": "een deel van het pad is geen map",
    "ELOOP": "te veel symbolische koppelingen",
    "ENAMETOOLONG": "de bestandsnaam is te lang",
    "EIO": "invoer-/uitvoerfout van de schijf",
    "EISDIR": "dit is een map",
}


def _reason(error: OSError) -> str:
    """A Dutch reason for an OS error (never the system's English text)."""
    code = errno.errorcode.get(error.errno or 0, "")
    return _REASONS.get(code, f"systeemfout {code or error.errno}")


def read_toml(path: Path, max_bytes: int) -> dict[str, Any]:
    """Read and parse a TOML file, refusing oversize files before reading them whole."""
    return parse_toml(read_limited(Path(path), max_bytes), str(path), max_bytes)
