"""Finding and loading the flows folder: sources, flows, and what is wrong with them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from wegwijzer.core.check import LoadedFlow, load_flow
from wegwijzer.core.problems import Problem, ProblemsError
from wegwijzer.core.source import Source, load_source

ENV_FLOWS = "WEGWIJZER_FLOWS"


def default_flows_dir() -> Path:
    """``$WEGWIJZER_FLOWS``, else the flows shipped in the package, else the checkout's."""
    configured = os.environ.get(ENV_FLOWS)
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parent.parent
    shipped = package / "flows"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "flows"


@dataclass
class Catalog:
    folder: Path
    sources: dict[str, Source] = field(default_factory=dict)
    flows: list[LoadedFlow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def find(self, name: str) -> LoadedFlow | None:
        """A flow by id or by file name (with or without ``.toml``)."""
        for loaded in self.flows:
            if name in (loaded.flow.id, loaded.path.name, loaded.path.stem, str(loaded.path)):
                return loaded
        return None


def load_sources(folder: Path) -> tuple[dict[str, Source], list[Problem]]:
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for path in sorted((folder / "sources").glob("*.toml")):
        try:
            source = load_source(path)
        except ProblemsError as error:
            problems += error.problems
        else:
            sources[source.id] = source
    if not sources:
        problems.append(Problem(str(folder / "sources"), "", "", "geen brondocument gevonden"))
    return sources, problems


def load_catalog(folder: Path | None = None, files: list[Path] | None = None) -> Catalog:
    """Load the sources of ``folder`` and its flows, or the given ``files`` instead."""
    folder = folder or default_flows_dir()
    sources, problems = load_sources(folder)
    catalog = Catalog(folder, sources, problems=problems)
    paths = files if files is not None else sorted(folder.glob("*.toml"))
    for path in paths:
        try:
            catalog.flows.append(load_flow(path, sources))
        except ProblemsError as error:
            catalog.problems += error.problems
    return catalog
