"""Helpers shared by the commands: printing problems and finding a flow."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.flows.catalog import Catalog, load_catalog

if TYPE_CHECKING:
    from wegwijzer.core.flows.check import LoadedFlow
    from wegwijzer.core.flows.protocol import Protocol


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(f"fout: {problem}", file=sys.stderr)


def resolve_flow(name: str, catalog: Catalog | None = None) -> tuple[LoadedFlow | None, Catalog]:
    """A flow by id or file name from the catalog, or by path to a file elsewhere."""
    catalog = catalog if catalog is not None else load_catalog()
    found = catalog.find(name)
    if found is not None:
        return found, catalog
    from wegwijzer.core.flows.check import load_flow

    path = Path(name)
    if path.suffix == ".toml" and path.exists():
        try:
            return load_flow(path, catalog.sources), catalog
        except ProblemsError as error:
            print_problems(error.problems)
            return None, catalog
    known = ", ".join(f.flow.id for f in catalog.flows) or "geen"
    print(f"fout: stappenplan '{name[:80]}' niet gevonden (beschikbaar: {known})", file=sys.stderr)
    return None, catalog


def active_protocol(catalog: Catalog | None = None) -> tuple[Protocol | None, bool]:
    """The protocol to show (``--protocol``, ``$WEGWIJZER_PROTOCOL`` or the config folder's).

    ``(None, True)`` when there is none; ``(None, False)`` after printing, in Dutch, why
    the one given cannot be used: a worker who expects their protocol must not get a
    walk without it unawares.
    """
    from wegwijzer.core.flows.protocol_location import protocol_path

    path = protocol_path()
    if path is None:
        return None, True  # the usual case costs one look at the config folder
    from wegwijzer.core.flows.protocol import known_topics, load_protocol

    if catalog is None:
        from wegwijzer.core.flows.catalog import default_flows_dir, load_sources

        sources = load_sources(default_flows_dir())[0]
    else:
        sources = catalog.sources
    try:
        return load_protocol(path, known_topics(sources.values())), True
    except ProblemsError as error:
        print_problems(error.problems)
        print(
            "fout: het eigen protocol kan niet worden gebruikt; controleer het met "
            f"'wegwijzer protocol check {clean(str(path), limit=200)}'",
            file=sys.stderr,
        )
        return None, False
