"""Generated flows of any size, valid by construction, for the benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "flows" / "sources"
FLOW_ID = "groot"


def flow_text(steps: int) -> str:
    """A flow of ``steps`` steps: a chain of two-way choices, every few steps an info step."""
    lines = [
        "schema = 1",
        f'id = "{FLOW_ID}"',
        'title = "Gegenereerde flow"',
        'audience = "Voor de benchmarks."',
        'version = "1"',
        'source = "gevarenzone-2020"',
        'start = "stap-0"',
        "",
    ]
    last = steps - 1
    for index in range(last):
        following = f"stap-{index + 1}"
        lines.append(f"[steps.stap-{index}]")
        if index % 5 == 4:
            lines += ['kind = "info"', f'prompt = "Informatie {index}"', 'cites = ["2.1"]']
            lines.append(f'next = "{following}"')
        else:
            lines += [
                'kind = "choice"',
                f'prompt = "Vraag {index}: wat ziet u?"',
                'cites = ["4.1", "7"]',
            ]
            lines.append(
                f'options = [{{ label = "Verder", next = "{following}" }}, '
                f'{{ label = "Naar het einde", next = "stap-{last}" }}]'
            )
        lines.append("")
    lines += [
        f"[steps.stap-{last}]",
        'kind = "outcome"',
        'prompt = "Einde"',
        'cites = ["8.2"]',
        'actions = [{ text = "Actie", group = "beleid", cites = ["8.2"] }]',
        "",
    ]
    return "\n".join(lines)


def flows_folder(root: Path, steps: int) -> Path:
    """A flows folder under ``root``: the generated flow and the shipped sources."""
    folder = root / "flows"
    shutil.copytree(SOURCES, folder / "sources")
    (folder / f"{FLOW_ID}.toml").write_text(flow_text(steps), encoding="utf-8")
    return folder
