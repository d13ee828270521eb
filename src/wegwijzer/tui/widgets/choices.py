"""The options of a step: one to pick, or several to tick, always marked in text.

Textual's RadioSet and SelectionList show their state by colour alone, so this list
writes it out: ``▶`` before the highlighted option, ``[x]``/``[ ]`` for ticked options
and "eerder gekozen" beside an answer kept from earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.flow import tick
from wegwijzer.tui.widgets.cursor_list import CursorList, drawn, number_width
from wegwijzer.tui.widgets.in_place import same_content, same_height, text_width

TICKED = "[x] "
UNTICKED = "[ ] "
KEPT = "  — eerder gekozen"
ALONE = "  (kiest u alleen)"


class ChoiceList(CursorList):
    """Options numbered from 1; Enter confirms, space (multi) ticks the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Bevestig"),
        Binding("space", "tick", "Aanvinken", show=False),
    ]

    class Confirmed(Message):
        """The user confirmed: the 0-based numbers picked (one, unless ``multiple``)."""

        def __init__(self, choice_list: ChoiceList, picked: tuple[int, ...]) -> None:
            super().__init__()
            self.choice_list = choice_list
            self.picked = picked
            self.generation = choice_list.generation  # which options were shown

        @property
        def control(self) -> ChoiceList:
            return self.choice_list

    def __init__(
        self,
        labels: Sequence[str],
        *,
        multiple: bool = False,
        kept: Iterable[int] = (),
        exclusive: Iterable[int] = (),
        id: str | None = None,
    ) -> None:
        self.labels = [clean(label) for label in labels]
        self.multiple = multiple
        self.kept = frozenset(kept)
        self.exclusive = frozenset(exclusive)
        self.ticked: set[int] = set(self.kept) if multiple else set()
        self.generation = 0
        super().__init__((Content(label) for label in self.labels), id=id)

    def on_mount(self) -> None:
        if self.labels:
            self.highlighted = min(self.kept) if self.kept else 0

    def reset(
        self,
        labels: Sequence[str],
        *,
        multiple: bool = False,
        kept: Iterable[int] = (),
        exclusive: Iterable[int] = (),
    ) -> None:
        """Show the options of another step in this same list (no remount, focus kept).

        ``generation`` goes up, so a ``Confirmed`` posted for the options shown before
        (a key typed ahead) can be told apart from one for these. When the options keep
        their number and line counts, only the changed ones are redrawn and the screen
        is not laid out again.
        """
        self.generation += 1
        self.labels = [clean(label) for label in labels]
        self.multiple = multiple
        self.kept = frozenset(kept)
        self.exclusive = frozenset(exclusive)
        self.ticked = set(self.kept) if multiple else set()
        start = (min(self.kept) if self.kept else 0) if self.labels else None
        self._prompts = [Content(label) for label in self.labels]
        self._cursor = start
        prompts = [self._decorated(index) for index in range(len(self.labels))]
        if self._fits(prompts):
            for index, prompt in enumerate(prompts):
                if not same_content(self.options[index].prompt, prompt):
                    self.replace_option_prompt_at_index(index, prompt)
            if self.highlighted != start or self.scroll_y:
                self.highlighted = None  # as ``clear_options``: back to the top, then to start
                self.scroll_y = 0
            else:
                self.scroll_to_highlight()
        else:
            self.clear_options()
            self.add_options(Option(prompt) for prompt in prompts)
        self.highlighted = start

    def _fits(self, prompts: Sequence[Content]) -> bool:
        """``prompts`` take as many lines, option by option, as the options shown now."""
        options = self.options
        if len(prompts) != len(options) or not self.display:
            return False
        padding = self.get_component_styles("option-list--option").padding
        width = text_width(self) - padding.width
        return all(  # heights as the list draws them (``drawn``), not as the bare prompts;
            # an option shown has its drawing kept by the list already
            isinstance(option.prompt, Content)
            and same_height(self, self._get_visual(option), drawn(prompt, self.lead(prompt)), width)
            for option, prompt in zip(options, prompts, strict=True)
        )

    def prompt_for(self, index: int) -> Content:
        parts: list[str | tuple[str, str]] = [(f"{index + 1}. ", "bold")]
        if self.multiple:
            parts.append((TICKED, "bold") if index in self.ticked else UNTICKED)
        parts.append(self.labels[index])
        if self.multiple and index in self.exclusive:
            parts.append((ALONE, "italic"))
        if index in self.kept and not self.multiple:
            parts.append((KEPT, "italic"))
        return Content.assemble(*parts)

    def lead(self, prompt: Content) -> int:
        """The mark, the number and, with several to tick, the box: a wrapped label goes
        on under its own first word, not under its number ("▶ 1. [x] " as
        ``prompt_for`` writes it)."""
        lead = super().lead(prompt)
        text = prompt.plain
        number = number_width(text[lead:])
        if not number:
            return lead
        lead += number
        if self.multiple and text[lead:].startswith((TICKED, UNTICKED)):
            lead += len(TICKED)
        return lead

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # OptionList selects on a click; Enter is bound to ``confirm`` instead.
        if event.option_list is not self:
            return
        event.stop()
        if self.multiple:
            self.toggle(event.option_index)
        else:
            self.post_message(self.Confirmed(self, (event.option_index,)))

    def pick(self, index: int) -> bool:
        """Digit key: highlight option ``index`` and, for multi, tick or untick it."""
        if not 0 <= index < len(self.labels):
            return False
        self.highlighted = index
        if self.multiple:
            self.toggle(index)
        return True

    def toggle(self, index: int) -> None:
        """Tick or untick ``index``; an exclusive option clears the others and the reverse
        (the rule is the flow's: ``core.flows.flow.tick``)."""
        if not self.multiple or not 0 <= index < len(self.labels):
            return
        before = set(self.ticked)
        self.ticked = set(tick(before, index, self.exclusive))
        self.redraw(*(before ^ self.ticked))

    def action_tick(self) -> None:
        if self.highlighted is not None:
            self.toggle(self.highlighted)

    def action_confirm(self) -> None:
        if self.multiple:
            self.post_message(self.Confirmed(self, tuple(sorted(self.ticked))))
        elif self.highlighted is not None:
            self.post_message(self.Confirmed(self, (self.highlighted,)))
