"""Where a trainee is, written by the trainee's process and read by the class view.

Each session writes ``voortgang/<id>.toml`` in the results folder after every answer
(atomic, 0600). The class view reads these files and the result files, never the
sessions themselves: a crashed or stuck session leaves a file behind and blocks
nothing. Reading is defensive (size cap, strict fields, a cap on the number of files):
a file in that folder is treated like any other file from outside.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from wegwijzer.core.base.atomic import write_atomic
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.base.tomlfile import read_toml

PROGRESS_FOLDER = "voortgang"
MAX_PROGRESS_BYTES = 4096
MAX_FILES = 500  # a class of --max 40 writes 40; anything beyond 500 is not a class


class Progress(BaseModel):
    """One trainee's current exercise."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    nickname: Annotated[str, Field(min_length=1, max_length=40)]
    exercise: Annotated[str, Field(max_length=64)] = ""
    title: Annotated[str, Field(max_length=300)] = ""
    step: Annotated[int, Field(ge=0, le=10_000)] = 0
    done: bool = False
    points: Annotated[float, Field(ge=0, le=100_000)] = 0.0
    max: Annotated[int, Field(ge=0, le=100_000)] = 0
    updated: dt.datetime


@dataclass(frozen=True)
class ProgressFile:
    path: Path
    progress: Progress


def _regular_toml(path: Path) -> bool:
    """A ``.toml`` file itself: no folder, link, pipe or device (a pipe would block)."""
    return path.suffix == ".toml" and not path.is_symlink() and path.is_file()


def progress_path(results: Path, session_id: str) -> Path:
    return results / PROGRESS_FOLDER / f"{session_id}.toml"


def write_progress(results: Path, session_id: str, progress: Progress) -> Path:
    folder = results / PROGRESS_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    data = progress.model_dump(mode="python")
    return write_atomic(
        progress_path(results, session_id), tomli_w.dumps(data).encode("utf-8"), overwrite=True
    )


def read_progress(results: Path) -> list[ProgressFile]:
    """Every readable progress file, oldest update first; unreadable ones are skipped."""
    folder = results / PROGRESS_FOLDER
    try:
        paths = sorted(p for p in folder.iterdir() if _regular_toml(p))[:MAX_FILES]
    except OSError:
        return []
    found: list[ProgressFile] = []
    for path in paths:
        try:
            data = read_toml(path, MAX_PROGRESS_BYTES)
            progress = Progress.model_validate(data)
        except (ProblemsError, ValidationError, OSError, ValueError):
            continue
        nickname = clean(progress.nickname, limit=40)
        found.append(ProgressFile(path, progress.model_copy(update={"nickname": nickname})))
    found.sort(key=lambda item: (item.progress.nickname.lower(), item.path.name))
    return found


def result_paths(results: Path) -> list[Path]:
    """The result files of the class (``*.toml`` directly in the folder), by name."""
    try:
        return sorted(p for p in results.iterdir() if _regular_toml(p))[:MAX_FILES]
    except OSError:
        return []
