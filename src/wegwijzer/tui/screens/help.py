"""F1 or ?: the keys, read from the bindings themselves, and the packaged help text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Markdown, Static

from wegwijzer.tui.styles import STYLES
from wegwijzer.tui.widgets.footer import KeyFooter
from wegwijzer.tui.widgets.too_small import TooSmall

KeySection = tuple[str, Sequence[BindingType]]


def key_sections(everywhere: Sequence[BindingType]) -> list[KeySection]:
    """The keys per screen, straight from the bindings (``everywhere``: the app's)."""
    from wegwijzer.tui.dialogs.note import NoteDialog
    from wegwijzer.tui.screens.debrief import DebriefScreen
    from wegwijzer.tui.screens.home import HomeScreen
    from wegwijzer.tui.screens.home_entries import EntryList
    from wegwijzer.tui.screens.source import SourceScreen
    from wegwijzer.tui.screens.step import StepScreen
    from wegwijzer.tui.screens.summary import SummaryScreen, TakenList
    from wegwijzer.tui.screens.vignette import VignetteScreen
    from wegwijzer.tui.widgets.choices import ChoiceList

    return [
        ("Overal", everywhere),
        ("Startscherm", [*EntryList.BINDINGS, *HomeScreen.BINDINGS]),
        ("Stap", [*ChoiceList.BINDINGS, *StepScreen.BINDINGS]),
        ("Bron", SourceScreen.BINDINGS),
        ("Overzicht", [*TakenList.BINDINGS, *SummaryScreen.BINDINGS]),
        ("Notitie", NoteDialog.BINDINGS),
        ("Oefening: casus", VignetteScreen.BINDINGS),
        ("Oefening: nabespreking", DebriefScreen.BINDINGS),
    ]


def help_text() -> str:
    return resources.files("wegwijzer.tui").joinpath("help.md").read_text(encoding="utf-8")


KEY_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "backspace": "Backspace",
    "space": "Spatie",
    "question_mark": "?",
    # As the "meer" mark under a long text names them (tui/widgets/reading.py).
    "pagedown": "PgDn",
    "pageup": "PgUp",
}


def key_name(key: str) -> str:
    """A key as the help names it: ``Ctrl+P``, ``F1``, ``Esc``, ``n``."""
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_name(key[5:]).upper()
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return key.upper()
    return KEY_NAMES.get(key, key)


def join_keys(keys: list[str]) -> str:
    """Keys ``1`` … ``9`` become ``1–9``; keys are listed with a slash between them."""
    run = [k for k in keys if k in "123456789" and len(k) == 1]
    if len(run) > 2:
        first = keys.index(run[0])
        keys = [k for k in keys if k not in run]
        keys.insert(first, f"{run[0]}–{run[-1]}")
    return " / ".join(key_name(k) for k in keys)


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) per description, in the order the bindings give them."""
    grouped: dict[str, list[str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        keys = grouped.setdefault(binding.description, [])
        keys += [k.strip() for k in binding.key.split(",") if k.strip() not in keys]
    return [(join_keys(keys), description) for description, keys in grouped.items()]


class HelpScreen(Screen[None]):
    CSS_PATH = STYLES / "help.tcss"
    AUTO_FOCUS = "#hulp"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Terug"),
        Binding("f1,question_mark", "close", "Help sluiten", show=False),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = sections
        self.sub_title = "Help"

    def compose(self) -> ComposeResult:
        yield Header()
        yield TooSmall()
        with VerticalScroll(id="hulp"):
            yield Static(Content("Toetsen"), classes="kop")
            for title, bindings in self.sections:
                yield Static(Content(title), classes="groep")
                yield Static(self._keys(bindings), classes="toetsen")
            yield Markdown(help_text(), id="uitleg")
        yield KeyFooter()

    def _keys(self, bindings: Sequence[BindingType]) -> Content:
        rows = key_rows(bindings)
        width = max((len(keys) for keys, _ in rows), default=0) + 2
        return Content("\n").join(
            Content.assemble((keys.ljust(width), "bold"), description) for keys, description in rows
        )

    def action_close(self) -> None:
        self.dismiss()
