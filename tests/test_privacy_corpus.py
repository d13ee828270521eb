"""Issue 16, finding 6: a corpus of notations that must warn, and case text that must not.

Each table row is a note as a worker might type it. The rates are printed in the test
output (run with ``-s`` to see them, or read the summary line on failure).
"""

from __future__ import annotations

import pytest

from wegwijzer.core.records.privacy import scan

from helpers import REPORTED

# (kind, text): every notation named in the issue, and more.
MUST_WARN = [
    # BSN (111222333 and 123456782 pass the elfproef)
    ("bsn", "bsn 111222333"),
    ("bsn", "111-222-333"),
    ("bsn", "bsn 111-222-333"),
    ("bsn", "BSN: 111/222/333"),
    ("bsn", "111\t222\t333"),
    ("bsn", "1\u20631\u206312\u2063223\u206333"),
    ("bsn", "bsn 1234.56.782"),
    ("bsn", "burgerservicenummer 1112.22.333"),
    ("bsn", "sofinummer 111.222.333"),
    ("bsn", "123456782"),
    # phone numbers
    ("telefoon", "06.12.34.56.78"),
    ("telefoon", "(06) 12345678"),
    ("telefoon", "(020) 123 4567"),
    ("telefoon", "020/1234567"),
    ("telefoon", "06 - 12345678"),
    ("telefoon", "+32 470 12 34 56"),
    ("telefoon", "+32 2 123 45 67"),
    ("telefoon", "0032 470 123456"),
    ("telefoon", "+44 20 7946 0958"),
    ("telefoon", "+31 (0)6 1234 5678"),
    ("telefoon", "0031612345678"),
    ("telefoon", "06-1234 5678"),
    ("telefoon", "tel. 010-1234567"),
    ("telefoon", "belde met 0612345678 om 14.00"),
    ("telefoon", "0800-1234"),
    ("telefoon", "06\u200b12345678"),
    # e-mail
    ("email", "jan@example.nl"),
    ("email", "jan(at)example.nl"),
    ("email", "jan[at]example.nl"),
    ("email", "jan @ example.nl"),
    ("email", "jan (at) example (dot) nl"),
    ("email", "Jan.de.Vries{at}Example.COM"),
    ("email", "jan[at]example[punt]nl"),
    # dates
    ("geboortedatum", "14-mrt-2009"),
    ("geboortedatum", "2009-03-14"),
    ("geboortedatum", "14/03/09"),
    ("geboortedatum", "geb. 14-3-09"),
    ("geboortedatum", "14 maart '09"),
    ("geboortedatum", "14 mrt. 2009"),
    ("geboortedatum", "geboren 3.4.09"),
    ("geboortedatum", "14.03.2009"),
    ("geboortedatum", "2009/03/14"),
    # postcodes
    ("postcode", "1234 AB"),
    ("postcode", "1234 ab"),
    ("postcode", "1234aB"),
    ("postcode", "1234-AB"),
    ("postcode", "1234AB"),
    ("postcode", "woont op 3511  AX"),
    # IBAN
    ("iban", "NL91ABNA0417164300"),
    ("iban", "NL91 ABNA 0417 1643 00"),
    ("iban", "NL91.ABNA.0417.1643.00"),
    ("iban", "NL91-ABNA-0417-1643-00"),
    ("iban", "nl91abna0417164300"),
    ("iban", "BE68 5390 0754 7034"),
]

# Ordinary case text: numbers that are not personal data.
MUST_NOT_WARN = [
    "zaaknummer 2024-00123",
    "zaak Z/24/123456",
    "casus-17",
    "dossier 2023-17-004",
    "stap 3 van 12",
    "antwoord 4, alinea 1",
    "in 2019 en 2020",
    "tussen 2015 - 2020",
    "sinds 2018 is er meer aandacht",
    "om 14:30 gebeld met school",
    "van 9.00 tot 17.30 uur",
    "gesprek van 45 minuten",
    "2 tot 3 procent van de slachtoffers",
    "artikel 273f Sr",
    "versie 1.2.10",
    "1500 mg per dag",
    "groep 7 en 8",
    "3 keer per week, 2 uur",
    "kamer 12, verdieping 3",
    "100 en 200 euro",
    "de 14-jarige en haar zus van 16",
    "melding nr. 4521",
    "Veilig Thuis is ingelicht",
    "klas 2b, mentor op de hoogte",
    "12 a 13 jaar",
]


def _rate(hits: int, total: int) -> str:
    return f"{hits}/{total} ({100 * hits / total:.0f} %)"


def test_the_corpus_rates() -> None:
    """The whole table at once: every notation warns (as its kind), no case text does."""
    missed = [(kind, text) for kind, text in MUST_WARN if kind not in {w.kind for w in scan(text)}]
    false = [text for text in MUST_NOT_WARN if scan(text)]
    found = len(MUST_WARN) - len(missed)
    rates = (
        f"privacy corpus: found {_rate(found, len(MUST_WARN))} notations; "
        f"false warnings on {_rate(len(false), len(MUST_NOT_WARN))} case texts"
    )
    print(f"\n{rates}")
    REPORTED.append(rates)  # shown under the test results (tests/conftest.py)
    assert not missed, missed
    assert not false, false


@pytest.mark.parametrize(("kind", "text"), MUST_WARN, ids=[t for _, t in MUST_WARN])
def test_a_notation_warns(kind: str, text: str) -> None:
    assert kind in {w.kind for w in scan(text)}, scan(text)
    assert kind in {w.kind for w in scan(f"Notitie: {text}, verder niets.")}


@pytest.mark.parametrize("text", MUST_NOT_WARN)
def test_case_text_does_not_warn(text: str) -> None:
    assert scan(text) == []
