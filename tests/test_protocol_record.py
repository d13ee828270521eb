"""The protocol on the walk and in the record: shown where a step is silent, kept apart.

The central property: a protocol never changes what the source says. Whatever route
is walked, the record with a protocol equals the record without one except for its
own two fields, and protocol text appears nowhere else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.commands.verify import verify_file
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow, load_flow
from wegwijzer.core.flows.protocol import Protocol, known_topics, load_protocol
from wegwijzer.core.flows.source import Source
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import build_record, record_data, render_record
from wegwijzer.core.walk.session import Session

from helpers import DATA
from walks import filled_protocol, pick

PROTOCOL = DATA / "protocol" / "valid.toml"
PROTOCOL_KEYS = ("protocol", "protocol_entries")


@pytest.fixture(scope="module")
def silent_flow(source: Source) -> LoadedFlow:
    return load_flow(DATA / "silent.toml", {source.id: source})


@pytest.fixture(scope="module")
def protocol(source: Source) -> Protocol:
    return load_protocol(PROTOCOL, known_topics([source]))


def full_protocol(source: Source) -> Protocol:
    """Every topic filled in with a marker that no flow text can hold."""
    return filled_protocol(
        source, lambda topic: f"PROTOCOLTEKST {topic}", lambda topic: f"<nummer {topic}>"
    )


def walk(loaded: LoadedFlow, protocol: Protocol | None, draw: st.DrawFn) -> Session:
    session = Session(loaded, protocol=protocol)
    for _ in range(200):
        if session.finished:
            break
        try:
            session.answer(pick(session.current, draw))
        except ValueError:  # an exclusive option with another: not a route
            continue
    return session


def without_protocol(data: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in data.items() if key not in PROTOCOL_KEYS}


SHIPPED = load_catalog()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_protocol_never_changes_what_the_source_says(data: st.DataObject) -> None:
    for loaded in SHIPPED.flows:
        protocol = full_protocol(loaded.source)
        session = walk(loaded, protocol, data.draw)
        with_it = build_record(session)
        session.protocol = None
        plain = build_record(session)
        assert without_protocol(with_it) == plain
        rendered = render_record(plain).decode()
        assert "PROTOCOLTEKST" not in rendered and "<nummer" not in rendered
        # Every entry shown belongs to a step on the path that is silent on its topic.
        for entry in with_it.get("protocol_entries", []):
            assert entry["step"] in session.path
            assert entry["topic"] in loaded.flow.steps[entry["step"]].source_silent
            assert entry["text"] == f"PROTOCOLTEKST {entry['topic']}"
            assert "citations" not in entry and "cites" not in entry
        silent_on_path = {
            topic for step_id in session.path for topic in loaded.flow.steps[step_id].source_silent
        }
        assert {e["topic"] for e in with_it.get("protocol_entries", [])} == silent_on_path


def test_entries_show_at_silent_steps_only(silent_flow: LoadedFlow, protocol: Protocol) -> None:
    session = Session(silent_flow, protocol=protocol)
    assert session.protocol_here() == []  # "begin" is not silent on anything
    session.answer(None)
    session.answer((0,))
    assert session.current_id == "politie"
    here = session.protocol_here()
    assert [shown.topic for shown in here] == ["politie-inlichten"]
    session.answer(1)  # "Nee": the outcome is silent on two topics, one filled twice
    assert [shown.topic for shown in session.protocol_here()] == [
        "direct-gevaar",
        "politie-inlichten",
    ]
    met = session.protocol_met()
    assert [(shown.topic, shown.step_id) for shown in met] == [
        ("politie-inlichten", "politie"),
        ("direct-gevaar", "einde-politie"),
    ]


def test_no_protocol_means_the_record_is_as_before(silent_flow: LoadedFlow) -> None:
    session = Session(silent_flow)
    for answer in (None, (0,), 1):
        session.answer(answer)
    data = build_record(session)
    assert not set(PROTOCOL_KEYS) & set(data)
    assert b"protocol" not in render_record(data)


def finished(loaded: LoadedFlow, protocol: Protocol | None) -> Session:
    session = Session(loaded, protocol=protocol)
    for answer in (None, (0,), 1):
        session.answer(answer)
    return session


def test_the_record_names_the_protocol_and_round_trips(
    silent_flow: LoadedFlow, protocol: Protocol
) -> None:
    data = build_record(finished(silent_flow, protocol))
    assert data["protocol"] == {
        "organisation": "Gemeente Voorbeeldstad, team Jeugd",
        "adopted": protocol.adopted,
        "hash": protocol.digest,
    }
    assert [entry["topic"] for entry in data["protocol_entries"]] == [
        "politie-inlichten",
        "direct-gevaar",
    ]
    raw = render_record(data)
    assert b"[[protocol_entries.contacts]]" in raw
    record = parse_record(raw, "r.toml")
    assert record.protocol is not None and record.protocol.hash == protocol.digest
    assert render_record(record_data(record)) == raw


def test_protocol_text_without_a_protocol_table_is_refused(
    silent_flow: LoadedFlow, protocol: Protocol
) -> None:
    raw = render_record(build_record(finished(silent_flow, protocol)))
    start = raw.index(b"\n[protocol]\n")
    end = raw.index(b"\n[[steps]]\n")
    with pytest.raises(Exception) as caught:
        parse_record(raw[:start] + raw[end:], "r.toml")
    assert "protocoltekst zonder" in str(caught.value)


@pytest.fixture
def exported(silent_flow: LoadedFlow, protocol: Protocol, tmp_path: Path) -> tuple[Path, Path]:
    """A record made with the example protocol, and a copy of that protocol file."""
    copy = tmp_path / "protocol.toml"
    copy.write_bytes(PROTOCOL.read_bytes())
    record = tmp_path / "r.toml"
    record.write_bytes(render_record(build_record(finished(silent_flow, protocol))))
    return record, copy


def test_verify_accepts_the_same_protocol(
    exported: tuple[Path, Path], silent_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, copy = exported
    monkeypatch.setenv("WEGWIJZER_PROTOCOL", str(copy))
    assert verify_file(record, silent_flow) == []


def test_verify_notices_a_changed_protocol_file(
    exported: tuple[Path, Path], silent_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, copy = exported
    monkeypatch.setenv("WEGWIJZER_PROTOCOL", str(copy))
    copy.write_bytes(copy.read_bytes().replace(b"eerst", b"altijd"))
    reasons = verify_file(record, silent_flow)
    assert len(reasons) == 1 and "de inhoud-hash verschilt" in reasons[0]
    assert "Gemeente Voorbeeldstad, team Jeugd" in reasons[0]


def test_verify_notices_a_missing_protocol(
    exported: tuple[Path, Path], silent_flow: LoadedFlow
) -> None:
    record, _ = exported
    reasons = verify_file(record, silent_flow)
    assert len(reasons) == 1 and "hier is geen protocol gegeven" in reasons[0]


def test_verify_notices_edited_protocol_text_in_the_record(
    exported: tuple[Path, Path], silent_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, copy = exported
    monkeypatch.setenv("WEGWIJZER_PROTOCOL", str(copy))
    record.write_bytes(record.read_bytes().replace(b"legt het contact", b"belt zelf"))
    reasons = verify_file(record, silent_flow)
    assert reasons == [
        "de protocoltekst in het overzicht wijkt af van wat het protocol op dit pad toont"
    ]


def test_verify_reports_a_broken_protocol_in_dutch(
    exported: tuple[Path, Path], silent_flow: LoadedFlow, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, copy = exported
    monkeypatch.setenv("WEGWIJZER_PROTOCOL", str(copy))
    copy.write_text("schema = 1\n[entries.x\n", encoding="utf-8")
    reasons = verify_file(record, silent_flow)
    assert reasons[0] == "het eigen protocol hier kan niet worden gelezen:"
    assert "de opmaak van het bestand klopt niet" in reasons[1]


def test_a_draft_resumed_with_another_protocol_says_so(
    silent_flow: LoadedFlow, protocol: Protocol, source: Source
) -> None:
    from wegwijzer.core.records.protocol_record import ProtocolRecord, resume_note

    recorded = ProtocolRecord(
        organisation=protocol.organisation, adopted=protocol.adopted, hash=protocol.digest
    )
    assert resume_note(recorded, protocol) == ""
    assert resume_note(None, protocol) == ""
    assert resume_note(None, None) == ""
    gone = resume_note(recorded, None)
    assert "begonnen met het eigen protocol van Gemeente Voorbeeldstad" in gone
    assert "nu is er geen protocol ingesteld" in gone
    other = resume_note(recorded, full_protocol(source))
    assert "u ziet nu het eigen protocol van Gemeente Voorbeeldstad (vastgesteld" in other


def test_the_overview_shows_the_protocol_apart_and_inert(
    silent_flow: LoadedFlow, protocol: Protocol, source: Source
) -> None:
    from wegwijzer.core.records.overview import overview_markdown

    record = parse_record(render_record(build_record(finished(silent_flow, protocol))), "r.toml")
    text = overview_markdown(record, source)
    heading = (
        "## Eigen protocol van Gemeente Voorbeeldstad, team Jeugd (vastgesteld 1 maart 2026)"
        " — niet uit de bron"
    )
    assert heading in text
    assert f"inhoud-hash {protocol.digest}" in text
    assert "- Eigen protocol: Gemeente Voorbeeldstad, team Jeugd, vastgesteld 1 maart 2026" in text
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    assert "Bespreek uw zorgen eerst met de aandachtsfunctionaris" in section
    # where it was shown, as "Doorlopen stappen" numbers that step, not by its id
    for entry in record.protocol_entries:
        number, step = next((n, s) for n, s in enumerate(record.steps, 1) if s.id == entry.step)
        assert f"Getoond bij stap {number}." in section
        assert f"### Stap {number}. " in text and step.prompt in text
        assert f"'{entry.step}'" not in text
    assert "- Bereikbaarheidsdienst: \\<telefoonnummer\\>" in section  # inert: no HTML tag
    # Apart from the source's actions, which come before it under their own heading.
    actions = text.split("### Aanbevolen acties", 1)[1].split(heading, 1)[0]
    assert "aandachtsfunctionaris" not in actions
    without = overview_markdown(
        parse_record(render_record(build_record(finished(silent_flow, None))), "r.toml"), source
    )
    assert "Eigen protocol" not in without
