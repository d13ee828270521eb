"""The cyclic garbage collector paused while the terminal app starts.

Importing Textual and the app, building the catalog, the styles and the first screen
make a few hundred thousand objects, none of them garbage in a cycle; each collection
those allocations trigger walks all of them again. Paused from the moment a command
knows it opens the terminal app until the app's first frame is on screen, the first
step of `wegwijzer run FLOW` came 20 % sooner (docs/performance.md, issue 19).
Reference counting still frees everything while the collector rests. At the first
frame the app freezes what start-up built (it lives as long as the app) and the
collector resumes; it resumes too when the app stops before a frame (a crash, a
refusal), so no line-mode or headless work ever runs without it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused = [False]  # paused by ``until_first_frame`` and not resumed yet


@contextmanager
def until_first_frame() -> Iterator[None]:
    """Pause the collector for the app started inside; ``first_frame`` resumes it."""
    if not gc.isenabled():  # paused by someone else: theirs to resume
        yield
        return
    gc.disable()
    _paused[0] = True
    try:
        yield
    finally:
        resume()


def first_frame() -> None:
    """The app's first frame is drawn: keep start-up's objects out of every later full
    collection (``gc.freeze``), then let the collector run again."""
    gc.freeze()
    resume()


def resume() -> None:
    if _paused[0]:
        _paused[0] = False
        gc.enable()
