"""``to_mermaid`` and ``wegwijzer graph``: every step a node, every option an edge, safe labels."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest

from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, Flow, InfoStep, MultiStep
from wegwijzer.core.flows.graph import EDGE_WIDTH, shorten, to_mermaid

from helpers import DATA, FLOWS, run_cli

NODE = re.compile(
    r'^    (?P<id>[sx]\d+)(?P<open>\["|\{\{"|\[\["|\[/"|\(\[")(?P<label>.*)'
    r'(?P<close>"\]|"\}\}|"\]\]|"/\]|"\]\))$'
)
EDGE = re.compile(r'^    [sx]\d+ -->(?:\|"(?P<label>[^"]*)"\|)? [sx]\d+$')
UNSAFE = set('"[]{}()|<>`\\')


def valid_data() -> dict[str, Any]:
    with (DATA / "valid.toml").open("rb") as handle:
        return tomllib.load(handle)


def check_syntax(text: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Every line must be a header, a node, an edge or a class line with nothing unsafe."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes, edges = [], []
    for line in lines[1:]:
        if line.startswith(("    classDef ", "    class ")):
            continue
        node = NODE.match(line)
        edge = EDGE.match(line)
        assert node or edge, f"onverwachte regel: {line!r}"
        if node:
            label = node["label"].replace("<br/>", "")
            assert not UNSAFE & set(label), line
            nodes.append(node.groupdict())
        if edge:
            assert not UNSAFE & set(edge["label"] or ""), line
            edges.append(edge.groupdict())
    return nodes, edges


@pytest.mark.parametrize(
    "flow_id", ["zorgen-over-een-minderjarige", "gemeentelijk-beleid", "scholing"]
)
def test_shipped_flow_graph_has_every_step_and_one_edge_per_option(flow_id: str) -> None:
    loaded = load_catalog(FLOWS).find(flow_id)
    assert loaded is not None
    flow = loaded.flow
    text = to_mermaid(flow)
    assert text.startswith("flowchart")
    nodes, edges = check_syntax(text)
    assert len(nodes) == len(flow.steps)
    for step_id in flow.steps:
        assert step_id in text
    options = sum(len(s.options) for s in flow.steps.values() if isinstance(s, ChoiceStep))
    singles = sum(isinstance(s, MultiStep | CheckStep | InfoStep) for s in flow.steps.values())
    assert sum(1 for e in edges if e["label"] is not None) == options
    assert len(edges) == options + singles


def test_outcomes_have_their_own_shape() -> None:
    flow = Flow.model_validate(valid_data())
    nodes, _ = check_syntax(to_mermaid(flow))
    shapes = {n["label"].split("<br/>")[0]: n["open"] for n in nodes}
    assert shapes["einde"] == shapes["einde-politie"] == '(["'
    assert all(shape != '(["' for step, shape in shapes.items() if not step.startswith("einde"))


def test_quotes_and_brackets_in_labels_are_escaped() -> None:
    data = valid_data()
    data["steps"]["politie"]["prompt"] = 'Zegt ze "ja" [of] {nee} (of) <b>|#1` \\?'
    data["steps"]["politie"]["options"][0]["label"] = 'Ja "echt" ] [x] | (y)'
    data["steps"]["politie"]["options"][1]["label"] = "Nee]"
    data["steps"]["einde"]["prompt"] = '"]) --> x'
    flow = Flow.model_validate(data)
    text = to_mermaid(flow)
    nodes, edges = check_syntax(text)
    assert len(nodes) == len(flow.steps)
    assert "#quot;ja#quot;" in text
    assert "#91;of#93;" in text
    assert any(e["label"] == "Nee#93;" for e in edges)
    assert sum(1 for e in edges if e["label"] is not None) == 2


def test_step_ids_never_become_mermaid_keywords() -> None:
    data = valid_data()
    data["steps"]["end"] = data["steps"].pop("einde")
    data["steps"]["beleid"]["next"] = "end"
    text = to_mermaid(Flow.model_validate(data))
    check_syntax(text)
    assert "\n    end" not in text
    assert "end<br/>" in text


def test_missing_targets_still_give_valid_lines() -> None:
    data = valid_data()
    data["steps"]["beleid"]["next"] = 'nergens"]'
    nodes, _ = check_syntax(to_mermaid(Flow.model_validate(data)))
    assert any("ontbreekt" in n["label"] for n in nodes)


def test_long_labels_are_shortened() -> None:
    label = "een heel lange keuze " * 10
    short = shorten(label, EDGE_WIDTH)
    assert len(short) <= EDGE_WIDTH
    assert short.endswith("…")
    assert shorten("kort", EDGE_WIDTH) == "kort"


def test_graph_command_prints_the_flowchart() -> None:
    result = run_cli("--flows", str(FLOWS), "graph", "zorgen-over-een-minderjarige")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("flowchart TD\n")
    check_syntax(result.stdout)


def test_graph_command_names_an_unknown_flow() -> None:
    result = run_cli("--flows", str(FLOWS), "graph", "bestaat-niet")
    assert result.returncode == 1
    assert "niet gevonden" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "flow_id", ["zorgen-over-een-minderjarige", "gemeentelijk-beleid", "scholing"]
)
def test_docs_show_the_current_diagram(flow_id: str) -> None:
    loaded = load_catalog(FLOWS).find(flow_id)
    assert loaded is not None
    docs = (FLOWS.parent / "docs" / "flows.md").read_text(encoding="utf-8")
    assert "```mermaid\n" + to_mermaid(loaded.flow) + "```" in docs, "run wegwijzer graph again"
