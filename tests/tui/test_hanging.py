"""An option's cursor mark as a column of its own: wrapped lines start under the text.

``Hanging`` draws a ``CursorList`` prompt. Two properties, over prompts made as the
list makes them (a mark, lines of words, some empty) and any width:
- where no line of the prompt is wider than the list, it draws segment for segment
  what the prompt itself draws: nothing changes where nothing wraps;
- where lines wrap, the first line starts with the mark and every other line with two
  blank cells, no line is wider than the list, no letter is lost or reordered, and the
  height the list reserves is the number of lines drawn.
And one on screen: at 80×24 the home screen's wrapped descriptions start under the text.
"""

from __future__ import annotations

import asyncio

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList
from tuikit import FLOWS, fixed_clock, keys

from wegwijzer.tui.app import make_app
from wegwijzer.tui.widgets.choices import ChoiceList
from wegwijzer.tui.widgets.cursor_list import CURSOR, IDLE_CURSOR, NO_CURSOR
from wegwijzer.tui.widgets.hanging import Hanging

GUTTER = len(NO_CURSOR)
OPTIONS = RenderOptions(lambda s: s if isinstance(s, Style) else Style.parse(s), {})
BASE = Style.parse("on #123456")

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü’()", min_size=1, max_size=14)
lines = st.lists(st.lists(words, max_size=12).map(" ".join), min_size=1, max_size=4)


def decorated(mark: str, text_lines: list[str]) -> Content:
    """As ``CursorList._decorated`` builds a prompt, with a dim second line."""
    body = [
        Content.styled(line, "dim") if i == 1 else Content(line)
        for i, line in enumerate(text_lines)
    ]
    return Content.assemble((mark, "bold"), Content("\n" + NO_CURSOR).join(body))


@given(
    mark=st.sampled_from([CURSOR, IDLE_CURSOR, NO_CURSOR]),
    text_lines=lines,
    extra=st.integers(0, 30),
)
def test_where_nothing_wraps_it_draws_what_the_prompt_draws(
    mark: str, text_lines: list[str], extra: int
) -> None:
    prompt = decorated(mark, text_lines)
    width = max(GUTTER + 1, max(len(line) for line in text_lines) + GUTTER) + extra
    hanging = Hanging(prompt, GUTTER)
    drawn = hanging.render_strips(width, None, BASE, OPTIONS)
    plain = prompt.render_strips(width, None, BASE, OPTIONS)
    assert [list(s) for s in drawn] == [list(s) for s in plain]
    assert hanging.get_height({}, width) == prompt.get_height({}, width) == len(drawn)


@given(
    mark=st.sampled_from([CURSOR, IDLE_CURSOR, NO_CURSOR]),
    text_lines=lines,
    width=st.integers(GUTTER + 1, 40),
)
def test_wrapped_lines_start_under_the_text_and_lose_no_word(
    mark: str, text_lines: list[str], width: int
) -> None:
    hanging = Hanging(decorated(mark, text_lines), GUTTER)
    drawn = hanging.render_strips(width, None, BASE, OPTIONS)
    texts = [strip.text for strip in drawn]
    assert texts[0].startswith(mark)
    assert all(text.startswith(NO_CURSOR) for text in texts[1:])
    assert all(strip.cell_length <= width for strip in drawn)
    # a word longer than the width is folded: compare the letters, in order
    assert "".join(texts).replace(" ", "") == (mark + "".join(text_lines)).replace(" ", "")
    assert hanging.get_height({}, width) == len(drawn)


async def test_the_home_screens_descriptions_wrap_under_their_text() -> None:
    app = make_app(flows_dir=FLOWS, clock=fixed_clock)  # the shipped flows: long descriptions
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        flows = app.screen.query_one("#flows", OptionList)
        rows = [flows.render_line(y).text for y in range(flows.content_size.height)]
        body = [row for row in rows if row.strip() and not row.strip().startswith("─")]
        assert body[0].startswith(CURSOR) and len(body) > 6  # two flows, some lines wrapped
        assert all(row.startswith(NO_CURSOR) and row[GUTTER] != " " for row in body[1:]), rows


class Lists(App[None]):
    """Two lists side by side at one width: one reset in place, one made anew."""

    CSS = "ChoiceList { width: 1fr; height: auto; max-height: 100%; }"

    def __init__(self, first: list[str]) -> None:
        super().__init__()
        self.first = first

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield ChoiceList(self.first, id="kept")
            yield ChoiceList(["x"], id="anew")


labels = st.lists(
    st.lists(st.sampled_from(["kort", "een", "langer", "woordenreeks", "x"]), max_size=14).map(
        " ".join
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=25, deadline=None)
@given(first=labels, second=labels, width=st.integers(30, 70))
def test_a_list_reset_in_place_draws_as_one_made_anew(
    first: list[str], second: list[str], width: int
) -> None:
    """``ChoiceList.reset`` keeps the options and skips the layout when each option keeps
    its height as the list draws it (``drawn``, with the column); the result must be the
    list a fresh build gives."""
    second = second[: len(first)] + first[len(second) :]  # as many: the in-place path

    async def run() -> tuple[list[str], list[str]]:
        app = Lists(first)
        async with app.run_test(size=(2 * width, 40)) as pilot:
            await pilot.pause()
            kept = app.query_one("#kept", ChoiceList)
            anew = app.query_one("#anew", ChoiceList)
            kept.reset(second)
            anew.clear_options()
            anew.reset(second)
            await pilot.pause()
            await pilot.pause()
            # after the mark's column: one list has the focus (▶), the other not (▷)
            rows = [
                [lst.render_line(y).text[GUTTER:] for y in range(lst.size.height)]
                for lst in (kept, anew)
            ]
            return rows[0], rows[1]

    kept_rows, anew_rows = asyncio.run(run())
    assert kept_rows == anew_rows, (first, second, width)
