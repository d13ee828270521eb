"""The command line as a user meets it: sources, schema, help, and a regular install."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from wegwijzer.commands.schema import flow_schema
from wegwijzer.core.flows.source import Source

from helpers import ROOT, run_cli


def test_sources_4_prints_question_and_answer_as_the_source_has_them(source: Source) -> None:
    result = run_cli("sources", "4")
    assert result.returncode == 0
    question = source.question(4)
    assert question is not None
    expected = "\n".join(
        ["Vraag 4", "", question.question, "", "Antwoord vraag 4", "", "\n\n".join(question.answer)]
    )
    assert result.stdout == expected + "\n"
    assert result.stdout.count("\n\n") == 4  # title, question, header, between two paragraphs
    assert "Zedendelicten kunnen ambtshalve worden opgespoord en vervolgd." in result.stdout


def test_sources_without_number_prints_the_whole_document() -> None:
    result = run_cli("sources")
    assert result.returncode == 0
    assert all(f"Antwoord vraag {n}\n" in result.stdout for n in range(1, 11))
    assert "ontvangen 25 mei 2020" in result.stdout
    assert "Voetnoot 2 (bij alinea 1): Kamerbrief Perspectief voor de Jeugd" in result.stdout


def test_sources_unknown_number() -> None:
    result = run_cli("sources", "11")
    assert result.returncode == 1
    assert "vraag 11 bestaat niet" in result.stderr


def test_committed_schema_matches_the_model() -> None:
    committed = (ROOT / "docs" / "flow.schema.json").read_text(encoding="utf-8")
    assert committed == flow_schema(), "run: wegwijzer schema > docs/flow.schema.json"
    schema = json.loads(committed)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) >= {"schema", "id", "title", "start", "steps"}


def test_schema_command_prints_the_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"] == "wegwijzer flow"


def test_help_and_errors_are_dutch() -> None:
    result = run_cli("--help")
    assert "gebruik: wegwijzer" in result.stdout
    assert "Zonder commando start de terminal-app" in result.stdout
    wrong = run_cli("bestaatniet")
    assert wrong.returncode == 2
    assert "fout: argument" in wrong.stderr and "ongeldige keuze" in wrong.stderr


@pytest.mark.parametrize(
    "module",
    [
        "wegwijzer.core",
        "wegwijzer.core.walk.session",
        "wegwijzer.core.flows.check",
        "wegwijzer.plain",
        "wegwijzer.cli",
    ],
)
def test_the_core_and_headless_commands_never_import_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules, 'textual imported'"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_headless_check_run_imports_no_textual() -> None:
    code = (
        "import sys, runpy; sys.argv = ['wegwijzer', 'check', '--json'];\n"
        "from wegwijzer.cli import main\n"
        "try:\n    main()\nfinally:\n    assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60, capture_output=True)


def test_flows_folder_from_option_and_environment(flows_dir: Path, tmp_path: Path) -> None:
    by_option = run_cli("--flows", str(flows_dir), "check", "--json")
    assert [f["id"] for f in json.loads(by_option.stdout)["flows"]] == ["testflow"]
    env = {**os.environ, "WEGWIJZER_FLOWS": str(flows_dir)}
    by_env = run_cli("check", "--json", env=env, cwd=tmp_path)
    assert [f["id"] for f in json.loads(by_env.stdout)["flows"]] == ["testflow"]


def test_a_regular_install_finds_the_shipped_flows(tmp_path: Path) -> None:
    """Build a wheel, install it apart from the checkout, and run it from elsewhere."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    target = tmp_path / "site"
    wheel = next(wheels.glob("wegwijzer-*.whl"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "WEGWIJZER_FLOWS"}
    env["PYTHONPATH"] = str(target)
    result = run_cli("check", "--json", env=env, cwd=elsewhere)
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert all(Path(f["path"]).is_relative_to(target) for f in report["flows"])
    where = subprocess.run(
        [sys.executable, "-c", "import wegwijzer; print(wegwijzer.__file__)"],
        env=env,
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(target)
    shipped = run_cli("sources", "7", env=env, cwd=elsewhere)
    assert "raamcontract bij de VNG" in shipped.stdout
    assert (target / "wegwijzer" / "flows" / "sources" / "gevarenzone-2020.toml").is_file()
