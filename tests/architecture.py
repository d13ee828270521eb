"""The import rules of docs/architecture.md, read from the source with ``ast``.

``imports_of`` reads which wegwijzer modules each module imports (at the top, in a
function or under ``TYPE_CHECKING``: all of them count). ``violations`` applies the
rules to such a map and returns one line per broken rule, so a test can feed it a
map with a reverse import or a cycle and see it fail.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"

# The core's rooms, lowest first: a room may import its own and the ones before it.
ROOMS = (
    "wegwijzer.core.base",
    "wegwijzer.core.flows",
    "wegwijzer.core.walk",
    "wegwijzer.core.records",
    "wegwijzer.core.training",
)
LINE_MODE = ("wegwijzer.plain", "wegwijzer.plain_lines", "wegwijzer.train_plain")
KLAS = "wegwijzer.klas"
FRONTS = ("wegwijzer.tui", KLAS, *LINE_MODE, "wegwijzer.commands", "wegwijzer.cli")
# The classroom server's web stack: only the package's server modules may import it.
WEB = ("aiohttp", "textual_serve", "jinja2", "aiohttp_jinja2")
WEB_MODULES = ("wegwijzer.klas.server", "wegwijzer.klas.sessions")
# What each part above the core must never import.
FORBIDDEN = {
    "wegwijzer.core": (*FRONTS, "textual", "rich"),
    "wegwijzer.tui": (*LINE_MODE, KLAS, "wegwijzer.commands", "wegwijzer.cli"),
    KLAS: (*LINE_MODE, "wegwijzer.commands", "wegwijzer.cli"),
    "wegwijzer.plain": ("wegwijzer.tui", KLAS, "wegwijzer.commands", "wegwijzer.cli", "textual"),
    "wegwijzer.plain_lines": (
        "wegwijzer.tui",
        KLAS,
        "wegwijzer.commands",
        "wegwijzer.cli",
        "textual",
    ),
    "wegwijzer.train_plain": (
        "wegwijzer.tui",
        KLAS,
        "wegwijzer.commands",
        "wegwijzer.cli",
        "textual",
    ),
}


def module_name(path: Path, root: Path = SRC) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(root: Path = SRC) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted((root / "wegwijzer").rglob("*.py"))}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def imports_of(path: Path, known: Iterable[str]) -> set[str]:
    """The modules ``path`` imports: wegwijzer's by module, others by top-level name."""
    known = set(known)
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
    return {name if _within(name, "wegwijzer") else name.split(".")[0] for name in found}


def import_map(root: Path = SRC) -> dict[str, set[str]]:
    modules = all_modules(root)
    return {name: imports_of(path, modules) for name, path in modules.items()}


def room_of(name: str) -> int | None:
    for index, room in enumerate(ROOMS):
        if _within(name, room):
            return index
    return None


def cycles(imports: Mapping[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(imports):
        if root in index:
            continue
        work = [(root, iter(sorted(imports.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in imports), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(imports[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def violations(imports: Mapping[str, set[str]]) -> list[str]:
    """One line per broken rule: a reverse import between rooms, a forbidden import, a cycle."""
    found: list[str] = []
    for name, targets in sorted(imports.items()):
        own = room_of(name)
        for target in sorted(targets):
            other = room_of(target)
            if own is not None and other is not None and other > own:
                found.append(f"{name} imports {target}: {ROOMS[other]} is above {ROOMS[own]}")
            for part, banned in FORBIDDEN.items():
                if _within(name, part):
                    for prefix in banned:
                        if _within(target, prefix):
                            found.append(f"{name} imports {target}: {part} never imports {prefix}")
        if not name.startswith(WEB_MODULES):
            for target in sorted(targets & set(WEB)):
                found.append(f"{name} imports {target}: only {', '.join(WEB_MODULES)} may")
    for group in cycles(imports):
        found.append("import cycle: " + " -> ".join(group))
    return found
