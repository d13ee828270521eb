"""``wegwijzer verify``: a record exported by plain mode checks out; any tampering does not."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

from wegwijzer.core.records.drafts import ENV_DATA

from helpers import DATA, FLOWS, run_cli

SHIPPED = sorted(p.stem for p in FLOWS.glob("*.toml"))


def _env(flows: Path | None, tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[ENV_DATA] = str(tmp_path / "data")
    if flows is not None:
        env["WEGWIJZER_FLOWS"] = str(flows)
    else:
        env.pop("WEGWIJZER_FLOWS", None)
    return env


def _export(flow: str, out: Path, env: dict[str, str]) -> None:
    """The user's command: ``yes 1 | wegwijzer run FLOW --plain --export OUT``."""
    python, target = shlex.quote(sys.executable), shlex.quote(str(out))
    command = f"yes 1 | {python} -m wegwijzer run {shlex.quote(flow)} --plain --export {target}"
    result = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    assert f"Overzicht opgeslagen: {out}" in result.stdout


def _check_exported(out: Path) -> dict[str, object]:
    assert out.stat().st_mode & 0o777 == 0o600
    data = tomllib.loads(out.read_text("utf-8"))
    assert data["steps"] and all(step["citations"] for step in data["steps"])
    assert data["steps"][-1]["kind"] == "outcome"
    return data


def test_yes_1_export_then_verify_then_tamper(flows_dir: Path, tmp_path: Path) -> None:
    env = _env(flows_dir, tmp_path)
    out = tmp_path / "out.toml"
    _export(str(DATA / "valid.toml"), out, env)
    data = _check_exported(out)
    ok = run_cli("verify", str(out), env=env)
    assert (ok.returncode, ok.stdout) == (0, f"in orde: {out}\n")

    text = out.read_text("utf-8")
    assert 'answer = "Ja"' in text
    out.write_text(text.replace('answer = "Ja"', 'answer = "Misschien"'), "utf-8")
    bad = run_cli("verify", str(out), env=env)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        f"niet in orde: {out}",
        "  - stap 3 ('politie'): het antwoord is niet de tekst van keuze 1",
    ]
    assert data["flow"] == "testflow"


@pytest.mark.parametrize("flow_id", SHIPPED)
def test_shipped_flows_export_and_verify(flow_id: str, tmp_path: Path) -> None:
    env = _env(None, tmp_path)
    out = tmp_path / "out.toml"
    _export(flow_id, out, env)
    _check_exported(out)
    assert run_cli("verify", str(out), env=env).returncode == 0
    text = out.read_text("utf-8")
    changed = re.sub(r"^number = \d+$", "number = 29", text, count=1, flags=re.MULTILINE)
    if changed == text:
        changed = re.sub(
            r'^answer = "[^"\n]*"$', 'answer = "geen optie"', text, count=1, flags=re.MULTILINE
        )
    out.write_text(changed, "utf-8")
    assert run_cli("verify", str(out), env=env).returncode == 1


@pytest.fixture
def exported(flows_dir: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    env = _env(flows_dir, tmp_path)
    out = tmp_path / "out.toml"
    result = run_cli(
        "run", "testflow", "--plain", "--export", str(out), stdin="1\n1\n1\n2\n", env=env
    )
    assert result.returncode == 0, result.stderr
    return out, env


def _verify_after(out: Path, env: dict[str, str], change: dict[str, object]) -> list[str]:
    data = tomllib.loads(out.read_text("utf-8"))
    data.update(change)
    out.write_bytes(tomli_w.dumps(data).encode())
    result = run_cli("verify", str(out), env=env)
    assert result.returncode == 1
    return result.stdout.splitlines()[1:]


def test_a_changed_flow_file_that_still_fits_is_in_order_with_the_change_named(
    exported: tuple[Path, dict[str, str]], flows_dir: Path
) -> None:
    out, env = exported
    with (flows_dir / "testflow.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# gewijzigd\n")
    result = run_cli("verify", str(out), env=env)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        f"in orde, maar het stappenplan is sindsdien gewijzigd: {out}",
        "  - Het stappenplan is gewijzigd, maar niet in de stappen van dit overzicht.",
    ]


def test_unknown_flow_is_reported(exported: tuple[Path, dict[str, str]]) -> None:
    out, env = exported
    assert _verify_after(out, env, {"flow": "onbekend"}) == [
        f"  - stappenplan 'onbekend' staat niet in de catalogus ({env['WEGWIJZER_FLOWS']})"
    ]


def test_wrong_actions_are_reported(exported: tuple[Path, dict[str, str]]) -> None:
    out, env = exported
    data = tomllib.loads(out.read_text("utf-8"))
    actions = data["actions"]
    actions[0]["group"] = "politie"
    assert _verify_after(out, env, {"actions": actions}) == [
        "  - actie 1 wijkt af van wat het stappenplan aanbeveelt"
    ]


def test_wrong_citations_and_order_are_reported(exported: tuple[Path, dict[str, str]]) -> None:
    out, env = exported
    steps = tomllib.loads(out.read_text("utf-8"))["steps"]
    steps[0]["citations"] = ["9"]
    steps[1], steps[2] = steps[2], steps[1]
    assert _verify_after(out, env, {"steps": steps}) == [
        "  - stap 1 ('begin'): de verwijzingen wijken af van het stappenplan (antwoord 1)",
        "  - stap 2 ('politie') volgt niet uit het antwoord op stap 1 (verwacht 'signalen')",
    ]


def test_unreadable_record_gives_reasons_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text('format = 1\nstarted = "gisteren"\n', "utf-8")
    result = run_cli("verify", str(path), env=_env(None, tmp_path))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert (
        f"  - {path}, veld 'started': moet een tijdstip zijn (bijv. 2024-05-01T09:30:00+02:00)"
        in result.stdout
    )


def test_a_draft_is_not_complete(flows_dir: Path, tmp_path: Path) -> None:
    env = _env(flows_dir, tmp_path)
    run_cli("run", "testflow", "--plain", stdin="1\n", env=env)
    (draft,) = (tmp_path / "data" / "concepten").glob("*.toml")
    result = run_cli("verify", str(draft), env=env)
    assert result.returncode == 1
    assert result.stdout.splitlines()[1:] == [
        "  - het overzicht is niet afgerond (een concept zonder uitkomst)"
    ]


def test_verify_against_a_flow_file(tmp_path: Path) -> None:
    env = _env(None, tmp_path)
    out = tmp_path / "out.toml"
    run_cli(
        "run", str(DATA / "valid.toml"), "--plain", "--export", str(out), stdin="1\n" * 10, env=env
    )
    assert run_cli("verify", str(out), env=env).returncode == 1  # not in the shipped catalog
    with_flow = run_cli("verify", str(out), "--flow", str(DATA / "valid.toml"), env=env)
    assert with_flow.returncode == 0 and with_flow.stdout.startswith("in orde")
