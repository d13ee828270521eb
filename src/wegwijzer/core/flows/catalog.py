"""Finding and loading the flows folder: sources, flows, and what is wrong with them.

Importing this module imports no pydantic: the loaders are imported when a catalog
is loaded, so the TUI can list the flows from the cache (``core.flows.cache``)
before the first frame and check them right after it (``ListedCatalog``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.flows import cache as flow_cache
from wegwijzer.core.flows.cache import Checked, ExerciseEntry, FlowEntry, SourceEntry

if TYPE_CHECKING:
    from wegwijzer.core.flows.check import LoadedFlow
    from wegwijzer.core.flows.source import Source

ENV_FLOWS = "WEGWIJZER_FLOWS"


def default_flows_dir() -> Path:
    """``$WEGWIJZER_FLOWS``, else the flows shipped in the package, else the checkout's."""
    configured = os.environ.get(ENV_FLOWS)
    if configured:
        return Path(configured)
    package = Path(__file__).resolve().parents[2]
    shipped = package / "flows"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "flows"


class Catalog:
    """A flows folder: its sources, the flows that passed and the problems found.

    Written out: a dataclass compiles its methods at import, on the way to the home
    screen (docs/performance.md, issue 19). Equal by value, unhashable."""

    __slots__ = ("files", "flows", "folder", "key", "problems", "sources")

    def __init__(
        self,
        folder: Path,
        sources: dict[str, Source] | None = None,
        flows: list[LoadedFlow] | None = None,
        problems: list[Problem] | None = None,
        key: str | None = None,
        files: tuple[Path, ...] | None = None,
    ) -> None:
        self.folder = folder
        self.sources: dict[str, Source] = {} if sources is None else sources
        self.flows: list[LoadedFlow] = [] if flows is None else flows
        self.problems: list[Problem] = [] if problems is None else problems
        # The content key of the files before they were loaded (``flow_cache``); None when
        # the flows are not the folder's (or the given files') alone: never cached then.
        self.key = key
        self.files = files

    def _fields(self) -> tuple[object, ...]:
        return (self.folder, self.sources, self.flows, self.problems, self.key, self.files)

    def __eq__(self, other: object) -> bool:  # also makes it unhashable
        if not isinstance(other, Catalog) or other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()

    def __repr__(self) -> str:
        names = ("folder", "sources", "flows", "problems", "key", "files")
        values = zip(names, self._fields(), strict=True)
        shown = ", ".join(f"{name}={value!r}" for name, value in values)
        return f"{type(self).__name__}({shown})"

    @property
    def pending(self) -> bool:
        """True while the flows are listed from the cache and not loaded yet."""
        return False

    def find(self, name: str) -> LoadedFlow | None:
        """A flow by id or by file name (with or without ``.toml``)."""
        for loaded in self.flows:
            if name in (loaded.flow.id, loaded.path.name, loaded.path.stem, str(loaded.path)):
                return loaded
        return None


class ListedCatalog(Catalog):
    """A folder whose clean check is in the cache: listed at once, loaded on first use.

    ``listed`` is what the cache holds. Reading ``sources``, ``flows`` or ``problems``
    loads and checks the folder first (``load``), so no caller ever gets a flow that
    was not checked in this process. Any thread may load; the others wait for it.
    """

    __slots__ = ("_loaded", "_loading", "listed")

    def __init__(self, folder: Path, listed: Checked, key: str) -> None:
        self.folder = folder
        self.listed = listed
        self.key = key
        self.files = None
        self._loaded: Catalog | None = None
        self._loading = threading.Lock()

    @property
    def pending(self) -> bool:
        return self._loaded is None

    def load(self) -> Catalog:
        """The loaded catalog (loaded now, the first time)."""
        with self._loading:
            if self._loaded is None:
                # From the bytes the cache vouches for when they are unchanged (no pydantic);
                # checked in full when anything changed since the cache was filled.
                self._loaded = load_catalog(self.folder)
            return self._loaded

    @property
    def sources(self) -> dict[str, Source]:
        return self.load().sources

    @sources.setter
    def sources(self, value: dict[str, Source]) -> None:
        self.load().sources = value

    @property
    def flows(self) -> list[LoadedFlow]:
        return self.load().flows

    @flows.setter
    def flows(self, value: list[LoadedFlow]) -> None:
        self.load().flows = value

    @property
    def problems(self) -> list[Problem]:
        return self.load().problems

    @problems.setter
    def problems(self, value: list[Problem]) -> None:
        self.load().problems = value


def load_sources(
    folder: Path, vouched: Mapping[Path, bytes] | None = None
) -> tuple[dict[str, Source], list[Problem]]:
    """The folder's sources; from ``vouched`` (the bytes of a clean check in the cache,
    by path) instead of the files when given."""
    from wegwijzer.core.flows.source import load_source, parse_source

    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    where = folder / "sources"
    if vouched is not None:
        paths = [path for path in vouched if path.parent == where]
    else:
        paths = sorted(where.glob("*.toml"))
    for path in paths:
        try:
            if vouched is not None:
                source = parse_source(vouched[path], str(path), vouched=True)
            else:
                source = load_source(path)
        except ProblemsError as error:
            problems += error.problems
        else:
            sources[source.id] = source
    if not sources:
        problems.append(Problem(str(folder / "sources"), "", "", "geen brondocument gevonden"))
    return sources, problems


def load_catalog(
    folder: Path | None = None, files: list[Path] | None = None, *, trust_cache: bool = True
) -> Catalog:
    """Load the sources of ``folder`` and its flows, or the given ``files`` instead.

    When the cache of checked flows holds a clean check of the folder under the key of
    its files as they are read now, the flows and sources are built from exactly the
    bytes hashed, without pydantic (the graph and citation checks still run); anything
    else (a changed file, a changed checker, ``files``, ``trust_cache=False``) is
    validated with pydantic and checked in full.
    """
    from wegwijzer.core.flows.check import load_flow, load_flow_bytes

    folder = folder or default_flows_dir()
    given = tuple(files) if files is not None else None
    key, contents = flow_cache.read_inputs(folder, given)  # before reading: see ``remember``
    vouched = trust_cache and given is None and flow_cache.lookup(key) is not None
    trusted = contents if vouched else None
    sources, problems = load_sources(folder, trusted)
    catalog = Catalog(folder, sources, problems=problems, key=key, files=given)
    if trusted is not None:
        paths = [path for path in trusted if path.parent == folder]
    else:
        paths = list(given) if given is not None else sorted(folder.glob("*.toml"))
    for path in paths:
        try:
            if trusted is not None:
                loaded = load_flow_bytes(trusted[path], str(path), sources, path, vouched=True)
            else:
                loaded = load_flow(path, sources)
            catalog.flows.append(loaded)
        except ProblemsError as error:
            catalog.problems += error.problems
    catalog.problems += _drop_shared_ids(catalog)
    # The order the flow files ask for (``order``), then by title: the flow for a case
    # comes first on the home screen, whatever its file is called.
    catalog.flows.sort(key=lambda loaded: (loaded.flow.order, loaded.flow.title.casefold()))
    return catalog


def _drop_shared_ids(catalog: Catalog) -> list[Problem]:
    """Two files with one flow id: neither is used (either would hide the other)."""
    by_id: dict[str, list[LoadedFlow]] = {}
    for loaded in catalog.flows:
        by_id.setdefault(loaded.flow.id, []).append(loaded)
    problems = []
    for flow_id, same in by_id.items():
        if len(same) < 2:
            continue
        names = ", ".join(str(loaded.path) for loaded in same)
        for loaded in same:
            message = (
                f"stappenplan-id '{flow_id}' komt in meer bestanden voor ({names}); "
                "geen ervan wordt gebruikt"
            )
            problems.append(Problem(str(loaded.path), "", "id", message))
    if problems:
        catalog.flows = [loaded for loaded in catalog.flows if len(by_id[loaded.flow.id]) < 2]
    return problems


def open_catalog(folder: Path | None = None) -> Catalog:
    """The catalog for the home screen: listed from the cache when the folder's clean check
    is there (loaded on first use), else loaded now."""
    folder = folder or default_flows_dir()
    key = flow_cache.content_key(folder)
    listed = flow_cache.lookup(key)
    if key is not None and listed is not None:
        return ListedCatalog(folder, listed, key)
    return load_catalog(folder)


# --- what a clean check found, for the cache ------------------------------------------


def citation_counts(catalog: Catalog) -> dict[str, int]:
    """How many steps cite each answer, over all checked flows."""
    from wegwijzer.core.flows.source import parse_citation

    counts = {str(q.number): 0 for s in catalog.sources.values() for q in s.questions}
    for loaded in catalog.flows:
        for step_id in loaded.flow.steps:
            answers = {
                str(c.answer)
                for c in map(parse_citation, loaded.flow.all_citations(step_id))
                if c is not None
            }
            for answer in answers:
                counts[answer] = counts.get(answer, 0) + 1
    return counts


def flow_entry(loaded: LoadedFlow) -> FlowEntry:
    from wegwijzer.core.flows.guarantees import analyse
    from wegwijzer.core.flows.silence import silent_topics

    flow = loaded.flow
    guarantees = tuple((v.outcome, v.cite) for v in analyse(flow) if v.holds)
    silent = tuple(
        (topic.id, topic.label, step_id)
        for topic in silent_topics(flow, loaded.source)
        for step_id in topic.steps
    )
    return FlowEntry(
        flow.id, flow.title, flow.audience, len(flow.steps), str(loaded.path), guarantees, silent
    )


def source_entry(source: Source) -> SourceEntry:
    return SourceEntry(source.id, source.title, source.received_label, source.answered_by)


class CheckedExercise(Protocol):
    """An exercise that passed its check (``core.training`` defines it; flows never import it)."""

    def entry(self) -> ExerciseEntry: ...


def summarize(catalog: Catalog, exercises: Sequence[CheckedExercise] = ()) -> Checked:
    """The flows, exercises and sources that passed, as the cache keeps them."""
    return Checked(
        flows=tuple(flow_entry(loaded) for loaded in catalog.flows),
        exercises=tuple(item.entry() for item in exercises),
        sources=tuple(source_entry(source) for source in catalog.sources.values()),
        citations=tuple(citation_counts(catalog).items()),
    )


def remember(
    catalog: Catalog, exercises: Sequence[CheckedExercise], exercise_problems: Sequence[object]
) -> None:
    """Cache a clean check of ``catalog`` (with its exercises) for the next start.

    Stored under the key the files had *before* they were loaded, and only if they
    still have it now: a file changed while it was read is never cached as checked.
    """
    if exercise_problems or catalog.problems or not catalog.flows:
        return
    checked = summarize(catalog, exercises)
    key = catalog.key
    if isinstance(catalog, ListedCatalog):
        if checked == catalog.listed:
            return  # the cache holds it already
        key = catalog.load().key  # the files changed since they were listed
    if key is not None and flow_cache.content_key(catalog.folder, catalog.files) == key:
        flow_cache.store(key, checked)
