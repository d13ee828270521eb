"""The structured source against the raw text as received, and citations into it."""

from __future__ import annotations

import re

import pytest

from wegwijzer.core.base.text import normalise_space
from wegwijzer.core.flows.source import Citation, Source, parse_citation

from helpers import FLOWS


def _raw_normalised(source: Source) -> str:
    """The raw text with PDF line breaks joined and the footnotes lifted out of the answers."""
    raw = (FLOWS / "sources" / "gevarenzone-2020.txt").read_text(encoding="utf-8")
    raw = normalise_space(re.sub(r"-\s*\n\s*(?=[a-z])", "-", raw))  # e-\nlearning
    for question in source.questions:
        for note in question.footnotes:
            debris = f" {note.number} {normalise_space(note.text)} "
            assert debris in raw, f"footnote {note.number} is not verbatim"
            raw = raw.replace(debris, " ")
    return raw


def test_every_question_and_paragraph_stands_verbatim_in_the_raw_text(source: Source) -> None:
    raw = _raw_normalised(source)
    assert len(source.questions) == 10
    for question in source.questions:
        assert normalise_space(question.question) in raw, question.number
        for number, paragraph in enumerate(question.answer, start=1):
            text = normalise_space(paragraph)
            if question.number == 7 and number == 1:
                # the marker of footnote 2 is kept out of the paragraph
                text = text.replace("jeugd’ als", "jeugd’2 als")
            assert text in raw, f"{question.number}.{number}"


def test_page_break_debris_is_not_in_any_answer(source: Source) -> None:
    for question in source.questions:
        for paragraph in question.answer:
            assert "Dadermonitor" not in paragraph
            assert "Kamerbrief" not in paragraph
            assert "  " not in paragraph


def test_footnotes_are_attached_to_the_answers_that_reference_them(source: Source) -> None:
    two = source.question(2)
    seven = source.question(7)
    assert two is not None and seven is not None
    assert [(f.number, f.paragraph) for f in two.footnotes] == [(1, 4)]
    assert "Dadermonitor mensenhandel 2013-2017" in two.footnotes[0].text
    assert [(f.number, f.paragraph) for f in seven.footnotes] == [(2, 1)]
    assert "Perspectief voor de Jeugd" in seven.footnotes[0].text


def test_metadata(source: Source) -> None:
    assert source.received.isoformat() == "2020-05-25"
    assert source.received_label == "25 mei 2020"
    assert "Broekers-Knol" in source.answered_by
    assert "Meisjes in de gevarenzone" in source.article


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4", Citation(4)), ("4.2", Citation(4, 2)), ("10.1", Citation(10, 1))],
)
def test_parse_citation(text: str, expected: Citation) -> None:
    assert parse_citation(text) == expected


@pytest.mark.parametrize("text", ["", "0", "4.", ".2", "4.2.1", "a", "4.0", " 4", "04"])
def test_parse_citation_rejects(text: str) -> None:
    assert parse_citation(text) is None


def test_citation_errors_in_dutch(source: Source) -> None:
    assert source.citation_error("4.2") is None
    assert "bestaat niet" in (source.citation_error("11") or "")
    assert "geen alinea 99" in (source.citation_error("4.99") or "")
    assert "vorm" in (source.citation_error("vier") or "")


def test_paragraphs_and_quote(source: Source) -> None:
    whole = source.paragraphs(Citation(6))
    assert [n for n, _ in whole] == [1, 2, 3]
    one = source.paragraphs(Citation(4, 1))
    assert one[0][1].startswith("Nee, dat klopt niet.")
    quote = source.quote(Citation(4, 1), width=40)
    assert quote.endswith("…") and len(quote) <= 42
