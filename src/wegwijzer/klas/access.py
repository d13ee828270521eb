"""The access code of a class, the cookies it buys, and the brake on guessing it.

Pure Python: the server asks ``AccessGate`` whether a code is right (compared in
constant time, ``hmac.compare_digest``), whether a client may try again (at most
``MAX_TRIES`` wrong codes per address per ``WINDOW_SECONDS``), and whether a cookie is
one it handed out.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from collections.abc import Callable

# Digits only: large on a projector (Textual's Digits), typed on any keyboard. Eight of
# them with at most MAX_TRIES wrong a minute per address: guessing takes years.
ALPHABET = "0123456789"
CODE_LENGTH = 8
MAX_TRIES = 5
WINDOW_SECONDS = 60.0
MAX_CLIENTS = 10_000  # addresses remembered by the brake; the oldest go first
MAX_TOKENS = 5_000  # cookies handed out; the oldest go first


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def shown_code(code: str) -> str:
    """``4817-2096``: in two halves, to read from a projector."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def normalised(typed: str) -> str:
    """What a trainee typed, as the code is stored: letters and digits only."""
    return "".join(ch for ch in typed[:64].upper() if ch.isascii() and ch.isalnum())


class AccessGate:
    """Checks codes and cookies for one class."""

    def __init__(
        self,
        code: str | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_tries: int = MAX_TRIES,
        window: float = WINDOW_SECONDS,
    ) -> None:
        self.code = code or new_code()
        self._clock = clock
        self._max_tries = max_tries
        self._window = window
        self._wrong: dict[str, deque[float]] = {}
        self._tokens: dict[str, None] = {}

    def blocked(self, client: str) -> bool:
        """True while ``client`` has had ``max_tries`` wrong codes within the window."""
        tries = self._wrong.get(client)
        if tries is None:
            return False
        now = self._clock()
        while tries and now - tries[0] >= self._window:
            tries.popleft()
        if not tries:
            del self._wrong[client]
            return False
        return len(tries) >= self._max_tries

    def try_code(self, client: str, typed: str) -> str | None:
        """A new cookie token when ``typed`` is the code; None (and one try spent) if not.

        A blocked client gets None without its code being looked at.
        """
        if self.blocked(client):
            return None
        given = normalised(typed).encode("utf-8")
        if hmac.compare_digest(given, self.code.encode("utf-8")):
            return self._issue()
        if client not in self._wrong and len(self._wrong) >= MAX_CLIENTS:
            del self._wrong[next(iter(self._wrong))]
        self._wrong.setdefault(client, deque()).append(self._clock())
        return None

    def _issue(self) -> str:
        token = secrets.token_urlsafe(32)
        if len(self._tokens) >= MAX_TOKENS:
            del self._tokens[next(iter(self._tokens))]
        self._tokens[token] = None
        return token

    def admits(self, token: str | None) -> bool:
        """True for a cookie this gate handed out (looked up, never compared char by char)."""
        return bool(token) and len(token or "") <= 64 and token in self._tokens
