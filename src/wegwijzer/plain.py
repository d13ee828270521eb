"""Line mode for screen readers and scripts: one step at a time on stdin/stdout.

Never imports textual. Every word printed is Dutch; input ends early -> exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.flow import CheckStep, InfoStep, MultiStep, Step
from wegwijzer.core.records.export import CASE_REF, PrivacyFinding
from wegwijzer.core.walk.session import Answer, AnswerError, Session
from wegwijzer.plain_lines import (
    HELP_START,
    HELP_WORDS,
    REPEAT_KEY,
    SOURCE_WORDS,
    full_citation_lines,
    help_lines,
    outcome_lines,
    sentence,
    source_line,
    step_lines,
)

EXIT_OK = 0
EXIT_ABORTED = 1


def answer_prompt(step: Step) -> str:
    """What the line asking for an answer says; no sign a reader would speak."""
    if isinstance(step, MultiStep):
        return "Uw keuzes, nummers met komma's ertussen: "
    return "Uw keuze: "


def parse_answer(step: Step, line: str) -> Answer:
    """Turn a typed line into an answer for ``step``; raises AnswerError in Dutch."""
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if not parts or not all(p.isdigit() and len(p) <= 3 for p in parts):
        raise AnswerError("typ een nummer")
    numbers = [int(p) - 1 for p in parts]
    if isinstance(step, MultiStep):
        return tuple(numbers)
    if len(numbers) != 1:
        raise AnswerError("kies hier één nummer")
    if isinstance(step, CheckStep):
        if not 0 <= numbers[0] < len(step.statuses):
            raise AnswerError(f"kies een nummer van 1 tot en met {len(step.statuses)}")
        return step.statuses[numbers[0]]
    if isinstance(step, InfoStep):
        if numbers[0] != 0:
            raise AnswerError("typ 1 om verder te gaan")
        return None
    return numbers[0]


def run_plain(
    session: Session,
    read_line: Callable[[], str | None],
    out: TextIO,
    on_answer: Callable[[Session], None] | None = None,
    on_change: Callable[[Session], None] | None = None,
) -> int:
    """Walk ``session`` to its outcome. ``read_line`` returns None at end of input.

    ``on_answer`` runs after every answer; ``on_change`` after every answer, note
    and step back (the autosave hangs on it).
    """

    def changed() -> None:
        if on_change is not None:
            on_change(session)

    flow = session.flow
    source = session.loaded.source
    print(sentence(f"Stappenplan: {flow.title}"), file=out)
    print(source_line(source), file=out)
    if session.protocol is not None:
        protocol = session.protocol
        print(
            f"Waar de bron zwijgt, toont de wegwijzer ook het eigen protocol van "
            f"{clean(protocol.organisation)}, onder een eigen kop.",
            file=out,
        )
        if protocol.overdue():
            print(protocol.overdue_warning(), file=out)
    print("\n".join(HELP_START), file=out)
    shown = ""
    while not session.finished:
        here = f"{session.current_id}:{session.position}"
        if shown != here:
            print("\n".join(step_lines(session)), file=out)
            shown = here
        print(answer_prompt(session.current), end="", file=out, flush=True)
        raw = read_line()
        if raw is None:
            print(
                "\nInvoer eindigde voordat het stappenplan klaar was; er is niets afgerond.",
                file=out,
            )
            return EXIT_ABORTED
        line = clean(raw).strip()
        word = line.lower()
        if word in ("q", "stop"):
            print("Gestopt; het stappenplan is niet afgerond.", file=out)
            return EXIT_ABORTED
        if word == REPEAT_KEY:
            shown = ""
            continue
        if word in ("t", "terug"):
            if not session.back():
                print("U bent al bij de eerste stap.", file=out)
            else:
                changed()
            shown = ""
            continue
        if word in HELP_WORDS:
            print("\n".join(help_lines()), file=out)
            continue
        if word in SOURCE_WORDS:
            print("\n".join(full_citation_lines(source, session.current.cites)), file=out)
            continue
        if line[:2].lower() == "n " or word == "n":
            session.set_note(session.current_id, line[2:])
            print("Notitie opgeslagen." if line[2:].strip() else "Notitie verwijderd.", file=out)
            changed()
            continue
        try:
            session.answer(parse_answer(session.current, line))
        except AnswerError as error:
            print(f"Dat gaat niet: {error}.", file=out)
            continue
        if on_answer is not None:
            on_answer(session)
        changed()
    print("\n".join(outcome_lines(session)), file=out)
    return EXIT_OK


def _ask_yes_no(question: str, read_line: Callable[[], str | None], out: TextIO) -> bool:
    """``question`` until the answer is j or n; end of input is no."""
    while True:
        print(f"{question} Typ j of n: ", end="", file=out, flush=True)
        line = read_line()
        if line is None:
            print(file=out)
            return False
        answer = clean(line).strip().lower()
        if answer in ("j", "ja"):
            return True
        if answer in ("n", "nee"):
            return False
        print("Typ j voor ja of n voor nee.", file=out)


def _adjust(
    session: Session,
    findings: list[PrivacyFinding],
    read_line: Callable[[], str | None],
    out: TextIO,
) -> None:
    """Ask for a new text for each note or case reference a warning is about."""
    for step_id in dict.fromkeys(finding.step_id for finding in findings):
        if step_id == CASE_REF:
            print(f"Zaakkenmerk nu: {clean(session.case_ref)}", file=out)
            what = "Nieuw zaakkenmerk"
        else:
            number = session.path.index(step_id) + 1
            prompt = clean(session.flow.steps[step_id].prompt)
            print(f"Notitie bij stap {number}, {prompt}", file=out)
            print(clean(session.notes.get(step_id, ""), multiline=True), file=out)
            what = "Nieuwe notitie op één regel"
        print(
            f"{what}. Alleen Enter laat de tekst staan, een streepje haalt hem weg: ",
            end="",
            file=out,
            flush=True,
        )
        line = read_line()
        if line is None:
            print(file=out)
            return
        text = clean(line).strip()
        if not text:
            continue
        text = "" if text == "-" else text
        if step_id == CASE_REF:
            session.case_ref = clean(text, limit=80)
        else:
            session.set_note(step_id, text)


def ask_before_saving(
    session: Session,
    findings: Callable[[Session], list[PrivacyFinding]],
    read_line: Callable[[], str | None],
    out: TextIO,
) -> bool:
    """After the privacy warnings: save anyway, or adjust the texts concerned and look again.

    Returns whether to save; end of input is no.
    """
    while True:
        if _ask_yes_no("Toch opslaan?", read_line, out):
            return True
        if not _ask_yes_no("Wilt u de tekst nu aanpassen?", read_line, out):
            return False
        _adjust(session, findings(session), read_line, out)
        found = findings(session)
        if not found:
            return True
        print("Nog steeds mogelijk persoonsgegevens:", file=out)
        for finding in found:
            print(sentence(finding.line), file=out)
