"""``wegwijzer protocol init|check`` and ``--protocol``, as a protocol keeper and a worker."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from helpers import run_cli

CASE = "zorgen-over-een-minderjarige"
# Line mode says the heading in sentences (a reader speaks brackets and dashes).
HEADING = re.compile(
    r"\nEigen protocol van Gemeente Voorbeeldstad, vastgesteld \d+ \w+ \d{4}\. "
    r"Dit komt niet uit de bron\.\n"
)
DANGER = "Bel direct de bereikbaarheidsdienst van <afdeling>."
POLICE = "Bespreek uw zorgen eerst met de aandachtsfunctionaris."


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["WEGWIJZER_DATA"] = str(tmp_path / "data")
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env.pop("WEGWIJZER_PROTOCOL", None)
    env.pop("WEGWIJZER_FLOWS", None)
    env.update(extra)
    return env


def fill(path: Path) -> None:
    """What a protocol keeper does after ``init``: fill in two topics."""
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        '[entries.direct-gevaar]\ntext = ""',
        f'[entries.direct-gevaar]\ntext = "{DANGER}"\n'
        'contacts = [{ label = "Bereikbaarheidsdienst", value = "<telefoonnummer>" }]',
    )
    text = text.replace(
        '[entries.politie-inlichten]\ntext = ""', f'[entries.politie-inlichten]\ntext = "{POLICE}"'
    )
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def protocol_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.toml"
    result = run_cli(
        "protocol",
        "init",
        str(path),
        "--organisatie",
        "Gemeente Voorbeeldstad",
        "--beheerder",
        "aandachtsfunctionaris",
        env=env_for(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert "alle nog leeg" in result.stdout
    fill(path)
    return path


def test_done_when_init_fill_run_export_verify(protocol_file: Path, tmp_path: Path) -> None:
    env = env_for(tmp_path)
    check = run_cli("protocol", "check", str(protocol_file), env=env)
    assert check.returncode == 0, check.stderr
    assert "2 van" in check.stdout and "in orde" in check.stdout
    assert "direct-gevaar: getoond bij Zorgen over een minderjarige (" in check.stdout
    record = tmp_path / "r.toml"
    # "Nee" to direct danger, then on to the police step ("Nog niet"), and then on.
    answers = "1\n3\n1\n1\n1\n1\n1\n" + "1\n" * 40
    result = run_cli(
        "--protocol",
        str(protocol_file),
        "run",
        CASE,
        "--plain",
        "--export",
        str(record),
        stdin=answers,
        env=env,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    out = result.stdout
    steps = out.split("\nStap ")
    danger = next(s for s in steps if "Is de minderjarige nu in direct gevaar" in s.split("\n")[1])
    police = next(s for s in steps if "Is de politie al op de hoogte" in s.split("\n")[1])
    assert HEADING.search(danger) and DANGER in danger and "<telefoonnummer>" in danger
    assert HEADING.search(police) and POLICE in police
    # The heading comes after the source's quotes, never inside the step's own text.
    assert danger.index("Gebaseerd op:") < HEADING.search(danger).start()  # type: ignore[union-attr]
    outcome = out.split("\nUitkomst: ", 1)[1]
    actions, group = outcome.split("\nAanbevolen acties:\n")[1].split("\n\nEigen protocol van ")
    group = "\nEigen protocol van " + group
    assert POLICE not in actions and DANGER not in actions  # never among the source's actions
    assert POLICE in group and HEADING.search(group)
    data = tomllib.loads(record.read_text(encoding="utf-8"))
    assert data["protocol"]["organisation"] == "Gemeente Voorbeeldstad"
    assert data["protocol"]["hash"].startswith("sha256:")
    assert {e["topic"] for e in data["protocol_entries"]} == {"direct-gevaar", "politie-inlichten"}
    assert all(POLICE not in a["text"] for a in data["actions"])
    verified = run_cli("--protocol", str(protocol_file), "verify", str(record), env=env)
    assert verified.returncode == 0, verified.stdout
    assert "gemaakt met het eigen protocol van Gemeente Voorbeeldstad" in verified.stdout
    assert data["protocol"]["hash"] in verified.stdout
    opened = run_cli("open", str(record), "--plain", env=env)
    assert HEADING.search(opened.stdout) and data["protocol"]["hash"] in opened.stdout
    protocol_file.write_text(
        protocol_file.read_text(encoding="utf-8").replace("eerst", "altijd"), encoding="utf-8"
    )
    changed = run_cli("--protocol", str(protocol_file), "verify", str(record), env=env)
    assert changed.returncode == 1
    assert "de inhoud-hash verschilt" in changed.stdout


def test_the_environment_and_the_config_folder_name_the_protocol(
    protocol_file: Path, tmp_path: Path
) -> None:
    by_env = run_cli(
        "run",
        CASE,
        "--plain",
        stdin="1\n",
        env=env_for(tmp_path, WEGWIJZER_PROTOCOL=str(protocol_file)),
    )
    assert HEADING.search(by_env.stdout) and DANGER in by_env.stdout
    folder = tmp_path / "config" / "wegwijzer"
    folder.mkdir(parents=True)
    (folder / "protocol.toml").write_bytes(protocol_file.read_bytes())
    by_default = run_cli("run", CASE, "--plain", stdin="1\n", env=env_for(tmp_path))
    assert HEADING.search(by_default.stdout) and DANGER in by_default.stdout
    checked = run_cli("protocol", "check", env=env_for(tmp_path))
    assert checked.returncode == 0 and "in orde" in checked.stdout


def test_without_a_protocol_nothing_changes(tmp_path: Path) -> None:
    result = run_cli("run", CASE, "--plain", stdin="1\n1\n", env=env_for(tmp_path))
    assert result.returncode == 0
    assert "Eigen protocol" not in result.stdout and "niet uit de bron" not in result.stdout
    none = run_cli("protocol", "check", env=env_for(tmp_path))
    assert none.returncode == 1 and "geen eigen protocol ingesteld" in none.stdout


def test_a_broken_protocol_stops_the_walk_with_dutch_reasons(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'schema = 1\norganisation = "X"\nadopted = 2026-01-01\nreview_by = 2027-01-01\n'
        'maintainer = "rol"\n[entries.direct-gevaar]\ntext = "Bel."\ncites = ["4.1"]\n',
        encoding="utf-8",
    )
    env = env_for(tmp_path)
    result = run_cli("--protocol", str(path), "run", CASE, "--plain", stdin="1\n", env=env)
    assert result.returncode == 1
    assert "citaten horen alleen bij de stappen" in result.stderr
    assert "het eigen protocol kan niet worden gebruikt" in result.stderr
    assert "Traceback" not in result.stderr
    check = run_cli("protocol", "check", str(path), env=env)
    assert check.returncode == 1 and "niet in orde" in check.stdout


def test_a_protocol_past_its_review_date_warns(protocol_file: Path, tmp_path: Path) -> None:
    text = protocol_file.read_text(encoding="utf-8")
    text = re.sub(r"adopted = \S+", "adopted = 2020-01-01", text)
    text = re.sub(r"review_by = \S+", "review_by = 2021-01-01", text)
    protocol_file.write_text(text, encoding="utf-8")
    env = env_for(tmp_path)
    check = run_cli("protocol", "check", str(protocol_file), env=env)
    assert check.returncode == 0
    assert "had uiterlijk 1 januari 2021 opnieuw bekeken moeten worden" in check.stdout
    run = run_cli("--protocol", str(protocol_file), "run", CASE, "--plain", stdin="1\n", env=env)
    assert run.stdout.count("had uiterlijk 1 januari 2021") >= 2  # at the start and the panel


def test_init_never_overwrites_without_force(protocol_file: Path, tmp_path: Path) -> None:
    before = protocol_file.read_bytes()
    again = run_cli("protocol", "init", str(protocol_file), env=env_for(tmp_path))
    assert again.returncode == 1 and "bestaat al" in again.stderr
    assert protocol_file.read_bytes() == before


def test_the_template_has_no_real_contact_details(protocol_file: Path, tmp_path: Path) -> None:
    template = tmp_path / "leeg.toml"
    run_cli("protocol", "init", str(template), env=env_for(tmp_path))
    text = template.read_text(encoding="utf-8")
    assert not re.search(r"\d{2,}[- ]?\d{6,}|https?://|@\w+\.\w+|\b\d{4} ?[A-Z]{2}\b", text)


def test_resuming_with_another_protocol_says_so(protocol_file: Path, tmp_path: Path) -> None:
    env = env_for(tmp_path)
    begun = run_cli("--protocol", str(protocol_file), "run", CASE, "--plain", stdin="1\n", env=env)
    assert begun.returncode == 1  # input ended: the draft stays
    draft = re.search(r"--resume (\w+)", begun.stderr)
    assert draft is not None, begun.stderr
    resumed = run_cli("run", "--resume", draft.group(1), "--plain", stdin="q\n", env=env)
    assert "begonnen met het eigen protocol van Gemeente Voorbeeldstad" in resumed.stderr
    same = run_cli(
        "--protocol",
        str(protocol_file),
        "run",
        "--resume",
        draft.group(1),
        "--plain",
        stdin="q\n",
        env=env,
    )
    assert "begonnen met" not in same.stderr
