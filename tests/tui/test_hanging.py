"""An option's cursor mark as a column of its own: wrapped lines start under the text.

``Hanging`` draws a ``CursorList`` prompt. Two properties, over prompts made as the
list makes them (a mark, lines of words, some empty) and any width:
- where no line of the prompt is wider than the list, it draws segment for segment
  what the prompt itself draws: nothing changes where nothing wraps;
- where lines wrap, the first line starts with the mark and every other line with two
  blank cells, no line is wider than the list, no letter is lost or reordered, and the
  height the list reserves is the number of lines drawn.
And one on screen: at 80×24 the home screen's wrapped descriptions start under the text.

A step's choices widen the column by their number and box ("▶ 1. [x] "): over labels
of any words, and over every step of every shipped flow on screen at the sizes people
use, a wrapped choice goes on under its first word, never under its number.

``Bulleted`` does the same for text with bulleted lines (the summary's actions, the
learning goals, a dialog's warnings): where nothing wraps it draws what the text draws;
where a line wraps, its rows go on under its text, a heading line wraps as before, and
no letter is lost. On screen: every action of every outcome of every shipped flow, and
the summary's steps taken (a wrapped question goes on under itself, not under its
number, also from step 10 on).
"""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import OptionList, Static
from tuikit import FLOWS, each_step_shown, fixed_clock, keys

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import OutcomeStep
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.app import make_app
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.screens.summary import SummaryScreen, TakenList
from wegwijzer.tui.widgets.choices import TICKED, UNTICKED, ChoiceList
from wegwijzer.tui.widgets.cursor_list import CURSOR, IDLE_CURSOR, NO_CURSOR
from wegwijzer.tui.widgets.hanging import BULLET, Bulleted, Hanging

from walks import routes

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


def choice_rows(visual: Hanging, width: int) -> list[str]:
    return [strip.text for strip in visual.render_strips(width, None, BASE, OPTIONS)]


def assert_hangs_under_its_text(
    rows: list[str], lead: int, where: str, *, letter: bool = True
) -> None:
    """Every row after the first starts with as many blanks as the first has before its
    label (mark, number, box), and then, with ``letter``, a letter. (Not for any words:
    where Textual folds a word longer than the width, the blank after it may start the
    next row.)"""
    for row in rows[1:]:
        assert row[:lead].isspace(), (where, rows)
        assert not letter or not row[lead : lead + 1].isspace(), (where, rows)


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(
        st.lists(words, min_size=1, max_size=20).map(" ".join), min_size=1, max_size=12
    ),
    multiple=st.booleans(),
    ticked=st.sets(st.integers(0, 11)),
    width=st.integers(12, 60),
)
def test_a_wrapped_choice_goes_on_under_its_first_word(
    labels: list[str], multiple: bool, ticked: set[int], width: int
) -> None:
    choices = ChoiceList(labels, multiple=multiple)
    choices.ticked = ticked & set(range(len(labels)))
    for index, label in enumerate(choices.labels):
        prompt = choices._decorated(index)
        box = (TICKED if index in choices.ticked else UNTICKED) if multiple else ""
        lead = choices.lead(prompt)
        assert prompt.plain[:lead] == NO_CURSOR + f"{index + 1}. " + box  # up to the label
        rows = choice_rows(Hanging(prompt, lead), width)
        assert rows[0].startswith(prompt.plain[:lead][:width])
        if len(rows) > 1 and width > lead:
            assert_hangs_under_its_text(rows, lead, label, letter=False)
        # no letter lost or reordered
        assert "".join(rows).replace(" ", "") == prompt.plain.replace(" ", "")


CATALOG = load_catalog(FLOWS)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
async def test_every_shipped_choice_wraps_under_its_text(
    loaded: LoadedFlow, size: tuple[int, int]
) -> None:
    app = make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    wrapped = 0
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StepScreen)
        async for step_id in each_step_shown(screen, loaded):
            await pilot.pause()
            choices = screen.query_one(ChoiceList)
            width = choices.scrollable_content_region.width
            # every option as the list draws it, at the width it has on screen
            for index, option in enumerate(choices.options):
                prompt = option.prompt
                assert isinstance(prompt, Content)
                rows = choice_rows(choices._get_visual(option), width)
                wrapped += len(rows) > 1
                where = f"{loaded.flow.id}/{step_id} option {index + 1} at {size}"
                assert_hangs_under_its_text(rows, choices.lead(prompt), where)
            # and the rows on screen: none starts under a number
            for y in range(choices.scrollable_content_region.height):
                row = choices.render_line(y).text.rstrip()
                lead = row[: len(NO_CURSOR) + 3]
                assert not lead[len(NO_CURSOR) :].strip() or lead[len(NO_CURSOR)].isdigit(), row
    if loaded.flow.id == "zorgen-over-een-minderjarige":  # its choices wrap at both sizes
        assert wrapped, f"no choice wraps at {size}: the property was not put to the test"


sentences = st.lists(words, min_size=1, max_size=16).map(" ".join)


def bulleted_text(heading: str | None, items: list[str], sources: bool) -> Content:
    """As the screens write them: an optional bold heading, then "• " items, each with
    an indented dim source line when ``sources``."""
    parts: list[str | tuple[str, str]] = [(heading + "\n", "bold")] if heading else []
    for index, item in enumerate(items):
        parts += ["\n" if index else "", (BULLET, "bold"), item]
        if sources:
            parts.append(("\n  Bron: antwoord 4, alinea 1", "dim"))
    return Content.assemble(*parts)


@given(
    heading=st.none() | sentences,
    items=st.lists(sentences, min_size=1, max_size=4),
    sources=st.booleans(),
    extra=st.integers(0, 20),
)
def test_bulleted_text_where_nothing_wraps_draws_what_the_text_draws(
    heading: str | None, items: list[str], sources: bool, extra: int
) -> None:
    text = bulleted_text(heading, items, sources)
    width = max(line.cell_length for line in text.split("\n", allow_blank=True)) + extra
    visual = Bulleted(text)
    assert [list(s) for s in visual.render_strips(width, None, BASE, OPTIONS)] == [
        list(s) for s in text.render_strips(width, None, BASE, OPTIONS)
    ]
    assert visual.get_height({}, width) == text.get_height({}, width)


@given(
    heading=st.none() | sentences,
    items=st.lists(sentences, min_size=1, max_size=4),
    sources=st.booleans(),
    width=st.integers(len(BULLET) + 1, 50),
)
def test_bulleted_lines_wrap_under_their_text_and_lose_no_letter(
    heading: str | None, items: list[str], sources: bool, width: int
) -> None:
    text = bulleted_text(heading, items, sources)
    visual = Bulleted(text)
    rows = [strip.text for strip in visual.render_strips(width, None, BASE, OPTIONS)]
    assert visual.get_height({}, width) == len(rows)
    assert all(len(row) <= width for row in rows)
    assert "".join(rows).replace(" ", "") == text.plain.replace(" ", "").replace("\n", "")
    # the heading wraps as Textual wraps it; below it, every row starts with a bullet or
    # with blanks where a bullet would be
    above = Content(heading).render_strips(width, None, BASE, OPTIONS) if heading else []
    assert rows[: len(above)] == [strip.text for strip in above]
    below = rows[len(above) :]
    assert below[0].startswith(BULLET)
    assert all(row.startswith((BULLET, " " * len(BULLET))) for row in below)


@pytest.mark.parametrize("loaded", CATALOG.flows, ids=lambda loaded: loaded.flow.id)
async def test_every_summary_action_and_step_hangs_under_its_text(loaded: LoadedFlow) -> None:
    app = make_app(loaded.flow.id, flows_dir=FLOWS, clock=fixed_clock, drafts=False)
    wrapped = 0
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for step_id, route in routes(loaded).items():
            if not isinstance(loaded.flow.steps[step_id], OutcomeStep):
                continue
            session = Session(loaded, clock=fixed_clock)
            for value in route:
                session.answer(value)
            await app.push_screen(SummaryScreen(session))
            await pilot.pause()
            for action in app.screen.query(".actie").results(Static):
                rows = [action.render_line(y).text.rstrip() for y in range(action.size.height)]
                first = rows[0]
                indent = len(first) - len(first.lstrip())
                assert first[indent:].startswith(BULLET), rows
                for row in rows[1:]:
                    where = f"{loaded.flow.id}/{step_id}: {rows}"
                    assert row[: indent + len(BULLET)].isspace(), where
                    assert not row[indent + len(BULLET)].isspace(), where
                wrapped += len(rows) > 2  # more than the text's one row and its source
            taken = app.screen.query_one(TakenList)
            for index, option in enumerate(taken.options):
                prompt = option.prompt
                assert isinstance(prompt, Content)
                number = f"{index + 1}. "  # the column: the mark and the step's number
                lead = len(NO_CURSOR) + len(number)
                assert prompt.plain[len(NO_CURSOR) : lead] == number
                # at its width on screen and narrower, where every question wraps
                for width in (taken.scrollable_content_region.width, 30):
                    rows = choice_rows(taken._get_visual(option), width)
                    where = f"{loaded.flow.id}/{step_id}: step {index + 1} at {width}"
                    assert_hangs_under_its_text(rows, lead, where)
                    assert "".join(rows).replace(" ", "") == prompt.plain.replace(" ", "").replace(
                        "\n", ""
                    )
            app.pop_screen()
            await pilot.pause()
    assert wrapped, "no action wraps at 80 columns: the property was not put to the test"
