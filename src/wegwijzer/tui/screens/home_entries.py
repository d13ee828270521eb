"""What the home screen lists: its lists (flows, exercises, drafts) and each entry's text."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, NamedTuple

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.dom import NoScreen

from wegwijzer.core.base.clock import local_text
from wegwijzer.core.flows.cache import Checked, FlowEntry, SourceEntry
from wegwijzer.core.flows.catalog import Catalog, flow_entry, source_entry
from wegwijzer.tui import training
from wegwijzer.tui.records_bridge import DraftInfo
from wegwijzer.tui.render import TRAINING_LABEL, plain
from wegwijzer.tui.widgets.cursor_list import CursorList


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
