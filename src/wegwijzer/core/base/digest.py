"""The hashes: the caches' keys (BLAKE2b-256) and the ``sha256:`` digests records carry,
both from CPython's own modules.

Importing ``hashlib`` loads OpenSSL (about 3 ms at every start, docs/performance.md);
the caches (``core.flows.cache``, ``core.records.vouch``) need a collision-resistant
hash of bytes, not OpenSSL. A Python built without its own BLAKE2 gets hashlib's: the
same function, so the same keys. Hashes written into records stay SHA-256
(``flow_hash``, ``step_hash``): they are part of the record format; ``sha256_digest``
takes CPython's own SHA-256 for them, for the same reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

try:
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - every CPython this runs on has it
    from hashlib import blake2b
if TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        from _sha256 import sha256  # CPython 3.11
    except ImportError:  # pragma: no cover - 3.12 renamed it; else hashlib's, the same
        try:
            from _sha2 import sha256
        except ImportError:
            from hashlib import sha256

DIGEST_SIZE = 32  # 64 hex digits, as a SHA-256


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...

    def digest(self) -> bytes: ...

    def hexdigest(self) -> str: ...


def key_hash(data: bytes = b"") -> Hash:
    """A new hash object (``update``, ``digest``, ``hexdigest``) over ``data``."""
    return blake2b(data, digest_size=DIGEST_SIZE)


def sha256_digest(data: bytes) -> str:
    """``sha256:`` and the hex SHA-256 of ``data``: the digests in flows and records."""
    return "sha256:" + sha256(data).hexdigest()
