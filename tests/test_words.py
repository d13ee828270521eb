"""One set of Dutch words (issue 14, item 9): what a user reads never says flow, record,
dossier, TOML or draft, and argparse's own English is gone.

The glossary is in docs/gebruik.md: stappenplan, oefening, concept, overzicht, bron,
zaakkenmerk. Code stays English, so names a user types or a file holds are allowed:
command names after ``wegwijzer``, ``--options``, ``$WEGWIJZER_…`` variables, file
names and paths, and field names in quotes or backticks.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from wegwijzer.cli import build_parser, main
from wegwijzer.commands import MODULES

from helpers import DATA, FLOWS, ROOT

SRC = ROOT / "src" / "wegwijzer"
# A word that starts with one of these is the jargon the glossary replaces
# ("flowbestand", "TOML-record" and "recordbestand" too).
JARGON = ("flow", "record", "dossier", "toml", "draft")
# Whole English words that only leak from code or argparse.
ENGLISH = frozenset(
    {
        *("usage", "options", "optional", "positional", "arguments", "show", "message"),
        *("exit", "error", "invalid", "choice", "required", "unrecognized", "expected"),
        *("the", "and", "or", "session", "sessions"),
    }
)

# Docs a user, a trainer or the keeper of the protocol reads (the English
# developer docs, authoring.md, architecture.md, performance.md and security.md,
# may say flow).
USER_DOCS = (
    "docs/gebruik.md",
    "docs/toegankelijkheid.md",
    "docs/protocol.md",
    "docs/klas.md",
    "docs/records.md",
    "docs/flows.md",
    "src/wegwijzer/tui/help.md",
)
# Source files whose strings no user reads: argparse's English (translated there),
# the Mermaid graph, and the JSON Schema for authors.
NOT_READ = {"i18n.py", "core/flows/graph.py", "commands/schema.py"}
COMMANDS = "|".join(MODULES)

_CODE_LIKE = [
    re.compile(r"<[a-z/][^<>]*>"),  # HTML tags and placeholders such as <datum>
    re.compile(rf"\bwegwijzer (?:{COMMANDS})\b"),  # a command: its name is code
    re.compile(rf"(?m)^ +(?:{COMMANDS}|init) "),  # the commands listed in --help
    re.compile(r"(?<![\w-])--?[a-z][\w-]*"),  # --options
    re.compile(r"\$?\bWEGWIJZER_[A-Z_]+"),  # environment variables
    re.compile(r"[\w.~<>*{}-]*/[\w./~<>*{}-]*"),  # paths
    re.compile(r"[\w~<>*{}-]+\.(?:toml|md|json|csv)\b"),  # file names
    re.compile(r"'[\w.\[\]-]+'|`[^`\s]+`|\"[\w.-]+\""),  # a field name or key in quotes
]


def jargon_in(text: str) -> set[str]:
    """The forbidden words a user would read in ``text``."""
    for pattern in _CODE_LIKE:
        # A tag goes without a trace, so a file name with a placeholder stays one.
        text = pattern.sub("" if pattern is _CODE_LIKE[0] else " ", text)
    found = set()
    for word in re.findall(r"[^\W\d_]+", text):
        lowered = word.lower()
        if lowered.startswith(JARGON) or lowered in ENGLISH:
            found.add(word)
    return found


def test_the_check_itself_finds_jargon_and_passes_code() -> None:
    assert jargon_in("Dossier geopend") == {"Dossier"}
    assert jargon_in("het recordbestand (TOML)") == {"recordbestand", "TOML"}
    assert jargon_in("usage: wegwijzer [-h]") == {"usage"}
    assert jargon_in("kies 'info' or 'outcome'") == {"or"}
    assert jargon_in("id of bestand van de flow") == {"flow"}
    assert not jargon_in("zie: wegwijzer drafts, --flows MAP en $WEGWIJZER_FLOWS")
    assert not jargon_in("veld 'flow' in protocol.toml of ~/.config/wegwijzer/protocol.toml")


# --- the command line ------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def _all_help() -> list[tuple[str, str]]:
    return [(p.prog, p.format_help()) for p in _parsers(build_parser())]


def test_every_help_text_is_in_the_glossary_words() -> None:
    helps = _all_help()
    # Every command and the protocol's own commands: a parser left out is not checked.
    assert {prog.split()[-1] for prog, _ in helps} >= set(MODULES) | {"init"}
    bad = {prog: sorted(jargon_in(text)) for prog, text in helps if jargon_in(text)}
    assert not bad


@pytest.mark.parametrize(
    "argv",
    [
        ["--bestaat-niet"],
        ["bestaat-niet"],
        ["verify"],
        ["run", "--export"],
        ["drafts", "--purge", "--delete", "x"],
        ["train", "--feedback", "soms"],
        ["--version"],
    ],
)
def test_argparse_errors_and_version_are_dutch(argv: list[str]) -> None:
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),
    ):
        main(argv)
    said = out.getvalue() + err.getvalue()
    assert said.strip()
    assert not jargon_in(said), said


# --- every sentence in the source ------------------------------------------------


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(body, list)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            found.add(id(body[0].value))
    return found


def _not_read(tree: ast.AST) -> set[int]:
    """Strings no user reads: schema descriptions for authors, programming errors, CSS,
    regular expressions."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST] = []
        if isinstance(node, ast.keyword) and node.arg == "description":
            parts = [node.value]
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", "")
            if name in ("ValueError", "TypeError", "AttributeError", "RuntimeError"):
                parts = [node.exc]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in _REGEX_CALLS:
            parts = node.args[:1]
        elif isinstance(node, ast.Assign) and any(
            getattr(target, "id", "") in ("DEFAULT_CSS", "CSS") for target in node.targets
        ):
            parts = [node.value]
        for part in parts:
            skipped |= {id(sub) for sub in ast.walk(part)}
    return skipped


_REGEX_CALLS = ("compile", "sub", "search", "match", "fullmatch", "findall", "split")


def _sentences() -> Iterator[tuple[str, str]]:
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name in NOT_READ:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree) | _not_read(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                # An f-string as a whole: "flow '" + name + "' bestaat niet".
                text = "".join(
                    part.value if isinstance(part, ast.Constant) else "'x'" for part in node.values
                )
                if id(node) not in skip and " " in text.strip():
                    skip |= {id(part) for part in node.values}
                    yield f"{name}:{node.lineno}", text
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and " " in node.value.strip()  # a sentence, not a key or an id
            ):
                yield f"{name}:{node.lineno}", node.value


def test_no_sentence_in_the_code_uses_jargon() -> None:
    sentences = list(_sentences())
    assert len(sentences) > 500  # the scan reaches the messages, labels and help texts
    bad = [f"{where}: {sorted(jargon_in(text))}" for where, text in sentences if jargon_in(text)]
    assert not bad, "\n".join(bad)


def test_every_key_in_the_footer_and_the_help_uses_the_glossary() -> None:
    # Binding descriptions are short ("Bron", "Notitie"): the sentence scan above
    # passes over single words, so read them from the classes themselves.
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import wegwijzer.tui

    descriptions = {}
    for module in pkgutil.walk_packages(wegwijzer.tui.__path__, "wegwijzer.tui."):
        for value in vars(importlib.import_module(module.name)).values():
            own = getattr(value, "__module__", "").startswith("wegwijzer.")
            if own and isinstance(value, type) and issubclass(value, DOMNode):
                for binding in value.BINDINGS:
                    if isinstance(binding, Binding) and binding.description:
                        descriptions[f"{value.__name__} {binding.key}"] = binding.description
    assert len(descriptions) > 40
    bad = {key: text for key, text in descriptions.items() if jargon_in(text)}
    assert not bad


# --- the help screen and the user docs --------------------------------------------


@pytest.mark.parametrize("doc", USER_DOCS)
def test_user_docs_use_the_glossary(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    bad = [
        f"{number}: {sorted(jargon_in(line))}"
        for number, line in enumerate(_without_stored_files(text).splitlines(), 1)
        if jargon_in(line)
    ]
    assert not bad, "\n".join(bad)


def _without_stored_files(text: str) -> str:
    # A file as it is stored or made (```toml, ```markdown, ```mermaid) keeps its field
    # names and the user's notes; the checks above cover the code that writes them. The
    # line numbers stay right because a block becomes as many empty lines.
    return re.sub(
        r"```(?:toml|markdown|mermaid)\n.*?```",
        lambda block: "\n" * block.group().count("\n"),
        text,
        flags=re.S,
    )


def test_the_readme_user_part_uses_the_glossary() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    # The README's part for developers (from its English heading on) may say flow.
    user_part = text.split("\n## Voor ontwikkelaars", 1)[0]
    assert not jargon_in(user_part), sorted(jargon_in(user_part))


# --- problems a wijkteam reads, made from real bad files ---------------------------


def _problems_from_bad_files(tmp_path: Path) -> list[str]:
    from wegwijzer.core.base.problems import ProblemsError
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.records.reader import read_record

    messages = []
    catalog = load_catalog(FLOWS, files=sorted((DATA / "broken").glob("*.toml")))
    messages += [str(problem) for problem in catalog.problems]
    record_faults = {
        "kind": 'schema = 1\nflow = "x"\n[[steps]]\nid = "a"\nkind = "bogus"\n',
        "syntax": "flow = \n",
        "keys": 'optoins = 1\nflow_titel = "x"\n',
        "deep": "a = " + "[" * 200 + "]" * 200 + "\n",
    }
    for name, text in record_faults.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        try:
            read_record(path)
        except ProblemsError as error:
            messages += [str(problem) for problem in error.problems]
    return messages


def test_problems_from_bad_files_use_the_glossary(tmp_path: Path) -> None:
    messages = _problems_from_bad_files(tmp_path)
    assert len(messages) > 10
    bad = [f"{text}: {sorted(jargon_in(text))}" for text in messages if jargon_in(text)]
    assert not bad, "\n".join(bad)
