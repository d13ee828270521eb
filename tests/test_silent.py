"""Where the source says nothing: one line, the same in line mode and the record;
records keep it, old records without it still read, verify catches a changed one."""

from __future__ import annotations

import io
import tomllib

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.silence import SILENT_LEAD, silent_line
from wegwijzer.core.flows.source import Source
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import build_record, record_bytes, record_data, render_record
from wegwijzer.core.records.resume import open_loaded, record_reasons
from wegwijzer.core.walk.session import Session
from wegwijzer.plain import full_citation_lines, run_plain

POLICE_LINE = "Hierover zegt de bron niets: hoe en bij wie u uw zorgen met de politie deelt."


def walked(test_flow: LoadedFlow) -> Session:
    """The small test flow to its first outcome: info, multi, choice 'Nee'."""
    session = Session(test_flow)
    session.answer(None)
    session.answer((0,))
    session.answer(1)
    assert session.finished
    return session


def test_the_line_names_the_topics_by_their_labels(test_flow: LoadedFlow) -> None:
    step = test_flow.flow.steps["politie"]
    assert silent_line(test_flow.source, step) == POLICE_LINE
    assert silent_line(test_flow.source, test_flow.flow.steps["begin"]) == ""


def test_line_mode_shows_the_line_under_the_step(test_flow: LoadedFlow) -> None:
    out = io.StringIO()
    lines = iter(["1", "1", "q"])
    run_plain(Session(test_flow), lambda: next(lines, None), out)
    text = out.getvalue()
    assert POLICE_LINE in text
    assert text.count(SILENT_LEAD) == 1  # only the step that names a topic


def test_line_mode_prints_the_cited_paragraphs_in_full(test_flow: LoadedFlow) -> None:
    out = io.StringIO()
    lines = iter(["1", "b", "q"])
    run_plain(Session(test_flow), lambda: next(lines, None), out)
    text = out.getvalue()
    paragraph = test_flow.source.question(2).answer[0]  # type: ignore[union-attr]
    assert "\nAntwoord 2, alinea 1, letterlijk:\n" + paragraph + "\n" in text
    assert "Typ b om de geciteerde antwoorden voluit te lezen." in text


def test_a_whole_answer_prints_every_paragraph_under_its_own_label(source: Source) -> None:
    lines = full_citation_lines(source, ("4",))
    assert "Antwoord 4, alinea 1, letterlijk:" in lines
    assert "Antwoord 4, alinea 2, letterlijk:" in lines
    assert source.question(4).answer[1] in lines  # type: ignore[union-attr]


def test_the_record_keeps_ids_and_line_and_reads_back(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    data = tomllib.loads(record_bytes(session).decode())
    police = next(s for s in data["steps"] if s["id"] == "politie")
    assert police["source_silent"] == ["politie-inlichten"]
    assert police["source_silent_text"] == POLICE_LINE
    assert all("source_silent" not in s for s in data["steps"] if s["id"] != "politie")
    record = parse_record(record_bytes(session), "r.toml")
    assert render_record(record_data(record), test_flow.source) == record_bytes(session)
    assert open_loaded(record, test_flow).session is not None


def test_an_old_record_without_the_fields_still_reads(test_flow: LoadedFlow) -> None:
    session = walked(test_flow)
    data = build_record(session)
    for step in data["steps"]:
        step.pop("source_silent", None)
        step.pop("source_silent_text", None)
    record = parse_record(render_record(data), "oud.toml")
    assert record.steps[2].source_silent == []
    # ...but it no longer says what the flow says: resuming shows why.
    reasons = record_reasons(record, test_flow)
    assert reasons == [
        "stap 3 ('politie'): wat het overzicht zegt over waar de bron zwijgt, "
        "wijkt af van het stappenplan"
    ]


def test_verify_catches_a_changed_line(test_flow: LoadedFlow) -> None:
    data = build_record(walked(test_flow))
    data["steps"][2]["source_silent_text"] = SILENT_LEAD + "niets om u zorgen over te maken."
    record = parse_record(render_record(data), "bewerkt.toml")
    assert open_loaded(record, test_flow).review_only
