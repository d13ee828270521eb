"""The answers a step rests on, quoted verbatim, each under "Antwoord op vraag N"."""

from __future__ import annotations

from collections.abc import Sequence

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

    def compose(self) -> ComposeResult:
        first = True
        for cite in self.cites:
            citation = parse_citation(cite)
            if citation is None:
                continue
            classes = "citaat-kop -eerste" if first else "citaat-kop"
            first = False
            yield Static(Content(heading(citation.answer)), classes=classes)
            for number, text in self.source.paragraphs(citation):
                label = Content.styled(f"alinea {number}  ", "dim")
                yield Static(Content.assemble(label, plain(text)), classes="citaat-alinea")
        if first:
            yield Static(Content("Deze stap noemt geen antwoord uit de bron."))
