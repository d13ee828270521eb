"""The hash of the caches' keys: BLAKE2b-256, from CPython's own module.

Importing ``hashlib`` loads OpenSSL (about 3 ms at every start, docs/performance.md);
the caches (``core.flows.cache``, ``core.records.vouch``) need a collision-resistant
hash of bytes, not OpenSSL. A Python built without its own BLAKE2 gets hashlib's: the
same function, so the same keys. Hashes written into records stay SHA-256
(``flow_hash``, ``step_hash``): they are part of the record format.
"""

from __future__ import annotations

from typing import Protocol

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython this runs on has it
    from hashlib import blake2b

DIGEST_SIZE = 32  # 64 hex digits, as a SHA-256


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


def key_hash(data: bytes = b"") -> Hash:
    """A new hash object (``update``, ``digest``, ``hexdigest``) over ``data``."""
    return blake2b(data, digest_size=DIGEST_SIZE)
