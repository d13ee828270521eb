"""Readability of the own text of flows and exercises (``check --leesbaarheid``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_flows import SHIPPED, shown_texts
from wegwijzer.core.base.readability import (
    MAX_AVERAGE_WORDS,
    MAX_SENTENCE_WORDS,
    measure,
    sentences,
    syllables,
)
from wegwijzer.core.flows.catalog import Catalog, load_catalog
from wegwijzer.core.flows.plain_language import flow_readability

from helpers import DATA, FLOWS, run_cli

SOURCE_31 = (
    "Slachtoffers van mensenhandel zien zichzelf niet altijd als slachtoffer, waardoor zij "
    "geen hulp vragen of slachtoffers durven geen hulp te vragen."
)


def test_the_reference_sentences_give_the_published_figures() -> None:
    # The two figures the readability issue measured with a hyphenation dictionary.
    assert round(measure(["Wacht niet op een aangifte."]).flesch_douma, 1) == 94.4
    figures = measure([SOURCE_31])
    assert (figures.sentences, figures.words, figures.syllables) == (1, 21, 36)
    assert round(figures.flesch_douma, 1) == 55.3


def test_dutch_syllables_count_vowel_groups_and_a_diaeresis() -> None:
    counts = {
        "idee": 2,
        "aangifte": 3,
        "financiële": 5,
        "geïnteresseerd": 5,
        "nieuw": 1,
        "loverboyproblematiek": 7,
        "zij": 1,
        "2020": 1,
        "e-learning": 3,
    }
    assert {word: syllables(word) for word in counts} == counts


def test_abbreviations_do_not_end_a_sentence_and_a_line_break_does() -> None:
    assert len(sentences("Dit gaat o.a. over de politie. Daarna volgt zorg.")) == 2
    assert len(sentences("Kies alles wat past\nOf niets")) == 2
    assert sentences("Zie bijv. antwoord 4.") == [["Zie", "bijv", "antwoord", "4"]]
    # A closing quote or bracket after the full stop still ends the sentence.
    said = "Ze zegt: ‘Er is niks aan de hand.’ Dat past bij de bron. (Zie antwoord 3.) Klaar."
    assert [len(s) for s in sentences(said)] == [8, 5, 3, 1]


@given(
    st.text(alphabet="abcdeiou .,\n", max_size=200),
    st.text(alphabet="abcdeiou .,", max_size=300),
)
def test_quoted_source_text_never_counts(own: str, quoted: str) -> None:
    assert measure([own + " “" + quoted + "” "]) == measure([own + "  "])


def test_a_quote_that_ends_a_sentence_ends_the_own_sentence_around_it() -> None:
    # Twelve own words, a quoted sentence, then eleven more: two sentences, not one of 23.
    before = "Volgens de bron trekken de teams AVIM en Zeden dan samen op:"
    after = "In de politie-eenheden wordt geïnvesteerd in de samenwerking tussen de teams."
    text = f"{before} “De teams trekken samen op.” {after}"
    assert [len(s) for s in sentences(text)] == [12, 11]
    # A quote inside a sentence does not end it.
    assert [len(s) for s in sentences(f"Zij zegt “zo gaat het” en {after}")] == [14]


def test_a_long_own_sentence_is_a_warning_that_names_the_step(tmp_path: Path) -> None:
    long = " ".join(["woord"] * 30) + "."
    quoted = "“" + " ".join(["citaat"] * 40) + ".”"
    text = (DATA / "valid.toml").read_text(encoding="utf-8")
    flow = tmp_path / "lang.toml"
    flow.write_text(text.replace('prompt = "', f'prompt = "{long} {quoted} ', 1), encoding="utf-8")
    result = run_cli("check", "--leesbaarheid", str(flow))
    assert result.returncode == 0, result.stderr  # warnings, not errors
    assert "zin van 30 woorden: woord woord" in result.stdout
    assert "citaat" not in result.stdout
    data = json.loads(run_cli("check", "--leesbaarheid", "--json", str(flow)).stdout)
    (report,) = data["flows"]
    assert any(s["te_lange_zinnen"] for s in report["stappen"].values())
    assert data["richtlijnen"]["hoogstens_woorden_per_zin"] == 25


def test_the_shipped_flows_are_measured_per_step() -> None:
    data = json.loads(run_cli("check", "--leesbaarheid", "--json").stdout)
    assert {flow["id"] for flow in data["flows"]} >= {"zorgen-over-een-minderjarige"}
    for flow in data["flows"]:
        assert flow["stappen"], flow["id"]
        assert all(figures["zinnen"] >= 1 for figures in flow["stappen"].values())
    assert data["oefeningen"] and data["errors"] == []


# --- the shipped flows at B1 (issue 20, item 4) ---------------------------------------


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(FLOWS)


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_no_own_sentence_of_a_shipped_flow_is_over_25_words(catalog: Catalog, flow_id: str) -> None:
    """Every text a user reads in a shipped flow, step by step: no own sentence over the
    guideline (quoted source text is left out, as the readability module does)."""
    loaded = catalog.find(flow_id)
    assert loaded is not None
    measured = 0
    for where, text in shown_texts(loaded.flow):
        for sentence in sentences(text):
            measured += 1
            assert len(sentence) <= MAX_SENTENCE_WORDS, f"{where}: {' '.join(sentence)}"
    report = flow_readability(loaded.flow)
    assert measured >= report.total.sentences  # every step's own text was looked at
    assert report.total.too_long == ()
    assert report.total.average_words <= MAX_AVERAGE_WORDS


def test_the_sentence_guideline_catches_a_long_sentence_in_any_step(catalog: Catalog) -> None:
    """The check above can fail: one long sentence added to any step's text is found."""
    loaded = catalog.find(SHIPPED[0])
    assert loaded is not None
    long = " ".join(["woord"] * (MAX_SENTENCE_WORDS + 1)) + "."
    for step_id, step in loaded.flow.steps.items():
        changed = loaded.flow.steps | {step_id: step.model_copy(update={"text": long})}
        flow = loaded.flow.model_copy(update={"steps": changed})
        assert flow_readability(flow).total.too_long, step_id
