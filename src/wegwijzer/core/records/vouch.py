"""Drafts this checker validated before, by a hash of their exact bytes.

Validating a record means importing pydantic and the record models: more than a bare
Textual app's whole start (docs/performance.md, issue 19). A draft is written by this
app and read back by it, mostly unchanged, so a full validation is remembered: the
key is a BLAKE2b-256 (``core.base.digest``) over the checker
(``core.flows.cache.checker_fingerprint``: every ``core/*.py``, pydantic's version,
Python's version) and the file's exact bytes. A record whose bytes, just read, have a
key in the store is built straight from those bytes (``core.flows.frozen.build``:
strict, only what TOML gives); every other record is validated as always
(``core.records.reader``), and remembered when asked and clean.

Who vouches: ``drafts.save_draft`` (it validates the bytes it is about to write) and
``drafts.list_drafts`` (the home screen's check of the drafts after its first frame).
The store is one JSON file in the cache folder (0600, written atomically, the newest
``MAX_ENTRIES`` keys); a missing, unreadable, oversized or damaged store is ignored,
and then every record is validated with pydantic. This module imports no pydantic.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from pathlib import Path

from wegwijzer.core.base.atomic import WriteError, make_private_folder, write_atomic
from wegwijzer.core.base.digest import key_hash
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.base.tomlfile import parse_toml, read_limited
from wegwijzer.core.flows.cache import cache_dir, checker_fingerprint
from wegwijzer.core.flows.frozen import NotCanonical, build
from wegwijzer.core.records.record import RECORD_MAX_BYTES, Record

FILE_NAME = "gecontroleerde-concepten.json"
FORMAT = 2  # 2: BLAKE2b keys (core.base.digest)
MAX_ENTRIES = 256  # a draft is rewritten after every answer: its older keys age out
MAX_STORE_BYTES = 64 * 1024
_KEY = re.compile(r"^[0-9a-f]{64}$")
_WRITING = threading.Lock()  # the autosave and the home screen's check may both vouch


def store_file() -> Path:
    return cache_dir() / FILE_NAME


def record_key(data: bytes) -> str | None:
    """The key of a record's exact bytes under this checker; None when the checker's code
    cannot be read (then nothing is vouched for)."""
    fingerprint = checker_fingerprint()
    if fingerprint is None:
        return None
    return key_hash(b"record\0" + fingerprint + data).hexdigest()


def _keys() -> list[str]:
    """The stored keys, oldest first; empty when the store is missing or not ours."""
    try:
        data = read_limited(store_file(), MAX_STORE_BYTES)
        if len(data) > MAX_STORE_BYTES:
            return []
        parsed = json.loads(data)
    except (ProblemsError, ValueError, RecursionError):
        return []
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        return []
    keys = parsed.get("keys")
    if not isinstance(keys, list) or not all(type(k) is str and _KEY.match(k) for k in keys):
        return []
    return keys


def vouch(keys: list[str]) -> None:
    """Remember ``keys`` as validated clean; silently nothing when the store cannot be written."""
    if not keys:
        return
    with _WRITING:
        kept = [k for k in _keys() if k not in keys] + list(dict.fromkeys(keys))
        data = json.dumps({"format": FORMAT, "keys": kept[-MAX_ENTRIES:]}).encode()
        with contextlib.suppress(OSError, WriteError):
            make_private_folder(cache_dir())
            write_atomic(store_file(), data, overwrite=True)


class Vouches:
    """The store as read once, for reading one record or a folder of drafts."""

    def __init__(self) -> None:
        self.known = frozenset(_keys())
        self.new: list[str] = []  # validated clean here, not yet in the store

    def record_from(self, data: bytes, name: str, *, remember: bool = False) -> Record:
        """The record in ``data`` (the bytes of the file ``name``, read once).

        Built straight from these bytes when the store vouches for them; else validated
        with the record model and, with ``remember``, noted for ``save`` when that finds
        nothing. Raises ``ProblemsError`` where ``reader.read_record`` does.
        """
        key = record_key(data)
        if key is not None and key in self.known:
            with contextlib.suppress(NotCanonical, ProblemsError, RecursionError):
                raw = clean_tree(parse_toml(data, name, RECORD_MAX_BYTES))  # as the reader
                return build(Record, raw)
        from wegwijzer.core.records.reader import parse_record  # pydantic

        record = parse_record(data, name)
        if remember and key is not None:
            self.new.append(key)
        return record

    def read(self, path: Path, *, remember: bool = False) -> Record:
        path = Path(path)
        return self.record_from(read_limited(path, RECORD_MAX_BYTES), str(path), remember=remember)

    def save(self) -> None:
        """Store the keys noted by ``record_from``."""
        vouch(self.new)
        self.new = []


def load_record(path: Path) -> Record:
    """``reader.read_record``, without pydantic for bytes this checker validated before."""
    return Vouches().read(path)
