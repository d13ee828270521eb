"""Every call from the TUI into records, drafts and exports, in one small place.

Autosave runs off the UI thread: the session is copied on the UI thread (the copy is
what the worker writes, so answering on never races the write) and a ticket orders the
saves, so an older save that is still waiting never overwrites a newer one, and no
draft comes back after an export has removed it.

The record code (``core.records.export``, ``core.records.resume``: the record models) is imported by
the functions that write or open a record, not on every start.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wegwijzer.core.base.atomic import RecordExistsError, WriteError
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.catalog import Catalog
from wegwijzer.core.records import drafts
from wegwijzer.core.records.drafts import DraftInfo, DraftListing

if TYPE_CHECKING:
    from wegwijzer.core.flows.protocol import Protocol
    from wegwijzer.core.records.export import PrivacyFinding
    from wegwijzer.core.records.protocol_record import ProtocolRecord
    from wegwijzer.core.records.resume import Opened
    from wegwijzer.core.walk.session import Session

__all__ = [
    "CASE_REF",
    "DraftInfo",
    "DraftListing",
    "DraftSaver",
    "ProblemsError",
    "RecordExistsError",
    "WriteError",
    "install_signal_save",
    "is_overview_name",
    "list_drafts",
    "open_record",
    "opened_changes",
    "privacy_findings",
    "privacy_warnings",
    "resume_note",
    "snapshot",
]

CASE_REF = ""  # the step id of a privacy finding in the case reference (core.records.export)
list_drafts = drafts.list_drafts
install_signal_save = drafts.install_signal_save


def privacy_warnings(session: Session) -> list[str]:
    """Dutch lines about possible personal data in what an export would hold."""
    from wegwijzer.core.records.export import privacy_warnings

    return privacy_warnings(session)


def privacy_findings(session: Session) -> list[PrivacyFinding]:
    """The same, with where each one is: a step id, or "" for the case reference."""
    from wegwijzer.core.records.export import privacy_findings

    return privacy_findings(session)


def is_overview_name(path: Path) -> bool:
    """Whether the chosen name asks for the printable overview (``.md``)."""
    from wegwijzer.core.records.export import is_overview_name

    return is_overview_name(path)


def resume_note(recorded: ProtocolRecord | None, at_hand: Protocol | None) -> str:
    """Dutch: the draft was begun with another protocol than the one shown now ('' if not)."""
    from wegwijzer.core.records.protocol_record import resume_note

    return resume_note(recorded, at_hand)


def open_record(path: Path, catalog: Catalog) -> Opened:
    """Resume ``path`` when it matches its flow, else open it for review; ``ProblemsError``."""
    from wegwijzer.core.records.resume import open_record

    return open_record(path, catalog=catalog)


def opened_changes(opened: Opened) -> tuple[list[str], list[str]]:
    """Why ``opened`` is review only, and what changed in its flow or source since (Dutch)."""
    from wegwijzer.core.records.drift import drift_of, shown_reasons

    drift = drift_of(opened)
    changes = list(drift.changes) if drift is not None else []
    return shown_reasons(opened.reasons, drift), changes


def snapshot(session: Session) -> Session:
    """A copy to hand to another thread: its own path, answers and notes."""
    copied = copy.copy(session)
    copied.path = list(session.path)
    copied.answers = dict(session.answers)
    copied.notes = dict(session.notes)
    return copied


class DraftSaver:
    """Orders draft saves and exports of one app; ``enabled=False`` writes no drafts."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self._lock = threading.Lock()
        self._latest = 0
        self.failure = ""  # Dutch reason the last draft save failed; "" after a good one

    def ticket(self) -> int:
        """Called on the UI thread for every save; the newest ticket wins."""
        self._latest += 1
        return self._latest

    def save(self, copied: Session, ticket: int) -> str | None:
        """Write the draft (worker thread); returns a Dutch error or None."""
        with self._lock:
            if not self.enabled or ticket != self._latest:
                return None
            try:
                drafts.save_draft(copied)
            except (WriteError, OSError, ValueError) as error:
                self.failure = error.reason if isinstance(error, WriteError) else "schrijffout"
                return f"Concept kon niet worden opgeslagen: {error}"
            self.failure = ""
            return None

    def export(self, session: Session, path: Path, *, overwrite: bool) -> Path:
        """Write the record, then drop the draft; raises RecordExistsError or WriteError."""
        with self._lock:
            self._latest += 1  # a save still waiting must not bring the draft back
            from wegwijzer.core.records.export import export

            return export(session, path, overwrite=overwrite)

    def delete(self, session_id: str) -> bool:
        with self._lock:
            self._latest += 1
            return drafts.delete_draft(session_id)


def make_saver_call(saver: DraftSaver, session: Session) -> Callable[[], str | None]:
    """The work for one autosave: copy now (UI thread), write later (worker thread)."""
    copied, ticket = snapshot(session), saver.ticket()
    return lambda: saver.save(copied, ticket)
