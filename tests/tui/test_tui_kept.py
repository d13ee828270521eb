"""Going back in the app, stopping, and starting again from the draft: kept answers wait."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w
from tuikit import TO_BELEID, choices, current_id, keys, option_text

from wegwijzer.core.records.drafts import list_drafts
from wegwijzer.core.records.reader import read_record
from wegwijzer.tui.app import WegwijzerApp
from wegwijzer.tui.widgets.choices import KEPT

NewApp = Callable[..., WegwijzerApp]


async def test_a_draft_made_after_going_back_preselects_the_kept_answer(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_BELEID[1:])
        await keys(pilot, "2", "enter")  # beleid: "nee"; the outcome
        await keys(pilot, "escape")  # summary back to beleid
        await keys(pilot, "escape", "escape")  # back to signalen
        assert current_id(pilot) == "signalen"
        await app.workers.wait_for_complete()
        # Going back saves the draft: its path ends here, the rest is kept beside it.
        (draft,) = list_drafts().drafts
        saved = read_record(draft.path)
        assert [step.id for step in saved.steps] == ["begin", "signalen"]
        assert [kept.id for kept in saved.kept] == ["signalen", "politie", "beleid"]
        await keys(pilot, "n", *"zie dossier", "ctrl+s")
        await app.workers.wait_for_complete()
    (draft,) = list_drafts().drafts

    again = new_app(record=draft.path)
    async with again.run_test(size=(100, 30)) as pilot:
        assert current_id(pilot) == "signalen"
        session = again.session
        assert session is not None and session.notes == {"signalen": "zie dossier"}
        await keys(pilot, "enter")  # the kept answer, still ticked
        assert current_id(pilot) == "politie"
        assert choices(pilot).highlighted == 0
        assert KEPT in option_text(pilot, 0)
        await keys(pilot, "enter")
        assert current_id(pilot) == "beleid"
        assert choices(pilot).highlighted == 1  # "nee", kept through the restart
        assert KEPT in option_text(pilot, 1)


async def test_kept_answers_that_no_longer_fit_are_named_on_resume(
    new_app: NewApp, tmp_path: Path
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_BELEID[1:], "2", "enter", "escape", "escape", "escape")
        await app.workers.wait_for_complete()
    (draft,) = list_drafts().drafts
    data = tomllib.loads(draft.path.read_text(encoding="utf-8"))
    data["kept"].append({"id": "bestaat-niet", "kind": "check", "answer": "ja"})
    tampered = tmp_path / "concept.toml"
    tampered.write_text(tomli_w.dumps(data), encoding="utf-8")
    again = new_app(record=tampered)
    async with again.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        warned = [n for n in again._notifications if n.severity == "warning"]
        assert len(warned) == 1 and "bestaat-niet" in warned[0].message
        assert warned[0].title == "⚠ Niet alle bewaarde antwoorden teruggezet"
        assert current_id(pilot) == "signalen"
        assert again.session is not None and again.session.kept("beleid") == "nee"
