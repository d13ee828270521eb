"""A problem found in a file: where it is and what is wrong, in Dutch, never the data itself."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from wegwijzer.core.text import clean

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
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
        return asdict(self)


class ProblemsError(Exception):
    """Raised when a file cannot be used; carries every problem found (capped)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems[:3]))
        self.problems = problems[:MAX_PROBLEMS]
