"""Spot personal data in free text before it ends up in an exported record.

The scanner only warns; the worker decides what to do with a hint. Messages name
the kind of data and never repeat the matched text, so a warning shown on screen
or written to a log cannot leak the data itself.

Every pattern is anchored with lookarounds and uses bounded repetition, so the
regex engine cannot backtrack catastrophically: a long input scans in linear time.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from wegwijzer.core.base.text import default_ignorable

HOOG = "hoog"
LAAG = "laag"

_MESSAGES = {
    "bsn": "Mogelijk een BSN, een burgerservicenummer.",
    "telefoon": "Mogelijk een telefoonnummer.",
    "email": "Mogelijk een e-mailadres.",
    "geboortedatum": "Mogelijk een geboortedatum.",
    "postcode": "Mogelijk een postcode.",
    "iban": "Mogelijk een rekeningnummer, een IBAN.",
}
# On overlap the earlier kind wins: an IBAN holds digit runs that look like a
# phone number or BSN, and a phone number can hold 8 digits passing the elfproef.
_PRIORITY = ("iban", "email", "geboortedatum", "telefoon", "bsn", "postcode")


@dataclass(frozen=True)
class PrivacyWarning:
    kind: str  # one of _PRIORITY
    confidence: str  # HOOG or LAAG
    start: int  # offsets into normalise(text), not into the raw text
    end: int
    message: str  # Dutch, never contains the matched text


# --- normalisation -----------------------------------------------------------

# Invisible characters someone could put between digits to slip past a check: every
# default-ignorable code point (U+2063 INVISIBLE SEPARATOR among them).
_INVISIBLE: dict[int, str | None] = dict.fromkeys(default_ignorable())
# Dashes that word processors substitute for "-" (NFKC leaves them alone).
_CLEANUP: dict[int, str | None] = {**_INVISIBLE, **dict.fromkeys(range(0x2010, 0x2016), "-")}
_CLEANUP[0x2212] = "-"
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")


def normalise(text: str) -> str:
    """NFKC (full-width digits become ASCII), then drop zero-width characters.

    Also folds other decimal digits (e.g. Arabic-Indic) to ASCII and typographic
    dashes to "-"; both keep the length, so offsets stay meaningful.
    """
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE))
    text = text.translate(_CLEANUP)
    if not text.isascii():
        text = _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
    return text


# --- context words -----------------------------------------------------------

_BSN_WORDS = re.compile(r"\b(?:bsn|burgerservice-?\s?nummer|sofi-?nummer)", re.IGNORECASE)
_BIRTH_WORDS = re.compile(r"\b(?:geb\.|geboren|geboorte\w{0,10}|verjaardag|jarig)", re.IGNORECASE)
_PHONE_WORDS = re.compile(
    r"\b(?:tel(?:efoon(?:nummer)?|nr)?|bel(?:t|len|de)?|gebeld|mobiel|gsm)\b", re.IGNORECASE
)
_WORD_REACH = 25  # longest keyword; it may start this far outside the window


def _near(words: re.Pattern[str], text: str, start: int, end: int, after: int = 0) -> bool:
    """True when a keyword ends within ~30 characters before (or `after` behind) a match."""
    window = 30
    for m in words.finditer(text, max(0, start - window - _WORD_REACH), start):
        if m.end() >= start - window:
            return True
    return after > 0 and words.search(text, end, end + after) is not None


# --- detectors ---------------------------------------------------------------

_BSN = re.compile(
    r"""
    (?<![0-9])(?<![0-9][.,])                  # not the tail of a longer number
    (?: [0-9]{8,9}
      | (?<![0-9][ ])                         # grouped: not the tail of a longer grouping
        (?: [0-9]{3}(?P<a>[. \t/-])[0-9]{3}(?P=a)[0-9]{3}(?!(?P=a)[0-9])
          | [0-9]{4}(?P<b>[. \t/-])[0-9]{2}(?P=b)[0-9]{3}(?!(?P=b)[0-9])
          | [0-9]{2}(?P<c>[. \t/-])[0-9]{3}(?P=c)[0-9]{3}(?!(?P=c)[0-9]) ) )
    (?![0-9])(?![.,][0-9])
    """,
    re.VERBOSE,
)


def _elfproef(digits: str) -> bool:
    """The BSN check: weights 9..2 and -1, sum divisible by 11 and not 0."""
    total = sum(
        int(d) * w for d, w in zip(digits.zfill(9), (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True)
    )
    return total != 0 and total % 11 == 0


def _find_bsn(text: str) -> Iterator[PrivacyWarning]:
    for m in _BSN.finditer(text):
        if _elfproef(re.sub(r"[^0-9]", "", m.group())):
            hoog = _near(_BSN_WORDS, text, m.start(), m.end())
            yield _warning("bsn", hoog, m.start(), m.end())


# A run of digits in any of the ways people write a phone number: spaces, dots, dashes
# (with spaces around them), slashes, an area code in brackets, "+" or "00" in front.
_PHONE = re.compile(
    r"""
    (?<![0-9A-Za-z+(])
    (?: \+ | \(\+? )?
    [0-9]
    (?: (?: [ \t]{0,2}[-./][ \t]{0,2} | [ \t]{1,2} | \)[ \t]{0,2} | [ \t]{0,2}\( )? [0-9] ){6,17}
    (?![0-9])
    """,
    re.VERBOSE,
)
_GROUP_BREAK = re.compile(r"[ \t]*[-./ \t()][ \t()]*")


def _phone_digits(candidate: str) -> str | None:
    """The number in national form ("06…", "00…" for abroad) when ``candidate`` is one."""
    digits = re.sub(r"[^0-9]", "", candidate)
    international = candidate.lstrip("(").startswith("+") or digits.startswith("00")
    if international:
        digits = digits.removeprefix("00")
        if digits.startswith("31"):  # back to the national form: +31 (0)6 ... -> 06 ...
            national = "0" + digits[2:].lstrip("0")
            return national if len(national) == 10 else None
        return "00" + digits if 8 <= len(digits) <= 15 else None
    if digits.startswith("0") and (
        len(digits) == 10 or (digits[1:4] in ("800", "900", "880") and 8 <= len(digits) <= 11)
    ):
        return digits
    return None


def _find_phone(text: str) -> Iterator[PrivacyWarning]:
    for m in _PHONE.finditer(text):
        candidate = m.group()
        # A run may have swallowed a following number ("0612345678 2024"): drop groups
        # from the end until what is left is a phone number, if it ever is.
        while True:
            digits = _phone_digits(candidate)
            if digits is not None:
                break
            parts = _GROUP_BREAK.split(candidate)
            if len(parts) < 2:
                break
            last = candidate.rfind(parts[-1])
            candidate = candidate[:last].rstrip(" \t-./(")
        if digits is None:
            continue
        # Mobile numbers belong to a person; landlines and 0800 lines are often an office's.
        mobile = digits.startswith(("06", "00"))
        hoog = mobile or _near(_PHONE_WORDS, text, m.start(), m.end())
        yield _warning("telefoon", hoog, m.start(), m.start() + len(candidate))


# "@" also as "(at)", "[at]", "{at}" or with spaces around it; "." also as "(dot)", "[punt]".
_AT = r"(?:[ \t]{0,2}(?:@|\(at\)|\[at\]|\{at\}|\(a\))[ \t]{0,2})"
_DOT = r"(?:\.|[ \t]{0,2}(?:\(dot\)|\[dot\]|\(punt\)|\[punt\])[ \t]{0,2})"
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}"
    + _AT
    + r"[A-Za-z0-9\-]{1,63}(?:"
    + _DOT
    + r"[A-Za-z0-9\-]{1,63}){0,8}"
    + _DOT
    + r"[A-Za-z]{2,24}(?![A-Za-z0-9\-])",
    re.IGNORECASE,
)


def _find_email(text: str) -> Iterator[PrivacyWarning]:
    for m in _EMAIL.finditer(text):
        yield _warning("email", True, m.start(), m.end())


_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    r"(?<![0-9])(?<![0-9][-/.])"
    r"(?: (?P<d>[0-9]{1,2})"
    r"    (?: (?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)"
    r"      | (?:[ \t]{1,3}|[-/.]) (?P<month>" + _MONTH_NAMES + r")\.? (?:[ \t]{1,3}|[-/.]) )"
    r"    (?P<y>[0-9]{4}|'?[0-9]{2})"
    r"  | (?P<iy>(?:19|20)[0-9]{2})(?P<isep>[-/.])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2}) )"
    r"(?![0-9])(?![-/.][0-9])",
    re.IGNORECASE | re.VERBOSE,
)


def _full_year(text: str, this_year: int) -> int:
    """'09 or 09 -> 2009; 87 -> 1987; four digits as they are."""
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    year = 2000 + int(digits)
    return year if year <= this_year else year - 100


def _find_dates(text: str) -> Iterator[PrivacyWarning]:
    this_year = date.today().year
    for m in _DATE.finditer(text):
        if m["iy"]:
            year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
        else:
            short = len(m["y"].lstrip("'")) == 2
            # "1.2.10" is a version, "3-4-10" may be one: a short year needs a month name,
            # a dash or slash, or a birth word nearby.
            if short and m["sep"] == "." and not _near(_BIRTH_WORDS, text, m.start(), m.end()):
                continue
            year = _full_year(m["y"], this_year)
            month = int(m["m"]) if m["m"] else _MONTHS[m["month"].lower()]
            day = int(m["d"])
        try:
            found = date(year, month, day)
        except ValueError:  # 31-02, 0-5, 12-13: not a calendar date
            continue
        if 1900 <= found.year <= this_year:
            hoog = _near(_BIRTH_WORDS, text, m.start(), m.end(), after=20)
            yield _warning("geboortedatum", hoog, m.start(), m.end())


_POSTCODE = re.compile(
    r"(?<![0-9A-Za-z])[1-9][0-9]{3}(?P<space>[ \t]{0,2}|-)(?P<letters>[A-Za-z]{2})(?![0-9A-Za-z])"
)
# Two-letter Dutch words that follow a number in ordinary prose ("2010 en", "2 op 10").
_WORDS = {
    "en", "in", "op", "te", "om", "of", "is", "er", "al", "na", "ze", "we", "je", "de",
    "ik", "uw", "nu", "zo", "ja", "nl", "ca", "tm", "vs", "uur", "pp", "eo", "ad",
}  # fmt: skip
_NOT_ISSUED = {"SA", "SD", "SS"}
# Lowercase "1500mg" is a quantity, not an address.
_UNITS = {"km", "kg", "mg", "mm", "cm", "ml", "cl", "dl", "gr", "kb", "mb", "gb", "kw", "th", "st"}


def _find_postcodes(text: str) -> Iterator[PrivacyWarning]:
    for m in _POSTCODE.finditer(text):
        letters = m["letters"]
        if letters.upper() in _NOT_ISSUED:
            continue
        lower = letters.lower()
        if letters.isupper():
            yield _warning("postcode", True, m.start(), m.end())
        # "2010 en ..." is everyday prose and "1500 mg" a quantity: not without more.
        elif lower not in _UNITS and lower not in _WORDS:
            yield _warning("postcode", False, m.start(), m.end())


_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}"
    r"(?:[A-Za-z0-9]{11,30}"
    r"|(?P<sep>[ .-])[A-Za-z0-9]{4}(?:(?P=sep)[A-Za-z0-9]{4}){1,6}(?:(?P=sep)[A-Za-z0-9]{1,4})?"
    r")(?![A-Za-z0-9])"
)
_IBAN_SEPARATORS = re.compile(r"[ .-]")
_NL_IBAN = re.compile(r"NL[0-9]{2}[A-Z]{4}[0-9]{10}")


def _iban_valid(candidate: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, A=10 .. Z=35."""
    compact = _IBAN_SEPARATORS.sub("", candidate).upper()
    if not 15 <= len(compact) <= 34:
        return False
    if compact.startswith("NL") and not _NL_IBAN.fullmatch(compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def _find_iban(text: str) -> Iterator[PrivacyWarning]:
    for m in _IBAN.finditer(text):
        candidate = m.group()
        # A grouped match may have swallowed a following word ("... 7034 TEST"):
        # retry without trailing groups before giving up.
        separator = m["sep"] or " "
        while not _iban_valid(candidate) and separator in candidate[4:]:
            candidate = candidate.rsplit(separator, 1)[0]
        if _iban_valid(candidate):
            end = m.start() + len(candidate)
            yield _warning("iban", candidate.isupper(), m.start(), end)


# --- public API --------------------------------------------------------------


def _warning(kind: str, hoog: bool, start: int, end: int) -> PrivacyWarning:
    return PrivacyWarning(kind, HOOG if hoog else LAAG, start, end, _MESSAGES[kind])


def _drop_overlaps(found: Iterable[PrivacyWarning]) -> list[PrivacyWarning]:
    """Keep the highest-priority finding wherever findings overlap.

    Kinds are merged one at a time against the already kept, non-overlapping
    findings with a binary search, so many findings stay cheap.
    """
    by_kind: dict[str, list[PrivacyWarning]] = {kind: [] for kind in _PRIORITY}
    for warning in found:
        by_kind[warning.kind].append(warning)
    kept: list[PrivacyWarning] = []
    for kind in _PRIORITY:
        starts = [w.start for w in kept]
        ends = [w.end for w in kept]  # sorted too, since kept never overlaps
        fresh: list[PrivacyWarning] = []
        last_end = -1
        for w in sorted(by_kind[kind], key=lambda w: (w.start, -w.end)):
            i = bisect_right(ends, w.start)
            if w.start < last_end or (i < len(kept) and starts[i] < w.end):
                continue
            fresh.append(w)
            last_end = w.end
        kept = sorted(kept + fresh, key=lambda w: w.start)
    return kept


def scan(text: str) -> list[PrivacyWarning]:
    """Warnings for personal data in ``text``, sorted by start, never overlapping.

    Offsets refer to ``normalise(text)``.
    """
    norm = normalise(text)
    bsns = list(_find_bsn(norm))
    # "bsn 080012345" is also a valid 0800 number; with the keyword, or grouped the way a
    # BSN is written (080.000.000), it is a BSN.
    named = {
        (w.start, w.end)
        for w in bsns
        if w.confidence == HOOG or not norm[w.start : w.end].isdigit()
    }
    phones = [w for w in _find_phone(norm) if (w.start, w.end) not in named]
    found = [*_find_iban(norm), *_find_email(norm), *_find_dates(norm), *phones, *bsns]
    return _drop_overlaps([*found, *_find_postcodes(norm)])


def describe(warnings: Iterable[PrivacyWarning], field: str) -> list[str]:
    """One Dutch line per kind of finding, e.g. "Notitie bij stap 3: mogelijk een
    telefoonnummer.", with a count when a kind occurs more than once."""
    first: dict[str, str] = {}
    counts: dict[str, int] = {}
    for w in warnings:
        first.setdefault(w.kind, w.message)
        counts[w.kind] = counts.get(w.kind, 0) + 1
    label = field.strip()
    lines = []
    for kind, message in first.items():
        if counts[kind] > 1:
            message = f"{message.rstrip('.')} ({counts[kind]} keer)."
        if label:
            lines.append(f"{label[:1].upper()}{label[1:]}: {message[:1].lower()}{message[1:]}")
        else:
            lines.append(message)
    return lines
