"""docs/flows.md against ``check --json``: guarantees, silent topics and citation counts."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

import pytest

from helpers import FLOWS, run_cli

DOCS = (FLOWS.parent / "docs" / "flows.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = run_cli("--flows", str(FLOWS), "check", "--json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def section(flow_id: str) -> str:
    """The part of the docs about one flow: from its file name to the next heading."""
    start = DOCS.index(f"`flows/{flow_id}.toml`")
    end = DOCS.find("\n## ", start)
    return DOCS[start : end if end != -1 else None]


def test_each_flow_lists_its_guarantees_and_silent_topics(report: dict[str, Any]) -> None:
    for flow in report["flows"]:
        text = section(flow["id"])
        for guarantee in flow["guarantees"]:
            assert guarantee["holds"]
            row = f"| `{guarantee['outcome']}` | {', '.join(guarantee['cites'])} |"
            assert row in text, f"{flow['id']}: {row}"
        for topic in flow["silent_topics"]:
            steps = ", ".join(f"`{step}`" for step in topic["steps"])
            row = f"| `{topic['id']}` | {steps} |"
            assert row in text, f"{flow['id']}: {row}"


def test_the_citation_tables_add_up_to_check_json(report: dict[str, Any]) -> None:
    counted: dict[str, int] = {}
    tables = 0
    for row in re.findall(r"^\| (\d+) \| (.+) \|$", DOCS, re.MULTILINE):
        answer, cells = row
        tables += answer == "1"
        counted[answer] = counted.get(answer, 0) + len(re.findall(r"`[a-z0-9-]+` \(", cells))
    assert tables == len(report["flows"])
    assert counted == {k: v for k, v in report["citations"].items()}


def test_check_json_lists_the_topics_with_one_id_per_topic_across_flows(
    report: dict[str, Any],
) -> None:
    source = tomllib.loads((FLOWS / "sources" / "gevarenzone-2020.toml").read_text("utf-8"))
    known = source["silent_topics"]
    seen = 0
    for flow in report["flows"]:
        for topic in flow["silent_topics"]:
            seen += 1
            assert known[topic["id"]] == topic["label"]
            assert topic["steps"]
    assert seen >= 8
    case = next(f for f in report["flows"] if f["id"] == "zorgen-over-een-minderjarige")
    assert {"direct-gevaar", "politie-inlichten", "melden-door-bedrijven"} <= {
        t["id"] for t in case["silent_topics"]
    }
