"""Drafts: an unfinished session saved after every answer, so nothing is lost.

A draft is a record (the same format, unfinished allowed, plus the answers and
notes off the current path in ``kept``) in
``<user data folder>/concepten``, named by session id. The folder is 0700 and
every file 0600, written atomically. ``$WEGWIJZER_DATA`` replaces the user data
folder (for tests and for organisations that want drafts elsewhere).
SIGTERM and SIGHUP save the current session before the process exits.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NamedTuple

from wegwijzer.core.base.atomic import (
    TEMP_MARK,
    WriteError,
    make_private_folder,
    reason_of,
    write_atomic,
)
from wegwijzer.core.base.problems import ProblemsError

if TYPE_CHECKING:
    from wegwijzer.core.records.record import Record
    from wegwijzer.core.walk.session import Session

# ``core.records.record`` (the record models, tomli-w) is imported by the functions that read or
# write a draft: listing an empty drafts folder, on every start, does not need it.

ENV_DATA = "WEGWIJZER_DATA"
FOLDER = "concepten"
FOLDER_MODE = 0o700


def data_dir() -> Path:
    """``$WEGWIJZER_DATA``, else the platform's user data folder for wegwijzer."""
    configured = os.environ.get(ENV_DATA)
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir  # only needed when no folder is configured

    return Path(user_data_dir("wegwijzer", appauthor=False))


def drafts_dir(*, create: bool = False) -> Path:
    """The drafts folder; with ``create`` it is made (0700) and its mode enforced."""
    folder = data_dir() / FOLDER
    if create:
        try:
            make_private_folder(folder)  # and the data folder above it, 0700 too
        except OSError as error:
            raise WriteError(folder, reason_of(error)) from None
    return folder


def draft_path(session_id: str) -> Path:
    from wegwijzer.core.records.record import SESSION_ID

    if not SESSION_ID.match(session_id):
        raise ValueError("not a session id")
    return drafts_dir() / f"{session_id}.toml"


def save_draft(session: Session, *, vouch: bool = True) -> Path:
    """Write the session as a draft (atomically, 0600); raises ``WriteError``.

    With ``vouch`` the bytes are first validated as the reader will validate them and,
    when clean, vouched for (``core.records.vouch``): resuming exactly this draft then
    needs no pydantic. Without, it is validated when it is next listed or opened.
    """
    from wegwijzer.core.records.record import RECORD_MAX_BYTES, record_bytes
    from wegwijzer.core.records.vouch import Vouches

    path = draft_path(session.id)  # refuses an id that is not a plain hex id
    data = record_bytes(session, with_kept=True)  # answers off the path too: nothing is lost
    if len(data) > RECORD_MAX_BYTES:  # it could not be read back: say so, write nothing
        raise WriteError(
            path, f"het concept wordt te groot (meer dan {RECORD_MAX_BYTES >> 20} MiB)"
        )
    if vouch:
        vouches = Vouches()
        with contextlib.suppress(ProblemsError):  # written all the same; listed as skipped
            vouches.record_from(data, str(path), remember=True)
        vouches.save()  # before the draft is there: a draft is vouched for once it exists
    drafts_dir(create=True)
    return write_atomic(path, data, overwrite=True)


class DraftInfo(NamedTuple):
    """One draft as the lists show it. A NamedTuple: a dataclass compiles its methods at
    import, on the way to the home screen (docs/performance.md, issue 19)."""

    session_id: str
    flow_id: str
    flow_title: str
    mode: str
    case_ref: str
    started: dt.datetime  # aware
    answered: int  # steps answered so far
    finished: bool
    path: Path
    changed: dt.datetime | None = None  # aware, UTC: when the draft was last written


class DraftListing:
    """The drafts, and a Dutch line for each one that could not be read.

    Written out: a dataclass compiles its methods at import (docs/performance.md, issue 19),
    and a NamedTuple has no fresh lists to fill. Equal by value, unhashable."""

    __slots__ = ("drafts", "skipped")

    def __init__(
        self, drafts: list[DraftInfo] | None = None, skipped: list[str] | None = None
    ) -> None:
        self.drafts: list[DraftInfo] = [] if drafts is None else drafts
        self.skipped: list[str] = [] if skipped is None else skipped  # Dutch, one line each

    def __eq__(self, other: object) -> bool:  # also makes it unhashable
        if not isinstance(other, DraftListing) or other.__class__ is not self.__class__:
            return NotImplemented
        return (self.drafts, self.skipped) == (other.drafts, other.skipped)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


def _info(record: Record, path: Path) -> DraftInfo:
    return DraftInfo(
        session_id=record.session_id,
        flow_id=record.flow,
        flow_title=record.flow_title,
        mode=record.mode,
        case_ref=record.case_ref,
        started=record.started,
        answered=sum(1 for step in record.steps if step.answer is not None),
        finished=record.complete,
        path=path,
        changed=changed_at(path),
    )


def changed_at(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError:
        return None


def newest_first(draft: DraftInfo) -> tuple[dt.datetime, str]:
    """The sort key (reversed): the draft worked on last first, where a person goes on."""
    return (draft.changed or draft.started, draft.session_id)


def is_draft_name(name: str) -> bool:
    """A ``.toml`` file that is not hidden: ``Path(name).suffix == ".toml"`` for names
    not starting with a dot."""
    return name.endswith(".toml") and not name.startswith(".")


def draft_paths() -> tuple[list[Path], str | None]:
    """The draft files, sorted; with a Dutch line when the folder cannot be read."""
    folder = drafts_dir()
    try:
        # By name, as Path objects of one folder sort; names, not Paths, until then (the
        # start lists the drafts before its first frame: docs/performance.md, issue 19).
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if is_draft_name(entry.name))
        paths = [folder / name for name in names]
    except FileNotFoundError:
        return [], None
    except OSError as error:
        return [], f"{folder}: map kan niet gelezen worden ({reason_of(error)})"
    return paths, None


def list_drafts() -> DraftListing:
    """Every readable draft, newest first; unreadable ones are skipped with a reason.

    Each draft is read and validated with the record model, or built from its bytes
    when a validation by this checker vouched for exactly them (``core.records.vouch``);
    the drafts validated clean here are vouched for. The home screen's first frame uses
    ``draft_peek.peek_drafts`` instead and this right after it.
    """
    listing = DraftListing()
    paths, problem = draft_paths()
    if problem:
        listing.skipped.append(problem)
    if not paths:
        return listing
    from wegwijzer.core.records.vouch import Vouches

    vouches = Vouches()
    for path in paths:
        try:
            record = vouches.read(path, remember=True)
        except ProblemsError as error:
            reason = error.problems[0].message if error.problems else "onleesbaar"
            listing.skipped.append(f"{path.name}: overgeslagen, {reason}")
            continue
        if path.stem != record.session_id:
            listing.skipped.append(f"{path.name}: overgeslagen, naam past niet bij de sessie")
            continue
        listing.drafts.append(_info(record, path))
    vouches.save()
    listing.drafts.sort(key=newest_first, reverse=True)
    return listing


def find_draft(key: str) -> DraftInfo | None:
    """A draft by full session id or by a unique prefix of at least four characters."""
    key = key.strip().lower()
    if len(key) < 4:
        return None
    matches = [d for d in list_drafts().drafts if d.session_id.startswith(key)]
    return matches[0] if len(matches) == 1 else None


def delete_draft(session_id: str) -> bool:
    """Remove the draft of ``session_id``; False when there was none."""
    try:
        path = draft_path(session_id)
    except ValueError:
        return False
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    for name in _names(path.parent):
        if name.startswith(f".{path.name}{TEMP_MARK}"):
            with contextlib.suppress(OSError):
                (path.parent / name).unlink()
    return True


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def purge() -> int:
    """Delete every draft and leftover temp file; returns how many drafts went."""
    folder = drafts_dir()
    count = 0
    for name in _names(folder):
        is_draft = name.endswith(".toml") and not name.startswith(".")
        if is_draft or (name.startswith(".") and TEMP_MARK in name):
            try:
                (folder / name).unlink()
            except OSError:
                continue
            count += is_draft
    return count


class Stopped(SystemExit):
    """SIGTERM or SIGHUP stopped the program: its exit code and what to tell the user.

    The message is printed by ``cli.main`` once the program is done with the terminal;
    printed from the handler, the TUI's alternate screen would swallow it.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(code)
        self.message = message


def install_signal_save(get_session: Callable[[], Session | None]) -> Callable[[], None]:
    """On SIGTERM or SIGHUP: save the current session as a draft, raise ``Stopped``.

    Returns a function that puts the previous handlers back. ``Stopped`` is a
    ``SystemExit`` (exit code 128 + signum), so ``finally`` blocks run; its message
    names the draft, never a note.
    """
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.getsignal(signum) for signum in wanted}

    def handler(signum: int, frame: FrameType | None) -> None:
        for other in wanted:  # a second signal must not interrupt the save
            signal.signal(other, signal.SIG_IGN)
        message = "Gestopt."
        session = get_session()
        if session is not None:
            try:
                path = save_draft(session, vouch=False)  # no pydantic import in a handler
            except (WriteError, OSError, ValueError) as error:
                message = f"Gestopt; het concept kon niet worden opgeslagen: {error}"
            else:
                message = (
                    f"Gestopt; concept opgeslagen in {path}\n"
                    f"Verder gaan: wegwijzer run --resume {session.id[:12]}"
                )
        raise Stopped(128 + signum, message)

    for signum in wanted:
        signal.signal(signum, handler)

    def restore() -> None:
        for signum, old in previous.items():
            signal.signal(signum, old)

    return restore
