"""An OptionList that marks the highlighted option by a sign, not by colour alone.

"▶" marks the highlighted option of the list that has the focus; "▷" the one a list
without focus keeps, so which list the keys act on is visible without colour.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.visual import Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wegwijzer.tui.attention import follow
from wegwijzer.tui.widgets.hanging import Hanging

CURSOR = "▶ "
IDLE_CURSOR = "▷ "  # highlighted, but the focus is elsewhere
NO_CURSOR = "  "


class CursorList(OptionList):
    """Options from Content prompts; a ``None`` draws a rule and adds no option."""

    def __init__(self, prompts: Iterable[Content | None] = (), *, id: str | None = None) -> None:
        self._prompts: list[Content] = []
        self._cursor: int | None = None
        super().__init__(*self._options_for(prompts), id=id, markup=False)

    def _options_for(self, prompts: Iterable[Content | None]) -> list[Option | None]:
        items: list[Option | None] = []
        for prompt in prompts:
            if prompt is None:
                items.append(None)
                continue
            self._prompts.append(prompt)
            items.append(Option(self._decorated(len(self._prompts) - 1)))
        return items

    def add_prompts(self, prompts: Iterable[Content | None]) -> None:
        """Options after the last, as the list was made (a ``None``: a rule before the next)."""
        self.add_options(self._options_for(prompts))

    def prompt_for(self, index: int) -> Content:
        """The prompt of option ``index`` without the cursor mark (subclasses may vary it)."""
        return self._prompts[index]

    def _decorated(self, index: int) -> Content:
        mark = NO_CURSOR
        if index == self._cursor:
            mark = CURSOR if self.has_focus else IDLE_CURSOR
        lines = self.prompt_for(index).split("\n")
        return Content.assemble((mark, "bold"), Content("\n" + NO_CURSOR).join(lines))

    def _get_visual(self, option: Option) -> Visual:
        # Textual's own method and cache (the option's visual, cleared when its prompt is
        # replaced); every prompt here comes from ``_decorated``, so its lines start with
        # the mark or its width in blanks: that column stays beside a wrapped text.
        prompt = option.prompt
        if not isinstance(prompt, Content):
            return super()._get_visual(option)
        if (visual := option._visual) is None:
            visual = option._visual = drawn(prompt, self.lead(prompt))
        return visual

    def lead(self, prompt: Content) -> int:
        """The cells before the text on the first line of ``prompt`` (the mark here):
        where a wrapped line of it starts (``Hanging``)."""
        return len(NO_CURSOR)

    def redraw(self, *indices: int | None) -> None:
        for index in set(indices):
            if index is not None and 0 <= index < self.option_count:
                self.replace_option_prompt_at_index(index, self._decorated(index))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is not self:
            return
        # The list's own state, not the event's: after ``clear_options`` an event about
        # the options shown before may still be on its way.
        previous, self._cursor = self._cursor, self.highlighted
        if previous != self._cursor:  # else the mark is already drawn (``reset``)
            self.redraw(previous, self._cursor)
        self.call_after_refresh(follow, self)

    # The terminal cursor follows the highlight (``tui/attention.py``).
    # Called before Textual's own focus handler sets ``has_focus``: redraw just after.
    def on_focus(self) -> None:
        self.call_later(self.redraw, self._cursor)
        self.call_after_refresh(follow, self)

    def on_blur(self) -> None:
        self.call_later(self.redraw, self._cursor)

    def on_resize(self) -> None:
        self.call_after_refresh(follow, self)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.call_after_refresh(follow, self)


def number_width(text: str) -> int:
    """The cells of a leading "12. " in ``text`` (0 without one): what a numbered prompt
    puts before its text."""
    number, dot, _ = text.partition(". ")
    return len(number) + len(dot) if dot and number.isdigit() else 0


def drawn(prompt: Content, lead: int = len(NO_CURSOR)) -> Visual:
    """What a ``CursorList`` draws for ``prompt``: its first ``lead`` cells (the mark, and
    what a subclass puts before the text) in a column of their own."""
    return Hanging(prompt, lead)


def separated(prompts: Iterable[Content]) -> list[Content | None]:
    """Prompts with a rule between them."""
    items: list[Content | None] = []
    for prompt in prompts:
        if items:
            items.append(None)
        items.append(prompt)
    return items
