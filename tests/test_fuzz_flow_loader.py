"""Any bytes given to the flow loader give a checked flow or a Dutch problem, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import LoadedFlow, load_flow_bytes
from wegwijzer.core.flows.source import Source

from helpers import DATA

VALID = (DATA / "valid.toml").read_bytes()
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _load(data: bytes, source: Source) -> LoadedFlow | ProblemsError:
    try:
        return load_flow_bytes(data, "fuzz.toml", {source.id: source}, Path("fuzz.toml"))
    except ProblemsError as error:
        assert error.problems, "a refusal always says why"
        assert all(p.file == "fuzz.toml" and p.message for p in error.problems)
        return error


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(source: Source, data: bytes) -> None:
    _load(data, source)


@FUZZ
@given(st.integers(0, len(VALID) - 1), st.integers(0, 40), st.binary(max_size=20))
def test_splices_into_a_valid_flow(source: Source, at: int, cut: int, insert: bytes) -> None:
    """Damage a valid file in one place: the loader copes with whatever results."""
    result = _load(VALID[:at] + insert + VALID[at + cut :], source)
    if isinstance(result, LoadedFlow):
        assert result.flow.start in result.flow.steps


values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.floats(allow_nan=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(
    st.sampled_from(["prompt", "cites", "options", "next", "kind", "actions", "statuses", "text"]),
    values,
)
def test_any_value_in_any_field(source: Source, field: str, value: object) -> None:
    import tomllib

    import tomli_w

    data = tomllib.loads(VALID.decode())
    data["steps"]["signalen"][field] = value
    try:
        text = tomli_w.dumps(data).encode()
    except (TypeError, ValueError):
        return  # not representable in TOML (None, nested None, ...)
    _load(text, source)
