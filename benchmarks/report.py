"""The results table, for the terminal and for docs/performance.md, with the machine."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import sys
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from benchmarks.timing import ROOT

DOC = ROOT / "docs" / "performance.md"
START = "<!-- bench:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"
COLUMNS = ("figure", "measured", "baseline", "ratio", "target", "met?")


@dataclass(frozen=True)
class Figure:
    """One row: what was measured against what, and whether it meets its target."""

    name: str
    measured: str
    baseline: str
    ratio: float | None
    target: str
    met: bool
    notes: list[str] = field(default_factory=list)

    def cells(self) -> tuple[str, ...]:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}×"
        return (self.name, self.measured, self.baseline, ratio, self.target, _met(self.met))


def _met(met: bool) -> str:
    return "ja" if met else "NEE"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "onbekend"
    found = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return found.group(1).strip() if found else platform.processor() or "onbekend"


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "niet geïnstalleerd"


def machine() -> list[tuple[str, str]]:
    return [
        ("python", f"{platform.python_implementation()} {sys.version.split()[0]}"),
        ("platform", platform.platform()),
        ("cpu", _cpu_model()),
        ("cores", str(os.cpu_count() or "?")),
        ("textual", _package("textual")),
        ("pydantic", _package("pydantic")),
        ("date", dt.datetime.now().astimezone().isoformat(timespec="seconds")),
    ]


def text_table(figures: list[Figure]) -> str:
    rows = [COLUMNS, *(f.cells() for f in figures)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown(figures: list[Figure], settings: str) -> str:
    lines = [
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
        *("| " + " | ".join(f.cells()) + " |" for f in figures),
        "",
        settings,
        "",
    ]
    for figure in figures:
        for note in figure.notes:
            lines.append(f"- {figure.name}: {note}")
    lines += ["", "Machine:", ""]
    lines += [f"- {key}: {value}" for key, value in machine()]
    return "\n".join(lines)


def write_doc(figures: list[Figure], settings: str, path: Path = DOC) -> None:
    """Replace the measured section of ``path``; the hand-written text around it stays."""
    block = f"{START}\n{markdown(figures, settings)}\n{END}"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if START in old and END in old:
        head, rest = old.split(START, 1)
        tail = rest.split(END, 1)[1]
        new = head + block + tail
    else:
        new = f"# Performance\n\n{block}\n{old}"
    path.write_text(new, encoding="utf-8")
