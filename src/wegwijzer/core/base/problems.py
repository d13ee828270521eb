"""A problem found in a file: where it is and what is wrong, in Dutch, never the data itself."""

from __future__ import annotations

import os
import re
from typing import NamedTuple

from wegwijzer.core.base.text import clean

MAX_PROBLEMS = 50
DEBUG_ENV = "WEGWIJZER_DEBUG"


class Problem(NamedTuple):
    """Where and what, in Dutch. A NamedTuple: a dataclass compiles its methods at
    import, on the way to the home screen (docs/performance.md, issue 19)."""

    file: str
    step: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.step:
            where += f", stap '{self.step}'"
        if self.field:
            where += f", veld '{self.field}'"
        # File names and TOML keys are data too: never pass a control sequence on.
        return clean(f"{where}: {self.message}")

    def as_dict(self) -> dict[str, str]:
        return self._asdict()


class ProblemsError(Exception):
    """Raised when a file cannot be used; carries every problem found (capped)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems[:MAX_PROBLEMS]


def allowed_values(expected: object) -> str:
    """Pydantic's list of allowed values ("'a', 'b' or 'c'") as Dutch: "'a', 'b' of 'c'"."""
    return re.sub(r" or (?=[^,]*$)", " of ", str(expected))


def debugging() -> bool:
    """True when ``$WEGWIJZER_DEBUG`` asks for full tracebacks (developers only)."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def crash_message(error: BaseException) -> str:
    """What a user sees after an unexpected error: its type, never its text or locals.

    Both may hold a note about a minor, and terminals keep logs.
    """
    return (
        f"Interne fout ({type(error).__name__}); de wegwijzer is gestopt.\n"
        "Automatisch opgeslagen concepten blijven bewaard (zie: wegwijzer drafts).\n"
        f"Voor ontwikkelaars: start opnieuw met {DEBUG_ENV}=1 voor de volledige foutmelding."
    )
