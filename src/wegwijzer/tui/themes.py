"""High-contrast themes, dark and light, for users with low vision.

Pure black and white with one strong accent each; no muted text (full opacity), so
every letter has the most contrast the terminal can give. States never rest on
colour alone in any theme: "▶"/"▷" mark the highlight and the focus, "[x]" a tick,
"⚠"/"✖" a warning or an error (``tui/widgets/cursor_list.py``, ``base_app.notify``).
"""

from __future__ import annotations

from textual.theme import Theme

CONTRAST_DARK = Theme(
    name="wegwijzer-contrast-donker",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFB000",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#000000",
    boost="#FFFFFF",
    dark=True,
    text_alpha=1.0,
    luminosity_spread=0.0,
    variables={"block-cursor-foreground": "#000000", "block-cursor-background": "#FFFF00"},
)

CONTRAST_LIGHT = Theme(
    name="wegwijzer-contrast-licht",
    primary="#00008B",
    secondary="#5B0000",
    accent="#00008B",
    warning="#7A4B00",
    error="#A00000",
    success="#005A00",
    foreground="#000000",
    background="#FFFFFF",
    surface="#FFFFFF",
    panel="#FFFFFF",
    boost="#000000",
    dark=False,
    text_alpha=1.0,
    luminosity_spread=0.0,
    variables={"block-cursor-foreground": "#FFFFFF", "block-cursor-background": "#00008B"},
)

THEMES = (CONTRAST_DARK, CONTRAST_LIGHT)
