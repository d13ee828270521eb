"""Textual's App made Dutch and closed: the palette, themes, no screenshot, quitting.

Textual's own system commands include "Screenshot" and English names; this base class
offers Dutch ones only, and the quit hint for Ctrl+C is Dutch too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import constants, events
from textual.actions import ActionParseResult, parse
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme, ThemeProvider
from textual.widget import Widget
from textual.widgets._header import HeaderIcon
from textual.worker import WorkerFailed

from wegwijzer.core.base.problems import crash_message, debugging
from wegwijzer.tui.widgets.too_small import hides_everything

DARK, LIGHT = "textual-dark", "textual-light"
# The actions a key may still start while a window too small hides the screen: leaving.
WHILE_HIDDEN = frozenset({"quit", "help_quit"})
# A warning or an error toast carries a sign in its title, not only a coloured edge.
SEVERITY_SIGNS = {"warning": ("⚠", "Let op"), "error": ("✖", "Fout")}

_textual_dismiss = Screen.dismiss


def _dismiss_on_top(self: Screen[Any], result: Any = None) -> AwaitComplete:
    # Keys typed ahead can dismiss a screen twice (Escape, Escape; Enter, Enter in a dialog):
    # Textual then pops the screen *below* it (ScreenStackError) or answers a dialog twice
    # (InvalidStateError). Only the screen on top may go, once. Found by the random-key test.
    if self.app.screen is not self:
        done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        return done
    return _textual_dismiss(self, result)


Screen.dismiss = _dismiss_on_top  # type: ignore[method-assign]


def _dutch_icon_mount(self: HeaderIcon) -> None:
    # Textual's icon says "Open the command palette" on hover; the wegwijzer speaks Dutch.
    if self.app.ENABLE_COMMAND_PALETTE:
        self.tooltip = "Opdrachten openen (Ctrl+P)"
    else:
        self.disabled = True


HeaderIcon.on_mount = _dutch_icon_mount  # type: ignore[method-assign]


def _blink(widget: Widget, on: bool) -> None:
    # Nothing moves with animations off: no blinking text cursor (Input, TextArea) either.
    if hasattr(type(widget), "cursor_blink"):
        widget.cursor_blink = on  # type: ignore[attr-defined]


# A mixin at run time, an App for type checkers: Textual builds every App subclass anew
# when it is defined (``__init_subclass__`` walks each base's attributes, its bindings,
# ``dir()``), about 2 M instructions a class on the way to the first frame
# (docs/performance.md, issue 19). So each app joins its parts in one App class:
# ``class WegwijzerApp(..., DutchApp, App[None])``. Its methods are in that class's MRO,
# where Textual finds every handler; a mixin has no bindings or styles of its own.
if TYPE_CHECKING:
    AppPart = App[None]
else:
    AppPart = object


class DutchApp(AppPart):
    """Textual's App in Dutch and closed (the module's docstring); a part of an App."""

    ALLOW_SELECT = False  # no text selection: notes and cases stay off the clipboard

    def __init__(self) -> None:
        super().__init__()
        from wegwijzer.tui.themes import THEMES

        for theme in THEMES:
            self.register_theme(theme)
        from wegwijzer.core.base.settings import load_settings

        kept = load_settings()  # as chosen last time, from the first frame on
        if kept.theme is not None and kept.theme in self.available_themes:
            self.theme = kept.theme
        if not kept.animations:
            self.animation_level = "none"

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._keep_theme)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        # Every key binding comes here. While "Venster te klein" hides the screen, a key
        # must not answer, open or delete what nobody can see; only leaving stays.
        name = (parse(action) if isinstance(action, str) else action)[1]
        if name not in WHILE_HIDDEN and self.screen_stack and hides_everything(self.screen):
            return False
        return await super().run_action(action, default_namespace, namespaces)

    def _keep_theme(self, theme: Theme) -> None:
        from wegwijzer.core.base.settings import save_theme

        save_theme(theme.name)

    def _handle_exception(self, error: Exception) -> None:
        # Textual prints a traceback WITH LOCALS when the app stops on an error; locals and
        # messages may hold notes about a minor. Print the type only, in Dutch, unless a
        # developer asks for everything ($WEGWIJZER_DEBUG=1). The exit code stays 1.
        super()._handle_exception(error)
        if not debugging():
            cause = error.error if isinstance(error, WorkerFailed) else error
            self._exit_renderables[:] = [Text(crash_message(cause))]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        if severity in SEVERITY_SIGNS:
            sign, default = SEVERITY_SIGNS[severity]
            title = f"{sign} {title or default}"
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A focused button (dialogs) takes the terminal cursor; lists place it themselves.
        from wegwijzer.tui.attention import follow

        self.call_after_refresh(follow, event.widget)
        _blink(event.widget, self.animations_on)

    @property
    def animations_on(self) -> bool:
        return self.animation_level != "none"

    def action_toggle_animations(self) -> None:
        """Animations off (or on again), kept for the next start."""
        from wegwijzer.core.base.settings import save_animations

        on = not self.animations_on
        # On again means Textual's own choice ($TEXTUAL_ANIMATIONS, else full).
        self.animation_level = constants.TEXTUAL_ANIMATIONS if on else "none"
        if self.focused is not None:
            _blink(self.focused, on)
        kept = save_animations(on)
        message = "Animaties staan aan." if on else "Animaties staan uit: niets beweegt meer."
        if kept:
            message += " Dat blijft zo bij de volgende start."
        else:
            message += " Dit kon niet worden bewaard voor de volgende start."
        self.notify(message, markup=False)

    def on_ready(self) -> None:
        from wegwijzer.tui.attention import SHOW_CURSOR, cursor_wanted

        if cursor_wanted() and self._driver is not None and not self.is_headless:
            self._driver.write(SHOW_CURSOR)  # --cursor: Textual hides it when it starts

    def action_help_quit(self) -> None:
        self.notify("Afsluiten doet u met q of Ctrl+Q.", markup=False)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        self.notify("Schermafdrukken staan uit in de wegwijzer.", markup=False)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK

    def action_command_palette(self) -> None:
        # Anywhere in the stack: a dialog opened over the palette (keys typed ahead) would
        # otherwise let a second palette in, with the first one's id (found by random keys).
        open_ = any(isinstance(screen, CommandPalette) for screen in self.screen_stack)
        if self.use_command_palette and not open_:
            from wegwijzer.tui.palette import Palette  # defined when it first opens

            self.push_screen(Palette(id="--command-palette", placeholder="Zoek een opdracht…"))

    def action_change_theme(self) -> None:
        from wegwijzer.tui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Zoek een thema…"))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's own list holds "Screenshot"; the wegwijzer offers no screenshots.
        yield SystemCommand("Thema kiezen", "Kies een kleurenthema", self.action_change_theme)
        if self.animations_on:
            yield SystemCommand(
                "Animaties uitzetten",
                "Niets beweegt: scrollen zonder animatie, geen knipperende cursor",
                self.action_toggle_animations,
            )
        else:
            yield SystemCommand(
                "Animaties aanzetten",
                "Scrollen weer met animatie",
                self.action_toggle_animations,
            )
        yield SystemCommand("Afsluiten", "Stop de wegwijzer", self.action_quit)
