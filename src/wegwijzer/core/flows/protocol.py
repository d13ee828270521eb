"""The organisation's own protocol: what it does where the source is silent.

A protocol file is untrusted input, read like a flow: size cap and TOML limits
(``core.base.tomlfile``), the one sanitiser, a strict model, Dutch problems that
name the field and never the text. It is never source: an entry has no citations,
and nothing here touches a step's text. Entries are keyed by the topics the flows'
steps are silent on (``source_silent``); a topic no flow knows is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from wegwijzer.core.base.clock import local_date_text
from wegwijzer.core.base.digest import sha256_digest
from wegwijzer.core.base.problems import MAX_PROBLEMS, Problem, ProblemsError
from wegwijzer.core.base.text import clean, clean_tree
from wegwijzer.core.base.tomlfile import parse_toml, read_limited
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.flow import Step
from wegwijzer.core.flows.protocol_location import protocol_path
from wegwijzer.core.flows.silence import silent_topics
from wegwijzer.core.flows.source import Source

PROTOCOL_MAX_BYTES = 256 * 1024
MAX_ENTRIES = 100
MAX_CONTACTS = 12
TEXT_LIMIT = 2000
# Fields an author might try in order to make an entry look like source: refused by name.
SOURCE_FIELDS = ("cites", "citations", "citaten", "bron", "source", "quote", "prompt")


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("one line")
    return value


TopicId = Annotated[str, Field(max_length=64, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Line = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_one_line)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Contact(_Model):
    """A contact line, shown as plain text: never a link, never dialled or opened."""

    label: Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_one_line)]
    value: Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_one_line)]


class Entry(_Model):
    """What the organisation does on one topic. Empty text and no contacts: not filled in."""

    text: Annotated[str, Field(max_length=TEXT_LIMIT)] = ""
    contacts: Annotated[list[Contact], Field(max_length=MAX_CONTACTS)] = []

    @property
    def filled(self) -> bool:
        return bool(self.text.strip())


class ProtocolFile(_Model):
    """The file as written by the organisation's protocol keeper."""

    schema_: Literal[1] = Field(alias="schema")
    organisation: Line = Field(description="De naam van de organisatie (of het team).")
    adopted: dt.date = Field(description="Datum waarop het protocol is vastgesteld.")
    review_by: dt.date = Field(description="Datum waarop het protocol opnieuw bekeken wordt.")
    maintainer: Line = Field(description="Wie het protocol bijhoudt: een rol, geen naam.")
    entries: Annotated[dict[TopicId, Entry], Field(max_length=MAX_ENTRIES)] = Field(
        default={}, description="Per onderwerp waarover de bron zwijgt (id uit de bron)."
    )

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


_MESSAGES = {
    "missing": "verplicht veld ontbreekt",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "tekst is te lang",
    "too_long": "heeft te veel elementen",
    "dict_type": "moet een tabel zijn",
    "model_type": "moet een tabel zijn",
    "list_type": "moet een lijst zijn",
    "date_type": "moet een datum zijn, zonder aanhalingstekens (bijv. 2026-03-01)",
    "literal_error": "ongeldige waarde; toegestaan: 1",
    "value_error": "moet op één regel staan",
    "string_pattern_mismatch": "onderwerp moet een id zijn (a-z, 0-9, '-')",
}


def _field(parts: tuple[Any, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text[:120]


def _translate(error: Mapping[str, Any], name: str) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    message = _MESSAGES.get(kind, "ongeldige waarde")
    if kind == "extra_forbidden" and loc:
        key = str(loc[-1])[:40]
        loc = loc[:-1]
        if key.casefold() in SOURCE_FIELDS:
            message = (
                f"veld '{key}' kan niet in een eigen protocol: het protocol is geen bron "
                "en verwijst niet naar antwoorden; citaten horen alleen bij de stappen"
            )
        else:
            message = f"onbekend veld '{key}' (een tikfout?)"
    return Problem(name, "", _field(loc), message)


@dataclass(frozen=True)
class Protocol:
    """A protocol that passed every check, with where it came from and its content hash."""

    file: ProtocolFile
    path: Path
    digest: str
    labels: Mapping[str, str]  # topic id -> Dutch label, of every topic the flows know

    @property
    def organisation(self) -> str:
        return self.file.organisation

    @property
    def adopted(self) -> dt.date:
        return self.file.adopted

    def entry(self, topic: str) -> Entry | None:
        """The filled-in entry for ``topic``; None when there is none or it is empty."""
        found = self.file.entries.get(topic)
        return found if found is not None and found.filled else None

    def filled_topics(self) -> list[str]:
        return [topic for topic in self.file.entries if self.entry(topic) is not None]

    def overdue(self, today: dt.date | None = None) -> bool:
        return (today or dt.date.today()) > self.file.review_by

    @property
    def heading(self) -> str:
        return protocol_heading(self.organisation, self.adopted)

    def overdue_warning(self) -> str:
        return overdue_text(self.file.review_by, self.file.maintainer)


def protocol_heading(organisation: str, adopted: dt.date, *, spoken: bool = False) -> str:
    """The heading every front shows above protocol text: never mistaken for the source.

    ``spoken``: the same in sentences, for line mode (a reader speaks brackets and dashes).
    """
    if spoken:
        return (
            f"Eigen protocol van {clean(organisation)}, vastgesteld "
            f"{local_date_text(adopted)}. Dit komt niet uit de bron."
        )
    return (
        f"Eigen protocol van {clean(organisation)} "
        f"(vastgesteld {local_date_text(adopted)}) — niet uit de bron"
    )


def overdue_text(review_by: dt.date, maintainer: str) -> str:
    return (
        f"Let op: dit protocol had uiterlijk {local_date_text(review_by)} opnieuw bekeken "
        f"moeten worden. Vraag de {clean(maintainer)} of het nog klopt."
    )


def digest_of(data: bytes) -> str:
    return sha256_digest(data)


def _check(model: ProtocolFile, name: str, topics: Mapping[str, str]) -> list[Problem]:
    problems = []
    if model.review_by < model.adopted:
        problems.append(
            Problem(name, "", "review_by", "de herzieningsdatum ligt vóór de vaststellingsdatum")
        )
    for topic, entry in model.entries.items():
        shown = clean(topic, limit=64)
        if topic not in topics:
            known = ", ".join(sorted(topics)) or "geen"
            problems.append(
                Problem(
                    name,
                    "",
                    f"entries.{shown}",
                    f"onbekend onderwerp; de stappenplannen zwijgen alleen over: {known}",
                )
            )
        if entry.contacts and not entry.filled:
            problems.append(
                Problem(
                    name,
                    "",
                    f"entries.{shown}.text",
                    "contactregels zonder tekst; schrijf erbij wat een medewerker doet",
                )
            )
    return problems[:MAX_PROBLEMS]


def parse_protocol(data: bytes, name: str, path: Path, topics: Mapping[str, str]) -> Protocol:
    """Check protocol bytes against the topics the flows know; Dutch ``ProblemsError``."""
    raw = parse_toml(data, name, PROTOCOL_MAX_BYTES)
    try:
        model = ProtocolFile.model_validate(clean_tree(raw))
    except ValidationError as error:
        found = [_translate(e, name) for e in error.errors(include_input=False)]
        raise ProblemsError(found) from None
    except RecursionError:
        raise ProblemsError([Problem(name, "", "", "te diep genest")]) from None
    problems = _check(model, name, topics)
    if problems:
        raise ProblemsError(problems)
    return Protocol(model, path, digest_of(data), dict(topics))


def read_bytes(path: Path) -> bytes:
    """The file's bytes through the one reader: regular files only, at most one past the cap."""
    return read_limited(path, PROTOCOL_MAX_BYTES)


def load_protocol(path: Path, topics: Mapping[str, str]) -> Protocol:
    return parse_protocol(read_bytes(path), str(path), path, topics)


def file_digest(path: Path) -> str | None:
    """The content hash of the file at ``path`` as it is now; None when it cannot be read."""
    try:
        return digest_of(read_bytes(path))
    except ProblemsError:
        return None


def known_topics(sources: Iterable[Source]) -> dict[str, str]:
    """Every topic the sources list as silent, id -> Dutch label (the ids a protocol may use)."""
    topics: dict[str, str] = {}
    for source in sources:
        for topic, label in source.silent_topics.items():
            topics.setdefault(topic, label)
    return topics


def used_topics(flows: Iterable[LoadedFlow]) -> dict[str, str]:
    """The topics the flows' steps are silent on, id -> label, in the sources' order."""
    topics: dict[str, str] = {}
    order: list[str] = []
    for loaded in flows:
        order += [topic for topic in loaded.source.silent_topics if topic not in order]
        for topic in silent_topics(loaded.flow, loaded.source):
            topics.setdefault(topic.id, topic.label)
    rank = {topic: index for index, topic in enumerate(order)}
    return dict(sorted(topics.items(), key=lambda item: rank.get(item[0], len(rank))))


@dataclass(frozen=True)
class Shown:
    """A protocol entry as shown at a step: the topic, its label, the entry, and where."""

    topic: str
    label: str
    entry: Entry
    step_id: str


def entries_at(protocol: Protocol | None, step: Step, step_id: str) -> list[Shown]:
    """The filled-in entries for the topics ``step`` is silent on, in the step's order."""
    if protocol is None:
        return []
    shown = []
    for topic in step.source_silent:
        entry = protocol.entry(topic)
        if entry is not None:
            shown.append(Shown(topic, protocol.labels.get(topic, topic), entry, step_id))
    return shown


def entry_lines(label: str, entry: Entry) -> list[str]:
    """One entry as lines of plain text: the topic, the text, the contact lines."""
    lines = [f"Over {clean(label)}:"]
    lines += clean(entry.text.strip(), multiline=True).splitlines()
    lines += [f"{clean(c.label)}: {clean(c.value)}" for c in entry.contacts]
    return lines


def protocol_at_hand(sources: Iterable[Source]) -> Protocol | None:
    """The protocol ``protocol_path`` names, loaded; None when there is none.

    Raises ``ProblemsError`` (Dutch) when it is there but cannot be used.
    """
    path = protocol_path()
    if path is None:
        return None
    return load_protocol(path, known_topics(sources))
