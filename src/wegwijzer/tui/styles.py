"""Where the .tcss files live: next to this module, so they ship as package data."""

from __future__ import annotations

from pathlib import Path

STYLES = Path(__file__).resolve().parent
