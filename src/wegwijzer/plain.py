"""Line mode for screen readers and scripts: one step at a time on stdin/stdout.

Never imports textual. Every word printed is Dutch; input ends early -> exit 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.flow import GROUP_LABELS, CheckStep, ChoiceStep, InfoStep, MultiStep, Step
from wegwijzer.core.flows.protocol import Shown, entry_lines
from wegwijzer.core.flows.silence import silent_line
from wegwijzer.core.flows.source import Citation, Source, cites_label, parse_citation
from wegwijzer.core.records.export import CASE_REF, PrivacyFinding
from wegwijzer.core.walk.session import Answer, AnswerError, Session

EXIT_OK = 0
EXIT_ABORTED = 1
HELP = (
    "Typ een nummer om te kiezen, 't' om terug te gaan, "
    "'n <tekst>' voor een notitie, 'b' om de geciteerde antwoorden voluit te lezen, "
    "'q' om te stoppen."
)
SOURCE_WORDS = ("b", "bron")


def citation_lines(source: Source, cites: tuple[str, ...], width: int = 110) -> list[str]:
    lines = []
    for cite in cites:
        citation = parse_citation(cite)
        if citation is None:
            continue
        lines.append(f"  [{citation.label}] “{source.quote(citation, width)}”")
    return lines


def full_citation_lines(source: Source, cites: tuple[str, ...]) -> list[str]:
    """The cited paragraphs in full, each under its label: for a reader who cannot see
    the panel, the excerpt under 'Gebaseerd op' is not enough to check a step."""
    lines = ["", f"Bron: {source.title} ({source.received_label})"]
    for cite in cites:
        citation = parse_citation(cite)
        if citation is None:
            continue
        for number, text in source.paragraphs(citation):
            label = Citation(citation.answer, number).label
            lines += ["", f"[{label}]", text]
    return lines


def text_lines(source: Source, step: Step) -> list[str]:
    """The step's text and, where it names them, the topics the source is silent on."""
    lines = ["", step.text] if step.text else []
    silent = silent_line(source, step)
    return lines + (["", silent] if silent else [])


def step_lines(session: Session) -> list[str]:
    step = session.current
    lines = ["", f"Stap {session.position}: {step.prompt}"]
    lines += text_lines(session.loaded.source, step)
    lines += ["", "Gebaseerd op:", *citation_lines(session.loaded.source, step.cites)]
    lines += protocol_lines(session, session.protocol_here())
    options = _choices(step)
    if options:
        lines.append("")
        kept = session.kept(session.current_id) if session.has_answer(session.current_id) else None
        for number, label in enumerate(options, start=1):
            mark = " (eerder gekozen)" if _was_chosen(step, kept, number - 1) else ""
            if isinstance(step, MultiStep) and step.options[number - 1].exclusive:
                mark = " (kiest u alleen)" + mark
            lines.append(f"  {number}. {label}{mark}")
    return lines


def protocol_lines(session: Session, shown: list[Shown]) -> list[str]:
    """The organisation's own entries under their own heading, apart from the source."""
    protocol = session.protocol
    if protocol is None or not shown:
        return []
    lines = ["", protocol.heading + ":"]
    if protocol.overdue():
        lines.append("  " + protocol.overdue_warning())
    for number, item in enumerate(shown, start=1):
        first, *rest = entry_lines(item.label, item.entry)
        lines.append(f"  {number}. {first}")
        lines += [f"     {line}" for line in rest]
    return lines


def _choices(step: Step) -> list[str]:
    if isinstance(step, ChoiceStep | MultiStep):
        return [option.label for option in step.options]
    if isinstance(step, CheckStep):
        return list(step.statuses)
    if isinstance(step, InfoStep):
        return ["Verder"]
    return []


def _was_chosen(step: Step, kept: Answer, index: int) -> bool:
    if isinstance(step, ChoiceStep):
        return kept == index
    if isinstance(step, MultiStep):
        return isinstance(kept, tuple) and index in kept
    if isinstance(step, CheckStep):
        return kept == step.statuses[index]
    return False


def _prompt(step: Step) -> str:
    if isinstance(step, MultiStep):
        return "Uw keuzes (nummers met komma's, bijv. 1,3)> "
    return "Uw keuze> "


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


def outcome_lines(session: Session) -> list[str]:
    step = session.current
    lines = ["", f"Uitkomst: {step.prompt}"]
    lines += text_lines(session.loaded.source, step)
    lines += ["", "Aanbevolen acties:"]
    for number, item in enumerate(session.recommended(), start=1):
        group = GROUP_LABELS[item.action.group]
        cites = cites_label(item.action.cites)
        lines.append(f"  {number}. [{group}] {item.action.text} ({cites})")
    lines += ["", "Gebaseerd op:", *citation_lines(session.loaded.source, step.cites)]
    met = session.protocol_met()
    if met:  # its own group, never among the source's actions
        lines += ["", "Eigen protocol:"]
        lines += protocol_lines(session, met)[1:]
    return lines


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
    print(f"{flow.title}", file=out)
    print(
        f"Deze wegwijzer rust op de antwoorden van {source.received_label} "
        f"({source.answered_by}) op Kamervragen over ‘Meisjes in de gevarenzone’.",
        file=out,
    )
    if session.protocol is not None:
        protocol = session.protocol
        print(
            f"Waar de bron zwijgt, toont de wegwijzer ook het eigen protocol van "
            f"{protocol.organisation}, onder een eigen kop.",
            file=out,
        )
        if protocol.overdue():
            print(protocol.overdue_warning(), file=out)
    print(HELP, file=out)
    shown = ""
    while not session.finished:
        if shown != session.current_id + str(session.position):
            print("\n".join(step_lines(session)), file=out)
            shown = session.current_id + str(session.position)
        print(_prompt(session.current), end="", file=out, flush=True)
        raw = read_line()
        if raw is None:
            print(
                "\nInvoer eindigde voordat het stappenplan klaar was; er is niets afgerond.",
                file=out,
            )
            return EXIT_ABORTED
        line = clean(raw).strip()
        if line.lower() in ("q", "stop"):
            print("Gestopt; het stappenplan is niet afgerond.", file=out)
            return EXIT_ABORTED
        if line.lower() in ("t", "terug"):
            if not session.back():
                print("U bent al bij de eerste stap.", file=out)
            else:
                changed()
            shown = ""
            continue
        if line.lower() in ("h", "?", "help"):
            print(HELP, file=out)
            continue
        if line.lower() in SOURCE_WORDS:
            print("\n".join(full_citation_lines(source, session.current.cites)), file=out)
            continue
        if line[:2].lower() == "n " or line.lower() == "n":
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
    """``question (j/n)`` until the answer is j or n; end of input is no."""
    while True:
        print(f"{question} (j/n) ", end="", file=out, flush=True)
        line = read_line()
        if line is None:
            print(file=out)
            return False
        answer = clean(line).strip().lower()
        if answer in ("j", "ja"):
            return True
        if answer in ("n", "nee"):
            return False
        print("Typ j (ja) of n (nee).", file=out)


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
            prompt = "Nieuw zaakkenmerk (Enter: laten staan, '-': weghalen)> "
        else:
            number = session.path.index(step_id) + 1
            print(f"Notitie bij stap {number} ('{step_id}') nu:", file=out)
            print(clean(session.notes.get(step_id, ""), multiline=True), file=out)
            prompt = "Nieuwe notitie op één regel (Enter: laten staan, '-': weghalen)> "
        print(prompt, end="", file=out, flush=True)
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
            print(f"  - {finding.line}", file=out)
