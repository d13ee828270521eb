"""What line mode prints, written to be read aloud by a screen reader or a braille display.

The rules (docs/toegankelijkheid.md): no sign is printed as an ornament, since a reader
speaks it ("linker vierkante haak"): no brackets, arrows, bullets, box drawing or added
quotation marks; quotation marks inside a text from the source or a flow stay, they are
text. One idea per line, no leading indentation, the option number first ("1. Verder").
Never imports textual.
"""

from __future__ import annotations

from wegwijzer.core.flows.flow import GROUP_LABELS, CheckStep, ChoiceStep, InfoStep, MultiStep, Step
from wegwijzer.core.flows.protocol import Shown, entry_lines, protocol_heading
from wegwijzer.core.flows.silence import silent_line
from wegwijzer.core.flows.source import Citation, Source, cites_label, parse_citation
from wegwijzer.core.walk.session import Answer, Session
from wegwijzer.core.walk.wording import step_count

QUOTE_WIDTH = 110
REPEAT_KEY = "?"
HELP_WORDS = ("h", "help")
SOURCE_WORDS = ("b", "bron")
# The first lines at the start: how to answer, and how to hear the step again.
HELP_START = (
    "Typ het nummer van uw keuze en druk op Enter.",
    "Typ een vraagteken om de stap te herhalen, of h voor alle toetsen.",
)
MULTI_HELP = (
    "Bij een vraag met meer keuzes typt u de nummers met komma's ertussen, bijvoorbeeld 1,3."
)
READ_ON = "Typ b om de geciteerde antwoorden voluit te lezen."


def help_lines(*, training: bool = False) -> list[str]:
    """Every key of line mode, one a line; an exercise has no going back and no notes."""
    lines = [HELP_START[0], MULTI_HELP, "Typ een vraagteken om de stap te herhalen."]
    if training:
        lines.append("In een oefening telt elke keuze meteen: terug gaan kan niet.")
    else:
        lines += [
            "Typ t om een stap terug te gaan.",
            "Typ n, een spatie en uw tekst om een notitie bij deze stap te maken; "
            "alleen n haalt de notitie weg.",
        ]
    return [*lines, READ_ON, "Typ h voor deze uitleg.", "Typ q om te stoppen."]


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def spoken_name(text: str) -> str:
    """'staatssecretaris Broekers-Knol (Justitie en Veiligheid)' read as a phrase:
    'staatssecretaris Broekers-Knol, Justitie en Veiligheid'."""
    head, bracket, rest = text.partition(" (")
    if not bracket or not rest.endswith(")") or "(" in rest:
        return text
    return f"{head}, {rest[:-1]}"


def source_line(source: Source, subject: str = "Dit stappenplan") -> str:
    """Where the walk rests, with the source's date: said where a user starts."""
    return (
        f"{subject} rust op de antwoorden van {spoken_name(source.answered_by)}, "
        f"van {source.received_label}, op Kamervragen over Meisjes in de gevarenzone."
    )


def sentence(text: str) -> str:
    """``text`` ending as a sentence does, so a reader pauses before what follows."""
    text = text.rstrip()
    return text if not text or text[-1] in ".?!:;…’”'\"" else text + "."


def citation_lines(source: Source, cites: tuple[str, ...], width: int = QUOTE_WIDTH) -> list[str]:
    """One line a citation: 'Antwoord 2, alinea 1, letterlijk: …', or where the quote is
    cut, 'begint letterlijk met:' and a last line that says how to read it in full."""
    lines = []
    cut = False
    for cite in cites:
        citation = parse_citation(cite)
        if citation is None:
            continue
        label = capitalised(citation.label)
        whole = " ".join(text for _, text in source.paragraphs(citation))
        quote = source.quote(citation, width)
        if quote == whole:
            lines.append(f"{label}, letterlijk: {whole}")
        else:
            lines.append(f"{label}, begint letterlijk met: {quote.removesuffix(' …')}")
            cut = True
    return lines + ([READ_ON] if cut else [])


def full_citation_lines(source: Source, cites: tuple[str, ...]) -> list[str]:
    """The cited paragraphs in full, each after its label: for a reader who cannot see
    the panel, the start of a quote is not enough to check a step."""
    lines = ["", f"Bron: {source.title}, {source.received_label}."]
    for cite in cites:
        citation = parse_citation(cite)
        if citation is None:
            continue
        for number, text in source.paragraphs(citation):
            label = capitalised(Citation(citation.answer, number).label)
            lines += ["", f"{label}, letterlijk:", text]
    return lines


def text_lines(source: Source, step: Step) -> list[str]:
    """The step's text and, where it names them, the topics the source is silent on."""
    lines = ["", step.text] if step.text else []
    silent = silent_line(source, step)
    return lines + (["", silent] if silent else [])


def choices(step: Step) -> list[str]:
    if isinstance(step, ChoiceStep | MultiStep):
        return [option.label for option in step.options]
    if isinstance(step, CheckStep):
        return list(step.statuses)
    if isinstance(step, InfoStep):
        return ["Verder"]
    return []


def was_chosen(step: Step, kept: Answer, index: int) -> bool:
    if isinstance(step, ChoiceStep):
        return kept == index
    if isinstance(step, MultiStep):
        return isinstance(kept, tuple) and index in kept
    if isinstance(step, CheckStep):
        return kept == step.statuses[index]
    return False


def option_lines(session: Session) -> list[str]:
    """'1. Ja', the number first; what is said about an option follows as a sentence."""
    step = session.current
    kept = session.kept(session.current_id) if session.has_answer(session.current_id) else None
    lines = []
    for number, label in enumerate(choices(step), start=1):
        marks = []
        if isinstance(step, MultiStep) and step.options[number - 1].exclusive:
            marks.append("Kiest u alleen, niet samen met een andere keuze.")
        if was_chosen(step, kept, number - 1):
            marks.append("Eerder gekozen.")
        line = f"{number}. {label}"
        lines.append(" ".join([sentence(line), *marks]) if marks else line)
    return lines


def step_lines(session: Session) -> list[str]:
    """A step as it is read: where, the question, its text, the source, the options."""
    step = session.current
    lines = ["", step_count(session) + ".", step.prompt]
    lines += text_lines(session.loaded.source, step)
    lines += ["", "Gebaseerd op:", *citation_lines(session.loaded.source, step.cites)]
    lines += protocol_lines(session, session.protocol_here())
    options = option_lines(session)
    return lines + (["", *options] if options else [])


def protocol_head_lines(session: Session) -> list[str]:
    protocol = session.protocol
    if protocol is None:
        return []
    lines = [protocol_heading(protocol.organisation, protocol.adopted, spoken=True)]
    return lines + ([protocol.overdue_warning()] if protocol.overdue() else [])


def protocol_lines(session: Session, shown: list[Shown]) -> list[str]:
    """The organisation's own entries under their own heading, apart from the source."""
    if session.protocol is None or not shown:
        return []
    lines = ["", *protocol_head_lines(session)]
    for item in shown:
        lines += entry_lines(item.label, item.entry)
    return lines


def outcome_lines(session: Session) -> list[str]:
    step = session.current
    lines = ["", f"Uitkomst: {step.prompt}"]
    lines += text_lines(session.loaded.source, step)
    lines += ["", "Aanbevolen acties:"]
    for number, item in enumerate(session.recommended(), start=1):
        group = GROUP_LABELS[item.action.group]
        lines.append(f"{number}. {group}: {item.action.text}")
        lines.append(sentence(f"Gebaseerd op {cites_label(item.action.cites)}"))
    lines += ["", "Gebaseerd op:", *citation_lines(session.loaded.source, step.cites)]
    met = session.protocol_met()
    if met:  # its own group, never among the source's actions
        lines += protocol_lines(session, met)
    return lines
