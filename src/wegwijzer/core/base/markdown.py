"""Text from a file or a keyboard made inert for a Markdown document.

Markdown gives meaning to punctuation: a ``[`` opens a link, ``<`` raw HTML, a line
that starts with ``#`` or ``-`` a heading or a list, ``|`` a table. Every such
character is escaped with a backslash (valid for all ASCII punctuation in
CommonMark), so the text renders as the very characters typed and never as a link,
an image, a heading, a table or HTML. Whatever a renderer could link on its own
(GitHub, markdown-it's linkify: ``www.x``, ``a.nl``, ``//host``) is broken up the
same way: a dot before a letter and a double slash are escaped too. Other
punctuation (``, ; : ? ( )``, a dot before a space or a digit) stays as it is, so the
file reads well as plain text.
"""

from __future__ import annotations

import re

from wegwijzer.core.base.text import clean

# Characters with a meaning anywhere in a line (emphasis, code, links, HTML,
# entities, tables, strike-through, math, mentions) and the escape itself.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#!$@{}])")
# What makes a line a block of its own when it starts it: lists, setext underlines.
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^([0-9]{1,9})([.)])")
# What a linkifying renderer reads as an address: a domain (a dot before a letter,
# as every top-level domain starts with one) and a scheme or a scheme-less "//host".
_DOMAIN_DOT = re.compile(r"(?<=\S)\.(?=[^\W\d_])")
_DOUBLE_SLASH = re.compile(r"/(?=/)")


def _line(text: str) -> str:
    text = text.strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _DOMAIN_DOT.sub(r"\\.", text)
    text = _DOUBLE_SLASH.sub(r"\\/", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def inline(value: str) -> str:
    """One line of inert Markdown: control characters made visible, line breaks as spaces."""
    return _line(clean(value))


def lines(value: str) -> list[str]:
    """Inert Markdown lines of a multi-line text, without empty lines (each its own line)."""
    found = [_line(line) for line in clean(value, multiline=True).split("\n")]
    return [line for line in found if line]
