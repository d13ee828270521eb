"""Short step titles in the path above each step (issue 14, item 3): every step of every
shipped flow has one, the path shows it whole, and two steps of a flow never share one."""

from __future__ import annotations

import pytest
from tuikit import FLOWS

from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, MultiStep
from wegwijzer.core.walk.session import Session
from wegwijzer.tui.render import TITLE_WIDTH, TRAIL_SEPARATOR, short_title, trail

SHIPPED = ("zorgen-over-een-minderjarige", "gemeentelijk-beleid", "scholing")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FLOWS)


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_every_step_has_a_short_title_of_its_own(catalog: Catalog, flow_id: str) -> None:
    loaded = catalog.find(flow_id)
    assert loaded is not None
    titles = {step_id: step.title for step_id, step in loaded.flow.steps.items()}
    for step_id, title in titles.items():
        assert title.strip(), f"{step_id}: geen titel"
        assert len(title) <= TITLE_WIDTH, f"{step_id}: {title!r} wordt afgekapt"
        assert short_title(loaded.flow.steps[step_id]) == title  # shown whole, never cut
    assert len(set(titles.values())) == len(titles), "twee stappen met dezelfde titel"


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_the_path_names_the_steps_behind_by_their_titles(catalog: Catalog, flow_id: str) -> None:
    """Walk each flow (first option, first status) and read the path at every step."""
    loaded = catalog.find(flow_id)
    assert loaded is not None
    session = Session(loaded)
    while not session.finished:
        step = session.current
        if isinstance(step, ChoiceStep):
            session.answer(0)
        elif isinstance(step, MultiStep):
            session.answer((0,))
        elif isinstance(step, CheckStep):
            session.answer(step.statuses[0])
        else:
            session.answer(None)
        before = session.path[:-1][-3:]
        expected = TRAIL_SEPARATOR.join(loaded.flow.steps[s].title for s in before)
        assert trail(session, keep=3).endswith(expected), session.current_id
