"""``wegwijzer run FLOW`` in the TUI: the flows folder is loaded and checked once, and the
flow opened is the checked one of the catalog the home screen lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from test_flow_cache import check_and_remember
from wegwijzer.commands import run as run_command
from wegwijzer.commands import terminal
from wegwijzer.core.flows import catalog as catalog_module
from wegwijzer.core.flows.catalog import Catalog, ListedCatalog
from wegwijzer.tui import app as app_module
from wegwijzer.tui.app import WegwijzerApp

from helpers import DATA, run_python


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, flows_dir: Path) -> list[WegwijzerApp]:
    """Apps that ``run`` would start (not run), and how often a folder was loaded."""
    monkeypatch.setenv(catalog_module.ENV_FLOWS, str(flows_dir))
    monkeypatch.setattr(terminal, "terminal_problem", lambda: None)  # as in a terminal
    apps: list[WegwijzerApp] = []
    monkeypatch.setattr(WegwijzerApp, "run", lambda self, **_: apps.append(self))
    return apps


def count_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path | None]:
    loads: list[Path | None] = []
    real = catalog_module.load_catalog

    def counted(folder: Path | None = None, files: Any = None) -> Catalog:
        loads.append(folder)
        return real(folder, files)

    monkeypatch.setattr(catalog_module, "load_catalog", counted)
    monkeypatch.setattr(app_module, "load_catalog", counted)
    return loads


@pytest.mark.parametrize("warm", [True, False])
def test_the_folder_is_loaded_once(
    started: list[WegwijzerApp], flows_dir: Path, monkeypatch: pytest.MonkeyPatch, warm: bool
) -> None:
    if warm:
        check_and_remember(flows_dir)
    loads = count_loads(monkeypatch)
    assert run_command._tui("testflow") == 0
    (app,) = started
    assert len(loads) == 1
    assert isinstance(app.catalog, ListedCatalog) == warm
    found = app.catalog.find("testflow")
    assert found is not None and found in app.catalog.flows  # the checked flow itself
    assert app.start_flow == "testflow"


def test_a_flow_file_elsewhere_gets_a_catalog_of_its_own(
    started: list[WegwijzerApp], flows_dir: Path, tmp_path: Path
) -> None:
    check_and_remember(flows_dir)
    elsewhere = tmp_path / "elders.toml"
    text = (DATA / "valid.toml").read_text(encoding="utf-8")
    elsewhere.write_text(text.replace('id = "testflow"', 'id = "elders"'), encoding="utf-8")
    assert run_command._tui(str(elsewhere)) == 0
    (app,) = started
    assert not isinstance(app.catalog, ListedCatalog)  # never cached with the folder's flows
    assert app.catalog.key is None
    assert app.catalog.find("elders") is not None


# --- `wegwijzer` with no command -----------------------------------------------------

NO_COMMAND = ([], ["--cursor"], ["--flows", "x"], ["--flows=x", "--cursor"], ["--prot", "p"])
HELP_OR_COMMAND = (["-h"], ["--help"], ["--he"], ["--flows", "x", "-h"], ["run", "x"], ["rnu"])


@pytest.mark.parametrize("argv", NO_COMMAND)
def test_no_command_builds_only_the_terminal_apps_command(argv: list[str]) -> None:
    """The start imports no other command, so neither the record nor the exercise code
    nor pydantic (they came with building every command's options)."""
    probe = (
        "import sys\n"
        "from wegwijzer.cli import build_parser, command_named\n"
        f"args = build_parser(command_named({argv!r})).parse_args({argv!r})\n"
        "assert args.command is None\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', "
        "'wegwijzer.commands.', 'wegwijzer.core.training', 'wegwijzer.core.records.record'))))\n"
    )
    printed = run_python(probe)
    assert printed.split("\n")[0] == str(["wegwijzer.commands.console", "wegwijzer.commands.home"])


@pytest.mark.parametrize("only", [None, "tui"])
def test_no_arguments_read_as_the_parser_reads_them(only: str | None) -> None:
    """``wegwijzer`` alone skips the parser; what it gets is what the parser would give."""
    from wegwijzer.cli import build_parser, parse

    assert vars(parse([])) == vars(build_parser(only).parse_args([]))


def test_no_arguments_import_no_parser() -> None:
    probe = (
        "import sys\n"
        "from wegwijzer.cli import parse\n"
        "parse([])\n"
        "print(sorted(m for m in ('argparse', 'gettext') if m in sys.modules))\n"
    )
    assert run_python(probe).split("\n")[0] == "[]"


@pytest.mark.parametrize("argv", HELP_OR_COMMAND)
def test_help_and_commands_still_see_every_command(argv: list[str]) -> None:
    from wegwijzer.cli import command_named

    named = command_named(argv)
    assert named != "tui"
    assert named == ("run" if argv[0] == "run" else None)
