"""The user's own settings (the theme, animations off), kept between starts.

One small TOML file in the user's config folder, mode 0600 in a 0700 folder, written
atomically. ``$WEGWIJZER_CONFIG`` names another folder (the tests use it, as drafts use
``$WEGWIJZER_DATA``). A missing, unreadable or odd file means the defaults: a setting
is a convenience, never a reason not to start.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from wegwijzer.core.base.atomic import WriteError, make_private_folder, write_atomic

ENV_CONFIG = "WEGWIJZER_CONFIG"
FILE = "instellingen.toml"
MAX_BYTES = 4096
THEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
THEME_BYTES = frozenset(ord(char) for char in THEME_CHARS)


class Settings(NamedTuple):
    """What the user chose: a theme (None: the default) and whether the screen may move.

    A NamedTuple: a dataclass compiles its methods at import, on the way to the first
    frame (docs/performance.md, issue 19)."""

    theme: str | None = None
    animations: bool = True


def config_dir() -> Path:
    """``$WEGWIJZER_CONFIG``, else the platform's user config folder for wegwijzer."""
    configured = os.environ.get(ENV_CONFIG)
    if configured:
        return Path(configured)
    from platformdirs import user_config_dir  # only when no folder is configured

    return Path(user_config_dir("wegwijzer", appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE


def _plain_name(value: object) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= 40 and set(value) <= THEME_CHARS:
        return value
    return None


def _read() -> bytes:
    """The settings file's first bytes; b"" when it is missing, unreadable or not a file."""
    path = settings_path()
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device: never read
            return b""
        fd = os.open(path, flags)
        try:
            return os.read(fd, MAX_BYTES)
        finally:
            os.close(fd)
    except OSError:
        return b""


def load_settings() -> Settings:
    """The settings chosen last time; the default for each one that is missing or odd.

    The file holds the lines ``save_settings`` writes; they are matched, not parsed as
    TOML, so a start with settings costs no TOML import (docs/performance.md).
    """
    lines = _read().split(b"\n")
    theme = _first(lines, b"theme = ", _is_theme)
    animations = _first(lines, b"animations = ", (b"true", b"false").__contains__)
    return Settings(
        theme=_plain_name(theme[1:-1].decode("ascii")) if theme else None,
        animations=animations is None or animations == b"true",
    )


def _first(lines: list[bytes], prefix: bytes, good: Callable[[bytes], bool]) -> bytes | None:
    """The value of the first line ``prefix`` + value whose value is ``good``, else None.

    Read with bytes methods, not a regex: compiling two cost more at every start than
    reading the file (docs/performance.md, issue 19)."""
    for line in lines:
        if line.startswith(prefix) and good(line[len(prefix) :]):
            return line[len(prefix) :]
    return None


def _is_theme(value: bytes) -> bool:
    """A quoted name of 1 to 40 of the theme characters (``save_settings`` writes them)."""
    name = value[1:-1]
    return value[:1] == value[-1:] == b'"' and 0 < len(name) <= 40 and set(name) <= THEME_BYTES


def save_settings(settings: Settings) -> bool:
    """Keep ``settings`` for the next start; False when they could not be written."""
    lines = []
    if settings.theme is not None:
        name = _plain_name(settings.theme)
        if name is None:
            return False
        lines.append(f'theme = "{name}"')
    lines.append(f"animations = {'true' if settings.animations else 'false'}")
    try:
        make_private_folder(config_dir())
        write_atomic(settings_path(), ("\n".join(lines) + "\n").encode(), overwrite=True)
    except (WriteError, OSError):
        return False
    return True


def load_theme() -> str | None:
    """The theme chosen last time, or None (no file, unreadable, or not a plain name)."""
    return load_settings().theme


def save_theme(theme: str) -> bool:
    """Keep ``theme`` for the next start, and every other setting as it was."""
    if _plain_name(theme) is None:
        return False
    return save_settings(load_settings()._replace(theme=theme))


def save_animations(on: bool) -> bool:
    """Keep whether the screen may animate (scrolling, fading), and the rest as it was."""
    return save_settings(load_settings()._replace(animations=on))
