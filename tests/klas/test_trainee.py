"""The trainee's app: a nickname, only the trainer's exercises, a result with the trainer,
and no way to a real flow, a draft or a file."""

from __future__ import annotations

import os
import random
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.training.exercise import exercise_folder, load_exercises
from wegwijzer.klas.progress import read_progress
from wegwijzer.klas.settings import (
    NICKNAME_MAX,
    TraineeSettings,
    clean_nickname,
    file_part,
    from_environment,
    result_name,
)
from wegwijzer.klas.trainee import TraineeApp, load_class_exercises
from wegwijzer.klas.trainee_screens import (
    ClassDebriefScreen,
    ClassVignetteScreen,
    ExerciseListScreen,
    NicknameScreen,
)
from wegwijzer.tui.dialogs.case import CaseDialog
from wegwijzer.tui.dialogs.confirm import ConfirmDialog
from wegwijzer.tui.dialogs.note import NoteDialog
from wegwijzer.tui.screens.source import SourceScreen
from wegwijzer.tui.screens.training_step import TrainingStepScreen
from wegwijzer.tui.widgets.feedback import FeedbackDialog

EXERCISE = "politie-zonder-aangifte"
ALLOWED = (
    NicknameScreen,
    ExerciseListScreen,
    ClassVignetteScreen,
    TrainingStepScreen,
    FeedbackDialog,
    ClassDebriefScreen,
    SourceScreen,
    NoteDialog,
    ConfirmDialog,
    CaseDialog,  # the exercise's own case text again (v), read-only
)


def make_app(
    results: Path, ids: tuple[str, ...] = (EXERCISE,), feedback: str = "direct"
) -> TraineeApp:
    return TraineeApp(TraineeSettings(results, ids, feedback))


async def walk_to_debrief(app: TraineeApp, pilot, nickname: str = "Vos") -> None:  # type: ignore[no-untyped-def]
    if isinstance(app.screen, NicknameScreen):
        await pilot.press(*nickname, "enter")
        await pilot.pause()
    assert isinstance(app.screen, ExerciseListScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, ClassVignetteScreen)
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(60):  # bounded: an exercise has far fewer steps
        if isinstance(app.screen, ClassDebriefScreen):
            return
        if isinstance(app.screen, FeedbackDialog):
            await pilot.press("enter")
        else:
            assert app.training is not None
            run = app.training
            expected = (
                run.expected(run.session.current_id)
                if run.is_decision(run.session.current_id)
                else None
            )
            await pick(pilot, run, expected)
        await pilot.pause()
    raise AssertionError("no debrief")


async def pick(pilot, run, expected) -> None:  # type: ignore[no-untyped-def]
    step = run.session.current
    kind = type(step).__name__
    if expected is None or kind == "InfoStep":
        await pilot.press(
            "1" if kind != "InfoStep" else "enter", *(["enter"] if kind != "InfoStep" else [])
        )
    elif isinstance(expected, tuple):
        await pilot.press(*[str(i + 1) for i in expected], "enter")
    elif isinstance(expected, int):
        await pilot.press(str(expected + 1), "enter")
    else:
        await pilot.press("1", "enter")


async def test_a_finished_exercise_lands_with_the_trainer(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await walk_to_debrief(app, pilot)
        saved = app.saved
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ExerciseListScreen)
        first = str(app.screen.query_one("#oefeningen").get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert first.startswith("▶ ") and "✓ gedaan: " in first
    assert saved is not None and saved.parent == tmp_path
    assert saved.name.startswith(f"vos-{EXERCISE}-") and saved.suffix == ".toml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    record = read_record(saved)
    assert record.mode == "oefening" and record.score is not None
    assert record.score["participant"] == "Vos" and record.score["exercise"] == EXERCISE
    (progress,) = read_progress(tmp_path)
    assert progress.progress.done and progress.progress.nickname == "Vos"
    assert progress.progress.points == record.score["points"]


async def test_the_trainee_can_download_the_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    delivered: list[tuple[bytes, str | None]] = []

    def deliver(self, file, *, save_filename=None, **_):  # type: ignore[no-untyped-def]
        delivered.append((file.read(), save_filename))

    monkeypatch.setattr(TraineeApp, "deliver_binary", deliver)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("e")  # on the nickname screen: an "e" in the nickname, no download
        await pilot.press("backspace")
        await walk_to_debrief(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        saved = app.saved
    assert saved is not None
    assert delivered == [(saved.read_bytes(), saved.name)]


async def test_only_the_trainers_exercises_are_offered(tmp_path: Path) -> None:
    wanted = ("te-veel-hulpverleners", EXERCISE)
    app = make_app(tmp_path, wanted)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("V", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseListScreen)
        assert [item.exercise.id for item in screen.exercises] == list(wanted)


def test_unknown_ids_offer_nothing_and_no_ids_offer_all() -> None:
    catalog = load_catalog()
    everything, _ = load_exercises(exercise_folder(catalog), catalog)
    assert [i.exercise.id for i in load_class_exercises(())] == [i.exercise.id for i in everything]
    assert load_class_exercises(("bestaat-niet",)) == []


async def test_the_trainers_feedback_moment_is_said_not_asked(tmp_path: Path) -> None:
    app = make_app(tmp_path, feedback="achteraf")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("V", "enter", "enter")
        await pilot.pause()
        await pilot.press("1", "enter")  # "1" would pick "direct" on the normal vignette
        await pilot.pause()
        assert app.training is not None and app.training.feedback_mode == "achteraf"


async def test_a_hostile_nickname_is_cleaned_on_screen_and_in_the_file_name(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        nickname_input = app.screen.query_one("#bijnaam")
        nickname_input.value = "[b]Vos[/b]\x1b[31m\u202e../../x"  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert app.nickname == "bVosb31m....x"
        await walk_to_debrief(app, pilot, nickname="")
    assert app.saved is not None and app.saved.parent == tmp_path
    assert "/" not in app.saved.name and app.saved.name.startswith("bvosb31m-x-")


@pytest.mark.parametrize("seed", range(4))
async def test_no_key_reaches_a_real_flow_a_draft_or_a_file(
    tmp_path: Path, private_home: Path, seed: int
) -> None:
    """Random keys on every screen: only training screens, only exercise sessions, and
    no file anywhere but the class's results folder."""
    data = Path(os.environ["WEGWIJZER_DATA"])
    before = {p for p in data.rglob("*")}
    results = tmp_path / "resultaten"
    results.mkdir()
    # Enter and digits often, so the walk gets deep into exercises; Esc now and then.
    keys = [*"abcdefghijklmnoprstuvwxyz ", *"123" * 6, *["enter"] * 14, "escape", "tab"]
    keys += [
        "ctrl+p",
        "ctrl+o",
        "ctrl+s",
        "ctrl+e",
        "ctrl+d",
        "f1",
        "f2",
        "f5",
        "f10",
        "up",
        "down",
    ]
    chooser = random.Random(seed)
    app = make_app(results, ())
    seen: set[str] = set()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("V", "o", "s", "enter")
        for _ in range(250):
            await pilot.press(chooser.choice(keys))
            seen.add(type(app.screen).__name__)
            assert all(isinstance(screen, ALLOWED) for screen in app.screen_stack), [
                type(s).__name__ for s in app.screen_stack
            ]
            for screen in app.screen_stack:
                session = getattr(screen, "session", None)
                assert session is None or session.mode == "oefening"
    assert {"ExerciseListScreen", "ClassVignetteScreen", "TrainingStepScreen"} <= seen, seen
    assert app.ENABLE_COMMAND_PALETTE is False
    assert not hasattr(app, "open_record") and not hasattr(app, "saver")
    assert {p for p in data.rglob("*")} == before  # no drafts
    written = [p for p in results.rglob("*") if p.is_file()]
    assert all(p.parent in (results, results / "voortgang") for p in written)
    assert [p for p in private_home.rglob("*") if p.is_file()] == []


# --- the nickname and file names: hostile input, as properties ---------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_a_cleaned_nickname_is_short_and_inert(value: str) -> None:
    nickname = clean_nickname(value)
    assert len(nickname) <= NICKNAME_MAX
    assert not any(ch in nickname for ch in "[]\\<>/{}\x1b\n\r\t")
    assert all(ch.isalnum() or ch in " -_.'" for ch in nickname)
    assert nickname == nickname.strip(" .")
    assert clean_nickname(nickname) == nickname


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200), st.text(max_size=80))
def test_a_result_name_is_one_safe_file_name(nickname: str, exercise: str) -> None:
    import datetime as dt

    name = result_name(nickname, exercise, dt.datetime(2026, 12, 1, 14, 5, tzinfo=dt.UTC))
    assert name.endswith(".toml") and "/" not in name and not name.startswith(".")
    assert all(ch.isascii() and (ch.isalnum() or ch in "-.") for ch in name)
    assert len(name) < 120
    assert file_part(nickname)


def test_a_session_without_a_results_folder_does_not_start() -> None:
    with pytest.raises(ValueError):
        from_environment({})
    settings_ = from_environment(
        {
            "WEGWIJZER_KLAS_RESULTATEN": "/tmp/x",
            "WEGWIJZER_KLAS_OEFENINGEN": "a,../b, c ,A",
            "WEGWIJZER_KLAS_FEEDBACK": "kwaadaardig",
        }
    )
    assert settings_.exercises == ("a", "c") and settings_.feedback == "direct"
