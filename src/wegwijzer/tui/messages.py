"""Messages the screens post up to the app, which owns the session and the screen stack."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from wegwijzer.core.flows.check import LoadedFlow


class FlowChosen(Message):
    """Start a new walk through ``loaded`` (``mode`` is "casus" or "oefening")."""

    def __init__(self, loaded: LoadedFlow, mode: str = "casus") -> None:
        super().__init__()
        self.loaded = loaded
        self.mode = mode


class RecordChosen(Message):
    """Open a record or draft file: resume it, or show it for review."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class SessionChanged(Message):
    """The session moved or a note changed: autosave, then show the right screen."""


class ReopenStep(Message):
    """Make an earlier step current again to change its answer."""

    def __init__(self, step_id: str) -> None:
        super().__init__()
        self.step_id = step_id


class BackFromOutcome(Message):
    """Leave the summary for the last question, keeping every answer."""
