"""How readable a Dutch text is: words per sentence, long sentences, Flesch-Douma.

Pure Python and no dictionary: a Dutch syllable is counted as a group of vowels
("aa", "ij", "ieu" and "oei" are one group; a diaeresis as in "ë" or "ï" starts a
new one). That gives the same figures as a hyphenation dictionary for the two
reference sentences in docs/authoring.md, without a dependency.

Quoted source text (between “ and ”) is left out: it is verbatim and must stay so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Thresholds for a text at language level B1 (docs/authoring.md); warnings, not errors.
MAX_SENTENCE_WORDS = 25
LONG_SENTENCE_WORDS = 20
MAX_AVERAGE_WORDS = 15.0
MIN_FLESCH_DOUMA = 60.0

QUOTED = re.compile(r"“[^”]*”")
# A sentence ends at . ! or ? (or at a closing quote or bracket right after one, as in
# ‘… geen slachtoffer.’) before a capital, a digit, a quote or the end; a blank line or
# a line break ends one too. "o.a. deze" and "bijv. een" do not end one.
SENTENCE_END = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][’”'\")]))\s+(?=[A-Z0-9ÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜ“‘'\"(])|\n+"
)
WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
VOWEL_GROUP = re.compile(r"[aeiouyàáâäèéêìíîòóôùúûü]+|[ëïöü]")


def syllables(word: str) -> int:
    """Syllables in a Dutch word; at least 1 (numbers and abbreviations count as 1)."""
    groups = 0
    for part in re.split(r"[-'’]", word.lower()):
        # A diaeresis starts a new syllable: "financiële" is fi-nan-ci-ë-le.
        groups += sum(len(VOWEL_GROUP.findall(piece)) for piece in re.split(r"(?=[ëïöü])", part))
    return max(groups, 1)


def own_text(text: str) -> str:
    """``text`` without quoted source passages.

    A quote that ends a sentence (“… te starten.”) ends the own sentence around it too,
    so the own sentence after it is counted on its own, not glued to the one before.
    """
    return QUOTED.sub(_quote_gap, text)


def _quote_gap(quote: re.Match[str]) -> str:
    return "\n" if quote.group().rstrip("”").rstrip().endswith((".", "!", "?")) else " "


def sentences(text: str) -> list[list[str]]:
    """The sentences of ``text`` (quotes left out), each as its words."""
    found = []
    for chunk in SENTENCE_END.split(own_text(text)):
        words = WORD.findall(chunk)
        if words:
            found.append(words)
    return found


@dataclass(frozen=True)
class Figures:
    """Readability of some text: counts and the derived figures."""

    sentences: int
    words: int
    syllables: int
    long_sentences: int  # over LONG_SENTENCE_WORDS
    too_long: tuple[tuple[int, str], ...]  # sentences over MAX_SENTENCE_WORDS: length, start

    @property
    def average_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def long_share(self) -> float:
        """Percentage of sentences over LONG_SENTENCE_WORDS."""
        return 100 * self.long_sentences / self.sentences if self.sentences else 0.0

    @property
    def flesch_douma(self) -> float:
        if not self.words:
            return 0.0
        return 206.84 - 0.77 * (100 * self.syllables / self.words) - 0.93 * self.average_words

    def sentence_warnings(self) -> list[str]:
        """One Dutch warning per sentence over MAX_SENTENCE_WORDS."""
        return [f"zin van {length} woorden: {start}" for length, start in self.too_long]

    def warnings(self) -> list[str]:
        """Dutch warnings for a whole text (a flow or an exercise): average and Flesch-Douma."""
        found = []
        if self.average_words > MAX_AVERAGE_WORDS:
            found.append(
                f"gemiddeld {self.average_words:.1f} woorden per zin (richtlijn: ten hoogste "
                f"{MAX_AVERAGE_WORDS:.0f})".replace(".", ",")
            )
        if self.words and self.flesch_douma < MIN_FLESCH_DOUMA:
            found.append(
                f"Flesch-Douma {self.flesch_douma:.1f} (richtlijn: ten minste "
                f"{MIN_FLESCH_DOUMA:.0f})".replace(".", ",")
            )
        return found

    def as_dict(self) -> dict[str, object]:
        return {
            "zinnen": self.sentences,
            "woorden": self.words,
            "woorden_per_zin": round(self.average_words, 1),
            "aandeel_zinnen_boven_20_woorden": round(self.long_share, 1),
            "flesch_douma": round(self.flesch_douma, 1),
            "te_lange_zinnen": [start for _, start in self.too_long],
        }


def measure(texts: Iterable[str]) -> Figures:
    """The figures over all ``texts`` together (each text's quotes left out)."""
    count = words = sylls = long = 0
    too_long: list[tuple[int, str]] = []
    for text in texts:
        for sentence in sentences(text):
            count += 1
            words += len(sentence)
            sylls += sum(syllables(word) for word in sentence)
            if len(sentence) > LONG_SENTENCE_WORDS:
                long += 1
            if len(sentence) > MAX_SENTENCE_WORDS:
                too_long.append((len(sentence), " ".join(sentence[:8]) + " …"))
    return Figures(count, words, sylls, long, tuple(too_long))
