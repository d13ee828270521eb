"""Plain mode with ``--export``: privacy warnings first, no clobbering, clear failures."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from test_record import walked
from wegwijzer.commands.run import Autosaver, _export
from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.records.drafts import ENV_DATA
from wegwijzer.core.records.export import privacy_warnings
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.walk.session import Session

from helpers import DATA, run_cli

FLOW = str(DATA / "valid.toml")
# begin, a note with a mobile number at "signalen", both signals, police: Ja, check: nee.
WITH_PHONE = "1\nn moeder belde vanaf 06-12345678\n1,2\n1\n2\n"
CLEAN = "1\nn gesprek op school\n1\n1\n1\n"


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env[ENV_DATA] = str(tmp_path / "data")
    return env


def _drafts(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "concepten").glob("*.toml"))


def test_privacy_warnings_name_the_field_never_the_data(test_flow: LoadedFlow) -> None:
    session = walked(test_flow, case_ref="jan-0612345678")
    session.set_note("politie", "mail naar iemand@example.nl, geb. 03-04-2009")
    session.set_note("einde-politie", "0612345678 (niet op het pad)")
    lines = privacy_warnings(session)
    assert lines == [
        "Zaakkenmerk: mogelijk een telefoonnummer.",
        # where: the step's number on the path, as the summary numbers it, not its id
        "Notitie bij stap 3: mogelijk een e-mailadres.",
        "Notitie bij stap 3: mogelijk een geboortedatum.",
    ]
    assert not any(part in "".join(lines) for part in ("0612345678", "iemand", "2009", "jan"))


def test_no_warnings_for_clean_text(test_flow: LoadedFlow) -> None:
    assert privacy_warnings(walked(test_flow, case_ref="casus-2024-17")) == []
    assert privacy_warnings(Session(test_flow)) == []


def test_warnings_are_shown_before_the_export(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(out), stdin=WITH_PHONE, env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    warning = result.stdout.index("Let op: het overzicht bevat mogelijk persoonsgegevens:")
    line = result.stdout.index("  - Notitie bij stap 2: mogelijk een telefoonnummer.")
    saved = result.stdout.index(f"Overzicht opgeslagen: {out}")
    assert warning < line < saved
    assert read_record(out).steps[1].note == "moeder belde vanaf 06-12345678"
    assert _drafts(tmp_path) == []


def test_strict_privacy_refuses_while_warnings_stand(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    result = run_cli(
        "run",
        FLOW,
        "--plain",
        "--export",
        str(out),
        "--strict-privacy",
        stdin=WITH_PHONE,
        env=_env(tmp_path),
    )
    assert result.returncode == 1
    assert "mogelijk een telefoonnummer" in result.stdout
    assert (
        "fout: niet opgeslagen vanwege de privacywaarschuwingen (--strict-privacy)" in result.stderr
    )
    assert "06-12345678" not in result.stdout + result.stderr
    assert not out.exists()
    (draft,) = _drafts(tmp_path)  # nothing is lost
    assert read_record(draft).complete


def test_strict_privacy_exports_clean_records(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(out), "--strict-privacy", "--case", "casus-17",
        stdin=CLEAN, env=_env(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Let op" not in result.stdout
    assert read_record(out).case_ref == "casus-17"


def test_case_reference_is_scanned_too(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(out), "--strict-privacy", "--case", "1234 AB",
        stdin=CLEAN, env=_env(tmp_path),
    )  # fmt: skip
    assert result.returncode == 1
    assert "  - Zaakkenmerk: mogelijk een postcode." in result.stdout


def test_existing_file_is_refused_before_the_walk(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    out.write_text("oud\n", "utf-8")
    result = run_cli("run", FLOW, "--plain", "--export", str(out), stdin=CLEAN, env=_env(tmp_path))
    assert result.returncode == 1
    assert "bestand bestaat al" in result.stderr and "--force" in result.stderr
    assert "Stap 1" not in result.stdout
    assert out.read_text("utf-8") == "oud\n"


def test_force_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "out.toml"
    out.write_text("oud\n", "utf-8")
    out.chmod(0o644)
    result = run_cli(
        "run", FLOW, "--plain", "--export", str(out), "--force", stdin=CLEAN, env=_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert read_record(out).complete
    assert out.stat().st_mode & 0o777 == 0o600


def test_failed_write_is_a_dutch_error_and_keeps_the_draft(tmp_path: Path) -> None:
    out = tmp_path / "ontbreekt" / "out.toml"
    result = run_cli("run", FLOW, "--plain", "--export", str(out), stdin=CLEAN, env=_env(tmp_path))
    assert result.returncode == 1
    assert (
        f"fout: {out}: opslaan mislukt: de map bestaat niet; er is niets gewijzigd" in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert "Overzicht opgeslagen" not in result.stdout
    (draft,) = _drafts(tmp_path)
    assert read_record(draft).steps[1].note == "gesprek op school"


def test_export_options_need_plain(tmp_path: Path) -> None:
    result = run_cli("run", FLOW, "--export", str(tmp_path / "x.toml"), env=_env(tmp_path))
    assert result.returncode == 2
    assert "werken alleen samen met --plain" in result.stderr


def test_headless_modules_never_import_textual() -> None:
    code = (
        "import wegwijzer.commands.verify, wegwijzer.commands.drafts, wegwijzer.commands.open, "
        "wegwijzer.commands.run, wegwijzer.core.records.record, wegwijzer.core.records.drafts, "
        "wegwijzer.core.records.resume, wegwijzer.core.records.export, "
        "wegwijzer.core.base.atomic, wegwijzer.plain; "
        "import sys; assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


# --- a person at a terminal is asked; a script is not ------------------------------


def _args(out: Path, **changes: object) -> argparse.Namespace:
    values: dict[str, object] = {"export": out, "force": False, "strict_privacy": False}
    values.update(changes)
    return argparse.Namespace(**values)


def _answers(*lines: str) -> Callable[[], str | None]:
    queue = [line + "\n" for line in lines]
    return lambda: queue.pop(0) if queue else None


def _phone_session(test_flow: LoadedFlow) -> Session:
    session = walked(test_flow)
    session.set_note("politie", "moeder belde vanaf 06-12345678")
    return session


def test_at_a_terminal_no_keeps_the_file_unwritten(
    test_flow: LoadedFlow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit.toml"
    session = _phone_session(test_flow)
    code = _export(
        session,
        _args(out),
        Autosaver(),
        read_line=_answers("misschien", "n"),
        interactive=lambda: True,
    )
    text = capsys.readouterr().out
    assert code == 1 and not out.exists()
    assert text.count("Toch opslaan? Typ j of n: ") == 2 and "Typ j voor ja of n voor nee." in text
    assert "Niet opgeslagen.\nUw antwoorden zijn bewaard als concept; verder gaan: " in text
    assert f"wegwijzer run --resume {session.id[:12]} --plain --export BESTAND" in text


def test_at_a_terminal_the_note_can_be_adjusted_then_it_saves(
    test_flow: LoadedFlow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit.toml"
    answers = _answers("n", "j", "moeder belde; zie dossier")
    assert (
        _export(
            _phone_session(test_flow),
            _args(out),
            Autosaver(),
            read_line=answers,
            interactive=lambda: True,
        )
        == 0
    )
    text = capsys.readouterr().out
    assert (
        "Notitie bij stap 3, Is er contact met de politie?\nmoeder belde vanaf 06-12345678\n"
        in (text)
    )
    assert read_record(out).steps[2].note == "moeder belde; zie dossier"


def test_at_a_terminal_an_adjustment_that_still_warns_is_asked_again(
    test_flow: LoadedFlow, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "uit.toml"
    answers = _answers("n", "j", "nu 0612345678", "n", "n")
    session = _phone_session(test_flow)
    assert (
        _export(session, _args(out), Autosaver(), read_line=answers, interactive=lambda: True) == 1
    )
    text = capsys.readouterr().out
    assert "Nog steeds mogelijk persoonsgegevens:" in text and not out.exists()
    from wegwijzer.core.records.drafts import find_draft

    draft = find_draft(session.id)
    assert draft is not None
    saved = read_record(draft.path)
    assert saved.steps[2].note == "nu 0612345678"  # the adjusted text is in the draft


def test_at_a_terminal_yes_saves(test_flow: LoadedFlow, tmp_path: Path) -> None:
    out = tmp_path / "uit.toml"
    assert (
        _export(
            _phone_session(test_flow),
            _args(out),
            Autosaver(),
            read_line=_answers("j"),
            interactive=lambda: True,
        )
        == 0
    )
    assert read_record(out).steps[2].note == "moeder belde vanaf 06-12345678"


def test_at_a_terminal_end_of_input_is_no(test_flow: LoadedFlow, tmp_path: Path) -> None:
    out = tmp_path / "uit.toml"
    assert (
        _export(
            _phone_session(test_flow),
            _args(out),
            Autosaver(),
            read_line=_answers(),
            interactive=lambda: True,
        )
        == 1
    )
    assert not out.exists()


def test_a_script_is_never_asked(test_flow: LoadedFlow, tmp_path: Path) -> None:
    out = tmp_path / "uit.toml"

    def no_input() -> str | None:
        raise AssertionError("a script must not be asked")

    assert (
        _export(
            _phone_session(test_flow),
            _args(out),
            Autosaver(),
            read_line=no_input,
            interactive=lambda: False,
        )
        == 0
    )
    assert out.exists()
    strict = _args(tmp_path / "streng.toml", strict_privacy=True)
    assert (
        _export(
            _phone_session(test_flow),
            strict,
            Autosaver(),
            read_line=no_input,
            interactive=lambda: True,
        )
        == 1
    )


def test_export_to_md_writes_the_printable_overview_and_keeps_the_draft(tmp_path: Path) -> None:
    out = tmp_path / "overzicht.md"
    result = run_cli("run", FLOW, "--plain", "--export", str(out), stdin=CLEAN, env=_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"Overzicht opgeslagen als leesbaar document: {out}" in result.stdout
    text = out.read_text("utf-8")
    assert text.startswith("# Overzicht: Testflow\n") and "25 mei 2020" in text
    assert "- Notitie: gesprek op school" in text
    assert oct(out.stat().st_mode & 0o777) == oct(0o600)
    assert len(_drafts(tmp_path)) == 1  # the document cannot be opened again; the draft can
