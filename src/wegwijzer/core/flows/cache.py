"""Checked flows by content hash: what a clean check found, kept for the next start.

Checking the flows means importing pydantic, building the models and validating
every file: most of the time of ``wegwijzer check`` and of the TUI's start
(docs/performance.md). The answer only changes when a file or the checker
changes, so a clean result is kept under a key over both:

- the bytes of every file the loaders read (the sources, the flows and, for a
  folder, its exercises), with their names and the folder as given, because the
  output shows those paths;
- the checker: the bytes of every ``.py`` under ``wegwijzer/core/``, pydantic's version
  file, the Python version and ``FORMAT``.

Only results without a single problem are kept, so every problem is reported
fresh by a full check. The cache is one JSON file (mode 0600, written
atomically) in ``$WEGWIJZER_CACHE`` or the user's cache folder; a cache that is
missing, unreadable, too large or not as written here is ignored and rebuilt.
This module imports neither pydantic nor textual.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from wegwijzer.core.base.atomic import WriteError, make_private_folder, write_atomic
from wegwijzer.core.base.digest import Hash, key_hash
from wegwijzer.core.base.json_read import loads
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.base.tomlfile import read_limited

ENV_CACHE = "WEGWIJZER_CACHE"
FILE_NAME = "gecontroleerde-flows.json"
FORMAT = 3  # 2: flows carry their guarantees and silent topics; 3: BLAKE2b keys
MAX_ENTRIES = 16  # a few folders and file sets; the oldest goes first
MAX_CACHE_BYTES = 2 * 1024 * 1024
MAX_INPUT_BYTES = 16 * 1024 * 1024  # the largest file a loader accepts (a flow)
FOLDER_MODE = 0o700
EXERCISES = "oefeningen"  # as core.training.exercise.FOLDER; that module imports pydantic

# The entries are NamedTuples, not frozen dataclasses: every start defines them, and the
# dataclass decorator compiles five generated methods per class at import (about 4.8
# million instructions a class against 1.1 for a NamedTuple; docs/performance.md).


class FlowEntry(NamedTuple):
    """A checked flow as the home screen and ``wegwijzer check`` show it."""

    id: str
    title: str
    audience: str
    steps: int
    path: str
    # (outcome, citation) for every guarantee, all proved (only clean checks are kept)
    guarantees: tuple[tuple[str, str], ...] = ()
    # (topic id, Dutch label, step id) for every step that names a silent topic
    silent: tuple[tuple[str, str, str], ...] = ()


ROWS = {"guarantees": 2, "silent": 3}  # FlowEntry's fields of rows, and their widths


class ExerciseEntry(NamedTuple):
    """A checked exercise: ``exercise_summary`` plus its flow's title for the home screen."""

    id: str
    title: str
    flow: str
    flow_title: str
    decisions: int
    points: int
    path: str


class SourceEntry(NamedTuple):
    """What ``render.source_note`` shows of a source."""

    id: str
    title: str
    received_label: str
    answered_by: str


class Checked(NamedTuple):
    """Everything a clean check of a folder (or of files) found, in the loaders' order."""

    flows: tuple[FlowEntry, ...]
    exercises: tuple[ExerciseEntry, ...]
    sources: tuple[SourceEntry, ...]
    citations: tuple[tuple[str, int], ...]  # answer number -> citing steps, in order


# --- the key --------------------------------------------------------------------


@cache
def checker_fingerprint() -> bytes | None:
    """A hash of the code that decides what a check finds; None when it cannot be read."""
    digest = key_hash(f"{FORMAT}\0{sys.version}\0".encode())
    try:
        core = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        for name in _modules(core):
            with open(os.path.join(core, name), "rb") as handle:
                _add(digest, name.encode(), handle.read())
        spec = importlib.util.find_spec("pydantic")  # finds it without importing it
        if spec is None or spec.origin is None:
            return None
        _add(digest, b"pydantic", (Path(spec.origin).parent / "version.py").read_bytes())
    except (OSError, ImportError, ValueError):
        return None
    return digest.digest()


def _modules(core: str) -> list[str]:
    """Every ``.py`` file under ``core``, as sorted '/'-joined paths relative to it.

    With ``os.scandir``, not ``Path.rglob``: this runs at every start, and pathlib's walk
    and path objects cost three times the reading and hashing (docs/performance.md).
    A link to a folder is not followed (a loop would never end)."""
    found: list[str] = []
    folders = [""]
    while folders:
        folder = folders.pop()
        with os.scandir(os.path.join(core, folder)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(f"{folder}{entry.name}/")
                elif entry.name.endswith(".py"):
                    found.append(f"{folder}{entry.name}")
    found.sort()
    return found


def _add(digest: Hash, name: bytes, data: bytes) -> None:
    # Lengths first: no two different file sets give the same stream of bytes.
    digest.update(len(name).to_bytes(8, "big") + name + len(data).to_bytes(8, "big") + data)


def _read(path: Path) -> bytes | None:
    try:
        data = read_limited(path, MAX_INPUT_BYTES)  # a FIFO or device: refused, never waited on
    except ProblemsError:
        return None
    return data if len(data) <= MAX_INPUT_BYTES else None


def input_files(folder: Path, files: Sequence[Path] | None = None) -> list[Path]:
    """The files a check reads, as the loaders find them (``load_catalog``, ``load_exercises``)."""
    found = sorted((folder / "sources").glob("*.toml"))
    if files is not None:
        return found + list(files)
    found += sorted(folder.glob("*.toml"))
    exercises = folder / EXERCISES
    return found + (sorted(exercises.glob("*.toml")) if exercises.is_dir() else [])


def content_key(folder: Path, files: Sequence[Path] | None = None) -> str | None:
    """The cache key for checking ``folder`` (its flows and exercises) or only ``files``.

    None when a file cannot be read (or is too large): the full check reports it.
    """
    return read_inputs(folder, files)[0]


def read_inputs(
    folder: Path, files: Sequence[Path] | None = None
) -> tuple[str | None, dict[Path, bytes]]:
    """``content_key`` and the bytes it hashed, by path: a flow the cache vouches for is
    built from exactly these bytes, never from a second read (``catalog.load_catalog``)."""
    fingerprint = checker_fingerprint()
    if fingerprint is None:
        return None, {}
    digest = key_hash(fingerprint)
    mode = b"folder" if files is None else b"files"
    _add(digest, mode, os.fsencode(folder))
    try:
        paths = input_files(folder, files)
    except OSError:
        return None, {}
    contents: dict[Path, bytes] = {}
    for path in paths:
        data = _read(path)
        if data is None:
            return None, {}
        _add(digest, os.fsencode(path), data)
        contents[path] = data
    return digest.hexdigest(), contents


# --- the file ---------------------------------------------------------------------


def cache_dir() -> Path:
    """``$WEGWIJZER_CACHE``, else the platform's user cache folder for wegwijzer."""
    configured = os.environ.get(ENV_CACHE)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wegwijzer", appauthor=False))


def cache_file() -> Path:
    return cache_dir() / FILE_NAME


def _entries() -> dict[str, Any]:
    """The raw entries of the cache file; empty when it is missing or not ours."""
    try:
        data = read_limited(cache_file(), MAX_CACHE_BYTES)
        if len(data) > MAX_CACHE_BYTES:
            return {}
        parsed = loads(data)  # no json package before the first frame
    except (ProblemsError, ValueError, RecursionError):
        return {}
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        return {}
    entries = parsed.get("entries")
    return entries if isinstance(entries, dict) else {}


def lookup(key: str | None) -> Checked | None:
    """The clean result stored under ``key``; None when there is none (or it is damaged)."""
    if key is None:
        return None
    raw = _entries().get(key)
    try:
        return _checked(raw)
    except (TypeError, ValueError):
        return None


def store(key: str, checked: Checked) -> None:
    """Keep ``checked`` under ``key``; silently does nothing when the cache cannot be written."""
    import json  # after the first frame (``json_read``): storing is the worker's job

    entries = {k: v for k, v in _entries().items() if k != key}
    entries[key] = _plain(checked)
    while len(entries) > MAX_ENTRIES:
        del entries[next(iter(entries))]
    data = json.dumps({"format": FORMAT, "entries": entries}, ensure_ascii=False).encode()
    if len(data) > MAX_CACHE_BYTES:
        data = json.dumps({"format": FORMAT, "entries": {key: _plain(checked)}}).encode()
        if len(data) > MAX_CACHE_BYTES:
            return
    folder = cache_dir()
    with contextlib.suppress(OSError, WriteError):
        make_private_folder(folder)
        write_atomic(folder / FILE_NAME, data, overwrite=True)


# --- to and from JSON ---------------------------------------------------------------

Entry = TypeVar("Entry", FlowEntry, ExerciseEntry, SourceEntry)


def _plain(checked: Checked) -> dict[str, Any]:
    return {
        "flows": [entry._asdict() for entry in checked.flows],
        "exercises": [entry._asdict() for entry in checked.exercises],
        "sources": [entry._asdict() for entry in checked.sources],
        "citations": [list(pair) for pair in checked.citations],
    }


def _entry(kind: type[Entry], raw: object) -> Entry:
    """One entry, exactly as ``_plain`` wrote it; raises ValueError for anything else."""
    if not isinstance(raw, dict) or set(raw) != set(kind._fields):
        raise ValueError("not an entry")
    rows = {}
    for name in kind._fields:
        value = raw[name]
        if kind is FlowEntry and name in ROWS:
            rows[name] = _rows(value, ROWS[name])
            continue
        declared = kind.__annotations__[name]  # a ForwardRef: NamedTuple wraps the text
        wanted = int if getattr(declared, "__forward_arg__", declared) == "int" else str
        if type(value) is not wanted or (isinstance(value, str) and not _shown_as_is(value)):
            raise ValueError(f"{name}: wrong type")
    return kind(**{**raw, **rows})


def _rows(raw: object, width: int) -> tuple[Any, ...]:
    rows = []
    for row in _list(raw):
        if not (
            isinstance(row, list)
            and len(row) == width
            and all(type(cell) is str and _shown_as_is(cell) for cell in row)
        ):
            raise ValueError("rows")
        rows.append(tuple(row))
    return tuple(rows)


def _shown_as_is(text: str) -> bool:
    # What is printed from the cache was clean when it was checked; a control sequence
    # in the file is damage (or planted), never shown: the entry is a miss.
    return clean(text, multiline=True) == text


def _list(raw: object) -> list[object]:
    if not isinstance(raw, list):
        raise ValueError("not a list")
    return raw


def _checked(raw: object) -> Checked | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) != {"flows", "exercises", "sources", "citations"}:
        raise ValueError("not an entry")
    citations = []
    for pair in _list(raw["citations"]):
        if not (
            isinstance(pair, list)
            and len(pair) == 2
            and type(pair[0]) is str
            and _shown_as_is(pair[0])
            and type(pair[1]) is int
        ):
            raise ValueError("citations")
        citations.append((pair[0], pair[1]))
    checked = Checked(
        flows=tuple(_entry(FlowEntry, item) for item in _list(raw["flows"])),
        exercises=tuple(_entry(ExerciseEntry, item) for item in _list(raw["exercises"])),
        sources=tuple(_entry(SourceEntry, item) for item in _list(raw["sources"])),
        citations=tuple(citations),
    )
    return checked if checked.flows else None  # a clean check always found a flow
