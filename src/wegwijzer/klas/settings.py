"""What a class runs with: the trainer's choices, and how a session process learns them.

Pure Python (no aiohttp, no textual): the command line, the server, the trainee's app
and the class view all read these. A session process gets its settings through its
environment (``to_environment`` / ``from_environment``), never from the browser.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from wegwijzer.core.base.clock import local
from wegwijzer.core.base.text import clean

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8321
DEFAULT_MAX = 40
# An idle session (no key and no resize from its browser) ends after 20 minutes: long
# enough to read a vignette and discuss it, short enough that a tab left open in a
# room does not hold a process for the rest of the day (docs/klas.md).
IDLE_SECONDS = 20 * 60
# After its connection ends a session process gets this long to stop by itself, then
# SIGTERM, then the same again before SIGKILL.
GRACE_SECONDS = 3.0
RESULTS_FOLDER_MODE = 0o700
NICKNAME_MAX = 24

ENV_RESULTS = "WEGWIJZER_KLAS_RESULTATEN"
ENV_EXERCISES = "WEGWIJZER_KLAS_OEFENINGEN"
ENV_FEEDBACK = "WEGWIJZER_KLAS_FEEDBACK"

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class KlasSettings:
    """One class: which exercises, where results go, and the server's limits."""

    results: Path
    exercises: tuple[str, ...] = ()  # empty: every exercise
    feedback: str = "direct"
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    max_sessions: int = DEFAULT_MAX
    idle_seconds: float = IDLE_SECONDS
    grace_seconds: float = GRACE_SECONDS

    def to_environment(self) -> dict[str, str]:
        """What a session process needs to know, as environment variables."""
        return {
            ENV_RESULTS: str(self.results),
            ENV_EXERCISES: ",".join(self.exercises),
            ENV_FEEDBACK: self.feedback,
        }


@dataclass(frozen=True)
class TraineeSettings:
    """What a session process reads from its environment."""

    results: Path
    exercises: tuple[str, ...]
    feedback: str


def from_environment(environ: dict[str, str] | None = None) -> TraineeSettings:
    """The trainee's settings; a missing results folder is a ``ValueError`` (no session)."""
    env = os.environ if environ is None else environ
    results = env.get(ENV_RESULTS, "")
    if not results:
        raise ValueError(f"{ENV_RESULTS} is not set")
    feedback = env.get(ENV_FEEDBACK, "direct")
    return TraineeSettings(
        results=Path(results),
        exercises=parse_exercise_ids(env.get(ENV_EXERCISES, "")),
        feedback=feedback if feedback in ("direct", "achteraf") else "direct",
    )


def parse_exercise_ids(text: str) -> tuple[str, ...]:
    """``"a,b, c"`` -> ``("a", "b", "c")``; ids that are no slug are dropped."""
    ids = (part.strip() for part in text.split(","))
    return tuple(dict.fromkeys(part for part in ids if _SLUG.match(part)))


def default_results_dir(data_dir: Path, today: dt.date) -> Path:
    """``<data>/klas/2026-12-01``; a second class on one day gets ``2026-12-01-2`` and on."""
    base = data_dir / "klas"
    name = today.isoformat()
    candidate = base / name
    number = 2
    while candidate.exists():
        candidate = base / f"{name}-{number}"
        number += 1
    return candidate


def make_results_dir(folder: Path) -> Path:
    """Create ``folder`` (0700; an existing one is made 0700 too) and return it."""
    folder.mkdir(mode=RESULTS_FOLDER_MODE, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o777 != RESULTS_FOLDER_MODE:
        folder.chmod(RESULTS_FOLDER_MODE)
    return folder


def clean_nickname(value: str) -> str:
    """A nickname as typed in a browser, safe to show and to put in a file name.

    Control, bidi and markup-looking characters go (``clean`` plus brackets and
    backslashes); spaces collapse; at most ``NICKNAME_MAX`` characters.
    """
    text = clean(value, limit=NICKNAME_MAX * 4)
    text = "".join(ch for ch in text if ch.isalnum() or ch in " -_.'")
    return " ".join(text.split())[:NICKNAME_MAX].strip(" .")


def file_part(value: str) -> str:
    """``value`` as a piece of a file name: ASCII letters, digits and hyphens only."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:40] or "deelnemer"


def result_name(nickname: str, exercise_id: str, moment: dt.datetime) -> str:
    """``sam-politie-zonder-aangifte-2026-12-01-1522.toml`` (local time of the end)."""
    shown = local(moment)
    return f"{file_part(nickname)}-{file_part(exercise_id)}-{shown:%Y-%m-%d-%H%M%S}.toml"
