"""The key bar: rebuilt only when its keys change, drawn as Textual's own Footer draws it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from tuikit import keys

from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.widgets.footer import KeyFooter

NewApp = Callable[..., WegwijzerApp]


def drawn(app: App[None]) -> list[tuple[str, str, bool, bool]]:
    """Each key as it is drawn: key, description, enabled, compact."""
    return [
        (key.key, key.description, not key.disabled, key.has_class("-compact"))
        for key in app.screen.query(FooterKey)
    ]


class Pair(App[None]):
    """The same bindings under Textual's Footer and under ours."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "bell", "Notitie"),
        Binding("p", "toggle", "Protocol"),
    ]

    def __init__(self, footer: type[Footer]) -> None:
        super().__init__()
        self.footer = footer
        self.shown = True

    def compose(self) -> ComposeResult:
        yield self.footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.shown if action == "toggle" else True  # False: hidden

    def action_toggle(self) -> None:
        pass


async def keys_of(footer: type[Footer], *, shown: bool) -> list[tuple[str, str, bool, bool]]:
    app = Pair(footer)
    async with app.run_test(size=(80, 5)) as pilot:
        app.shown = shown
        app.screen.refresh_bindings()
        for _ in range(3):
            await pilot.pause()
        return drawn(app)


async def test_the_keys_are_textuals_keys() -> None:
    """Same keys, same state, same classes (compact or not) as Textual's Footer, with a
    key that is enabled and one that is not, and with the command palette's key."""
    for shown in (True, False):
        assert await keys_of(KeyFooter, shown=shown) == await keys_of(Footer, shown=shown)


async def test_the_same_keys_are_not_built_again(new_app: NewApp) -> None:
    """Focus changes and screen resumes ask the footer to rebuild; with the same keys it
    keeps the ones it has, and a key that comes or goes rebuilds it."""
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)
        before = list(app.screen.query(FooterKey))
        assert before, "the step screen shows its keys"
        for _ in range(5):
            app.screen.refresh_bindings()
            await pilot.pause()
        assert list(app.screen.query(FooterKey)) == before
        await keys(pilot, "n")  # the note dialog, then back: a resume
        await keys(pilot, "escape")
        assert app.screen.query(FooterKey).nodes == before


async def test_a_key_that_changes_rebuilds_the_keys() -> None:
    app = Pair(KeyFooter)
    async with app.run_test(size=(80, 5)) as pilot:
        await pilot.pause()
        assert ("p", "Protocol", True, False) in drawn(app)
        app.shown = False
        app.screen.refresh_bindings()
        for _ in range(3):
            await pilot.pause()
        assert "p" not in [key for key, *_ in drawn(app)]  # hidden (check_action: False)
        app.shown = True
        app.screen.refresh_bindings()
        for _ in range(3):
            await pilot.pause()
        assert ("p", "Protocol", True, False) in drawn(app)


async def test_a_covered_screens_keys_wait_until_it_is_back(new_app: NewApp) -> None:
    """A footer under another screen is not rebuilt (a flow chosen at once covers the
    home screen before its keys are built); under a dialog it is, since it is seen; and
    back in view it shows its screen's keys."""
    from wegwijzer.tui.dialogs.confirm import ConfirmDialog
    from wegwijzer.tui.screens.step import StepScreen
    from wegwijzer.tui.widgets.footer import in_view

    app = new_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot)
        home = app.screen
        expected = drawn(app)
        assert ("enter", "Openen", True, False) in expected
        await app.push_screen(ConfirmDialog("Stoppen?", "Zeker?", yes="Ja", no="Nee"))
        await keys(pilot)
        assert in_view(home)
        app.pop_screen()
        await keys(pilot, "enter")
        assert isinstance(app.screen, StepScreen) and not in_view(home)
        footer = home.query_one(KeyFooter)
        footer._drawn = None  # as if never built: nothing is built while covered
        footer.bindings_changed(home)
        await keys(pilot)
        assert footer._drawn is None
        await keys(pilot, "escape")
        assert app.screen is home and in_view(home)
        assert drawn(app) == expected
