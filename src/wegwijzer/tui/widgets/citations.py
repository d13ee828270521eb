"""The answers a step rests on, quoted verbatim, each under "Antwoord op vraag N"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from wegwijzer.core.source import Source, parse_citation
from wegwijzer.tui.render import plain


def heading(answer: int) -> str:
    return f"Antwoord op vraag {answer}"


class CitationPanel(VerticalScroll):
    """Scrollable (it takes focus, so arrows and PageDown work) and read-only."""

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
        """Quote the answers ``cites`` names, in the widgets already there when their
        number fits (no remount: a step change stays one quick frame)."""
        wanted = list(dict.fromkeys(cites))
        if wanted != self.cites:
            self.cites = wanted
            parts = list(self.parts())
            shown = list(self.query_children(Static))
            if len(shown) == len(parts):
                for widget, (content, classes) in zip(shown, parts, strict=True):
                    widget.set_classes(classes)
                    widget.update(content)
            else:
                await self.recompose()
        self.scroll_home(animate=False)  # each step starts at the top, as a new panel did

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
