"""``wegwijzer train --summary --per-deelnemer`` and ``--csv``: results per participant."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from wegwijzer.core.base.atomic import RecordExistsError, WriteError, write_atomic
from wegwijzer.core.training.report import csv_bytes, participant_lines, result_rows


def expand(paths: list[Path]) -> list[Path]:
    """A folder stands for its result files (``*.toml`` directly in it), as a class leaves them."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.toml") if p.is_file() and not p.is_symlink())
        else:
            found.append(path)
    return found


def report(paths: list[Path], *, per_participant: bool, csv: Path | None, force: bool) -> int:
    rows, problems = result_rows(expand(paths))
    if per_participant or csv is None:
        print("\n".join(participant_lines(rows)))
    code = 1 if problems else 0
    if csv is not None:
        if not force and os.path.lexists(csv):
            print(f"fout: {RecordExistsError(csv)}", file=sys.stderr)
            return 1
        try:
            write_atomic(csv, csv_bytes(rows), overwrite=force)
        except (RecordExistsError, WriteError) as error:
            print(f"fout: {error}", file=sys.stderr)
            return 1
        word = "regel" if len(rows) == 1 else "regels"
        print(
            f"CSV met {len(rows)} {word} opgeslagen in {csv} "
            "(puntkomma als scheidingsteken, decimale komma, UTF-8)."
        )
    for problem in problems:
        print(f"fout: {problem} (overgeslagen)", file=sys.stderr)
    return code
