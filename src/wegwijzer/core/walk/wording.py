"""Dutch wording of the walk that the TUI and line mode both print: where a user is."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wegwijzer.core.walk.session import Session


def step_count(session: Session) -> str:
    """``Stap 3 van ongeveer 12``: ``ongeveer`` unless every way on is as long."""
    position, total, exact = session.progress()
    return f"Stap {position} van {'' if exact else 'ongeveer '}{total}"
