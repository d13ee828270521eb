"""The record file explains itself: a Dutch comment block and citations in words."""

from __future__ import annotations

import re
import tomllib

from test_record import walked
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.source import cites_label
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import build_record, record_bytes, record_data, render_record


def test_the_file_starts_with_what_it_is_the_source_and_where_it_belongs(
    test_flow: LoadedFlow,
) -> None:
    text = record_bytes(walked(test_flow)).decode()
    header = text.split("format = 1", 1)[0]
    assert header.startswith("# Overzicht van een doorlopen stappenplan uit wegwijzer.\n")
    for words in (
        "25 mei 2020",
        "minderjarige",
        "zaaksysteem van uw organisatie",
        "wegwijzer verify",
    ):
        assert words in header, words
    assert all(line.startswith("#") for line in header.splitlines() if line)
    for word in ("dossier", "TOML", "flow ", "record"):  # the words a user reads
        assert word not in header.replace("docs/records.md", ""), word


def test_an_exercise_says_so_in_the_header(test_flow: LoadedFlow) -> None:
    text = record_bytes(walked(test_flow, mode="oefening")).decode()
    assert "# Dit is een oefening, geen echte casus.\n" in text.split("format = 1", 1)[0]


def test_every_citation_list_has_its_words_above_it(test_flow: LoadedFlow) -> None:
    data = build_record(walked(test_flow))
    text = render_record(data, test_flow.source).decode()
    lines = text.splitlines()
    lists = [i for i, line in enumerate(lines) if line == "citations = ["]
    tables = data["steps"] + data["actions"]
    assert len(lists) == len(tables)
    for at, table in zip(lists, tables, strict=True):
        assert lines[at - 1] == "# " + cites_label(table["citations"])
    assert "# antwoord 2, alinea 1\n" in text


def test_comments_change_nothing_a_reader_sees(test_flow: LoadedFlow) -> None:
    data = record_bytes(walked(test_flow))
    bare = re.sub(rb"(?m)^#.*\n", b"", data)
    assert b"#" not in bare.split(b"note")[0]
    assert tomllib.loads(data.decode()) == tomllib.loads(bare.decode())
    assert parse_record(data, "a.toml") == parse_record(bare, "b.toml")


def test_a_note_that_looks_like_citations_or_comments_stays_a_note(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    note = 'regel\ncitations = [\n    "9",\n]\n# antwoord 9\n"""\n[[steps]]'
    session.set_note("signalen", note)
    data = record_bytes(session)
    record = parse_record(data, "r.toml")
    assert record.steps[1].note == note
    assert render_record(record_data(record), test_flow.source) == data
