"""The collector rests while the terminal app starts, and always runs again after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from wegwijzer.core.base import startup


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()
    gc.unfreeze()  # ``first_frame`` froze this process's objects


def test_paused_inside_and_running_after() -> None:
    with startup.until_first_frame():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_running_again_after_a_failure_before_the_first_frame() -> None:
    with pytest.raises(RuntimeError), startup.until_first_frame():
        raise RuntimeError("the app stopped before a frame")
    assert gc.isenabled()


def test_the_first_frame_resumes_it_and_the_end_changes_nothing() -> None:
    with startup.until_first_frame():
        startup.first_frame()
        assert gc.isenabled()
        gc.disable()  # paused again later by someone else (a flow being read)
    assert not gc.isenabled()  # not ours to resume


def test_a_pause_that_is_not_ours_is_left_alone() -> None:
    gc.disable()
    with startup.until_first_frame():
        startup.first_frame()
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_app_resumes_it_at_its_first_frame() -> None:
    import asyncio

    from wegwijzer.tui.app import make_app

    async def started() -> bool:
        app = make_app(drafts=False)
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await pilot.pause()
            return gc.isenabled()

    with startup.until_first_frame():
        assert asyncio.run(started())
