"""Tests for the personal-data scanner in wegwijzer.core.records.privacy."""

from __future__ import annotations

import itertools
import re
import string

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from wegwijzer.core.records.privacy import PrivacyWarning, describe, normalise, scan

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def elfproef_sum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits.zfill(9), WEIGHTS, strict=True))


def kinds(text: str) -> list[str]:
    return [w.kind for w in scan(text)]


def only(text: str, kind: str) -> PrivacyWarning:
    found = scan(text)
    assert [w.kind for w in found] == [kind], found
    return found[0]


def make_iban(country: str, bban: str) -> str:
    """Compute the ISO 13616 check digits, independently of the module."""
    rearranged = bban + country + "00"
    number = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{country}{98 - number % 97:02d}{bban}"


def grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


# --- helpers check themselves against known values ---------------------------


def test_reference_values_are_what_the_tests_assume() -> None:
    assert elfproef_sum("111222333") == 66  # divisible by 11: a valid BSN
    assert elfproef_sum("123456782") % 11 == 0
    assert elfproef_sum("111222334") % 11 != 0
    assert make_iban("NL", "ABNA0417164300") == "NL91ABNA0417164300"


# --- BSN ---------------------------------------------------------------------


def test_valid_bsn_with_keyword_is_high_confidence() -> None:
    warning = only("BSN: 111222333", "bsn")
    assert warning.confidence == "hoog"
    assert (warning.start, warning.end) == (5, 14)


def test_valid_bsn_without_keyword_is_low_confidence() -> None:
    assert only("nummer 111222333 genoteerd", "bsn").confidence == "laag"


@pytest.mark.parametrize("word", ["bsn", "Burgerservicenummer", "sofinummer", "BSN-nummer"])
def test_bsn_keywords(word: str) -> None:
    assert only(f"{word} van moeder is 123456782", "bsn").confidence == "hoog"


def test_keyword_far_away_does_not_raise_confidence() -> None:
    text = "bsn" + " bla" * 20 + " 111222333"
    assert only(text, "bsn").confidence == "laag"


def test_invalid_bsn_is_not_reported() -> None:
    assert kinds("bsn 111222334") == []
    assert kinds("bsn 000000000") == []  # sum 0 fails the elfproef


@pytest.mark.parametrize("text", ["123.456.782", "123 456 782", "1234.56.782", "111.222.333"])
def test_bsn_with_dots_or_spaces(text: str) -> None:
    warning = only(f"bsn {text}", "bsn")
    assert (warning.start, warning.end) == (4, 4 + len(text))


def test_eight_digit_bsn_is_padded_with_a_zero() -> None:
    assert only("bsn 10000021", "bsn").confidence == "hoog"


@pytest.mark.parametrize("text", ["1112223334", "0111222333444", "1.111.222.333", "3,111222333"])
def test_bsn_inside_a_longer_number_is_ignored(text: str) -> None:
    assert "bsn" not in kinds(text)


@given(st.lists(st.integers(0, 9), min_size=8, max_size=8))
def test_every_computed_bsn_is_found(first_eight: list[int]) -> None:
    body = "".join(map(str, first_eight))
    check = elfproef_sum(body + "0") % 11
    assume(check < 10)
    bsn = body + str(check)
    assume(elfproef_sum(bsn) != 0)
    assert only(f"bsn {bsn}", "bsn").confidence == "hoog"
    assert only(f"{bsn[:3]}.{bsn[3:6]}.{bsn[6:]}", "bsn").confidence == "laag"


# --- phone numbers -----------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6 12345678",
        "0031612345678",
    ],
)
def test_mobile_numbers_are_high_confidence(number: str) -> None:
    warning = only(f"moeder: {number}.", "telefoon")
    assert warning.confidence == "hoog"
    assert (warning.start, warning.end) == (8, 8 + len(number))


@pytest.mark.parametrize(
    "number",
    ["020-1234567", "010 123 4567", "+31 20 123 4567", "0800-1234", "0800 0432", "0900-1234567"],
)
def test_landline_and_service_numbers(number: str) -> None:
    assert only(f"zie {number}", "telefoon").confidence == "laag"
    assert only(f"tel. {number}", "telefoon").confidence == "hoog"


def test_number_that_is_both_bsn_and_service_number() -> None:
    assert elfproef_sum("080000009") % 11 == 0
    assert only("bsn 080000009", "bsn").confidence == "hoog"
    assert only("080000009", "telefoon").confidence == "laag"


def test_phone_inside_longer_digit_run_is_ignored() -> None:
    assert "telefoon" not in kinds("061234567890123")


# --- IBAN --------------------------------------------------------------------


def test_iban_is_reported_once_and_not_as_phone_or_bsn() -> None:
    for text in ("NL91ABNA0417164300", "NL91 ABNA 0417 1643 00"):
        warning = only(f"rekening {text} graag", "iban")
        assert (warning.start, warning.end) == (9, 9 + len(text))


def test_iban_with_wrong_check_digits_is_not_an_iban() -> None:
    assert "iban" not in kinds("NL92ABNA0417164300")
    assert "iban" not in kinds("NL91ABNA0417164301")


def test_foreign_iban_and_trailing_word() -> None:
    assert only("DE89370400440532013000", "iban").end == 22
    assert only("BE68 5390 0754 7034 TEST", "iban").end == len("BE68 5390 0754 7034")


@given(
    st.text(string.ascii_uppercase, min_size=4, max_size=4),
    st.text(string.digits, min_size=10, max_size=10),
    st.integers(4, 17),
    st.integers(1, 9),
)
def test_computed_nl_ibans_are_found_and_a_changed_digit_is_not(
    bank: str, account: str, position: int, delta: int
) -> None:
    iban = make_iban("NL", bank + account)
    assert only(iban, "iban").end == len(iban)
    assert only(grouped(iban), "iban").end == len(grouped(iban))
    if iban[position].isdigit():
        broken = iban[:position] + str((int(iban[position]) + delta) % 10) + iban[position + 1 :]
        assert "iban" not in kinds(broken)  # mod 97 catches every single-digit error


# --- e-mail ------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["jan.jansen@example.nl", "j+test@sub.gemeente.nl", "A_B@x-y.org"]
)
def test_email(address: str) -> None:
    warning = only(f"mail naar {address}.", "email")
    assert (warning.start, warning.end) == (10, 10 + len(address))


def test_not_an_email() -> None:
    assert kinds("zie @politie of a@b of x@y.1") == []


# --- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["12-05-2011", "1/2/1990", "01.02.1990", "3 maart 2009", "12 mei 2011", "3 Mrt. 2009"]
)
def test_dates_are_reported(text: str) -> None:
    assert only(f"op {text} gezien", "geboortedatum").confidence == "laag"


@pytest.mark.parametrize(
    "text",
    [
        "geboren op 12-05-2011",
        "geb. 3 maart 2009",
        "geboortedatum: 1-1-2000",
        "12 mei 2011 (verjaardag)",
    ],
)
def test_birth_words_raise_confidence(text: str) -> None:
    assert only(text, "geboortedatum").confidence == "hoog"


@pytest.mark.parametrize(
    "text",
    ["31-02-2010", "29-02-2011", "12-13-2010", "0-5-2010", "01-01-1899", "1-1-2999", "32 mei 2010"],
)
def test_impossible_dates_are_not_reported(text: str) -> None:
    assert kinds(text) == []


def test_leap_day_is_a_date() -> None:
    assert only("29-02-2012", "geboortedatum")


# --- postcodes ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["1234 AB", "1234AB", "9999 ZZ"])
def test_postcode(text: str) -> None:
    assert only(f"woont in {text} Utrecht", "postcode").confidence == "hoog"


def test_lowercase_postcode_is_low_confidence() -> None:
    assert only("1234ab", "postcode").confidence == "laag"


@pytest.mark.parametrize(
    "text", ["1234 SA", "1234SD", "1234 SS", "0123 AB", "12345 AB", "sinds 2010 en later", "1500mg"]
)
def test_not_a_postcode(text: str) -> None:
    assert "postcode" not in kinds(text)


# --- normalisation -----------------------------------------------------------


def test_normalise_full_width_and_zero_width() -> None:
    assert normalise("１\u200b2\u200c3\u200d4\u20605\ufeff6\u00ad7") == "1234567"
    assert normalise("06\u201312345678") == "06-12345678"  # en dash


def test_full_width_digits_are_a_phone_number() -> None:
    warning = only("０６１２３４５６７８", "telefoon")
    assert (warning.start, warning.end) == (0, 10)


def test_zero_width_characters_inside_a_bsn() -> None:
    text = "bsn 1\u200b1\u200b1\u200d222\ufeff333"
    warning = only(text, "bsn")
    assert normalise(text)[warning.start : warning.end] == "111222333"


def test_other_script_digits_are_folded() -> None:
    assert only("bsn ١١١٢٢٢٣٣٣", "bsn").confidence == "hoog"  # Arabic-Indic digits


# --- messages ----------------------------------------------------------------

SAMPLE = (
    "bsn 111222333, tel 06-12345678, NL91ABNA0417164300, jan@example.nl, "
    "geboren 3 maart 2009, 1234 AB"
)


def test_all_kinds_found_in_order() -> None:
    found = scan(SAMPLE)
    assert [w.kind for w in found] == [
        "bsn",
        "telefoon",
        "iban",
        "email",
        "geboortedatum",
        "postcode",
    ]
    assert all(w.confidence == "hoog" for w in found)


def test_messages_never_echo_the_matched_text() -> None:
    norm = normalise(SAMPLE)
    lines = describe(scan(SAMPLE), "notitie")
    for warning in scan(SAMPLE):
        matched = norm[warning.start : warning.end]
        assert matched not in warning.message
        assert not re.search(r"[0-9]", warning.message)
        assert all(matched not in line for line in lines)


def test_describe_lines() -> None:
    lines = describe(scan("bel 06-12345678 of bsn 111222333"), "notitie bij stap 'politie'")
    assert lines == [
        "Notitie bij stap 'politie': mogelijk een telefoonnummer.",
        "Notitie bij stap 'politie': mogelijk een BSN, een burgerservicenummer.",
    ]


def test_describe_counts_repeats() -> None:
    lines = describe(scan("06-12345678 en 06-87654321"), "zaakkenmerk")
    assert lines == ["Zaakkenmerk: mogelijk een telefoonnummer (2 keer)."]
    assert describe([], "zaakkenmerk") == []


def test_clean_text_has_no_warnings() -> None:
    assert scan("Gesprek met school gehad; volgende week opnieuw contact. Stap 3 van 7.") == []


# --- robustness --------------------------------------------------------------


def check_scan_invariants(text: str) -> None:
    norm = normalise(text)
    found = scan(text)
    for warning in found:
        assert 0 <= warning.start < warning.end <= len(norm)
        assert warning.confidence in {"hoog", "laag"}
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start  # sorted and never overlapping


@given(st.text())
def test_scan_never_raises_and_offsets_are_sane(text: str) -> None:
    check_scan_invariants(text)


@given(st.text(alphabet=st.sampled_from("0123456789 .-/+@AaBbNLSmei\u200b０")))
@settings(max_examples=300)
def test_scan_on_digit_heavy_text(text: str) -> None:
    check_scan_invariants(text)


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


MEGABYTE_INPUTS = {
    "digits": "1" * 1_000_000,
    "letters": "a" * 1_000_000,
    "spaced-digits": "1 " * 500_000,
    "at-signs": "a@" * 500_000,
    "long-domain": "x@" + "a." * 500_000,
    "dashed-digits": "06-" * 330_000,
}


@pytest.mark.parametrize("name", MEGABYTE_INPUTS)
def test_one_megabyte_inputs_complete(name: str) -> None:
    scan(
        MEGABYTE_INPUTS[name]
    )  # no timing assertion: it must simply finish (no catastrophic backtracking)
