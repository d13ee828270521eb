"""What the home screen lists: its lists (flows, exercises, drafts), each entry's text,
and the parts of its scrolling lists as widgets."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from textual._context import NoActiveAppError
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import DOMNode, NoScreen
from textual.widget import Widget
from textual.widgets import Static

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.cache import Checked, FlowEntry, SourceEntry
from wegwijzer.core.flows.catalog import Catalog, flow_entry, source_entry
from wegwijzer.tui import training
from wegwijzer.tui.records_bridge import DraftInfo, DraftListing
from wegwijzer.tui.render import TRAINING_LABEL, plain
from wegwijzer.tui.widgets.cursor_list import CursorList, separated


class EntryList(CursorList):
    """A list of the home screen; past its last item ↓ goes on to the next list, and
    past its first ↑ back to the one before (as Tab and Shift+Tab do)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Openen")]

    # Lists the options after those shown first, when set (the drafts: ``HomeScreen``);
    # a key that goes past the last option shown calls it before it moves.
    more: Callable[[], object] | None = None

    def _list_all(self) -> None:
        more, self.more = self.more, None
        if more is not None:
            more()

    def action_last(self) -> None:
        self._list_all()
        super().action_last()

    def action_page_down(self) -> None:
        self._list_all()
        super().action_page_down()  # type: ignore[no-untyped-call]  # untyped in Textual

    def action_cursor_down(self) -> None:
        self._list_all()
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.move_on(forward=True)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self.highlighted <= 0:
            self.move_on(forward=False)
        else:
            super().action_cursor_up()

    def move_on(self, *, forward: bool) -> None:
        try:
            screen = self.screen
        except NoScreen:  # a key typed ahead reached a list recomposed away (random keys)
            return
        lists = list(screen.query(EntryList))
        index = lists.index(self) + (1 if forward else -1)
        if not 0 <= index < len(lists):
            return  # the first or last list: stay (no wrap to its other end)
        following = lists[index]
        following.highlighted = 0 if forward else following.option_count - 1
        following.focus()


def flow_prompt(flow: FlowEntry) -> Content:
    return Content.assemble(
        plain(flow.title, "bold", multiline=False),
        "\n",
        plain(flow.audience, multiline=False),
        (f"\n{flow.steps} stappen", "dim"),
    )


def exercise_prompt(title: str, summary: str) -> Content:
    return Content.assemble(
        (f"{TRAINING_LABEL} ", "bold"),
        plain(title, "bold", multiline=False),
        "\n",
        plain(summary, multiline=False),
    )


class Listing(NamedTuple):
    """What the lists show: flows, exercises (title, summary) and the source notes.

    A NamedTuple: every start defines it, and a frozen dataclass compiles its generated
    methods at import (``core.flows.cache``)."""

    flows: tuple[FlowEntry, ...]
    exercises: tuple[tuple[str, str], ...]
    sources: tuple[SourceEntry, ...]

    @classmethod
    def cached(cls, checked: Checked) -> Listing:
        return cls(
            checked.flows,
            tuple(
                (e.title, training.summary_line(e.flow_title, e.decisions, e.points))
                for e in checked.exercises
            ),
            checked.sources,
        )

    @classmethod
    def loaded(cls, catalog: Catalog, exercises: training.ExerciseList) -> Listing:
        return cls(
            tuple(flow_entry(loaded) for loaded in catalog.flows),
            tuple((e.title, e.summary) for e in exercises),
            tuple(source_entry(source) for source in catalog.sources.values()),
        )


def draft_prompt(draft: DraftInfo) -> Content:
    """``Zorgen over een minderjarige · casus 12`` and, below, where it stands and when
    it last changed, in local time."""
    parts: list[str | Content | tuple[str, str]] = []
    if draft.mode == "oefening":
        parts.append((f"{TRAINING_LABEL} ", "bold"))
    parts += [plain(draft.flow_title, "bold", multiline=False)]
    if draft.case_ref:
        parts += [" · ", plain(draft.case_ref, multiline=False)]
    where = (
        "klaar, overzicht nog niet opgeslagen"
        if draft.finished
        else f"bij stap {draft.answered + 1}"
    )
    changed = local_text(draft.changed or draft.started)
    parts.append((f"\n{where} · laatst gewijzigd {changed}", "dim"))
    return Content.assemble(*parts)


RESUME = "Verder waar u was"


def drafts_in_view(screen: DOMNode) -> int:
    """More drafts than the first frame can show: each takes two lines and a rule (three
    lines), and their list at most 60 % of the screen (home.tcss). So at most
    0.6 × height / 3 + 1 are in view, even partly: one more than that."""
    try:
        return screen.app.size.height // 5 + 2
    except NoActiveAppError:  # made outside a running app (some tests): all of them
        return 1 << 30


def drafts_part(drafts: DraftListing, more: Callable[[], object] | None) -> Iterator[Widget]:
    """Where a person goes on first: the drafts, and a note on those that cannot be read.
    ``more`` lists the drafts past those shown (``EntryList.more``)."""
    if drafts.drafts:
        yield Static(Content(RESUME), classes="kop")
        listed = EntryList(separated(draft_prompt(d) for d in drafts.drafts), id="concepten")
        listed.more = more
        yield listed
    if drafts.skipped:
        yield Static(plain("\n".join(drafts.skipped[:3])), classes="leeg")


def flows_part(
    listing: Listing, folder: Path, problems: list[Any], more: Callable[[], object] | None
) -> Iterator[Widget]:
    """The flows, or where none were found, and the files left out with a fault."""
    yield Static(Content("Stappenplannen"), classes="kop")
    if listing.flows:
        flows = EntryList(separated(flow_prompt(f) for f in listing.flows), id="flows")
        flows.more = more
        yield flows
    else:
        yield Static(plain(f"Geen stappenplannen gevonden in {folder}."), classes="leeg")
    if problems:
        lines = [f"{len(problems)} fout(en) in de bestanden; deze stappenplannen ontbreken."]
        lines += [str(problem) for problem in problems[:3]]
        lines.append("Controleer ze met: wegwijzer check")
        yield Static(plain("\n".join(lines)), classes="waarschuwing")


def exercises_part(listing: Listing, problems: list[str]) -> list[Widget]:
    """The exercises' heading, list and problems: the last part of the scrolling lists."""
    part: list[Widget] = []
    if listing.exercises or problems:
        part.append(Static(Content("Oefeningen"), classes="kop"))
    if listing.exercises:
        prompts = separated(exercise_prompt(*e) for e in listing.exercises)
        part.append(EntryList(prompts, id="oefeningen"))
    if problems:
        part.append(Static(plain("\n".join(problems)), classes="waarschuwing"))
    return part
