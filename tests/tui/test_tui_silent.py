"""The step screen, the summary and the review show where the source is silent, as
line mode and the record do: "Hierover zegt de bron niets: …"."""

from __future__ import annotations

from collections.abc import Callable

from tuikit import TO_BELEID, TO_POLITIE, keys, visible_text

from wegwijzer.tui.app import WegwijzerApp

NewApp = Callable[..., WegwijzerApp]
POLICE_LINE = "Hierover zegt de bron niets: hoe en bij wie u uw zorgen met de politie deelt."


async def test_the_step_shows_the_line_and_the_next_step_does_not(new_app: NewApp) -> None:
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_POLITIE)
        assert POLICE_LINE in visible_text(pilot)
        await keys(pilot, *TO_BELEID[len(TO_POLITIE) :])  # on to the checklist item
        assert "Hierover zegt de bron niets" not in visible_text(pilot)
        await keys(pilot, "escape")  # back: the step updated in place shows it again
        assert POLICE_LINE in visible_text(pilot)
