"""A record leaving the program: the privacy scan before, the draft cleared after.

Two forms: the record file (TOML, for ``open`` and ``verify``) and, when the name
ends in ``.md``, the printable overview (Markdown, for people). Both are written
atomically and readable only by the user. Only the record file replaces the draft:
the overview cannot be opened again, so the draft stays until a record is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wegwijzer.core.base.atomic import WriteError, write_atomic
from wegwijzer.core.records.drafts import delete_draft
from wegwijzer.core.records.overview import overview_markdown
from wegwijzer.core.records.privacy import describe, scan
from wegwijzer.core.records.record import RECORD_MAX_BYTES, Record, build_record, record_bytes
from wegwijzer.core.walk.session import Session

OVERVIEW_SUFFIX = ".md"
CASE_REF = ""  # the step id of a finding in the case reference: none


@dataclass(frozen=True)
class PrivacyFinding:
    """One possible piece of personal data: where it is (a step, or the case reference)."""

    step_id: str  # CASE_REF for the case reference
    line: str  # Dutch; names the field and the kind of data, never the text


def privacy_findings(session: Session) -> list[PrivacyFinding]:
    """Possible personal data in what an export would hold: case reference first, then notes.

    Scans the case reference and the note of every step on the path, in path order. A
    note is named by its step's number on the path, as the summary and the overview
    number the steps ("notitie bij stap 3"), never by the step's id.
    """
    found = []
    if session.case_ref:
        found += [
            PrivacyFinding(CASE_REF, line)
            for line in describe(scan(session.case_ref), "zaakkenmerk")
        ]
    for number, step_id in enumerate(dict.fromkeys(session.path), start=1):
        note = session.notes.get(step_id, "")
        if note:
            lines = describe(scan(note), f"notitie bij stap {number}")
            found += [PrivacyFinding(step_id, line) for line in lines]
    return found


def privacy_warnings(session: Session) -> list[str]:
    """Dutch lines for possible personal data in what the record will hold."""
    return [finding.line for finding in privacy_findings(session)]


def is_overview_name(path: Path | str) -> bool:
    """Whether a chosen file name asks for the printable overview rather than the record."""
    return Path(path).suffix.lower() == OVERVIEW_SUFFIX


def overview_bytes(session: Session, *, extra: Mapping[str, Any] | None = None) -> bytes:
    """The printable overview of ``session``: the very record it would export, as Markdown."""
    record = Record.model_validate(build_record(session, extra=extra))
    return overview_markdown(record, session.loaded.source).encode("utf-8")


def export(
    session: Session,
    path: Path,
    *,
    overwrite: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write the record of ``session`` to ``path`` (atomic, 0600), then drop its draft.

    A name ending in ``.md`` gets the printable overview instead, and the draft
    stays. Raises ``RecordExistsError`` or ``WriteError`` (Dutch) and then leaves
    the draft and the session as they were.
    """
    if is_overview_name(path):
        return write_atomic(Path(path), overview_bytes(session, extra=extra), overwrite=overwrite)
    data = record_bytes(session, extra=extra)
    if len(data) > RECORD_MAX_BYTES:  # it could not be read back: say so, write nothing
        limit = RECORD_MAX_BYTES >> 20
        raise WriteError(Path(path), f"het overzicht wordt te groot (meer dan {limit} MiB)")
    written = write_atomic(Path(path), data, overwrite=overwrite)
    delete_draft(session.id)
    return written
