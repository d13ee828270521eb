"""The organisation's own protocol file: the template, the checks, hostile files, the schema."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.commands.schema import protocol_schema
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.protocol import (
    PROTOCOL_MAX_BYTES,
    Protocol,
    known_topics,
    load_protocol,
    parse_protocol,
    protocol_heading,
    used_topics,
)
from wegwijzer.core.flows.protocol_template import a_year_later, template_text
from wegwijzer.core.flows.source import Source

from helpers import DATA, ROOT

VALID = DATA / "protocol" / "valid.toml"
HEAD = """schema = 1
organisation = "Gemeente Voorbeeldstad"
adopted = 2026-03-01
review_by = 2027-03-01
maintainer = "aandachtsfunctionaris"
"""
# Words that only an untranslated (English) message would hold.
ENGLISH = re.compile(r"\b(the|field|required|invalid|must|input|should|error|value is)\b", re.I)


@pytest.fixture(scope="module")
def topics(source: Source) -> dict[str, str]:
    return known_topics([source])


def parse(text: str, topics: dict[str, str]) -> Protocol:
    return parse_protocol(text.encode(), "p.toml", Path("p.toml"), topics)


def problems_of(text: str | bytes, topics: dict[str, str]) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ProblemsError) as caught:
        parse_protocol(data, "p.toml", Path("p.toml"), topics)
    messages = [str(problem) for problem in caught.value.problems]
    for message in messages:
        assert not ENGLISH.search(message), message
    return messages


def test_the_valid_example_loads(topics: dict[str, str]) -> None:
    protocol = load_protocol(VALID, topics)
    assert protocol.organisation == "Gemeente Voorbeeldstad, team Jeugd"
    assert protocol.filled_topics() == ["direct-gevaar", "politie-inlichten"]
    assert protocol.entry("contact-en-procedures") is None  # empty: not shown
    assert protocol.digest.startswith("sha256:")
    assert protocol.heading == (
        "Eigen protocol van Gemeente Voorbeeldstad, team Jeugd (vastgesteld 1 maart 2026)"
        " — niet uit de bron"
    )


def test_the_template_names_every_topic_the_shipped_flows_are_silent_on(
    topics: dict[str, str],
) -> None:
    catalog = load_catalog()
    used = used_topics(catalog.flows)
    assert used, "the shipped flows name silent topics"
    every_step = {
        topic
        for loaded in catalog.flows
        for step in loaded.flow.steps.values()
        for topic in step.source_silent
    }
    assert set(used) == every_step
    text = template_text(used, today=dt.date(2026, 12, 1), organisation="Gemeente Voorbeeldstad")
    for topic, label in used.items():
        assert f"[entries.{topic}]" in text
        assert label in text
    filled_head = text.replace('maintainer = ""', 'maintainer = "aandachtsfunctionaris"')
    protocol = parse(filled_head, topics)
    assert protocol.filled_topics() == []  # every entry empty until someone fills it in
    assert protocol.file.review_by == dt.date(2027, 12, 1)
    # Every explaining line is a comment: the template holds no text of its own as data.
    assert all(entry.text == "" for entry in protocol.file.entries.values())


@given(st.text(max_size=200))
@settings(max_examples=100, deadline=None)
def test_any_organisation_name_keeps_the_template_valid_toml(name: str) -> None:
    import tomllib

    text = template_text({"direct-gevaar": "x"}, today=dt.date(2024, 2, 29), organisation=name)
    data = tomllib.loads(text)
    assert "\n" not in data["organisation"] and "\x1b" not in data["organisation"]
    assert data["review_by"] == dt.date(2025, 2, 28)


def test_a_year_later_handles_a_leap_day() -> None:
    assert a_year_later(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert a_year_later(dt.date(2026, 3, 1)) == dt.date(2027, 3, 1)


def test_an_entry_cannot_carry_citations(topics: dict[str, str]) -> None:
    for field in ("cites", "citations", "bron", "source"):
        text = HEAD + f'[entries.direct-gevaar]\ntext = "Bel."\n{field} = ["4.1"]\n'
        messages = problems_of(text, topics)
        assert any(
            "geen bron" in m and "citaten horen alleen bij de stappen" in m for m in messages
        )


def test_a_protocol_cannot_hold_steps_or_actions(topics: dict[str, str]) -> None:
    messages = problems_of(HEAD + '[steps.direct-gevaar]\nprompt = "Anders"\n', topics)
    assert any("onbekend veld 'steps'" in m for m in messages)
    messages = problems_of(HEAD + '[entries.direct-gevaar]\ntext = "x"\nactions = []\n', topics)
    assert any("onbekend veld 'actions'" in m for m in messages)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (HEAD + '[entries.wie-belt-wie]\ntext = "x"\n', "onbekend onderwerp"),
        (HEAD + '[entries."Direct Gevaar"]\ntext = "x"\n', "moet een id zijn"),
        (HEAD.replace("2027-03-01", "2025-03-01"), "ligt vóór de vaststellingsdatum"),
        (HEAD.replace("2026-03-01", '"1 maart"'), "moet een datum zijn"),
        (HEAD.replace('"Gemeente Voorbeeldstad"', '""'), "mag niet leeg zijn"),
        (HEAD.replace('"Gemeente Voorbeeldstad"', '"Gemeente\\nVoorbeeldstad"'), "één regel"),
        (HEAD.replace("schema = 1", "schema = 2"), "ongeldige waarde"),
        (HEAD.replace('maintainer = "aandachtsfunctionaris"\n', ""), "verplicht veld ontbreekt"),
        (
            HEAD + '[entries.direct-gevaar]\ncontacts = [{ label = "Tel", value = "<nummer>" }]\n',
            "contactregels zonder tekst",
        ),
        (
            HEAD + '[entries.direct-gevaar]\ntext = "x"\ncontacts = [{ label = "Tel" }]\n',
            "verplicht veld ontbreekt",
        ),
        (
            HEAD + '[entries.direct-gevaar]\ntext = "x"\n'
            'contacts = [{ label = "a\\nb", value = "c" }]\n',
            "één regel",
        ),
        (HEAD + '[entries.direct-gevaar]\ntext = "' + "x" * 2001 + '"\n', "te lang"),
        (HEAD + "[entries.direct-gevaar]\ntext = 3\n", "moet tekst zijn"),
        (HEAD + "[entries.direct-gevaar\n", "de opmaak van het bestand klopt niet"),
        (b"\xff\xfe" + HEAD.encode(), "geen geldige UTF-8"),
        (b"", "bestand is leeg"),
        (b"x" * (PROTOCOL_MAX_BYTES + 1), "te groot"),
        (HEAD + "a = " + "[" * 5000 + "]" * 5000 + "\n", "te diep genest"),
        (HEAD + "x" + ".x" * 100 + " = 1\n", "te diep genest"),
    ],
)
def test_hostile_files_get_dutch_problems(
    text: str | bytes, expected: str, topics: dict[str, str]
) -> None:
    messages = problems_of(text, topics)
    assert any(expected in message for message in messages), messages


def test_problems_name_the_field_never_the_text(topics: dict[str, str]) -> None:
    secret = "Jansen 06-12345678"
    for text in (
        HEAD + f'[entries.direct-gevaar]\ntext = ["{secret}"]\n',
        HEAD + f'[entries.direct-gevaar]\ntext = "x"\ncontacts = [{{ label = "{secret}" }}]\n',
        HEAD.replace('"Gemeente Voorbeeldstad"', f'"{secret}\\n"'),
    ):
        messages = problems_of(text, topics)
        assert messages and all(secret not in m for m in messages)


def test_control_sequences_are_made_visible(topics: dict[str, str]) -> None:
    text = HEAD + '[entries.direct-gevaar]\ntext = "Bel \\u001b[31m nu \\u202e"\n'
    entry = parse(text, topics).entry("direct-gevaar")
    assert entry is not None
    assert "\x1b" not in entry.text and "\u202e" not in entry.text
    assert "␛[31m" in entry.text


def test_the_heading_never_passes_a_control_sequence_on() -> None:
    heading = protocol_heading("Gemeente\x1b]8;;x\x07", dt.date(2026, 3, 1))
    assert "\x1b" not in heading and "\x07" not in heading


def test_a_folder_a_fifo_and_a_missing_file_are_refused(
    tmp_path: Path, topics: dict[str, str]
) -> None:
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    for path, expected in [
        (tmp_path, "een map"),
        (fifo, "geen gewoon bestand"),  # never opened: reading a FIFO would hang
        (tmp_path / "weg.toml", "bestaat niet"),
    ]:
        with pytest.raises(ProblemsError) as caught:
            load_protocol(path, topics)
        assert expected in str(caught.value.problems[0])


def test_overdue_is_after_the_review_date(topics: dict[str, str]) -> None:
    protocol = parse(HEAD, topics)
    assert not protocol.overdue(dt.date(2027, 3, 1))
    assert protocol.overdue(dt.date(2027, 3, 2))
    warning = protocol.overdue_warning()
    assert "1 maart 2027" in warning and "aandachtsfunctionaris" in warning


@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@settings(max_examples=200, deadline=None)
def test_any_bytes_are_a_protocol_or_dutch_problems(raw: bytes) -> None:
    topics = {"direct-gevaar": "x"}
    try:
        parse_protocol(raw, "p.toml", Path("p.toml"), topics)
    except ProblemsError as error:
        assert error.problems
        assert all(problem.message for problem in error.problems)


def test_committed_protocol_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "protocol.schema.json").read_text(encoding="utf-8")
    assert committed == protocol_schema(), (
        "run: wegwijzer schema --protocol > docs/protocol.schema.json"
    )
    schema = json.loads(committed)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"schema", "organisation", "adopted", "maintainer"}
    for model in schema["$defs"].values():
        assert model["additionalProperties"] is False
        assert not {"cites", "citations"} & set(model["properties"])


def test_the_documented_example_is_valid_and_fictional(topics: dict[str, str]) -> None:
    docs = (ROOT / "docs" / "protocol.md").read_text("utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    protocol = parse(example, topics)
    assert "Voorbeeld" in protocol.organisation
    assert protocol.filled_topics() == ["direct-gevaar", "politie-inlichten"]
    # Placeholders only: no phone number, web or e-mail address, or postcode anywhere.
    for text in (docs, (DATA / "protocol" / "valid.toml").read_text("utf-8")):
        assert not re.search(r"\d{2,}[- ]?\d{6,}|https?://|\w@\w|\b\d{4} ?[A-Z]{2}\b", text)


def test_the_template_lists_topics_in_the_sources_order() -> None:
    catalog = load_catalog()
    used = list(used_topics(catalog.flows))
    order = list(known_topics(catalog.sources.values()))
    assert used == [topic for topic in order if topic in used]
