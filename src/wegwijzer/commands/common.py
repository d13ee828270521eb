"""Helpers shared by the commands: printing problems and finding a flow."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.flows.catalog import Catalog, load_catalog

if TYPE_CHECKING:
    from wegwijzer.core.flows.check import LoadedFlow


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
    print(f"fout: flow '{name[:80]}' niet gevonden (beschikbaar: {known})", file=sys.stderr)
    return None, catalog
