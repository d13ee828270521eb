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
from wegwijzer.core.training.scoring import VERDICT_LABELS, Feedback, Quote
from wegwijzer.core.training.wording import MODE_LABELS, number, of_points
from wegwijzer.core.walk.session import AnswerError
from wegwijzer.plain import EXIT_ABORTED, EXIT_OK, answer_prompt, parse_answer
from wegwijzer.plain_lines import (
    HELP_START,
    HELP_WORDS,
    REPEAT_KEY,
    SOURCE_WORDS,
    capitalised,
    citation_lines,
    full_citation_lines,
    help_lines,
    outcome_lines,
    sentence,
    source_line,
)
from wegwijzer.plain_lines import step_lines as flow_step_lines

# The TUI shows core.training.model.FICTIONAL_HEADER above the case; said here as sentences.
FICTIONAL = ("Fictieve casus, verzonnen voor deze oefening.", "Elke gelijkenis berust op toeval.")


def intro_lines(run: TrainingRun) -> list[str]:
    exercise = run.exercise
    lines = [sentence(f"Oefening: {exercise.title}"), "", *FICTIONAL, exercise.vignette, ""]
    lines += [f"Leerdoel {index}: {goal}" for index, goal in enumerate(exercise.goals, start=1)]
    decisions = len(exercise.decisions)
    lines += [
        "",
        sentence(f"U doorloopt het stappenplan {run.session.flow.title}"),
        f"{decisions} keuzes tellen mee, samen {exercise.max_points} punten.",
        source_line(run.session.loaded.source, "Het stappenplan"),
    ]
    return lines


def ask_feedback_mode(read_line: Callable[[], str | None], out: TextIO) -> str | None:
    """Let the trainee pick when feedback comes; None when input ends or they stop."""
    print("\nWanneer wilt u feedback?", file=out)
    for index, mode in enumerate(FEEDBACK_MODES, start=1):
        print(f"{index}. {MODE_LABELS[mode]}", file=out)
    while True:
        print("Uw keuze: ", end="", file=out, flush=True)
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
        f"{VERDICT_LABELS[item.verdict].capitalize()}: {of_points(item.points, item.max_points)}."
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
        lines += [quote_line(quote) for quote in item.quotes]
    else:
        lines += citation_lines(source, item.cites)
    return lines


def quote_line(quote: Quote) -> str:
    """'Antwoord 4, alinea 1, letterlijk: …'; the start of a long answer says so."""
    if quote.text.endswith(" …"):
        return f"{capitalised(quote.label)}, begint letterlijk met: {quote.text[:-2]}"
    return f"{capitalised(quote.label)}, letterlijk: {quote.text}"


def debrief_lines(debrief: Debrief, source: Source) -> list[str]:
    score = f"{of_points(debrief.points, debrief.max_points)}, {number(debrief.percentage)} %"
    lines = ["", sentence(f"Nabespreking: {debrief.title}"), f"Score: {score}."]
    lines += ["", "Per keuze:"]
    for index, item in enumerate(debrief.items, start=1):
        mark = VERDICT_LABELS[item.verdict].capitalize()
        points = of_points(item.points, item.max_points)
        lines.append(f"Keuze {index}: {sentence(item.prompt)} {mark}: {points}.")
    if not debrief.deviations:
        lines += ["", "Alle keuzes waren zoals verwacht."]
        return lines
    lines += ["", "Afwijkingen, met het antwoord waarop de verwachte keuze rust:"]
    for item in debrief.deviations:
        lines += ["", sentence(f"Bij de stap: {item.prompt}")]
        lines += feedback_lines(item, source, full_quotes=True)
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
    print("\n".join(HELP_START), file=out)
    shown = ""
    session = run.session
    while not session.finished:
        here = f"{session.current_id}:{session.position}"
        if shown != here:
            print("\n".join(flow_step_lines(session)), file=out)
            shown = here
        print(answer_prompt(session.current), end="", file=out, flush=True)
        raw = read_line()
        if raw is None:
            print("\nInvoer eindigde voordat de oefening klaar was; er is geen score.", file=out)
            return EXIT_ABORTED
        line = clean(raw).strip()
        word = line.lower()
        if word in ("q", "stop"):
            print("Gestopt; de oefening is niet afgerond en er is geen score.", file=out)
            return EXIT_ABORTED
        if word == REPEAT_KEY:
            shown = ""
            continue
        if word in ("t", "terug"):
            print("In een oefening kunt u niet terug: elke keuze telt.", file=out)
            continue
        if word in HELP_WORDS:
            print("\n".join(help_lines(training=True)), file=out)
            continue
        if word in SOURCE_WORDS:
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
