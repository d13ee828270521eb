"""Text from a file or a keyboard made inert for a Markdown document.

Markdown gives meaning to punctuation: a ``[`` opens a link, ``<`` raw HTML, a line
that starts with ``#`` or ``-`` a heading or a list, ``|`` a table. Every such
character is escaped with a backslash (valid for all ASCII punctuation in
CommonMark), so the text renders as the very characters typed and never as a link,
an image, a heading, a table or HTML. Bare web and e-mail addresses are broken up
the same way, so renderers that link them on their own (GitHub) do not. Ordinary
punctuation (``. , ; : ? ( )``) stays as it is, so the file reads well as plain text.
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
# Bare addresses that GitHub-flavoured renderers would turn into links.
_SCHEME = re.compile(r"(?i)(?<=[a-z0-9])://")
_WWW = re.compile(r"(?i)\b(www)\.")


def _line(text: str) -> str:
    text = text.strip()
    text = _INLINE.sub(r"\\\1", text)
    text = _SCHEME.sub(r"\\://", text)
    text = _WWW.sub(r"\1\\.", text)
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def inline(value: str) -> str:
    """One line of inert Markdown: control characters made visible, line breaks as spaces."""
    return _line(clean(value))


def lines(value: str) -> list[str]:
    """Inert Markdown lines of a multi-line text, without empty lines (each its own line)."""
    found = [_line(line) for line in clean(value, multiline=True).split("\n")]
    return [line for line in found if line]
