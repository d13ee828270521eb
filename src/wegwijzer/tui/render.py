"""Text from flows, sources and the keyboard turned into Content, never parsed as markup.

Every string that comes from a file or a keyboard passes ``clean`` and then becomes a
``Content`` object built from plain text: a ``[@click=...]`` in a flow file stays text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from textual.content import Content

from wegwijzer.core.base.text import clean
from wegwijzer.core.walk.wording import step_count  # imports nothing: light enough for home

if TYPE_CHECKING:
    from wegwijzer.core.flows.flow import Step
    from wegwijzer.core.flows.source import Source
    from wegwijzer.core.walk.session import Answer, Session

# The flow and source models (pydantic) are imported by the functions that need them:
# the home screen uses this module before the first frame and before any flow is loaded.

TRAIL_SEPARATOR = " › "
TRAIL_KEEP = 6
CONTINUE = "Verder"
MODE_TRAINING = "oefening"
TRAINING_LABEL = "OEFENING"
# Before the heading of every screen of an exercise (and of a record made in one).
TRAINING_BADGE: tuple[tuple[str, str], str] = ((f" {TRAINING_LABEL} ", "bold reverse"), "  ")


def plain(text: str, style: str = "", *, multiline: bool = True) -> Content:
    """Untrusted text as Content: cleaned, literal, optionally styled as a whole."""
    return Content.styled(clean(text, multiline=multiline), style)


def explanation(source: Source, step: Step) -> Content:
    """A step's text and, where it names them, the topics its source is silent on."""
    from wegwijzer.core.flows.silence import SILENT_LEAD, silent_line

    silent = silent_line(source, step)
    parts: list[Content | str | tuple[str, str]] = [plain(step.text)] if step.text else []
    if silent:
        parts += ["\n\n"] if parts else []
        parts += [(SILENT_LEAD, "bold"), plain(silent[len(SILENT_LEAD) :])]
    return Content.assemble(*parts)


def silent_record_line(text: str) -> Content:
    """The record's ``source_silent_text``, shown as the walk showed it."""
    from wegwijzer.core.flows.silence import SILENT_LEAD

    if text.startswith(SILENT_LEAD):
        return Content.assemble((SILENT_LEAD, "bold"), plain(text[len(SILENT_LEAD) :]))
    return plain(text)


class SourceNoted(Protocol):
    """What ``source_note`` shows of a source: a ``Source`` or its entry in the cache."""

    @property
    def title(self) -> str: ...
    @property
    def received_label(self) -> str: ...
    @property
    def answered_by(self) -> str: ...


def cite_label(cite: str) -> str:
    """``"4.1"`` -> ``"antwoord 4, alinea 1"``; anything else as it is (cleaned)."""
    from wegwijzer.core.flows.source import parse_citation

    citation = parse_citation(cite)
    return citation.label if citation is not None else clean(cite)


def cites_text(cites: Iterable[str]) -> str:
    labels = [cite_label(cite) for cite in cites]
    return "; ".join(labels) if labels else "geen"


TITLE_WIDTH = 28


def short_title(step: Step) -> str:
    """A step's name in the path: its ``title``, else its prompt cut at a word."""
    title = clean(step.title or step.prompt, multiline=False).strip()
    if len(title) <= TITLE_WIDTH:
        return title
    cut = title[: TITLE_WIDTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:?")
    return f"{cut}…"


def trail(session: Session, keep: int = TRAIL_KEEP) -> str:
    """The steps before this one as short titles, the oldest left out when it grows long."""
    ids = session.path[:-1][-keep:]
    titles = [short_title(session.flow.steps[step_id]) for step_id in ids]
    if len(session.path) - 1 > keep:
        titles.insert(0, "…")
    return TRAIL_SEPARATOR.join(titles)


def progress(session: Session, width: int = 78) -> Content:
    """``Stap 3 van ongeveer 12 · Start › Direct gevaar`` with OEFENING in an exercise; as
    many earlier steps as fit in ``width`` (the line never wraps)."""
    head: list[str | tuple[str, str]] = []
    if session.mode == MODE_TRAINING:
        head += TRAINING_BADGE
    head.append((step_count(session), "bold"))
    line = Content.assemble(*head)
    for keep in (3, 2, 1):
        before = trail(session, keep=keep)
        if not before:
            break
        longer = Content.assemble(line, "  ·  ", (before, "dim"))
        if longer.cell_length <= width:
            return longer
    return line


def choice_labels(step: Step) -> list[str]:
    """What the user picks from at ``step``: option labels, statuses, or 'Verder'."""
    from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, InfoStep, MultiStep

    if isinstance(step, ChoiceStep | MultiStep):
        return [option.label for option in step.options]
    if isinstance(step, CheckStep):
        return list(step.statuses)
    if isinstance(step, InfoStep):
        return [CONTINUE]
    return []


def kept_indices(step: Step, kept: Answer) -> tuple[int, ...]:
    """The option numbers (0-based) of an answer kept from earlier, for preselection."""
    from wegwijzer.core.flows.flow import CheckStep, ChoiceStep, MultiStep

    if isinstance(step, ChoiceStep) and isinstance(kept, int):
        return (kept,)
    if isinstance(step, MultiStep) and isinstance(kept, tuple):
        return tuple(i for i in kept if isinstance(i, int))
    if isinstance(step, CheckStep) and isinstance(kept, str) and kept in step.statuses:
        return (step.statuses.index(kept),)
    return ()


def answer_from(step: Step, picked: tuple[int, ...]) -> Answer:
    """The session answer for the picked option numbers (validated by the session)."""
    from wegwijzer.core.flows.flow import CheckStep, InfoStep, MultiStep

    if isinstance(step, MultiStep):
        return picked
    if isinstance(step, InfoStep):
        return None
    if len(picked) != 1:
        return picked
    if isinstance(step, CheckStep):
        return step.statuses[picked[0]] if picked[0] < len(step.statuses) else ""
    return picked[0]


def source_note(source: SourceNoted) -> Content:
    """Where the content comes from and how old it is; shown where a flow starts."""
    title = clean(source.title)
    title = title[:1].lower() + title[1:]
    return Content.assemble(
        "De inhoud rust op de ",
        (title, "italic"),
        f" van {source.received_label}, door {clean(source.answered_by)}. ",
        "Wat daarna is veranderd, staat er niet in.",
    )


def source_line(source: SourceNoted) -> Content:
    """The short form of ``source_note`` for the first step (one line at 80 columns)."""
    date = source.received_label
    return Content(f"Bron: antwoorden van {date} op Kamervragen. Latere wijzigingen ontbreken.")
