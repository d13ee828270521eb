"""``wegwijzer sources [N]``: the source document, or question and answer N."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wegwijzer.commands.common import print_problems
from wegwijzer.core.flows.catalog import default_flows_dir, load_sources
from wegwijzer.core.flows.source import Question, Source


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("sources", help="toon het brondocument of vraag en antwoord N")
    parser.add_argument("number", nargs="?", type=int, metavar="N", help="nummer van de vraag")
    parser.set_defaults(handler=run)


def question_text(question: Question) -> str:
    lines = [
        f"Vraag {question.number}",
        "",
        question.question,
        "",
        f"Antwoord vraag {question.number}",
        "",
    ]
    lines.append("\n\n".join(question.answer))
    for note in question.footnotes:
        lines += ["", f"Voetnoot {note.number} (bij alinea {note.paragraph}): {note.text}"]
    return "\n".join(lines)


def document_text(source: Source) -> str:
    head = [
        source.title,
        f"Antwoord van {source.answered_by}",
        f"(ontvangen {source.received_label})",
        "",
    ]
    body = [question_text(q) for q in source.questions]
    return "\n".join(head) + "\n" + "\n\n\n".join(body) + f"\n\nArtikel: {source.article}"


def run(args: argparse.Namespace) -> int:
    sources, problems = load_sources(default_flows_dir())
    if problems:
        print_problems(problems)
        return 1
    source = next(iter(sources.values()))
    if args.number is None:
        print(document_text(source))
        return 0
    question = source.question(args.number)
    if question is None:
        print(
            f"fout: vraag {args.number} bestaat niet (1 t/m {len(source.questions)})",
            file=sys.stderr,
        )
        return 1
    print(question_text(question))
    return 0
