"""A record leaving the program: the privacy check before, the draft cleared after."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from wegwijzer.core.base.atomic import WriteError, write_atomic
from wegwijzer.core.records.drafts import delete_draft
from wegwijzer.core.records.privacy import describe, scan
from wegwijzer.core.records.record import RECORD_MAX_BYTES, record_bytes
from wegwijzer.core.walk.session import Session


def privacy_warnings(session: Session) -> list[str]:
    """Dutch lines for possible personal data in what the record will hold.

    Scans the case reference and the note of every step on the path. A line
    names the field and the kind of data, never the text that matched.
    """
    lines = describe(scan(session.case_ref), "zaakkenmerk") if session.case_ref else []
    for step_id in dict.fromkeys(session.path):
        note = session.notes.get(step_id, "")
        if note:
            lines += describe(scan(note), f"notitie bij stap '{step_id}'")
    return lines


def export(
    session: Session,
    path: Path,
    *,
    overwrite: bool = False,
    extra: Mapping[str, Any] | None = None,
) -> Path:
    """Write the record of ``session`` to ``path`` (atomic, 0600), then drop its draft.

    Raises ``RecordExistsError`` or ``WriteError`` (Dutch) and then leaves the
    draft and the session as they were.
    """
    data = record_bytes(session, extra=extra)
    if len(data) > RECORD_MAX_BYTES:  # it could not be read back: say so, write nothing
        limit = RECORD_MAX_BYTES >> 20
        raise WriteError(Path(path), f"het overzicht wordt te groot (meer dan {limit} MiB)")
    written = write_atomic(Path(path), data, overwrite=overwrite)
    delete_draft(session.id)
    return written
