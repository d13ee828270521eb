"""The source document: questions, answers in numbered paragraphs, and citations into them.

The runtime shape (frozen dataclasses, no pydantic); a source file is validated by
``core.flows.schema`` unless the cache of checked flows vouches for its bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import field
from pathlib import Path
from typing import Any, cast

from wegwijzer.core.base.clock import local_date_text
from wegwijzer.core.base.digest import sha256_digest
from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.base.text import clean_tree
from wegwijzer.core.base.tomlfile import parse_toml, read_limited
from wegwijzer.core.base.value import value
from wegwijzer.core.flows.frozen import Frozen, NotCanonical, build, dump, validated

SOURCE_MAX_BYTES = 1024 * 1024
_CITATION = re.compile(r"^([1-9][0-9]{0,2})(?:\.([1-9][0-9]{0,2}))?$")


@value(frozen=True, slots=True, kw_only=True)
class Footnote(Frozen):
    number: int
    paragraph: int
    text: str


@value(frozen=True, slots=True, kw_only=True)
class Question(Frozen):
    number: int
    question: str
    answer: tuple[str, ...]
    footnotes: tuple[Footnote, ...] = ()


@value(frozen=True)
class Citation:
    """A reference to answer ``answer``, optionally to one paragraph of it."""

    answer: int
    paragraph: int | None = None

    def __str__(self) -> str:
        return f"{self.answer}" if self.paragraph is None else f"{self.answer}.{self.paragraph}"

    @property
    def label(self) -> str:
        if self.paragraph is None:
            return f"antwoord {self.answer}"
        return f"antwoord {self.answer}, alinea {self.paragraph}"


def parse_citation(text: str) -> Citation | None:
    """``"4"`` or ``"4.2"`` to a Citation; None when it is not of that form."""
    found = _CITATION.match(text)
    if not found:
        return None
    paragraph = int(found.group(2)) if found.group(2) else None
    return Citation(int(found.group(1)), paragraph)


def cites_label(cites: tuple[str, ...] | list[str]) -> str:
    """Citations as a reader says them: 'antwoord 4, alinea 1; antwoord 7'."""
    found = [c for c in map(parse_citation, cites) if c is not None]
    return "; ".join(c.label for c in found)


@value(frozen=True, slots=True, kw_only=True)
class Source(Frozen):
    id: str
    title: str
    received: dt.date
    answered_by: str
    article: str
    raw: str
    questions: tuple[Question, ...]
    # Topics on which the source says nothing, by a stable slug, with a Dutch label that
    # completes "Hierover zegt de bron niets: …". Flows name them in ``source_silent``;
    # an organisation's own protocol is keyed by these ids. Our words, not the source's.
    silent_topics: dict[str, str] = field(default_factory=dict)

    def question(self, number: int) -> Question | None:
        for question in self.questions:
            if question.number == number:
                return question
        return None

    def citation_error(self, text: str) -> str | None:
        """Why ``text`` does not resolve against this source, in Dutch; None when it does."""
        citation = parse_citation(text)
        if citation is None:
            return f"verwijzing '{text[:20]}' heeft niet de vorm 'N' of 'N.A'"
        question = self.question(citation.answer)
        if question is None:
            return (
                f"antwoord {citation.answer} bestaat niet in de bron (1 t/m {len(self.questions)})"
            )
        if citation.paragraph is not None and citation.paragraph > len(question.answer):
            return (
                f"antwoord {citation.answer} heeft geen alinea {citation.paragraph} "
                f"(het heeft er {len(question.answer)})"
            )
        return None

    def paragraphs(self, citation: Citation) -> list[tuple[int, str]]:
        """The cited paragraphs as (number, text) pairs: one, or the whole answer."""
        question = self.question(citation.answer)
        if question is None:
            return []
        numbered = list(enumerate(question.answer, start=1))
        if citation.paragraph is None:
            return numbered
        return [numbered[citation.paragraph - 1]] if citation.paragraph <= len(numbered) else []

    def quote(self, citation: Citation, width: int = 120) -> str:
        """A short quote: the first sentence(s) of the cited text, cut at ``width``."""
        text = " ".join(p for _, p in self.paragraphs(citation))
        if len(text) <= width:
            return text
        cut = text[:width].rsplit(" ", 1)[0]
        return cut + " …"

    @property
    def received_label(self) -> str:
        """'25 mei 2020'."""
        return local_date_text(self.received)


_DIGESTS: dict[int, tuple[Source, str]] = {}  # id(source) -> (source, digest); sources are frozen


def source_digest(source: Source) -> str:
    """A content hash of the source document: its answers and text, not its file layout.

    A record stores it, so opening the record later can tell that the source changed.
    Kept per source object: every record written or checked asks again (a trainer
    summary: twice for each of thousands of results).
    """
    known = _DIGESTS.get(id(source))
    if known is not None and known[0] is source:
        return known[1]
    data = json.dumps(dump(source), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = sha256_digest(data.encode("utf-8"))
    if len(_DIGESTS) >= 64:
        _DIGESTS.clear()
    _DIGESTS[id(source)] = (source, digest)
    return digest


def parse_source(data: bytes, name: str, *, vouched: bool = False) -> Source:
    """A source file's bytes, checked; ``vouched`` when the cache of checked flows holds
    a clean check of exactly these bytes (then built without pydantic when it can be)."""
    raw = parse_toml(data, name, SOURCE_MAX_BYTES)
    try:
        parsed = cast("dict[str, Any]", clean_tree(raw))
        if vouched:
            try:
                return build(Source, parsed)
            except NotCanonical:
                pass  # not as TOML gives it: pydantic decides
        return _validated(parsed, name)
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None


def _validated(data: dict[str, Any], name: str) -> Source:
    from pydantic import ValidationError

    try:
        return validated(Source, data)
    except ValidationError as error:
        problems = [
            Problem(name, "", ".".join(str(p) for p in e["loc"]), "ongeldige bron")
            for e in error.errors()
        ]
        raise ProblemsError(problems) from None


def load_source(path: Path) -> Source:
    return parse_source(read_limited(path, SOURCE_MAX_BYTES), str(path))
