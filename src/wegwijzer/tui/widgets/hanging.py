"""A list option drawn with its cursor mark in a column of its own.

``CursorList`` starts every line of an option with two cells: the mark ("▶ ", "▷ " or
blanks) on the first, blanks on the others. Textual wraps an option's text at the
list's width, and a wrapped line then started under the mark, not under the text
("leerplicht, Wmo) …" below "▶ Zorgen …" at 80×24). ``Hanging`` keeps those two cells
as a column: the text is wrapped in the width beside it, and every line it gives
starts under the text. Where nothing wraps, the prompt draws itself, as before. A step's
choices widen the column by their number and box ("▶ 1. [x] ", ``ChoiceList.lead``), so
a wrapped choice goes on under its first word, not under its number.
"""

from __future__ import annotations

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

BULLET = "• "


class Hanging(Visual):
    """``prompt`` with the first ``gutter`` cells of each of its lines as a column."""

    def __init__(self, prompt: Content, gutter: int) -> None:
        lines = prompt.split("\n", allow_blank=True)
        self.prompt = prompt
        self.widest = max(line.cell_length for line in lines)
        self.gutter = gutter
        self.mark = lines[0][:gutter]
        self.body = Content("\n").join(line[gutter:] for line in lines)

    def __str__(self) -> str:
        return str(self.prompt)  # the text, as a Static holding it gives it

    def _column(self, width: int) -> bool:
        """Whether a line wraps at ``width``, and there is room for the column: else the
        prompt draws itself, as Textual draws it."""
        return self.gutter < width < self.widest

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.prompt.get_optimal_width(rules, container_width)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.prompt.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if not self._column(width):
            return self.prompt.get_height(rules, width)
        return self.body.get_height(rules, width - self.gutter)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not self._column(width):
            return self.prompt.render_strips(width, height, style, options)
        lines = self.body.render_strips(width - self.gutter, height, style, options)
        return hung(self.mark, lines, self.gutter, style, options)


class Bulleted(Hanging):
    """Text with bulleted lines ("• ", or as many blanks to go on under one): each such
    line's wrapped rows go on under its text, not under its bullet; any other line (a
    heading above the bullets) wraps as Textual wraps it. For the lists the screens write
    as text: the summary's actions, the learning goals, a dialog's warnings."""

    def __init__(self, content: Content, gutter: int = len(BULLET)) -> None:
        super().__init__(content, gutter)
        self.lines = content.split("\n", allow_blank=True)

    def _lead(self, line: Content) -> int:
        return self.gutter if line.plain.startswith((BULLET, " " * self.gutter)) else 0

    def get_height(self, rules: RulesMap, width: int) -> int:
        if not self._column(width):
            return self.prompt.get_height(rules, width)
        height = 0
        for line in self.lines:
            lead = self._lead(line)
            height += line[lead:].get_height(rules, width - lead)
        return height

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not self._column(width):
            return self.prompt.render_strips(width, height, style, options)
        rows: list[Strip] = []
        for line in self.lines:
            lead = self._lead(line)
            body = line[lead:].render_strips(width - lead, None, style, options)
            rows += hung(line[:lead], body, lead, style, options) if lead else body
        return rows if height is None else rows[:height]


def hung(
    mark: Content, lines: list[Strip], gutter: int, style: Style, options: RenderOptions
) -> list[Strip]:
    """``lines`` beside a column ``gutter`` cells wide: ``mark`` on the first, blanks on
    the others."""
    rich_style = style.rich_style
    drawn = mark.render_strips(gutter, 1, style, options)
    first = drawn[0] if drawn else Strip.blank(0)
    first = first.extend_cell_length(gutter, rich_style).crop(0, gutter)
    blank = Strip.blank(gutter, rich_style)
    return [Strip.join([first if y == 0 else blank, line]) for y, line in enumerate(lines)]
