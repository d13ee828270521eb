"""The organisation's own protocol at a step where the source is silent: never the source.

Its own panel, headed "Eigen protocol van … — niet uit de bron", with a double border
in the warning colour where the citation panel has a thin round one: the words say
where the text comes from, the frame only repeats it. Contact lines are plain text;
nothing in it is a link or can be clicked. A long protocol scrolls like the step's text:
its bottom border says "▼ meer · PgDn", and PgDn/PgUp page through it (``ReadingPane``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from wegwijzer.tui.render import plain
from wegwijzer.tui.widgets.in_place import set_text
from wegwijzer.tui.widgets.reading import ReadingPane

if TYPE_CHECKING:  # a protocol's model is pydantic; a walk without one never imports it
    from wegwijzer.core.flows.protocol import Protocol, Shown

PANEL_TITLE = "Eigen protocol — niet uit de bron"
EMPTY = "-leeg"  # nothing for this step: the panel and its strip are not shown


def protocol_content(protocol: Protocol | None, shown: Sequence[Shown]) -> Content:
    """The panel's text: the heading, a warning past the review date, then every entry."""
    if protocol is None or not shown:
        return Content()
    parts: list[str | Content | tuple[str, str]] = [(protocol.heading, "bold")]
    if protocol.overdue():
        parts += ["\n", (protocol.overdue_warning(), "bold $text-warning")]
    for item in shown:
        parts += ["\n\n", ("Over ", "italic"), plain(item.label, "italic"), (":\n", "italic")]
        parts.append(plain(item.entry.text.strip()))
        for contact in item.entry.contacts:
            parts += ["\n", plain(contact.label, "bold"), ": ", plain(contact.value)]
    return Content.assemble(*parts)


def strip_content(protocol: Protocol | None, shown: Sequence[Shown], opened: bool) -> Content:
    """The one line that says the protocol has something here, when the panel does not fit."""
    if protocol is None or not shown:
        return Content()
    key = "p: terug naar de tekst" if opened else "p: lezen"
    topics = "1 onderwerp" if len(shown) == 1 else f"{len(shown)} onderwerpen"
    return Content.assemble(
        ("Eigen protocol: ", "bold"),
        f"{topics}, niet uit de bron",
        (f"  ·  {key}", "dim"),
    )


class ProtocolPanel(ReadingPane):
    """Scrollable and read-only; shown only at a step the protocol has something for
    (the screen's CSS hides it with the class ``-leeg`` otherwise)."""

    DEFAULT_CSS = """
    ProtocolPanel {
        height: auto;
        border: double $warning;
        border-title-color: $text-warning;
        border-title-style: bold;
        padding: 0 1;
    }
    ProtocolPanel:focus { border: double $warning; background: $boost; }
    """

    def __init__(
        self, protocol: Protocol | None, shown: Sequence[Shown], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.protocol = protocol
        self.border_title = PANEL_TITLE
        self._first = protocol_content(protocol, shown)
        self.set_class(not shown, EMPTY)

    def compose(self) -> ComposeResult:
        yield Static(self._first, id="protocoltekst")

    def show(self, shown: Sequence[Shown]) -> None:
        """The entries for a new step; hidden when there are none."""
        self.scroll_home(animate=False, immediate=True)
        set_text(self.query_one("#protocoltekst", Static), protocol_content(self.protocol, shown))
        self.set_class(not shown, EMPTY)
