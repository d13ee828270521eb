"""Training results per participant: one row per result, a CSV for a spreadsheet, and
the choice most often wrong per exercise (for the class view).

Reads result files with the record reader and the summary's ``score_of``, so a file
the summary skips is skipped here too, with the same Dutch problem. The participant is
the nickname a classroom session stored in ``[score]`` (``participant``); a result
exported elsewhere has none and is named by its file.

The CSV follows the Dutch spreadsheet convention: ``;`` between fields, a decimal
comma, UTF-8 with a byte order mark (so a spreadsheet recognises the accents), and a
cell that would start a formula (``=``, ``+``, ``-``, ``@``) starts with ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wegwijzer.core.base.clock import local
from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import Record
from wegwijzer.core.training.summary import score_of
from wegwijzer.core.training.wording import number

CSV_HEADER = ("deelnemer", "oefening", "score", "maximum", "percentage", "tijd")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PARTICIPANT_MAX = 40


@dataclass(frozen=True)
class ResultRow:
    participant: str
    exercise_id: str
    exercise_title: str
    points: float
    max_points: int
    percentage: float
    finished: dt.datetime | None
    wrong: tuple[tuple[str, str], ...] = ()  # (decision step, label chosen) not as expected


def participant_of(record: Record, path: Path) -> str:
    value = (record.score or {}).get("participant")
    name = value if isinstance(value, str) and value.strip() else record.case_ref or path.stem
    return clean(name, limit=PARTICIPANT_MAX).strip() or path.stem[:PARTICIPANT_MAX]


def _wrong_choices(record: Record) -> tuple[tuple[str, str], ...]:
    score = record.score or {}
    decisions, chosen, correct = (score.get(key) for key in ("decisions", "chosen", "correct"))
    if not (isinstance(decisions, list) and isinstance(chosen, list) and isinstance(correct, list)):
        return ()
    return tuple(
        (clean(str(step), limit=64), clean(str(label), limit=300))
        for step, label, right in zip(decisions, chosen, correct, strict=False)
        if right is False and isinstance(label, str) and label
    )


def result_rows(paths: Iterable[Path]) -> tuple[list[ResultRow], list[Problem]]:
    """One row per readable result, by participant, exercise and time; problems of the rest."""
    rows: list[ResultRow] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            record = read_record(Path(path))
            score = score_of(record, str(path))
        except ProblemsError as error:
            problems += error.problems
            continue
        rows.append(
            ResultRow(
                participant=participant_of(record, Path(path)),
                exercise_id=score.exercise,
                exercise_title=clean(score.exercise_title, limit=300),
                points=score.points,
                max_points=score.max,
                percentage=score.percentage,
                finished=record.finished,
                wrong=_wrong_choices(record),
            )
        )
    rows.sort(key=lambda r: (r.participant.lower(), r.exercise_id, r.finished or _NEVER))
    return rows, problems


_NEVER = dt.datetime.min.replace(tzinfo=dt.UTC)


def time_cell(moment: dt.datetime | None) -> str:
    """``2026-12-01 15:22`` in local time: a spreadsheet sorts and reads it as a date."""
    return "" if moment is None else f"{local(moment):%Y-%m-%d %H:%M}"


def safe_cell(value: str) -> str:
    """Text a spreadsheet shows as text, never runs as a formula."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_text(rows: Iterable[ResultRow]) -> str:
    """The rows as CSV text (without the byte order mark; ``write_csv`` adds it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            (
                safe_cell(row.participant),
                safe_cell(row.exercise_id),
                number(row.points),
                row.max_points,
                number(row.percentage),
                time_cell(row.finished),
            )
        )
    return out.getvalue()


def csv_bytes(rows: Iterable[ResultRow]) -> bytes:
    return csv_text(rows).encode("utf-8-sig")


@dataclass(frozen=True)
class ExerciseStanding:
    """Per exercise in a class: how many results, the average, the choice most often wrong."""

    exercise_id: str
    title: str
    results: int
    average_percentage: float
    most_wrong: tuple[str, str, int] | None  # step, label, how often


def standings(rows: Iterable[ResultRow]) -> list[ExerciseStanding]:
    grouped: dict[str, list[ResultRow]] = {}
    for row in rows:
        grouped.setdefault(row.exercise_id, []).append(row)
    found = []
    for exercise_id, group in grouped.items():
        wrong = Counter(choice for row in group for choice in row.wrong)
        top = min(wrong.items(), key=lambda kv: (-kv[1], kv[0])) if wrong else None
        found.append(
            ExerciseStanding(
                exercise_id=exercise_id,
                title=next((r.exercise_title for r in group if r.exercise_title), ""),
                results=len(group),
                average_percentage=round(sum(r.percentage for r in group) / len(group), 1),
                most_wrong=(top[0][0], top[0][1], top[1]) if top else None,
            )
        )
    return sorted(found, key=lambda s: s.exercise_id)


def participant_lines(rows: list[ResultRow]) -> list[str]:
    """``train --summary --per-deelnemer``: per participant each result, then an average."""
    from wegwijzer.core.base.clock import local_text
    from wegwijzer.core.training.wording import score_text

    lines = ["OEFENRESULTATEN PER DEELNEMER"]
    grouped: dict[str, list[ResultRow]] = {}
    for row in rows:
        grouped.setdefault(row.participant, []).append(row)
    for participant, group in grouped.items():
        word = "resultaat" if len(group) == 1 else "resultaten"
        lines += ["", f"{participant} ({len(group)} {word})"]
        for row in group:
            score = score_text(row.points, row.max_points, row.percentage)
            lines.append(f"  {row.exercise_id}: {score}, {local_text(row.finished)}")
        if len(group) > 1:
            average = round(sum(r.percentage for r in group) / len(group), 1)
            lines.append(f"  Gemiddeld: {number(average)} %")
    if not rows:
        lines.append("Geen leesbare oefenresultaten.")
    return lines
