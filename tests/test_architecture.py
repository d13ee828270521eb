"""The layout holds: imports run one way between the core's rooms, no cycles, small files."""

from __future__ import annotations

from pathlib import Path

import pytest

from architecture import ROOMS, SRC, all_modules, cycles, import_map, room_of, violations

MAX_LINES = 400


def test_every_core_module_lives_in_a_room() -> None:
    core = [name for name in all_modules() if name.startswith("wegwijzer.core.")]
    assert core, "no core modules found"
    assert [name for name in core if room_of(name) is None] == []


def test_the_source_follows_every_import_rule() -> None:
    assert violations(import_map()) == []


def test_a_reverse_import_between_rooms_is_caught() -> None:
    imports = import_map()
    imports["wegwijzer.core.flows.graph"].add("wegwijzer.core.records.privacy")
    found = violations(imports)
    assert found == [
        "wegwijzer.core.flows.graph imports wegwijzer.core.records.privacy: "
        "wegwijzer.core.records is above wegwijzer.core.flows"
    ]


@pytest.mark.parametrize(
    ("module", "target", "rule"),
    [
        ("wegwijzer.core.walk.session", "textual", "wegwijzer.core never imports textual"),
        ("wegwijzer.core.base.text", "wegwijzer.tui.render", "never imports wegwijzer.tui"),
        ("wegwijzer.tui.screens.debrief", "wegwijzer.train_plain", "never imports wegwijzer.train"),
        ("wegwijzer.plain", "wegwijzer.tui.app", "wegwijzer.plain never imports wegwijzer.tui"),
        (
            "wegwijzer.core.training.report",
            "wegwijzer.klas.progress",
            "never imports wegwijzer.klas",
        ),
        ("wegwijzer.tui.app", "wegwijzer.klas.view", "wegwijzer.tui never imports wegwijzer.klas"),
        ("wegwijzer.klas.view", "wegwijzer.train_plain", "wegwijzer.klas never imports"),
        ("wegwijzer.klas.trainee", "aiohttp", "only wegwijzer.klas.server"),
        ("wegwijzer.commands.run", "textual_serve", "only wegwijzer.klas.server"),
    ],
)
def test_a_forbidden_import_is_caught(module: str, target: str, rule: str) -> None:
    imports = import_map()
    imports[module].add(target)
    found = violations(imports)
    assert len(found) >= 1 and all(module in line for line in found)
    assert any(rule in line for line in found)


def test_a_cycle_is_caught_even_within_one_room() -> None:
    imports = import_map()
    # catalog -> cache exists; the way back closes a cycle inside core.flows
    assert "wegwijzer.core.flows.cache" in imports["wegwijzer.core.flows.catalog"]
    imports["wegwijzer.core.flows.cache"].add("wegwijzer.core.flows.catalog")
    assert violations(imports) == [
        "import cycle: wegwijzer.core.flows.cache -> wegwijzer.core.flows.catalog"
    ]


def test_the_cycle_finder_finds_every_group() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d", "a"}, "f": set()}
    assert sorted(cycles(graph)) == [["a", "b", "c"], ["d", "e"]]


def test_the_rooms_are_packages_with_a_two_line_docstring() -> None:
    for room in ROOMS:
        init = SRC / Path(*room.split(".")) / "__init__.py"
        doc = init.read_text(encoding="utf-8").strip().strip('"').strip()
        lines = doc.splitlines()
        assert len(lines) == 2, room
        assert "import" in lines[1].lower(), f"{room}: the second line says what it may import"


def test_no_source_file_is_longer_than_the_limit() -> None:
    long = {
        str(path.relative_to(SRC)): count
        for path in all_modules().values()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
