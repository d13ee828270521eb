"""The peek at the newest drafts (the home screen's first frame) starts the whole peek."""

from __future__ import annotations

import os

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.draft_peek import peek_drafts, peek_newest
from wegwijzer.core.records.drafts import drafts_dir, purge, save_draft
from wegwijzer.core.walk.session import Session


@settings(max_examples=25, deadline=None)
@given(
    times=st.lists(st.integers(0, 3), min_size=0, max_size=12),
    count=st.integers(1, 14),
    odd=st.sampled_from(["", "kapot", "leeg"]),
)
def test_peek_newest_is_the_start_of_peek_drafts(
    test_flow: LoadedFlow, times: list[int], count: int, odd: str
) -> None:
    """Whatever the times the files were written (ties too) and a file the peek refuses."""
    purge()
    for moment in times:
        path = save_draft(Session(test_flow))
        os.utime(path, (1_700_000_000 + moment, 1_700_000_000 + moment))
    if odd:
        (drafts_dir(create=True) / ("f" * 32 + ".toml")).write_text(
            "format = [" if odd == "kapot" else "", encoding="utf-8"
        )
    listing, whole = peek_newest(count)
    full = peek_drafts()
    assert listing.drafts == full.drafts[:count]
    if whole:
        assert listing == full
    else:
        assert len(listing.drafts) == count and not listing.skipped
