"""The answers a step rests on, quoted verbatim, each under "Antwoord op vraag N"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.tui.render import plain
from wegwijzer.tui.widgets.in_place import set_text
from wegwijzer.tui.widgets.reading import ReadingPane


def heading(answer: int) -> str:
    return f"Antwoord op vraag {answer}"


class CitationPanel(ReadingPane):
    """Scrollable (it takes focus, so arrows and PageDown work), read-only, and it says
    on its bottom border when there is more to read."""

    DEFAULT_CSS = """
    CitationPanel { height: 1fr; }
    CitationPanel > .citaat-kop { text-style: bold; margin-top: 1; }
    CitationPanel > .citaat-kop.-eerste { margin-top: 0; }
    CitationPanel > .citaat-alinea { padding-left: 2; margin-top: 1; }
    """

    def __init__(self, source: Source, cites: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self.cites = list(dict.fromkeys(cites))
        self.border_title = "Waar deze stap op rust"

    async def show(self, cites: Sequence[str]) -> None:
        """Quote the answers ``cites`` names in the lines already there: a changed line is
        redrawn, lines left over are hidden, and lines are only mounted when there are
        more than ever before (a step change stays one quick frame)."""
        # Each step starts at the top, as a new panel did. Now, not after the next layout:
        # a scroll bar hidden by then would keep its old thumb position, and show it when
        # a later step needs the bar again.
        self.scroll_home(animate=False, immediate=True)
        wanted = list(dict.fromkeys(cites))
        if wanted != self.cites:
            self.cites = wanted
            parts = list(self.parts())
            lines = list(self.query_children(Static))
            for line, (content, classes) in zip(lines, parts, strict=False):
                if line.classes != frozenset(classes.split()):
                    line.set_classes(classes)  # other margins: lay out
                    line.update(content)
                else:
                    set_text(line, content)
                if not line.display:
                    line.display = True
            for line in lines[len(parts) :]:
                if line.display:
                    line.display = False
            extra = parts[len(lines) :]
            if extra:
                await self.mount_all(
                    Static(text, classes=classes or None) for text, classes in extra
                )

    def parts(self) -> Iterator[tuple[Content, str]]:
        """Each line to show: its text and its classes."""
        first = True
        for cite in self.cites:
            citation = parse_citation(cite)
            if citation is None:
                continue
            classes = "citaat-kop -eerste" if first else "citaat-kop"
            first = False
            yield Content(heading(citation.answer)), classes
            for number, text in self.source.paragraphs(citation):
                label = Content.styled(f"alinea {number}  ", "dim")
                yield Content.assemble(label, plain(text)), "citaat-alinea"
        if first:
            yield Content("Deze stap noemt geen antwoord uit de bron."), ""

    def compose(self) -> ComposeResult:
        for content, classes in self.parts():
            yield Static(content, classes=classes or None)
