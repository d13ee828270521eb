"""One step of the walk: the question, its options, and the answers it rests on."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.widgets import Header, Static

from wegwijzer.core.flows.flow import InfoStep, MultiStep, Step
from wegwijzer.core.walk.session import Answer, AnswerError, Session
from wegwijzer.tui.messages import SessionChanged
from wegwijzer.tui.render import (
    TRAIL_KEEP,
    answer_from,
    choice_labels,
    cites_text,
    explanation,
    kept_indices,
    plain,
    progress,
    source_line,
)
from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.choices import ChoiceList
from wegwijzer.tui.widgets.citations import CitationPanel
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.in_place import set_text
from wegwijzer.tui.widgets.protocol import EMPTY, ProtocolPanel, strip_content
from wegwijzer.tui.widgets.reading import ReadingPane, read_keys
from wegwijzer.tui.widgets.sized import SizedScreen
from wegwijzer.tui.widgets.too_small import TooSmall

HINT_ONE = "Kies met 1–9 of ↑↓ en bevestig met Enter."
HINT_MANY = "Vink aan met 1–9 of spatie (meer dan één mag) en bevestig met Enter."
HINT_INFO = "Lees de tekst en ga verder met Enter."
PROTOCOL_OPEN = "-protocol-open"  # narrow: the protocol in the text's place
PROTOCOL_HIDDEN = "-zonder-protocol"  # wide: the protocol panel under the text hidden
CITATIONS_OPEN = "-citaten-open"  # narrow: the quotes in the text's place
CITATIONS_HIDDEN = "-zonder-citaten"  # wide: the quotes beside the text hidden


def hint(step: Step) -> Content:
    if isinstance(step, MultiStep):
        return Content(HINT_MANY)
    return Content(HINT_INFO if isinstance(step, InfoStep) else HINT_ONE)


def note_line(session: Session) -> Content:
    note = session.notes.get(session.current_id, "")
    if not note:
        return Content("Geen notitie (n om er een te maken).")
    first = note.splitlines()[0]
    more = " …" if len(first) < len(note) else ""
    return Content.assemble(("Notitie: ", "bold"), plain(first, multiline=False), more)


def strip_text(step: Step, open_: bool) -> Content:
    """The one line that names the cited answers when the quotes do not fit beside."""
    # The key first: with many citations the end of the line is cut off.
    key = "c: terug naar de tekst" if open_ else "c: lezen"
    return Content.assemble(("Citaten", "bold"), (f" ({key}): ", "dim"), cites_text(step.cites))


class StepBody(Vertical):
    """Everything that changes from step to step; composed once and then updated in place
    (``show``): no widget is remounted and the focus stays on the options, so a step
    change costs one frame, and Textual's Footer does not rebuild its keys (which it
    leaks, Textual issue #6666).

    The step's own text gets the room first: on a wide terminal the quoted answers stand
    beside it (docked right); on a narrower one a single line names them and ``c`` shows
    them in the text's place. Text that does not fit scrolls, and says so (``ReadingPane``).
    """

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session

    def compose(self) -> ComposeResult:
        session = self.session
        step = session.current
        yield Static(progress(session), id="voortgang")
        note = Static(source_line(session.loaded.source), id="bron-noot")
        note.display = session.position == 1  # only above the first step
        yield note
        with Container(id="werk"):
            yield CitationPanel(session.loaded.source, step.cites, id="bronnen")
            with Vertical(id="links"):
                with ReadingPane(id="vraag"):
                    yield Static(plain(step.prompt, "bold"), id="prompt")
                    body = explanation(session.loaded.source, step)
                    text = Static(body, id="uitleg")
                    text.display = bool(body)
                    yield text
                shown = session.protocol_here()
                yield ProtocolPanel(session.protocol, shown, id="protocol")
                strip = Static(strip_content(session.protocol, shown, False), id="protocolstrook")
                strip.set_class(not shown, EMPTY)
                yield strip
                yield Static(strip_text(step, False), id="bronstrook")
                yield ChoiceList(
                    choice_labels(step),
                    multiple=isinstance(step, MultiStep),
                    kept=kept_indices(step, session.kept(session.current_id)),
                    exclusive=exclusive_indices(step),
                    id="keuzes",
                )
                yield Static(hint(step), id="hint")
                yield Static(note_line(session), id="notitie")

    def on_resize(self) -> None:
        set_text(self.query_one("#voortgang", Static), progress(self.session, self.line_width))

    @property
    def line_width(self) -> int:
        return max(self.size.width - 2, 20) if self.size.width else 78

    async def show(self) -> None:
        """Show ``session.current`` in the widgets already there, in one frame: only what
        changed is redrawn, and the screen is laid out again only when a height changes
        (``set_text``, ``ChoiceList.reset``, ``CitationPanel.show``)."""
        session = self.session
        step = session.current
        with self.app.batch_update():
            # At once, before the text changes (see ``CitationPanel.show``).
            self.query_one("#vraag", ReadingPane).scroll_home(animate=False, immediate=True)
            self.screen.remove_class(CITATIONS_OPEN)  # a new step opens on its own text
            set_text(self.query_one("#voortgang", Static), progress(session, self.line_width))
            note = self.query_one("#bron-noot", Static)
            if note.display != (session.position == 1):
                note.display = session.position == 1
            set_text(self.query_one("#prompt", Static), plain(step.prompt, "bold"))
            text = self.query_one("#uitleg", Static)
            body = explanation(session.loaded.source, step)
            set_text(text, body)
            if text.display != bool(body):
                text.display = bool(body)
            set_text(self.query_one("#bronstrook", Static), strip_text(step, False))
            self.query_one(ChoiceList).reset(
                choice_labels(step),
                multiple=isinstance(step, MultiStep),
                kept=kept_indices(step, session.kept(session.current_id)),
                exclusive=exclusive_indices(step),
            )
            set_text(self.query_one("#hint", Static), hint(step))
            set_text(self.query_one("#notitie", Static), note_line(session))
            self.show_protocol()
            await self.query_one(CitationPanel).show(step.cites)

    def show_protocol(self) -> None:
        """The protocol's entries for this step, or nothing; a new step opens on its text."""
        shown = self.session.protocol_here()
        self.screen.remove_class(PROTOCOL_OPEN)
        panel = self.query_one(ProtocolPanel)
        if panel.has_class(EMPTY) == bool(shown):
            self.screen.refresh_bindings()  # the "p" key comes or goes; only then
        panel.show(shown)
        strip = self.query_one("#protocolstrook", Static)
        set_text(strip, strip_content(self.session.protocol, shown, False))
        strip.set_class(not shown, EMPTY)


def exclusive_indices(step: Step) -> frozenset[int]:
    if isinstance(step, MultiStep):
        return frozenset(i for i, option in enumerate(step.options) if option.exclusive)
    return frozenset()


def digit_bindings(action: str, description: str) -> list[Binding]:
    return [Binding(str(d), f"{action}({d})", description, show=False) for d in range(1, 10)]


class StepScreen(SizedScreen[None]):
    """Renders ``session.current``; answering, going back and notes go through the session."""

    # The WegwijzerApp reads it ahead (``styles.read_ahead``): a screen whose CSS is new
    # when it is pushed makes Textual parse every style sheet again and restyle every
    # screen. Here for the classroom's app, which pushes it too.
    CSS_PATH = STYLES / "step.tcss"
    AUTO_FOCUS = "ChoiceList"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Bevestig", show=False),
        Binding("escape", "back", "Terug"),
        Binding("backspace", "back", "Terug", show=False),
        Binding("n", "note", "Notitie"),
        Binding("b", "source", "Bron"),
        Binding("c", "toggle_citations", "Citaten"),
        Binding("p", "toggle_protocol", "Protocol"),
        Binding("q", "app.quit", "Stoppen", show=False),
        *read_keys(),
        *digit_bindings("pick", "Kies of vink optie 1–9"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.reopening = False  # after a reopen from the summary: walk on with kept answers
        self._shown: tuple[object, ...] = ()

    @property
    def state(self) -> tuple[object, ...]:
        """What this screen shows; a change means it must be drawn again. The step number
        and the end of the path (the trail shows no more), not the whole path: a step
        change costs the same at step 1,000 as at step 1."""
        session = self.session
        path = session.path
        shown = tuple(path[-TRAIL_KEEP:])
        return (len(path), shown, session.notes.get(session.current_id, ""))

    def compose(self) -> ComposeResult:
        yield Header()
        yield TooSmall()
        yield StepBody(self.session, id="stap")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = plain(self.session.flow.title, multiline=False).plain
        self._shown = self.state

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A key typed ahead can reach a step screen that was just pushed, before its
        # options exist (NoMatches: ChoiceList; found by the random-key test).
        if not self.query(ChoiceList):
            return None
        if action == "toggle_protocol":  # only where the protocol has something to say
            return bool(self.session.protocol_here())
        return True

    async def show_step(self) -> None:
        """Draw the current step again if it changed; the outcome is the summary's job."""
        if self.session.finished or self.state == self._shown:
            return
        self._shown = self.state
        await self.query_one(StepBody).show()
        choices = self.query_one(ChoiceList)
        if self.focused is not choices:  # focus() repaints the list even when it has it
            choices.focus()

    async def on_screen_resume(self) -> None:
        await self.show_step()

    @on(ChoiceList.Confirmed)
    async def answer(self, event: ChoiceList.Confirmed) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        if event.choice_list is not choices or event.generation != choices.generation:
            return  # a second Enter that reached the options of the step just left
        session = self.session
        try:
            self.submit(answer_from(session.current, event.picked))
        except AnswerError as error:
            self.notify(f"Dat gaat niet: {error}.", severity="warning", markup=False)
            return
        if self.reopening:
            self.reopening = False
            session.fast_forward()
        self.post_message(SessionChanged())
        await self.show_step()

    def submit(self, value: Answer) -> None:
        """Answer the current step (``AnswerError`` if it does not fit); training overrides."""
        self.session.answer(value)

    def action_confirm(self) -> None:
        """Enter while the citations have the focus still confirms the options."""
        self.query_one(ChoiceList).action_confirm()

    def action_pick(self, number: int) -> None:
        if not self.query_one(ChoiceList).pick(number - 1):
            self.app.bell()

    async def action_back(self) -> None:
        if self.session.back():
            self.reopening = False
            await self.show_step()
            self.post_message(SessionChanged())  # the draft follows: its path is shorter now
        else:
            self.dismiss()

    def action_note(self) -> None:
        from wegwijzer.tui.dialogs.note import NoteDialog  # TextArea: not at start-up

        session = self.session
        step_id = session.current_id
        dialog = NoteDialog(session.current.prompt, session.notes.get(step_id, ""))
        self.app.push_screen(dialog, lambda text: self._keep_note(step_id, text))

    def _keep_note(self, step_id: str, text: str | None) -> None:
        if text is None:
            return
        self.session.set_note(step_id, text)
        self.query_one("#notitie", Static).update(note_line(self.session))
        self._shown = self.state
        self.post_message(SessionChanged())
        from wegwijzer.core.records.privacy import describe, scan  # not for the first frame

        warnings = describe(scan(self.session.notes.get(step_id, "")), "notitie")
        if warnings:
            self.notify(
                "\n".join(warnings) + "\nSchrijf geen namen of andere persoonsgegevens op.",
                title="Let op: persoonsgegevens?",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def action_source(self) -> None:
        from wegwijzer.tui.screens.source import SourceScreen  # not for the first frame

        self.app.push_screen(SourceScreen(self.session.loaded.source, self.session.current.cites))

    def action_toggle_citations(self) -> None:
        """Wide: hide or show the quotes beside the text. Narrow: show them in the text's
        place, or the text again."""
        if self.has_class("-breed"):
            self.toggle_class(CITATIONS_HIDDEN)
            return
        self.toggle_class(CITATIONS_OPEN)
        opened = self.has_class(CITATIONS_OPEN)
        set_text(self.query_one("#bronstrook", Static), strip_text(self.session.current, opened))

    def action_toggle_protocol(self) -> None:
        """Wide: hide or show the protocol under the text. Narrow: show it in the text's
        place, or the text again."""
        shown = self.session.protocol_here()
        if not shown:
            return
        if self.has_class("-breed"):
            self.toggle_class(PROTOCOL_HIDDEN)
            return
        self.toggle_class(PROTOCOL_OPEN)
        opened = self.has_class(PROTOCOL_OPEN)
        strip = self.query_one("#protocolstrook", Static)
        set_text(strip, strip_content(self.session.protocol, shown, opened))

    def reading_panes(self) -> list[ReadingPane]:
        """The panes with text in view: the step's own text first, then the organisation's
        protocol under it, then the quotes beside it."""
        panes = [
            self.query_one("#vraag", ReadingPane),
            self.query_one(ProtocolPanel),
            self.query_one(CitationPanel),
        ]
        return [pane for pane in panes if pane.display and pane.visible and pane.size.height]

    def action_read(self, down: bool) -> None:
        """PgDn/PgUp: the next page of the text, then of the protocol, then of the quotes."""
        for pane in self.reading_panes():
            if pane.page(down):
                return
        self.app.bell()
