"""The drafts as their header lines describe them: for the home screen's first frame.

``drafts.list_drafts`` reads every draft with the record model (pydantic) and is the
listing that counts. Importing pydantic and the record models costs more than a bare
Textual app's whole start (docs/performance.md), so the home screen draws its first
frame from this peek and validates right after it: when the validated listing differs,
it replaces this one. Nothing is opened from a peek: resuming a draft reads and
validates the file (``core.records.resume``).

The peek reads the top-level keys (everything before the first table) with the same
TOML limits as a record (the plain lines tomli-w writes without tomllib,
``core.base.toml_lines``), cleans them like the record reader does, and counts the
answered steps from the ``answer`` lines of the ``[[steps]]`` tables. A file the record
reader would refuse at its header (not a regular file, too large, no valid TOML, a date
out of bounds) is named as ``list_drafts`` names it; one it cannot judge is left out
until the validation.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.base.tomlfile import parse_plain_first, parse_toml, read_limited
from wegwijzer.core.records.drafts import (
    DraftInfo,
    DraftListing,
    changed_at,
    draft_paths,
    newest_first,
)

# As ``core.records.record`` (which imports pydantic): the record's size cap, its
# session id (32 hexadecimal digits), its modes. No regex is compiled at import: this
# module is on the way to every home screen (docs/performance.md, issue 19).
MAX_BYTES = 2 * 1024 * 1024
HEX = frozenset("0123456789abcdef")
MODES = ("casus", "oefening")
_TABLE_NAME = frozenset("abcdefghijklmnopqrstuvwxyz")
_ESCAPED = r"\\."  # a backslash and the character after it


def is_session_id(value: str) -> bool:
    """``value`` is 32 lowercase hexadecimal digits: what ``re.match(r"^[0-9a-f]{32}$")``
    accepts, so also with one "\\n" after them ("$" matches before a last one)."""
    digits = value[:-1] if value.endswith("\n") else value
    return len(digits) == 32 and set(digits) <= HEX


def table_name(line: str) -> str | None:
    """The name in a ``[name]`` or ``[[name]]`` line (lowercase ASCII letters), else None:
    what ``re.match(r"^\\[\\[?([a-z]+)\\]\\]?$")`` finds, so also before a last "\\n"."""
    if line.endswith("\n"):
        line = line[:-1]
    if not (line.startswith("[") and line.endswith("]")):
        return None
    name = line[1:-1]
    name = name[1:] if name.startswith("[") else name
    name = name[:-1] if name.endswith("]") else name
    return name if name and set(name) <= _TABLE_NAME else None


def _unescaped(line: str) -> str:
    """``line`` without each backslash and the character after it."""
    return re.sub(_ESCAPED, "", line) if "\\" in line else line


def _text(head: dict[str, Any], key: str, default: str | None = None) -> str:
    value = head.get(key, default)
    if not isinstance(value, str):
        raise ValueError(key)
    return value


def _time(head: dict[str, Any], key: str) -> dt.datetime | None:
    value = head.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise ValueError(key)
    return value


def _answered(body: str) -> int:
    """The ``answer`` lines of the ``[[steps]]`` tables: one per answered step.

    Lines inside a multi-line string (a note) are text, not keys: tomli-w writes every
    quote inside one escaped, so an unescaped triple quote opens or closes it.
    """
    count = 0
    table = ""
    in_string = False
    for line in body.splitlines():
        # Most lines hold no quote and start with no bracket: nothing to look at there.
        quotes = _unescaped(line).count('"""') if '"' in line else 0
        if in_string:
            in_string = quotes % 2 == 0
            continue
        name = table_name(line) if line.startswith("[") else None
        if name is not None:
            table = name
        elif table == "steps" and line.startswith("answer = "):
            count += 1
        in_string = quotes % 2 == 1
    return count


def _skipped(path: Path, error: ProblemsError) -> str:
    """The line ``list_drafts`` gives a draft the record reader refuses for this fault."""
    reason = error.problems[0].message if error.problems else "onleesbaar"
    return f"{path.name}: overgeslagen, {reason}"


def peek_draft(path: Path) -> DraftInfo | str | None:
    """What the list shows of one draft, from its header lines.

    A Dutch "overgeslagen" line, as ``list_drafts`` words it, when the file cannot be
    read (not a regular file, too large) or its header cannot be parsed within the
    record's limits; None when the peek cannot tell (the validation will).
    """
    try:
        data = read_limited(path, MAX_BYTES)  # regular files only: a FIFO never blocks
        if len(data) > MAX_BYTES:
            parse_toml(data, str(path), MAX_BYTES)  # refuses it, as the reader does
        head_bytes, _, body = data.partition(b"\n[")
        # The header lines tomli-w wrote are read without tomllib (``toml_lines``).
        head = clean_tree(parse_plain_first(head_bytes, str(path), MAX_BYTES))
    except ProblemsError as error:
        return _skipped(path, error)
    try:
        if not isinstance(head, dict) or head.get("format") != 1:
            return None
        session_id = _text(head, "session_id")
        started = _time(head, "started")
        mode = _text(head, "mode")
        if not is_session_id(session_id) or started is None or mode not in MODES:
            return None
        if path.stem != session_id:
            return f"{path.name}: overgeslagen, naam past niet bij de sessie"
        return DraftInfo(
            session_id=session_id,
            flow_id=_text(head, "flow"),
            flow_title=_text(head, "flow_title"),
            mode=mode,
            case_ref=_text(head, "case_ref", ""),
            started=started,
            answered=_answered("[" + body.decode("utf-8")),
            finished=_time(head, "finished") is not None,
            path=path,
            changed=changed_at(path),
        )
    except (ValueError, RecursionError):
        return None


def peek_drafts() -> DraftListing:
    """Every draft whose header can be read, newest first (``list_drafts``' order), and
    the lines for the files the record reader would refuse at their header."""
    return _peek_all(*draft_paths())


def _peek_all(paths: list[Path], problem: str | None) -> DraftListing:
    listing = DraftListing()
    if problem:
        listing.skipped.append(problem)
    for path in paths:
        found = peek_draft(path)
        if isinstance(found, str):
            listing.skipped.append(found)
        elif found is not None:
            listing.drafts.append(found)
    listing.drafts.sort(key=newest_first, reverse=True)
    return listing


def peek_newest(count: int) -> tuple[DraftListing, bool]:
    """The first ``count`` drafts of ``peek_drafts()``, peeking at as few files as it can;
    and True when that is the whole of ``peek_drafts()``.

    For the home screen's first frame, where its list shows only so many (issue 19): the
    files are taken newest first by the time they were written, which is the time the
    listing sorts on, with the file name (the session id of a draft listed) after it. A
    file whose time cannot be read, or one refused at its header, and the peek reads all.
    """
    paths, problem = draft_paths()
    if problem or len(paths) <= count:
        return _peek_all(paths, problem), True
    newest: list[tuple[dt.datetime, str, Path]] = []
    for path in paths:
        changed = changed_at(path)
        if changed is None:
            return _peek_all(paths, problem), True
        newest.append((changed, path.stem, path))
    newest.sort(reverse=True)
    listing = DraftListing()
    for _, _, path in newest:
        if len(listing.drafts) == count:
            return listing, False
        found = peek_draft(path)
        if isinstance(found, str):
            return _peek_all(paths, problem), True  # its line in the files' order
        if found is not None:
            listing.drafts.append(found)
    return listing, True
