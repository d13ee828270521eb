"""Textual's Footer, rebuilt only when its keys change, and each key styled once.

Textual's Footer rebuilds all its keys after every ``refresh_bindings`` of its screen
(every focus change, every screen resume), also when the same keys come out: at the
start of ``wegwijzer run FLOW`` that was a dozen rebuilds before the first frame. Here
a rebuild is scheduled once at a time and done only when what the keys show changed.

Textual's ``FooterKey`` also starts ``compact`` and is bound to the footer's
``compact``, which is off here: each key added the ``-compact`` class when mounted and
removed it again when the binding caught up, each change a restyle. Here each key gets
the footer's value before it is mounted, so the binding finds nothing to change. What is
drawn is the same (docs/performance.md, issue 19). A footer whose screen is covered is
not rebuilt until that screen is in view again.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    """The key bar at the bottom of every screen."""

    def __init__(self) -> None:
        super().__init__()
        self._drawn: tuple[object, ...] | None = None
        self._pending = False

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # The palette's key is not bound to the footer: it keeps FooterKey's own
                # default (compact); every other key follows the footer.
                palette = widget.has_class("-command-palette")
                preset(widget, compact=True if palette else self.compact)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached or not in_view(self.screen):
            # Covered (a flow chosen at once covers the home screen before its keys are
            # built): built when its screen is back, whose resume refreshes the bindings.
            return
        shown = keys_shown(self.screen, palette=self.show_command_palette)
        if shown == self._drawn:
            return
        self._drawn = shown
        await self.recompose()


def in_view(screen: Screen[object]) -> bool:
    """True when ``screen`` is drawn: the top screen, or under modal screens only."""
    stack = screen.app.screen_stack
    if screen not in stack:
        return False
    return all(above.is_modal for above in stack[stack.index(screen) + 1 :])


def keys_shown(screen: Screen[object], *, palette: bool) -> tuple[object, ...]:
    """Everything ``Footer.compose`` draws from: each shown binding (a frozen dataclass:
    key, action, description, group …) with whether it is enabled and its tooltip, in
    order, and the command palette's key."""
    active = screen.active_bindings
    shown = tuple(
        (item.binding, item.enabled, item.tooltip) for item in active.values() if item.binding.show
    )
    command = active.get(screen.app.COMMAND_PALETTE_BINDING) if palette else None
    return (shown, screen.app.ENABLE_COMMAND_PALETTE, command)


def preset(key: Widget, *, compact: bool) -> None:
    """``compact`` as the binding will set it, and its class, without a restyle."""
    key.set_reactive(FooterKey.compact, compact)
    key.set_class(compact, "-compact", update=False)
