"""The printable overview (Markdown): a golden file, hostile text made inert, the real command."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from test_record import walked
from wegwijzer.core.base import markdown as md
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.flows.source import Source
from wegwijzer.core.records.drafts import ENV_DATA
from wegwijzer.core.records.overview import overview_markdown
from wegwijzer.core.records.reader import parse_record
from wegwijzer.core.records.record import (
    Record,
    build_record,
    record_bytes,
    record_data,
    render_record,
)

from helpers import DATA, run_cli

GOLDEN = DATA / "overview" / "testflow.md"
HOSTILE = [
    "[klik hier](https://kwaad.example/x) en ![beeld](http://kwaad.example/i.png)",
    "<script>alert(1)</script> <img src=x onerror=alert(1)> <a href='x'>a</a>",
    "# Een kop",
    "---",
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "1. een lijst",
    "- nog een lijst",
    "> een citaat",
    "    ingesprongen code",
    "```",
    "*nadruk* _nadruk_ **vet** ~~weg~~ `code`",
    "www.kwaad.example https://kwaad.example iemand@kwaad.example",
    "&lt;b&gt; &amp; &#60;i&#62; [x]: https://kwaad.example",
    "===",
    "<!-- commentaar --> \\ eind\\",
]
# Every renderer a reader may use: CommonMark with tables and strike-through, and
# GitHub-like with bare links turned into links (linkify).
RENDERERS = [
    MarkdownIt("commonmark").enable(["table", "strikethrough"]),
    MarkdownIt("gfm-like"),
]


@pytest.fixture
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time in the Netherlands, so the golden file does not depend on the machine."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _record(test_flow: LoadedFlow, **changes: Any) -> Record:
    data = build_record(walked(test_flow, case_ref="casus-17"))
    data.update(changes)
    return parse_record(render_record(data), "r.toml")


def test_the_overview_matches_the_golden_file(
    test_flow: LoadedFlow, source: Source, amsterdam: None
) -> None:
    text = overview_markdown(_record(test_flow), source)
    if os.environ.get("WEGWIJZER_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, "utf-8")
    assert text == GOLDEN.read_text("utf-8")


def test_outcome_comes_before_the_steps_and_the_appendix_last(
    test_flow: LoadedFlow, source: Source, amsterdam: None
) -> None:
    text = overview_markdown(_record(test_flow), source)
    headings = re.findall(r"^## (.*)$", text, re.MULTILINE)
    assert headings == [
        "Gegevens",
        "Uitkomst: Klaar",
        "Doorlopen stappen",
        "Bijlage: de geciteerde passages uit de bron",
        "Wat dit overzicht niet bevat",
    ]
    assert "25 mei 2020" in text and "- Begonnen: 1 mei 2024, 11:00" in text


def test_each_cited_paragraph_is_quoted_in_full_once(test_flow: LoadedFlow, source: Source) -> None:
    record = _record(test_flow)
    appendix = overview_markdown(record, source).split("## Bijlage", 1)[1]
    cites = {c for step in record.steps for c in step.citations}
    cites |= {c for action in record.actions for c in action.citations}
    for answer in {int(c.split(".")[0]) for c in cites}:
        question = source.question(answer)
        assert question is not None
        assert appendix.count(f"### Antwoord {answer}\n") == 1
        for number, paragraph in enumerate(question.answer, start=1):
            wanted = f"{answer}" in cites or f"{answer}.{number}" in cites
            quoted = f"> {md.inline(paragraph)}\n"
            assert appendix.count(quoted) == (1 if wanted else 0), (answer, number)


def test_an_exercise_says_so_and_a_draft_has_no_outcome(
    test_flow: LoadedFlow, source: Source
) -> None:
    exercise = overview_markdown(_record(test_flow, mode="oefening"), source)
    assert "**Oefening**: dit overzicht hoort bij een oefening" in exercise
    assert "- Soort: een oefening" in exercise
    data = build_record(walked(test_flow))
    data["steps"] = data["steps"][:2]
    data["steps"][-1] = {
        k: v for k, v in data["steps"][-1].items() if k not in ("answer", "numbers")
    }
    del data["finished"]
    data["actions"] = []
    draft = overview_markdown(parse_record(render_record(data), "r.toml"), source)
    assert "Dit stappenplan is nog niet afgerond; er is nog geen uitkomst." in draft
    assert "- Afgerond: nog niet afgerond" in draft
    assert "- Antwoord: nog niet beantwoord" in draft


def test_without_the_source_the_appendix_says_so(test_flow: LoadedFlow) -> None:
    text = overview_markdown(_record(test_flow), None)
    assert "De bron (gevarenzone-2020) is hier niet beschikbaar" in text


# --- hostile text stays text ------------------------------------------------------


def _inline_of(tokens: list[Token], start: str) -> Token:
    found = [t for t in tokens if t.type == "inline" and t.content.startswith(start)]
    assert len(found) == 1, start
    return found[0]


def _plain_text(token: Token) -> str:
    children = token.children or []
    kinds = {child.type for child in children}
    assert kinds <= {"text", "softbreak", "hardbreak"}, kinds
    return "".join("\n" if c.type.endswith("break") else c.content for c in children)


@pytest.mark.parametrize("renderer", RENDERERS, ids=["commonmark", "gfm"])
def test_hostile_notes_and_case_references_come_out_inert(
    test_flow: LoadedFlow, source: Source, renderer: MarkdownIt
) -> None:
    note = "\n".join(HOSTILE)
    data = build_record(walked(test_flow))
    data["steps"][1]["note"] = note
    data["case_ref"] = "[x](https://kwaad.example) <b>"
    text = overview_markdown(parse_record(render_record(data), "r.toml"), source)
    tokens = renderer.parse(text)
    expected = [clean(line).strip() for line in note.split("\n")]
    assert _plain_text(_inline_of(tokens, "Notitie:")) == "Notitie: " + "\n".join(expected)
    assert _plain_text(_inline_of(tokens, "Zaakkenmerk:")) == (
        "Zaakkenmerk: [x](https://kwaad.example) <b>"
    )
    html = renderer.render(text)
    for tag in ("<a ", "<img", "<script", "<table", "<code", "<em>", "<strong>", "<s>", "<hr"):
        assert tag not in html.split("<h2>Uitkomst", 1)[0] + html.split("Doorlopen", 1)[1], tag
    # Exactly the document's own structure: no heading, list or quote more than without it.
    plain = overview_markdown(_record(test_flow), source)
    kinds = [t.type for t in tokens if t.nesting == 1]
    assert kinds == [t.type for t in renderer.parse(plain) if t.nesting == 1]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_renders_as_exactly_itself(text: str) -> None:
    for renderer in RENDERERS:
        tokens = renderer.parse(f"- Notitie: {md.inline(text)}\n")
        kinds = [t.type for t in tokens if t.type != "inline"]
        assert kinds == [
            "bullet_list_open",
            "list_item_open",
            "paragraph_open",
            "paragraph_close",
            "list_item_close",
            "bullet_list_close",
        ]
        inline = next(t for t in tokens if t.type == "inline")
        assert _plain_text(inline) == ("Notitie: " + clean(text).strip()).strip()


# Pieces a linkifying renderer reads as an address, so the property above meets them
# far more often than in random text (it once met "A.AC", a domain under .ac).
_ADDRESS_PIECES = st.sampled_from(
    [*"aAx.:/@-_ 1é+©", "www", "http", "mailto:", "localhost", ".nl", ".ac", "//", "рф"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_ADDRESS_PIECES, max_size=14).map("".join))
def test_nothing_that_looks_like_an_address_becomes_a_link(text: str) -> None:
    for renderer in RENDERERS:
        tokens = renderer.parse(f"- Notitie: {md.inline(text)}\n")
        inline = next(t for t in tokens if t.type == "inline")
        assert _plain_text(inline) == ("Notitie: " + clean(text).strip()).strip()


# --- the command a person runs ------------------------------------------------------


def test_open_markdown_of_a_record_made_by_a_plain_walk(flows_dir: Path, tmp_path: Path) -> None:
    env = dict(os.environ, WEGWIJZER_FLOWS=str(flows_dir), TZ="Europe/Amsterdam")
    env[ENV_DATA] = str(tmp_path / "data")
    out = tmp_path / "overzicht.toml"
    walk = run_cli(
        "run", "testflow", "--plain", "--export", str(out), stdin="1\n1,2\n1\n3\n", env=env
    )
    assert walk.returncode == 0, walk.stdout + walk.stderr
    result = run_cli("open", str(out), "--markdown", env=env)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "25 mei 2020" in text
    assert text.index("## Uitkomst: Klaar") < text.index("## Doorlopen stappen")
    assert "- Bespreek de signalen. (antwoord 2, alinea 1)" in text
    assert re.search(r"- Begonnen: \d{1,2} [a-z]+ \d{4}, \d\d:\d\d\n", text)
    assert "## Bijlage: de geciteerde passages uit de bron" in text
    assert "\x1b" not in text


def test_markdown_and_plain_are_one_or_the_other(tmp_path: Path, test_flow: LoadedFlow) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(record_bytes(walked(test_flow)))
    result = run_cli("open", str(path), "--plain", "--markdown")
    assert result.returncode == 2


def test_the_documented_document_is_what_the_documented_file_gives(
    source: Source, amsterdam: None
) -> None:
    from helpers import ROOT

    docs = (ROOT / "docs" / "records.md").read_text("utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    shown = docs.split("```markdown\n", 1)[1].split("\n```\n", 1)[0] + "\n"
    record = parse_record(example.encode(), "docs/records.md")
    assert overview_markdown(record, source) == shown
    assert example == render_record(record_data(record), source).decode()  # comments and all
