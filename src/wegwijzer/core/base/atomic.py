"""Writing a file so that it is either the old or the new one, never half of either.

The bytes go to a temp file in the target's own folder (created 0600 with
O_EXCL, so nobody else's file is reused), are flushed and fsynced, and then
``os.replace`` swaps the temp file in. ``os.replace`` renames over the target
itself: a symlink at the target is replaced, its destination is never written.
The folder is fsynced afterwards so the rename survives a power cut.

A process killed halfway leaves at most one temp file, named
``.<name>.tmp-<random>``; the next write to the same target removes it. A
writer holds an flock on its temp file until the rename, so a temp file still
being written (by another thread or process) is never taken for a leftover.
POSIX only, like the 0600 modes it exists for.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path

MODE = 0o600
TEMP_MARK = ".tmp-"
_NAME_ROOM = 200  # keep temp names under the usual 255-byte limit


class RecordExistsError(Exception):
    """The target exists and overwriting was not confirmed; the message is Dutch."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: bestand bestaat al; kies een andere naam of overschrijf bewust (--force)"
        )
        self.path = path


class WriteError(Exception):
    """Writing failed; nothing was changed on disk. The message is Dutch."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: opslaan mislukt: {reason}; er is niets gewijzigd")
        self.path = path
        self.reason = reason


_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quota) is op",
    errno.EACCES: "geen toestemming om in deze map te schrijven",
    errno.EPERM: "geen toestemming om in deze map te schrijven",
    errno.EROFS: "de map is alleen-lezen",
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ELOOP: "te veel symbolische koppelingen",
    errno.EMLINK: "te veel koppelingen",
    errno.EBUSY: "het bestand is in gebruik",
    errno.ETXTBSY: "het bestand is in gebruik",
    errno.EISDIR: "op die plek staat een map",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.EIO: "invoer-/uitvoerfout van de schijf",
}


def reason_of(error: OSError) -> str:
    """A short Dutch reason for an OS error, without any file contents."""
    # Never the system's own (English) text: a fault unknown here shows its code.
    code = errno.errorcode.get(error.errno or 0, str(error.errno))
    return _REASONS.get(error.errno or 0, f"systeemfout {code}")


def temp_prefix(path: Path) -> str:
    """The name every temp file for ``path`` starts with."""
    return f".{path.name[:_NAME_ROOM]}{TEMP_MARK}"


def stale_temps(path: Path) -> list[Path]:
    """Temp files left behind by earlier, interrupted writes to ``path``."""
    prefix = temp_prefix(path)
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(path.parent / name for name in names if name.startswith(prefix))


def _in_use(temp: Path) -> bool:
    """True when a live writer holds the lock on ``temp``."""
    try:
        fd = os.open(temp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also releases the probe's lock
    return False


def remove_stale_temps(path: Path) -> None:
    """Remove the temp files of interrupted writes to ``path``; skip ones being written."""
    for stale in stale_temps(path):
        if not _in_use(stale):
            with contextlib.suppress(OSError):
                stale.unlink()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _fsync_folder(folder: Path) -> None:
    """Best effort: some file systems refuse to fsync a folder; the rename has happened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _create_temp(path: Path) -> tuple[Path, int]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0)
    for _ in range(10):
        temp = path.parent / f"{temp_prefix(path)}{os.urandom(4).hex()}"
        try:
            return temp, os.open(temp, flags, MODE)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "geen vrije tijdelijke naam")


def _place_new(temp: Path, path: Path) -> None:
    """Put ``temp`` at ``path`` only if nothing is there (not even a symlink).

    A hard link fails atomically when the name is taken; where links are not
    supported the check falls back to a look followed by a rename.
    """
    try:
        os.link(temp, path)
    except FileExistsError:
        raise RecordExistsError(path) from None
    except OSError as error:
        if error.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
        if os.path.lexists(path):
            raise RecordExistsError(path) from None
        os.replace(temp, path)
    else:
        with contextlib.suppress(OSError):
            os.unlink(temp)  # the record is in place; a leftover link is cleaned next time


FOLDER_MODE = 0o700


def make_private_folder(folder: Path) -> Path:
    """Create ``folder`` and every missing parent 0700, whatever the umask; raises OSError.

    ``mkdir(parents=True)`` gives the parents the umask's mode (0777 under umask 000).
    Folders that already existed are left as they are, except ``folder`` itself,
    which is made 0700 when it is not.
    """
    missing = []
    current = Path(folder)
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for item in reversed(missing):
        try:
            os.mkdir(item, FOLDER_MODE)
        except FileExistsError:
            continue
        os.chmod(item, FOLDER_MODE)  # the umask may have taken bits away (or kept too many)
    if not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "geen map", str(folder))
    if folder.stat().st_mode & 0o777 != FOLDER_MODE:
        os.chmod(folder, FOLDER_MODE)
    return folder


def _refuse_special(path: Path) -> None:
    """``--force`` replaces a file or a link, never a device, FIFO, socket or folder."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as error:
        raise WriteError(path, reason_of(error)) from None
    if stat.S_ISDIR(mode):
        raise WriteError(path, "op die plek staat een map")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise WriteError(
            path, "op die plek staat geen gewoon bestand (een apparaat, FIFO of socket)"
        )


def write_atomic(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically with mode 0600; returns ``path``.

    Raises ``RecordExistsError`` when ``path`` exists (a symlink counts) and
    ``overwrite`` is false, and ``WriteError`` when writing fails; in both cases
    the target is as it was and no temp file is left.
    """
    path = Path(path)
    if os.path.isdir(path) and not os.path.islink(path):
        raise WriteError(path, "op die plek staat een map")
    if not overwrite and os.path.lexists(path):
        raise RecordExistsError(path)
    _refuse_special(path)
    remove_stale_temps(path)
    temp: Path | None = None
    fd = -1
    try:
        temp, fd = _create_temp(path)
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until the rename: "still being written"
        os.fchmod(fd, MODE)  # a strict umask must not leave it unreadable to its owner
        _write_all(fd, data)
        os.fsync(fd)
        if overwrite:
            os.replace(temp, path)
        else:
            _place_new(temp, path)
        temp = None
    except OSError as error:
        raise WriteError(path, reason_of(error)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
    _fsync_folder(path.parent)
    return path
