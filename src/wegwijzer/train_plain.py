"""Training in line mode: the fictional case, the walk, feedback, and the debrief.

Reuses the plain mode's step and citation rendering. Never imports textual. In an
exercise every choice counts as given: going back is not offered, and notes are
not asked for (the case is invented; there is nothing to note about a person).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.source import Source
from wegwijzer.core.training.run import FEEDBACK_MODES, Debrief, TrainingRun
from wegwijzer.core.training.scoring import VERDICT_LABELS, Feedback
from wegwijzer.core.training.wording import MODE_LABELS, number, of_points, score_text
from wegwijzer.core.walk.session import AnswerError
from wegwijzer.plain import (
    EXIT_ABORTED,
    EXIT_OK,
    SOURCE_WORDS,
    citation_lines,
    full_citation_lines,
    outcome_lines,
    parse_answer,
)
from wegwijzer.plain import step_lines as flow_step_lines

HELP = (
    "Typ een nummer om te kiezen (bij meer keuzes: nummers met komma's), "
    "'b' om de geciteerde antwoorden voluit te lezen, 'q' om te stoppen. "
    "In een oefening telt elke keuze meteen: terug gaan kan niet."
)


def intro_lines(run: TrainingRun) -> list[str]:
    exercise = run.exercise
    source = run.session.loaded.source
    lines = [f"OEFENING: {exercise.title}", "", exercise.vignette_display(), "", "Leerdoelen:"]
    lines += [f"  - {goal}" for goal in exercise.goals]
    decisions = len(exercise.decisions)
    lines += [
        "",
        f"U doorloopt het stappenplan ‘{run.session.flow.title}’. {decisions} keuzes tellen mee, "
        f"samen {exercise.max_points} punten.",
        f"Het stappenplan rust op de antwoorden van {source.answered_by} "
        f"van {source.received_label} op Kamervragen over ‘Meisjes in de gevarenzone’.",
    ]
    return lines


def ask_feedback_mode(read_line: Callable[[], str | None], out: TextIO) -> str | None:
    """Let the trainee pick when feedback comes; None when input ends or they stop."""
    print("\nWanneer wilt u feedback?", file=out)
    for index, mode in enumerate(FEEDBACK_MODES, start=1):
        print(f"  {index}. {MODE_LABELS[mode]}", file=out)
    while True:
        print("Uw keuze> ", end="", file=out, flush=True)
        raw = read_line()
        if raw is None:
            return None
        line = clean(raw).strip().lower()
        if line in ("q", "stop"):
            return None
        if line in ("1", "2"):
            return FEEDBACK_MODES[int(line) - 1]
        if line in FEEDBACK_MODES:
            return line
        print("Dat gaat niet: typ 1 of 2.", file=out)


def feedback_lines(item: Feedback, source: Source, *, full_quotes: bool = False) -> list[str]:
    """One decision's feedback: verdict and points, the expected choice, why, and the source."""
    lines = [
        f"{VERDICT_LABELS[item.verdict].capitalize()} ({of_points(item.points, item.max_points)})."
    ]
    if item.verdict != "niet bereikt":
        lines.append(f"Uw keuze: {item.chosen}")
    if not item.correct:
        lines.append(f"Verwacht: {item.expected_text}")
    if item.missed:
        lines.append("U miste: " + "; ".join(item.missed))
    if item.extra:
        lines.append("Niet verwacht: " + "; ".join(item.extra))
    lines += [message.text for message in item.messages]
    lines.append(("Waarom: " if not item.correct else "") + item.why.text)
    lines.append("Gebaseerd op:")
    if full_quotes:
        lines += [f"  [{quote.label}] “{quote.text}”" for quote in item.quotes]
    else:
        lines += citation_lines(source, item.cites)
    return lines


def debrief_lines(debrief: Debrief, source: Source) -> list[str]:
    lines = [
        "",
        f"NABESPREKING: {debrief.title}",
        "Score: " + score_text(debrief.points, debrief.max_points, debrief.percentage),
        "",
        "Per keuze:",
    ]
    for item in debrief.items:
        mark = VERDICT_LABELS[item.verdict]
        score = f"{number(item.points)}/{item.max_points}"
        lines.append(f"  [{mark}] {item.prompt} ({score})")
    if not debrief.deviations:
        lines += ["", "Alle keuzes waren zoals verwacht."]
        return lines
    lines += ["", "Afwijkingen, met het antwoord waarop de verwachte keuze rust:"]
    for item in debrief.deviations:
        lines += ["", f"Stap ‘{item.prompt}’"]
        lines += ["  " + line for line in feedback_lines(item, source, full_quotes=True)]
    return lines


def run_training(
    run: TrainingRun,
    read_line: Callable[[], str | None],
    out: TextIO,
    *,
    ask_mode: bool = False,
) -> int:
    """Show the case, walk the flow, give feedback, print the debrief. 0 when finished."""
    source = run.session.loaded.source
    print("\n".join(intro_lines(run)), file=out)
    if ask_mode:
        mode = ask_feedback_mode(read_line, out)
        if mode is None:
            print("Gestopt; de oefening is niet gedaan.", file=out)
            return EXIT_ABORTED
        run.feedback_mode = mode
    print(f"\nFeedback: {MODE_LABELS[run.feedback_mode].lower()}.", file=out)
    print(HELP, file=out)
    shown = ""
    session = run.session
    while not session.finished:
        if shown != f"{session.current_id}:{session.position}":
            print("\n".join(flow_step_lines(session)), file=out)
            shown = f"{session.current_id}:{session.position}"
        multi = session.current.kind == "multi"
        print("Uw keuzes (bijv. 1,3)> " if multi else "Uw keuze> ", end="", file=out, flush=True)
        raw = read_line()
        if raw is None:
            print("\nInvoer eindigde voordat de oefening klaar was; er is geen score.", file=out)
            return EXIT_ABORTED
        line = clean(raw).strip()
        if line.lower() in ("q", "stop"):
            print("Gestopt; de oefening is niet afgerond en er is geen score.", file=out)
            return EXIT_ABORTED
        if line.lower() in ("t", "terug"):
            print("In een oefening kunt u niet terug: elke keuze telt.", file=out)
            continue
        if line.lower() in ("h", "?", "help"):
            print(HELP, file=out)
            continue
        if line.lower() in SOURCE_WORDS:
            print("\n".join(full_citation_lines(source, session.current.cites)), file=out)
            continue
        try:
            feedback = run.answer(parse_answer(session.current, line))
        except AnswerError as error:
            print(f"Dat gaat niet: {error}.", file=out)
            continue
        if feedback is not None:
            print("\n" + "\n".join(feedback_lines(feedback, source)), file=out)
    print("\n".join(outcome_lines(session)), file=out)
    print("\n".join(debrief_lines(run.debrief(), source)), file=out)
    return EXIT_OK
