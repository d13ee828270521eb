"""Feedback on one decision of an exercise: the verdict in words, why, and the source.

``FeedbackView`` is used twice: in ``FeedbackDialog`` right after a choice ("direct")
and for every deviation in the debrief. The verdict is written out ("Goed",
"Deels goed", "Niet goed") with a mark; the coloured bar beside it only repeats it.
The cited answers are quoted verbatim, each under "Antwoord op vraag N".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from textual._path import CSSPathType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from wegwijzer.core.flows.source import Source, parse_citation
from wegwijzer.core.training.scoring import Feedback
from wegwijzer.core.training.wording import of_points
from wegwijzer.tui.render import plain
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.citations import heading
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys, read_on

VERDICT_WORDS = {
    "goed": "Goed",
    "deels": "Deels goed",
    "fout": "Niet goed",
    "niet bereikt": "Niet bereikt",
}
VERDICT_MARKS = {"goed": "✔", "deels": "◐", "fout": "✘", "niet bereikt": "–"}
Part = str | Content | tuple[str, str]


def verdict_class(item: Feedback) -> str:
    return "-" + item.verdict.replace(" ", "-")


def verdict_text(item: Feedback) -> Content:
    """``✘ Niet goed · 0 van 2 punten``: the verdict in words, never by colour alone."""
    return Content.assemble(
        (f"{VERDICT_MARKS[item.verdict]} {VERDICT_WORDS[item.verdict]}", "bold"),
        f" · {of_points(item.points, item.max_points)}",
    )


def _line(label: str, text: str) -> list[Part]:
    return ["\n", (label, "bold"), plain(text)]


def feedback_body(item: Feedback) -> Content:
    """What was chosen and expected, the feedback for this choice, and why."""
    parts: list[Part] = []
    if item.verdict == "niet bereikt":
        parts += [
            ("Deze vraag kwam u niet tegen: ", "bold"),
            "een eerdere keuze leidde elders heen.",
        ]
    else:
        parts += [("Uw keuze: ", "bold"), plain(item.chosen or "geen")]
    if not item.correct:
        parts += _line("Verwacht: ", item.expected_text)
    if item.missed:
        parts += _line("U miste: ", "; ".join(item.missed))
    if item.extra:
        parts += _line("Niet verwacht: ", "; ".join(item.extra))
    for message in item.messages:
        parts += ["\n\n", plain(message.text)]
    parts += [
        "\n\n",
        ("Waarom: " if not item.correct else "Uitleg: ", "bold"),
        plain(item.why.text),
    ]
    return Content.assemble(*parts)


def grouped_paragraphs(source: Source, cites: Iterable[str]) -> dict[int, list[tuple[int, str]]]:
    """The cited paragraphs per answer number, in the order first cited, each once."""
    groups: dict[int, list[tuple[int, str]]] = {}
    for cite in dict.fromkeys(cites):
        citation = parse_citation(cite)
        if citation is None:
            continue
        found = groups.setdefault(citation.answer, [])
        found += [pair for pair in source.paragraphs(citation) if pair not in found]
    for answer, pairs in groups.items():
        groups[answer] = sorted(pairs)
    return groups


def quote_widgets(source: Source, cites: Iterable[str]) -> Iterator[Static]:
    """Each cited answer under "Antwoord op vraag N", its paragraphs verbatim."""
    for answer, pairs in grouped_paragraphs(source, cites).items():
        yield Static(Content(heading(answer)), classes="citaat-kop")
        for number, text in pairs:
            label = Content.styled(f"alinea {number}  ", "dim")
            yield Static(Content.assemble(label, plain(text)), classes="citaat-alinea")


class FeedbackView(Vertical):
    """One graded decision: verdict, body and the quoted answers; optionally its question."""

    DEFAULT_CSS = """
    FeedbackView { height: auto; }
    FeedbackView > .vraag { text-style: bold; }
    FeedbackView > .oordeel { border-left: thick $foreground 30%; padding-left: 1; }
    FeedbackView > .oordeel.-goed { border-left: thick $success; }
    FeedbackView > .oordeel.-deels { border-left: thick $warning; }
    FeedbackView > .oordeel.-fout { border-left: thick $error; }
    FeedbackView > .body { margin-top: 1; }
    FeedbackView > .bron-kop { text-style: bold; margin-top: 1; color: $text-accent; }
    FeedbackView > .citaat-kop { text-style: bold; margin-top: 1; }
    FeedbackView > .citaat-alinea { padding-left: 2; }
    """

    def __init__(self, item: Feedback, source: Source, *, with_question: bool = False) -> None:
        super().__init__()
        self.item = item
        self.source = source
        self.with_question = with_question

    def compose(self) -> ComposeResult:
        item = self.item
        if self.with_question:
            yield Static(plain(item.prompt), classes="vraag")
        yield Static(verdict_text(item), classes=f"oordeel {verdict_class(item)}")
        yield Static(feedback_body(item), classes="body")
        if grouped_paragraphs(self.source, item.cites):
            yield Static(Content("Waar dit op rust"), classes="bron-kop")
            yield from quote_widgets(self.source, item.cites)


class FeedbackDialog(ModalScreen[None]):
    """Shown right after a decision when the trainee chose feedback "direct"."""

    CSS_PATH: ClassVar[CSSPathType | None] = [STYLES / "dialogs.tcss", STYLES / "feedback.tcss"]
    AUTO_FOCUS = "#feedback"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "close", "Verder"),
        Binding("escape", "close", "Verder", show=False),
        *read_keys(),
    ]

    def __init__(self, item: Feedback, source: Source) -> None:
        super().__init__()
        self.item = item
        self.source = source

    def compose(self) -> ComposeResult:
        with Vertical(classes="kader"):
            title = Content.assemble(("Feedback · ", "bold"), plain(self.item.prompt, "bold"))
            yield Static(title, classes="titel")
            with ReadingPane(id="feedback"):  # focused: arrows scroll long quotes
                yield FeedbackView(self.item, self.source)
            yield Static(Content("Enter of Esc: verder met de oefening"), id="verder")
        yield KeyFooter()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_read(self, down: bool) -> None:
        if not read_on(self, down):
            self.app.bell()
