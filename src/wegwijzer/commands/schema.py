"""``wegwijzer schema``: the JSON Schema of a flow file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from wegwijzer.core.flows.flow import Flow


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("schema", help="JSON Schema van een flowbestand")
    parser.set_defaults(handler=run)


def flow_schema() -> str:
    schema = Flow.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wegwijzer flow"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    print(flow_schema(), end="")
    return 0
