"""The user's own settings (for now: the theme), kept between starts.

One small TOML file in the user's config folder, mode 0600 in a 0700 folder, written
atomically. ``$WEGWIJZER_CONFIG`` names another folder (the tests use it, as drafts use
``$WEGWIJZER_DATA``). A missing, unreadable or odd file means the defaults: a setting
is a convenience, never a reason not to start.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from wegwijzer.core.base.atomic import WriteError, make_private_folder, write_atomic

ENV_CONFIG = "WEGWIJZER_CONFIG"
FILE = "instellingen.toml"
MAX_BYTES = 4096
THEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-_")
THEME_LINE = re.compile(rb'^theme = "([a-z0-9_-]{1,40})"$', re.MULTILINE)


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


def load_theme() -> str | None:
    """The theme chosen last time, or None (no file, unreadable, or not a plain name).

    The file is the one line ``save_theme`` writes; it is matched, not parsed as TOML,
    so a start with settings costs no TOML import (docs/performance.md).
    """
    path = settings_path()
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or device: never read
            return None
        fd = os.open(path, flags)
        try:
            data = os.read(fd, MAX_BYTES)
        finally:
            os.close(fd)
    except OSError:
        return None
    found = THEME_LINE.search(data)
    return _plain_name(found.group(1).decode("ascii")) if found else None


def save_theme(theme: str) -> bool:
    """Keep ``theme`` for the next start; False when it could not be written."""
    name = _plain_name(theme)
    if name is None:
        return False
    try:
        make_private_folder(config_dir())
        write_atomic(settings_path(), f'theme = "{name}"\n'.encode(), overwrite=True)
    except (WriteError, OSError):
        return False
    return True
