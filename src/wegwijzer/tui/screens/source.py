"""The whole source document, questions and answers, opened at the cited answer."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from wegwijzer.core.flows.source import Question, Source, parse_citation
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.citations import heading
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.too_small import TooSmall

MARK = "▶ "
JUMP = "Naar vraag 1–9; 0 is vraag 10"
LEGEND = (
    "▶ en vet: de alinea's waar de stap naar verwijst. "
    "Cijfers 1–9 en 0 (= 10) springen naar een vraag."
)


def cited_paragraphs(source: Source, cites: Iterable[str]) -> set[tuple[int, int]]:
    """(answer, paragraph) pairs that ``cites`` point at; a whole answer marks all of it."""
    found: set[tuple[int, int]] = set()
    for cite in cites:
        citation = parse_citation(cite)
        if citation is not None:
            found |= {(citation.answer, n) for n, _ in source.paragraphs(citation)}
    return found


class SourceScreen(Screen[None]):
    CSS_PATH = STYLES / "source.tcss"
    AUTO_FOCUS = "#document"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Terug"),
        Binding("backspace", "close", "Terug", show=False),
        *[Binding(str(n), f"jump({n})", JUMP, show=False) for n in range(1, 10)],
        Binding("0", "jump(10)", JUMP, show=False),
    ]

    def __init__(self, source: Source, cites: Iterable[str] = ()) -> None:
        super().__init__()
        self.source = source
        self.cited = cited_paragraphs(source, cites)
        self.sub_title = "Bron"

    def compose(self) -> ComposeResult:
        source = self.source
        yield Header()
        yield TooSmall()
        with VerticalScroll(id="document"):
            yield Static(plain(source.title, "bold"), id="titel")
            yield Static(
                plain(f"Antwoord van {source.answered_by}, ontvangen {source.received_label}."),
                classes="meta",
            )
            yield Static(plain(f"Naar aanleiding van: {source.article}"), classes="meta")
            yield Static(Content(LEGEND), classes="meta legenda")
            for question in source.questions:
                yield from self._question(question)
        yield KeyFooter()

    def _question(self, question: Question) -> ComposeResult:
        number = question.number
        yield Static(Content(f"Vraag {number}"), id=f"vraag-{number}", classes="vraag-kop")
        yield Static(plain(question.question), classes="vraag")
        yield Static(Content(heading(number)), id=f"antwoord-{number}", classes="antwoord-kop")
        for index, text in enumerate(question.answer, start=1):
            if (number, index) in self.cited:
                line = Content.assemble(
                    (MARK, "bold"), (f"alinea {index}  ", "bold"), plain(text, "bold")
                )
                yield Static(line, classes="alinea -geciteerd")
            else:
                line = Content.assemble("  ", (f"alinea {index}  ", "dim"), plain(text))
                yield Static(line, classes="alinea")
        for note in question.footnotes:
            text = f"Voetnoot {note.number} (bij alinea {note.paragraph}): {note.text}"
            yield Static(plain(text), classes="voetnoot")

    def on_mount(self) -> None:
        if self.cited:
            first = min(answer for answer, _ in self.cited)
            self.call_after_refresh(self._jump_to, f"#antwoord-{first}")

    def _jump_to(self, selector: str) -> bool:
        found = self.query(selector)
        if not found:
            return False
        self.query_one("#document", VerticalScroll).scroll_to_widget(
            found.first(), top=True, animate=False
        )
        return True

    def action_jump(self, number: int) -> None:
        if not self._jump_to(f"#vraag-{number}"):
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss()
