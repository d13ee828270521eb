"""What a list costs before the first frame, counted in instructions (issue 19, tenth round).

``python -m benchmarks.list_cost`` counts, with Valgrind's callgrind, the bare app of
``startup_probe`` (Header, Static, Footer) with one and with two lists of two options
added, for each way of drawing such a list:

- ``text``: the two lines in a ``Static`` (the same text without a list);
- ``scroll``: a focusable ``ScrollView`` that draws the two lines (the least a list of
  our own could be built on);
- ``scroll-looks``: the same with the list's own look from ``OptionList``'s CSS (its
  border, background and focus tint), not its options' styles;
- ``scroll-parts``: the same with the options' styles too (the highlighted option
  with and without focus, the one under the mouse, the separator), as component
  classes: the least a list of our own costs that looks as the snapshots hold it;
- ``option``: Textual's ``OptionList``;
- ``option-bare``: a subclass of ``OptionList`` without any CSS that lays out and draws
  nothing;
- ``option-undrawn``: the same with ``OptionList``'s CSS: the least a list costs that is
  an ``OptionList`` (the tests query the home screen's lists by that type) and looks
  like one, whatever draws its options;
- ``option-no-parts``: ``option-undrawn`` without the component classes (the options'
  styles that Textual works out for each part on every style update);
- ``cursor``: ``CursorList``, the list the home and step screens use.

It prints each count, its difference to ``text`` with one list, and what the second
list added. Not part of ``make bench`` (each count takes a quarter of a minute); the
figures are in docs/performance.md. The child side (``probe KIND COUNT``) imports only
``benchmarks.startup_probe`` and what the variant needs.
"""

from __future__ import annotations

import os
import sys
from typing import Any

KINDS = (
    "text",
    "scroll",
    "scroll-looks",
    "scroll-parts",
    "option",
    "option-bare",
    "option-undrawn",
    "option-no-parts",
    "cursor",
)
LINES = ("Zorgen over een minderjarige", "Oefeningen")
# OptionList's CSS for the list itself (not for its options): how the list looks.
LOOKS = """
Lines {
    height: auto;
    max-height: 100%;
    color: $foreground;
    overflow-x: hidden;
    border: tall $border-blurred;
    padding: 0 1;
    background: $surface;
    &:focus {
        border: tall $border;
        background-tint: $foreground 5%;
    }
}
"""
# And the options' styles, as OptionList's CSS gives them (for ``scroll-parts``).
PARTS = """
Lines {
    & > .lines--highlighted {
        color: $block-cursor-blurred-foreground;
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    &:focus > .lines--highlighted {
        color: $block-cursor-foreground;
        background: $block-cursor-background;
        text-style: $block-cursor-text-style;
    }
    & > .lines--separator {
        color: $foreground 15%;
    }
    & > .lines--hover {
        background: $block-hover-background;
    }
}
"""


def _scroll_lists(kind: str, count: int) -> list[Any]:
    from rich.segment import Segment
    from textual.scroll_view import ScrollView
    from textual.strip import Strip

    parts = kind == "scroll-parts"

    class Lines(ScrollView, can_focus=True):
        DEFAULT_CSS = LOOKS + PARTS if parts else LOOKS if kind == "scroll-looks" else ""
        COMPONENT_CLASSES = (
            {"lines--highlighted", "lines--separator", "lines--hover"} if parts else set()
        )

        def render_line(self, y: int) -> Strip:
            style = self.get_component_rich_style("lines--highlighted") if parts else None
            return Strip([Segment(LINES[y] if y < len(LINES) else "", style)])

    return [Lines() for _ in range(count)]


def _undrawn_lists(kind: str, count: int) -> list[Any]:
    from textual.geometry import Region, Size
    from textual.strip import Strip
    from textual.widgets import OptionList

    parts = kind != "option-no-parts"

    class Undrawn(OptionList, inherit_css=kind != "option-bare"):
        COMPONENT_CLASSES = set(OptionList.COMPONENT_CLASSES) if parts else set()

        def _update_lines(self) -> None:
            pass

        def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
            return len(LINES)

        def render_lines(self, crop: Region) -> list[Strip]:
            return [Strip.blank(crop.width) for _ in range(crop.height)]

    # Set here: ``DOMNode.__init_subclass__`` sets it from its keyword after the body.
    Undrawn._inherit_component_classes = parts
    return [Undrawn(*LINES, markup=False) for _ in range(count)]


def _lists(kind: str, count: int) -> list[Any]:
    if kind == "text":
        from textual.widgets import Static

        return [Static("\n".join(LINES), markup=False) for _ in range(count)]
    if kind.startswith("scroll"):
        return _scroll_lists(kind, count)
    if kind == "option":
        from textual.widgets import OptionList

        return [OptionList(*LINES, markup=False) for _ in range(count)]
    if kind.startswith("option-"):
        return _undrawn_lists(kind, count)
    from textual.content import Content

    from wegwijzer.tui.widgets.cursor_list import CursorList

    return [CursorList([Content(line) for line in LINES]) for _ in range(count)]


def probe(kind: str, count: int) -> None:
    from benchmarks import startup_probe

    def bare_app() -> tuple[Any, Any]:
        from textual.app import App, ComposeResult
        from textual.widgets import Footer, Header, Static

        class Bare(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield Static("Wegwijzer")
                yield from _lists(kind, count)
                yield Footer()

        app = Bare()
        return app, lambda screen: screen is app.screen

    startup_probe.bare_app = bare_app
    startup_probe.main("bare")


def main() -> int:
    from benchmarks import instructions
    from benchmarks.timing import PYTHON, bench_env

    counts: dict[tuple[str, int], int | None] = {}
    for kind in KINDS:
        for count in (1, 2):
            argv = [PYTHON, __file__, "probe", kind, str(count)]
            counts[kind, count] = instructions.count(argv, bench_env())
    base = counts["text", 1]
    print(f"{'list':16}  {'one list':>10}  {'vs text':>9}  {'second list':>11}")
    for kind in KINDS:
        one, two = counts[kind, 1], counts[kind, 2]
        if one is None or two is None or base is None:
            print(f"{kind:16}  not counted (Valgrind missing, or the probe failed)")
            continue
        added = f"{(one - base) / 1e6:+7.1f} M  {(two - one) / 1e6:+9.1f} M"
        print(f"{kind:16}  {one / 1e6:8.1f} M  {added}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "probe":
        # As a script (under Valgrind): the package from its folder's parent, as ``-m``.
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        probe(sys.argv[2], int(sys.argv[3]))  # exits at the frame (``startup_probe``)
    else:
        raise SystemExit(main())
