"""Generated flows of any size, valid by construction, for the benchmarks."""

from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "flows" / "sources"
FLOW_ID = "groot"


SEGMENT = 1_000  # steps per chain: every path stays under the record's PATH_MAX (2,000)


def flow_text(steps: int) -> str:
    """A flow of ``steps`` steps: chains of two-way choices, every few steps an info step.

    The chains are ``SEGMENT`` steps long; the first step of each also leads to the
    first of the next, so every step is reachable and no path is longer than the
    record can hold (the checker refuses longer ones, issue 16).
    """
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
        ends_chain = index % SEGMENT == SEGMENT - 1 or index + 1 == last
        following = f"stap-{last}" if ends_chain else f"stap-{index + 1}"
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
            options = [
                f'{{ label = "Verder", next = "{following}" }}',
                f'{{ label = "Naar het einde", next = "stap-{last}" }}',
            ]
            if index % SEGMENT == 0 and index + SEGMENT < last:
                options.append(f'{{ label = "Volgend deel", next = "stap-{index + SEGMENT}" }}')
            lines.append(f"options = [{', '.join(options)}]")
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
