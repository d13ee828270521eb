"""The trainer's live class view: it reads the results folder, never the sessions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import DataTable, Digits

from wegwijzer.klas.progress import Progress, write_progress
from wegwijzer.klas.view import ClassViewApp, SummaryScreen, read_state

NOW = dt.datetime(2026, 12, 1, 14, 0, tzinfo=dt.UTC)


def progress(nickname: str, **fields: object) -> Progress:
    return Progress.model_validate({"nickname": nickname, "updated": NOW, **fields})


def cells(table: DataTable) -> list[list[str]]:  # type: ignore[type-arg]
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def test_state_skips_broken_and_foreign_files(tmp_path: Path) -> None:
    write_progress(tmp_path, "a", progress("Vos", exercise="x", title="X", step=3))
    folder = tmp_path / "voortgang"
    (folder / "kapot.toml").write_text("= =", encoding="utf-8")
    (folder / "groot.toml").write_bytes(b"nickname = 'x'\n" + b"#" * 10_000)
    (folder / "link.toml").symlink_to("/etc/passwd")
    (folder / "map.toml").mkdir()
    (tmp_path / "kapot-resultaat.toml").write_text("geen toml", encoding="utf-8")
    state = read_state(tmp_path)
    assert [item.progress.nickname for item in state.trainees] == ["Vos"]
    assert state.rows == [] and state.standings == []


async def test_the_view_shows_address_code_and_each_trainee(tmp_path: Path) -> None:
    write_progress(tmp_path, "a", progress("Vos", exercise="x", title="Oefening X", step=4))
    write_progress(
        tmp_path,
        "b",
        progress(
            "[b]Das[/b]\x1b[2J",
            exercise="x",
            title="Oefening X",
            step=9,
            done=True,
            points=7.5,
            max=10,
        ),
    )
    write_progress(tmp_path, "c", progress("Uil"))
    app = ClassViewApp(tmp_path, "http://127.0.0.1:8321", "4817-2096", running=lambda: 3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.query_one("#code", Digits).value == "4817-2096"
        assert app.query_one("#adres", Digits).value == "127.0.0.1:8321"
        rows = cells(app.query_one("#deelnemers", DataTable))
        assert ["Uil", "kiest een oefening", "", "", ""] in rows
        assert ["Vos", "Oefening X", "4", "nee", ""] in rows
        das = next(row for row in rows if row[0].startswith("[b]Das"))
        assert "\x1b" not in das[0] and das[2:] == ["9", "ja", "7,5 van 10"]
        status = str(app.query_one("#status").render())
        assert "3 van hooguit 40 sessies actief" in status


async def test_end_class_asks_then_stops_the_sessions_and_s_opens_the_summary(
    tmp_path: Path,
) -> None:
    ended: list[bool] = []
    app = ClassViewApp(
        tmp_path, "http://127.0.0.1:8321", "4817-2096", end_class=lambda: ended.append(True)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("n")  # no: the class goes on
        await pilot.pause()
        assert ended == []
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert ended == [True] and app.ended
        assert "De klas is beëindigd" in str(app.query_one("#status").render())
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SummaryScreen)


async def test_closing_the_view_asks_while_the_class_runs(tmp_path: Path) -> None:
    app = ClassViewApp(tmp_path, "http://127.0.0.1:8321", "4817-2096")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
    assert not app.is_running
