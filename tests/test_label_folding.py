"""Labels are folded with a table filled as characters come: the same as the whole table."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.text import default_ignorable, is_default_ignorable
from wegwijzer.core.flows import labels

WHOLE = str.maketrans({**{chr(code): None for code in default_ignorable()}, **labels._CONFUSABLE})
SPECIAL = sorted(default_ignorable())[::7] + [ord(c) for c in labels._CONFUSABLE]
LABELS = st.text(
    st.characters() | st.sampled_from(SPECIAL).map(chr) | st.sampled_from("JjAa é"),
    max_size=20,
)


def whole_table_key(label: str) -> str:
    """``label_key`` as it was, with every invisible character an entry of the table."""
    if label.isascii():
        return " ".join(label.casefold().split())
    text = unicodedata.normalize("NFKC", label).translate(WHOLE)
    text = unicodedata.normalize("NFKC", text.casefold()).translate(WHOLE)
    return " ".join(text.split())


@settings(max_examples=500)
@given(label=LABELS)
def test_the_key_is_the_one_of_the_whole_table(label: str) -> None:
    assert labels.label_key(label) == whole_table_key(label)


def test_is_default_ignorable_is_membership_of_the_whole_set() -> None:
    ignorable = default_ignorable()
    assert all(is_default_ignorable(code) == (code in ignorable) for code in range(0x110000))
