"""Issue 16, finding 4: what `check` accepts, a record can hold (one set of limits).

A flow with a 100-character step id, an empty or 400-character status, an outcome of
600 actions or a path of 2,100 steps passed `check`; its walk exported a record that
`verify` refused and a draft that could not be resumed. The checker and the record
model now share ``core.base.limits``: a flow at every limit walks, exports, reads back
and resumes; one past any limit is refused by `check`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijzer.core.base import limits
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow, load_flow_bytes
from wegwijzer.core.flows.source import Source
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import record_bytes
from wegwijzer.core.records.resume import open_loaded
from wegwijzer.core.walk.session import AnswerError, Session


def _q(text: str) -> str:
    """``text`` as a TOML string (tomli-w's escaping)."""
    return tomli_w.dumps({"k": text}).split(" = ", 1)[1].strip()


def flow_text(
    *,
    flow_id: str = "grens",
    step_id: str = "vraag",
    status: str = "ja",
    actions: int = 1,
    chain: int = 1,
) -> str:
    """A flow: a chain of ``chain`` info steps, a check step, an outcome of ``actions``."""
    lines = [
        "schema = 1",
        f"id = {_q(flow_id)}",
        'title = "Grenzen"',
        'audience = "Voor de tests."',
        'version = "1"',
        'source = "gevarenzone-2020"',
        'start = "s-0"',
    ]
    for index in range(chain):
        following = f"s-{index + 1}" if index + 1 < chain else step_id
        lines += [f"[steps.s-{index}]", 'kind = "info"', 'prompt = "Lees"', 'cites = ["1"]']
        lines.append(f"next = {_q(following)}")
    statuses = ", ".join(_q(s) for s in dict.fromkeys(["ja", status]))
    lines += [
        f"[steps.{_q(step_id)}]",
        'kind = "check"',
        'prompt = "Gedaan?"',
        'cites = ["8"]',
        f"statuses = [{statuses}]",
        'action = "Doe het."',
        'next = "einde"',
        "[steps.einde]",
        'kind = "outcome"',
        'prompt = "Klaar"',
        'cites = ["8"]',
        "open_checks = true",
        "actions = [",
    ]
    lines += [f'  {{ text = "Actie {n}", cites = ["8"] }},' for n in range(actions)]
    lines.append("]")
    return "\n".join(lines) + "\n"


def _load(text: str, source: Source) -> LoadedFlow:
    return load_flow_bytes(text.encode(), "grens.toml", {source.id: source}, Path("grens.toml"))


def _walk_export_read_resume(loaded: LoadedFlow, answer: str) -> None:
    session = Session(loaded)
    while not session.finished:
        step = session.current
        session.answer(answer if step.kind == "check" else None)
    record = parse_record(record_bytes(session), "r.toml")
    assert not open_loaded(record, loaded).review_only
    draft = parse_record(record_bytes(session, with_kept=True), "d.toml")
    assert open_loaded(draft, loaded).session is not None


def test_a_flow_at_every_limit_walks_exports_and_resumes(source: Source) -> None:
    status = "s" * limits.LABEL_MAX
    text = flow_text(
        flow_id="f" * limits.ID_MAX,
        step_id="v" * limits.ID_MAX,
        status=status,
        actions=limits.ACTIONS_MAX - 1,  # plus the checklist item's own action
        chain=limits.PATH_MAX - 2,  # plus the check step and the outcome
    )
    loaded = _load(text, source)
    _walk_export_read_resume(loaded, status)


PAST_LIMITS = {
    "step id of 100": {"step_id": "v" * 100},
    "flow id of 100": {"flow_id": "f" * 100},
    "empty status": {"status": ""},
    "blank status": {"status": "   "},
    "status of 400": {"status": "s" * 400},
    "600 actions": {"actions": 600},
    "path of 2,100 steps": {"chain": 2100},
}


@pytest.mark.parametrize("changes", PAST_LIMITS.values(), ids=PAST_LIMITS.keys())
def test_check_refuses_what_a_record_cannot_hold(
    source: Source, changes: dict[str, object]
) -> None:
    with pytest.raises(ProblemsError):
        _load(flow_text(**changes), source)  # type: ignore[arg-type]


def test_a_long_flow_with_short_paths_still_checks(source: Source) -> None:
    """The path limit is on paths, not on the size of a flow: a wide flow stays fine."""
    lines = [line for line in flow_text().splitlines() if not line.startswith("start =")]
    lines.insert(6, 'start = "k-0"')
    steps = limits.PATH_MAX + 100
    groups = [list(range(i, min(i + 29, steps))) for i in range(0, steps, 29)]
    for number, group in enumerate(groups):  # a row of choices, each opening 29 side steps
        options = [f'{{ label = "x{n}", next = "x-{n}" }}' for n in group]
        if number + 1 < len(groups):
            options.append(f'{{ label = "verder", next = "k-{number + 1}" }}')
        lines += [f"[steps.k-{number}]", 'kind = "choice"', 'prompt = "Kies"', 'cites = ["1"]']
        lines.append(f"options = [{', '.join(options)}]")
    for n in range(steps):
        lines += [f"[steps.x-{n}]", 'kind = "info"', 'prompt = "x"', 'cites = ["1"]']
        lines.append('next = "s-0"')
    loaded = _load("\n".join(lines) + "\n", source)
    assert len(loaded.flow.steps) > limits.PATH_MAX


def test_a_loop_cannot_walk_a_path_past_the_limit(source: Source) -> None:
    """A flow with a loop has no longest path; the session stops at PATH_MAX instead."""
    text = flow_text(chain=2).replace('next = "vraag"', 'next = "terug"')
    text += (
        '[steps.terug]\nkind = "choice"\nprompt = "Nog eens?"\ncites = ["1"]\n'
        'options = [{ label = "Ja", next = "s-1" }, { label = "Nee", next = "vraag" }]\n'
    )
    session = Session(_load(text, source))
    session.answer(None)  # s-0
    with pytest.raises(AnswerError, match="te lang"):
        while True:  # s-1, terug: Ja, s-1, terug: Ja, ...
            session.answer(None if session.current.kind == "info" else 0)
    assert len(session.path) == limits.PATH_MAX


def test_a_record_too_large_to_read_back_is_never_written(
    test_flow: LoadedFlow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wegwijzer.core.base.atomic import WriteError
    from wegwijzer.core.records import drafts, export, record

    monkeypatch.setattr(record, "RECORD_MAX_BYTES", 100)
    monkeypatch.setattr(export, "RECORD_MAX_BYTES", 100)
    session = Session(test_flow)
    session.answer(None)
    with pytest.raises(WriteError, match="te groot"):
        drafts.save_draft(session)
    with pytest.raises(WriteError, match="te groot"):
        export.export(session, tmp_path / "uit.toml")
    assert not (tmp_path / "uit.toml").exists()


SLUGGISH = st.text(alphabet="abz09-", min_size=1, max_size=80)
ODD = st.sampled_from(["", " ", "\u200d", "J\u0430", "a\nb", "\x1b[31m", "s" * 301, "x" * 300])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flow_id=SLUGGISH | ODD,
    step_id=SLUGGISH | ODD,
    status=st.text(max_size=310) | ODD,
    actions=st.sampled_from([0, 1, limits.ACTIONS_MAX - 1, limits.ACTIONS_MAX, 600]),
    chain=st.sampled_from([1, 3, limits.PATH_MAX - 2, limits.PATH_MAX - 1]),
)
def test_whatever_check_accepts_walks_exports_and_resumes(
    source: Source, flow_id: str, step_id: str, status: str, actions: int, chain: int
) -> None:
    """The property behind the limits: no flow passes `check` whose walk cannot be
    recorded, read back and resumed."""
    text = flow_text(flow_id=flow_id, step_id=step_id, status=status, actions=actions, chain=chain)
    try:
        loaded = _load(text, source)
    except ProblemsError:
        return
    statuses = [s for s in loaded.flow.steps.values() if s.kind == "check"]
    _walk_export_read_resume(loaded, statuses[0].statuses[-1])  # type: ignore[union-attr]
