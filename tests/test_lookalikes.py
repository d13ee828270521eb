"""Issue 16, finding 10: invisible and look-alike labels, and two flows with one id.

A flow passed `check` with options "Ja", "Jа" (Cyrillic а), "Ja" + U+200D, an invisible
one and a blank one; two flow files with the same id both passed and one hid the other.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import load_flow
from wegwijzer.core.flows.labels import label_key
from wegwijzer.core.flows.source import Source

from helpers import DATA

LOOKALIKES = {
    "cyrillic a": "J\u0430",
    "zero-width joiner": "Ja\u200d",
    "zero-width non-joiner": "J\u200ca",
    "invisible times": "Ja\u2062",
    "variation selector": "Ja\ufe0f",
    "tag characters": "Ja\U000e0041\U000e007f",
    "fullwidth": "\uff2a\uff41",
    "greek alpha": "J\u03b1",
    "other case and spacing": "  ja ",
}
BLANK = {
    "empty after spaces": "   ",
    "only a joiner": "\u200d",
    "only a hangul filler": "\u3164",
    "only a variation selector": "\ufe0f",
    "only tag characters": "\U000e0020\U000e0020",
}


def _flow_with_labels(tmp_path: Path, first: str, second: str) -> Path:
    text = (DATA / "valid.toml").read_text("utf-8")
    old = '  { label = "Ja", next = "beleid" },\n  { label = "Nee", next = "einde-politie" },'
    assert old in text
    new = (
        f'  {{ label = "{first}", next = "beleid" }},\n'
        f'  {{ label = "{second}", next = "einde-politie" }},'
    )
    path = tmp_path / "flow.toml"
    path.write_text(text.replace(old, new), "utf-8")
    return path


@pytest.mark.parametrize("label", LOOKALIKES.values(), ids=LOOKALIKES.keys())
def test_a_label_that_looks_like_another_is_refused(
    tmp_path: Path, source: Source, label: str
) -> None:
    path = _flow_with_labels(tmp_path, "Ja", label)
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    messages = [(p.step, p.field, p.message) for p in caught.value.problems]
    assert any(
        step == "politie" and field == "options[1].label" and "twee keer" in message
        for step, field, message in messages
    ), messages


@pytest.mark.parametrize("label", BLANK.values(), ids=BLANK.keys())
def test_a_blank_or_invisible_label_is_refused(tmp_path: Path, source: Source, label: str) -> None:
    path = _flow_with_labels(tmp_path, "Ja", label)
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    assert any("leeg" in p.message for p in caught.value.problems)


def test_different_labels_stay_different() -> None:
    keys = {label_key(x) for x in ("Ja", "Nee", "Jà", "Ja, bij de politie", "J a", "1", "l")}
    assert len(keys) == 7


def test_two_flows_with_one_id_are_an_error_naming_both_files(flows_dir: Path) -> None:
    shutil.copy(flows_dir / "testflow.toml", flows_dir / "kopie.toml")
    catalog = load_catalog(flows_dir)
    assert catalog.find("testflow") is None  # neither hides the other
    texts = [str(problem) for problem in catalog.problems]
    assert len(texts) == 2
    for text in texts:
        assert "kopie.toml" in text and "testflow.toml" in text and "meer bestanden" in text
