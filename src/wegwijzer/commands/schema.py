"""``wegwijzer schema``: the JSON Schema of a flow file, or of a protocol file."""

from __future__ import annotations

import argparse
import json
from typing import Any

from wegwijzer.core.flows.schema import Flow


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "schema", help="JSON Schema van een stappenplanbestand (voor wie stappenplannen schrijft)"
    )
    parser.add_argument(
        "--protocol",
        action="store_true",
        dest="of_protocol",
        help="het schema van een protocolbestand (het eigen protocol van uw organisatie)",
    )
    parser.set_defaults(handler=run)


def flow_schema() -> str:
    schema = Flow.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wegwijzer flow"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def protocol_schema() -> str:
    from wegwijzer.core.flows.protocol import ProtocolFile

    schema = ProtocolFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wegwijzer: eigen protocol van een organisatie"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def run(args: argparse.Namespace) -> int:
    print(protocol_schema() if args.of_protocol else flow_schema(), end="")
    return 0
