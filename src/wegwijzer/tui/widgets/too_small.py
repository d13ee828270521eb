"""The message shown instead of a screen when the terminal is too small for it."""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 16
MESSAGE = (
    "Venster te klein.\n\n"
    f"Maak het venster minstens {MIN_WIDTH} tekens breed en {MIN_HEIGHT} regels hoog; "
    "uw werk blijft bewaard."
)
HIDDEN_CLASSES = ("-smal", "-laag")  # the breakpoint classes that hide a screen (app.tcss)


def hides_everything(screen: Screen[object]) -> bool:
    """True while ``screen`` is too small and app.tcss hides all but this message."""
    return any(screen.has_class(name) for name in HIDDEN_CLASSES)


class TooSmall(Static):
    """Hidden until the screen gets the ``-smal`` or ``-laag`` breakpoint class (see app.tcss)."""

    DEFAULT_CSS = """
    TooSmall {
        display: none;
        width: 1fr;
        height: 1fr;
        content-align: center middle;
        text-align: center;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__(Content(MESSAGE), id="te-klein")

    def on_hide(self) -> None:
        # While this message showed, the rest of the screen was hidden and lost the focus;
        # the window is large enough again, so give it back as the screen first had it.
        self.screen.call_after_refresh(refocus, self.screen)


def refocus(screen: Screen[object]) -> None:
    """Focus the screen's ``AUTO_FOCUS`` widget if nothing on it has the focus."""
    if screen.is_current and screen.focused is None and screen.AUTO_FOCUS:
        for widget in screen.query(screen.AUTO_FOCUS):
            if widget.focusable:
                widget.focus()
                return
