"""No wegwijzer class on the way to a flow's first step (or to a resumed draft) has its
methods compiled by ``dataclasses`` (``core.base.value``; docs/performance.md, issue 19).

A fresh interpreter counts the calls of ``dataclasses._create_fn``, where Python 3.11's
``dataclass`` compiles each method it writes, by the module of the class.
"""

from __future__ import annotations

import subprocess
import sys

PATH = (
    "wegwijzer.commands.run",
    "wegwijzer.tui.app",
    "wegwijzer.tui.screens.step",
    "wegwijzer.core.flows.check",
    "wegwijzer.core.flows.catalog",
    "wegwijzer.core.walk.session",
    "wegwijzer.core.records.resume",
    "wegwijzer.tui.records_bridge",
)

PROBE = f"""
import dataclasses, importlib
compiled = []
create = dataclasses._create_fn
def counted(name, args, body, *, globals=None, **options):
    compiled.append(((globals or {{}}).get("__name__", "?"), name))
    return create(name, args, body, globals=globals, **options)
dataclasses._create_fn = counted
for module in {PATH!r}:
    importlib.import_module(module)
ours = sorted({{entry for entry in compiled if entry[0].startswith("wegwijzer")}})
print("ours", ours)
dataclasses.dataclass(frozen=True)(type("Check", (), {{"__annotations__": {{"a": "int"}}}}))
print("counted", len(compiled) > 0)
"""


def test_no_method_is_compiled_for_a_wegwijzer_class_on_the_way_to_a_step() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "counted True" in result.stdout  # the counting works: a dataclass is counted
    assert "ours []" in result.stdout, result.stdout
