"""Where the .tcss files live (next to this module, so they ship as package data), and
reading a screen's sheet before that screen is pushed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

STYLES = Path(__file__).resolve().parent
# The step screen's sheet: every rule in it starts with ``StepScreen`` (tests/tui/
# test_styles_read_ahead.py), so it styles nothing that is on screen before a step is.
STEP_STYLES = STYLES / "step.tcss"


def read_ahead(app: App[Any], sheet: Path) -> None:
    """Add ``sheet`` to the app's styles now, before a screen that names it is pushed.

    Textual reads a screen's ``CSS_PATH`` when the screen is pushed; a sheet that is new
    then makes it parse every sheet again, in a fresh stylesheet, and restyle every
    screen. Here only this sheet is parsed, with the app's variables; its rules go after
    the others, where a full parse puts them, and the push finds it read. Nothing on screen
    is restyled, so ``sheet`` must only have rules for the screens that name it. Done
    once; later calls return. Uses the stylesheet's internals (pinned textual);
    tests/tui/test_styles_read_ahead.py holds the result to a full parse.
    """
    from textual.css.stylesheet import CssSource

    stylesheet = app.stylesheet
    path = os.path.abspath(sheet)  # the key ``Stylesheet.read`` files a sheet under
    if stylesheet.has_source(path):
        return
    css = Path(sheet).read_text(encoding="utf-8")
    rules = stylesheet.rules  # the others, parsed (the one pending parse done first)
    rules.extend(stylesheet._parse_rules(css, (path, "")))
    stylesheet.source[(path, "")] = CssSource(css, False, 0, "")
    stylesheet._rules_map = None  # rebuilt from the rules when next asked
