"""Headless Chromium (the Debian package) driven by playwright, for the browser test and
``make bench``. Never downloads playwright's own browsers: ``executable_path`` only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CHROMIUM = os.environ.get("WEGWIJZER_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_missing() -> str | None:
    """Why the browser test cannot run here, or None when it can."""
    if not Path(CHROMIUM).is_file() and shutil.which("chromium") is None:
        return (
            f"no chromium at {CHROMIUM}: install the Debian package "
            "(apt-get install -y chromium; .ci/run does it)"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing (make test installs it)"
    return None


def chromium_path() -> str:
    return CHROMIUM if Path(CHROMIUM).is_file() else str(shutil.which("chromium"))
