"""Hostile files for every loader (records, sources, exercises) and escapes that must never
reach a terminal through the headless commands (issue 7).

Flows have their own hostile-file tests in test_hostile_files.py; here the same
attacks go at the other three readers, in process and through the real command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from test_record import walked
from wegwijzer.core.base.problems import Problem, ProblemsError
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.flows.check import LoadedFlow, load_flow
from wegwijzer.core.flows.source import SOURCE_MAX_BYTES, load_source
from wegwijzer.core.records.reader import read_record
from wegwijzer.core.records.record import RECORD_MAX_BYTES, build_record, render_record
from wegwijzer.core.training.exercise import EXERCISE_MAX_BYTES, flows_by_id, load_exercise

from helpers import DATA, FLOWS, ROOT, run_cli

ESCAPES = "\x1b]0;titel\x07\x1b]52;c;Z2VoZWlt\x07\x1b]8;;https://x\x07link\x1b]8;;\x07\x1b[2J\x9b31m\u202e"
# The same as TOML escapes: a raw ESC byte is not valid TOML, "\u001b" is.
TOML_ESCAPES = (
    "\\u001b]0;titel\\u0007\\u001b]52;c;Z2VoZWlt\\u0007\\u001b]8;;https://x\\u0007link"
    "\\u001b]8;;\\u0007\\u001b[2J\\u009b31m\\u202e\\u0000"
)
# Exercises refuse web addresses, so theirs carry no hyperlink target.
EXERCISE_ESCAPES = "\\u001b]0;titel\\u0007\\u001b]52;c;Z2VoZWlt\\u0007\\u001b[2J\\u009b31m\\u202e"
# Characters no output may carry: C0 except newline, DEL, C1, bidi overrides and isolates.
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
RECORD_FLOW = DATA / "valid.toml"
EXERCISE = DATA / "oefeningen" / "oefening.toml"
SOURCE = FLOWS / "sources" / "gevarenzone-2020.toml"


def _env(**more: str) -> dict[str, str]:
    return {**os.environ, **more}


def assert_terminal_safe(text: str) -> None:
    found = FORBIDDEN.search(text)
    assert found is None, f"{found.group()!r} in {text[max(0, found.start() - 40) :][:80]!r}"


# --- the three readers -------------------------------------------------------------


def _read_record(path: Path, flows: dict[str, LoadedFlow]) -> object:
    return read_record(path)


def _read_source(path: Path, flows: dict[str, LoadedFlow]) -> object:
    return load_source(path)


def _read_exercise(path: Path, flows: dict[str, LoadedFlow]) -> object:
    return load_exercise(path, flows)


READERS: dict[str, tuple[Callable[[Path, dict[str, LoadedFlow]], object], int]] = {
    "record": (_read_record, RECORD_MAX_BYTES),
    "source": (_read_source, SOURCE_MAX_BYTES),
    "exercise": (_read_exercise, EXERCISE_MAX_BYTES),
}

HOSTILE: dict[str, tuple[Callable[[int], bytes], str]] = {
    "oversize": (lambda cap: b"# " + b"x" * cap, "te groot"),
    "arrays_nested_1000_deep": (lambda cap: b"a = " + b"[" * 1000 + b"]" * 1000, "te diep"),
    "tables_nested_1000_deep": (lambda cap: b"a = " + b"{b=" * 1000 + b"1" + b"}" * 1000, "diep"),
    "dotted_key_100000_parts": (lambda cap: b"a" + b".a" * 100_000 + b" = 1", "meer dan 64"),
    "latin1": (lambda cap: "titel = 'café'".encode("latin-1"), "geen geldige UTF-8"),
    "empty": (lambda cap: b"", "leeg"),
    "nul_byte": (lambda cap: b"a = 1\x00", "de opmaak van het bestand klopt niet"),
    "raw_escape_in_a_string": (
        lambda cap: b'a = "\x1b[2J"',
        "de opmaak van het bestand klopt niet",
    ),
    "wrong_types": (lambda cap: b'format = "1"\nschema = "1"\nid = 5\nsteps = "x"\n', ""),
    "only_an_unknown_key": (lambda cap: b"kleur = 'rood'\n", ""),
}


@pytest.fixture(scope="module")
def flows() -> dict[str, LoadedFlow]:
    catalog = load_catalog(FLOWS, files=[RECORD_FLOW])
    return flows_by_id(catalog)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("attack", sorted(HOSTILE))
def test_hostile_file_gives_a_dutch_problem_in_bounded_time(
    reader: str, attack: str, tmp_path: Path, flows: dict[str, LoadedFlow]
) -> None:
    read, cap = READERS[reader]
    make, expected = HOSTILE[attack]
    path = tmp_path / f"{attack}.toml"
    path.write_bytes(make(cap))
    started = time.monotonic()
    with pytest.raises(ProblemsError) as caught:
        read(path, flows)
    assert time.monotonic() - started < 2.0
    problems = caught.value.problems
    assert problems and all(p.message for p in problems)
    assert expected in " ".join(p.message for p in problems), problems
    for problem in problems:
        assert_terminal_safe(str(problem))


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_bom_is_accepted(reader: str, tmp_path: Path, flows: dict[str, LoadedFlow]) -> None:
    read, _ = READERS[reader]
    valid = _valid_bytes(reader, flows)
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + valid)
    assert read(path, flows) is not None


def _valid_bytes(reader: str, flows: dict[str, LoadedFlow]) -> bytes:
    if reader == "record":
        return render_record(build_record(walked(flows["testflow"])))
    return (SOURCE if reader == "source" else EXERCISE).read_bytes()


@pytest.mark.parametrize("reader", sorted(READERS))
def test_an_unknown_key_with_escapes_is_named_but_harmless(
    reader: str, tmp_path: Path, flows: dict[str, LoadedFlow]
) -> None:
    """A TOML key is data too: the message names it, as visible text."""
    read, _ = READERS[reader]
    text = _valid_bytes(reader, flows).decode()
    path = tmp_path / "sleutel.toml"
    path.write_text(f'"{TOML_ESCAPES}x" = 1\n{text}', encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read(path, flows)
    shown = "\n".join(str(p) for p in caught.value.problems)
    assert "␛]0;titel" in shown or "veld" in shown
    assert_terminal_safe(shown)


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("stack", [0, 300, 700])
def test_deep_nesting_at_any_call_depth_is_a_problem_never_a_recursion_error(
    reader: str, stack: int, tmp_path: Path, flows: dict[str, LoadedFlow]
) -> None:
    """Nesting just under the parser's limit still has to pass the cleaner and the model,
    and the reader may be called deep inside the TUI: RecursionError must never escape."""
    read, _ = READERS[reader]
    paths = []
    for depth in (150, 250, 350, 480):
        path = tmp_path / f"diep-{depth}.toml"
        path.write_bytes(b'a = "\\u001b"\nb = ' + b"[" * depth + b'"\\u001b"' + b"]" * depth)
        paths.append(path)

    def nested(level: int) -> list[str]:
        if level:
            return nested(level - 1)
        found = []
        for path in paths:
            try:
                read(path, flows)
            except ProblemsError as error:
                found.append(error.problems[0].message)
        return found

    assert len(nested(stack)) == len(paths)


# --- escapes in data never reach the terminal through a command ----------------------


def _escaped_record(test_flow: LoadedFlow, path: Path) -> Path:
    data = build_record(walked(test_flow, case_ref="k-1"))
    data["flow_version"] = "\x1b]0;titel\x07"
    data["flow_title"] = ESCAPES + "[@click=app.quit]titel[/]"
    data["case_ref"] = ESCAPES[:40]
    data["steps"][1]["note"] = ESCAPES + "\nregel\x00twee"
    data["steps"][1]["prompt"] = ESCAPES
    path.write_bytes(render_record(data))
    return path


def test_escapes_in_a_record_are_refused_or_made_visible_on_reading(
    test_flow: LoadedFlow, tmp_path: Path
) -> None:
    record = read_record(_escaped_record(test_flow, tmp_path / "r.toml"))
    for text in (record.flow_version, record.flow_title, record.case_ref, record.steps[1].note):
        assert_terminal_safe(text.replace("\n", " "))
    assert record.flow_version == "␛]0;titel␇"
    assert record.steps[1].note.startswith("␛]0;titel␇␛]52;c;")


@pytest.mark.parametrize("command", ["verify", "open"])
def test_record_commands_print_no_escape_from_a_record(
    command: str, test_flow: LoadedFlow, tmp_path: Path
) -> None:
    path = _escaped_record(test_flow, tmp_path / "r.toml")
    extra = ["--plain"] if command == "open" else []
    result = run_cli(
        command,
        str(path),
        *extra,
        "--flow",
        str(RECORD_FLOW),
        env=_env(WEGWIJZER_DATA=str(tmp_path)),
    )
    assert result.returncode in (0, 1)
    assert "Traceback" not in result.stderr
    assert "␛]0;titel" in result.stdout  # the reason or the review names it, as text
    assert_terminal_safe(result.stdout + result.stderr)


def test_verify_names_an_unknown_key_without_its_escapes(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_text(f'format = 1\n"{TOML_ESCAPES}" = 1\n', encoding="utf-8")
    result = run_cli("verify", str(path))
    assert result.returncode == 1
    assert "onbekend veld '␛]0;titel" in result.stdout
    assert_terminal_safe(result.stdout + result.stderr)


@pytest.fixture
def hostile_flows(flows_dir: Path) -> Path:
    """A flows folder whose source and exercise carry escapes in values and markup."""
    source = flows_dir / "sources" / "gevarenzone-2020.toml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('title = "', f'title = "{TOML_ESCAPES}[@click=app.quit]', 1)
    text = text.replace('question = "', f'question = "{TOML_ESCAPES}', 1)
    text = text.replace('answer = [\n  "', f'answer = [\n  "{TOML_ESCAPES}', 1)
    source.write_text(text, encoding="utf-8")
    (flows_dir / "oefeningen").mkdir()
    exercise = EXERCISE.read_text(encoding="utf-8")
    exercise = exercise.replace('title = "', f'title = "{EXERCISE_ESCAPES}', 1)
    exercise = exercise.replace('why = "', f'why = "{EXERCISE_ESCAPES}')
    exercise = exercise.replace('text = "', f'text = "{EXERCISE_ESCAPES}')
    (flows_dir / "oefeningen" / "oefening.toml").write_text(exercise, encoding="utf-8")
    return flows_dir


def test_the_source_loader_makes_escapes_visible(hostile_flows: Path) -> None:
    source = load_source(hostile_flows / "sources" / "gevarenzone-2020.toml")
    assert source.title.startswith("␛]0;titel␇")
    assert_terminal_safe(source.title + source.questions[0].question)
    assert_terminal_safe(" ".join(source.questions[0].answer))


@pytest.mark.parametrize(
    "args",
    [
        ("sources",),
        ("sources", "1"),
        ("check",),
        ("train", "--list"),
    ],
    ids=" ".join,
)
def test_headless_commands_print_no_escape_from_flow_files(
    args: tuple[str, ...], hostile_flows: Path
) -> None:
    result = run_cli(*args, env=_env(WEGWIJZER_FLOWS=str(hostile_flows)))
    assert "Traceback" not in result.stderr
    assert_terminal_safe(result.stdout + result.stderr)
    if args[0] == "sources":
        assert result.returncode == 0 and "␛]0;titel" in result.stdout


def test_a_training_run_prints_no_escape_from_an_exercise(
    hostile_flows: Path, tmp_path: Path
) -> None:
    result = run_cli(
        "train",
        "testoefening",
        "--plain",
        "--feedback",
        "direct",
        stdin="1\n2\n2\n1\n",
        env=_env(WEGWIJZER_FLOWS=str(hostile_flows), WEGWIJZER_DATA=str(tmp_path / "data")),
    )
    assert result.returncode == 0, result.stderr
    assert "␛]0;titel" in result.stdout
    assert_terminal_safe(result.stdout + result.stderr)


def test_a_plain_run_prints_no_escape_or_markup_effect_from_a_flow(tmp_path: Path) -> None:
    flow = tmp_path / "opmaak.toml"
    shutil.copy(Path(__file__).parent / "tui" / "data" / "markup.toml", flow)
    result = run_cli(
        "run",
        str(flow),
        "--plain",
        stdin="1\n",
        env=_env(WEGWIJZER_DATA=str(tmp_path / "data")),
    )
    assert result.returncode == 0, result.stderr
    assert "[red]Rood?[/red] [@click=app.screenshot]foto[/]" in result.stdout
    assert "␛[31m" in result.stdout
    assert_terminal_safe(result.stdout + result.stderr)


def test_a_file_name_with_escapes_is_shown_as_text(flows_dir: Path) -> None:
    """File names in a shared flows folder are data too."""
    (flows_dir / "\x1b]0;titel\x07kapot.toml").write_text("schema = [", encoding="utf-8")
    result = run_cli("check", env=_env(WEGWIJZER_FLOWS=str(flows_dir)))
    assert result.returncode == 1
    assert "␛]0;titel␇kapot.toml" in result.stderr
    assert_terminal_safe(result.stdout + result.stderr)


def test_problem_text_is_always_terminal_safe() -> None:
    problem = Problem("\x1b[2Jf.toml", "\x9bstap", "veld\u202e", "bericht\x07")
    assert_terminal_safe(str(problem))
    assert str(problem) == "␛[2Jf.toml, stap 'stap', veld 'veld': bericht␇"


CLI_ATTACKS = ["oversize", "arrays_nested_1000_deep", "dotted_key_100000_parts", "latin1", "empty"]


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("attack", CLI_ATTACKS)
def test_hostile_file_through_the_command_in_bounded_time(
    reader: str, attack: str, flows_dir: Path, tmp_path: Path
) -> None:
    """Each reader through its real command: a Dutch message and exit 1, never a hang."""
    _, cap = READERS[reader]
    data = HOSTILE[attack][0](cap)
    env = _env(WEGWIJZER_FLOWS=str(flows_dir), WEGWIJZER_DATA=str(tmp_path / "data"))
    path = tmp_path / f"{attack}.toml"
    if reader == "source":
        (flows_dir / "sources" / "gevarenzone-2020.toml").write_bytes(data)
        args: tuple[str, ...] = ("sources",)
    else:
        path.write_bytes(data)
        args = ("verify", str(path)) if reader == "record" else ("train", str(path), "--plain")
    result = subprocess.run(
        [sys.executable, "-m", "wegwijzer", *args],
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert HOSTILE[attack][1] in out
    assert_terminal_safe(out)


def test_flow_loader_cleans_before_checking(tmp_path: Path, test_flow: LoadedFlow) -> None:
    """Regression guard: the flow loader already cleans keys and values (check.py)."""
    text = RECORD_FLOW.read_text(encoding="utf-8") + f'\n"{TOML_ESCAPES}" = 1\n'
    path = tmp_path / "f.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {test_flow.source.id: test_flow.source})
    assert_terminal_safe("\n".join(str(p) for p in caught.value.problems))


# --- no network -----------------------------------------------------------------------

NETWORK_MODULES = re.compile(
    r"^\s*(?:import|from)\s+(socket|ssl|urllib|http|ftplib|smtplib|webbrowser|requests|httpx)\b",
    re.MULTILINE,
)


# The classroom server (``wegwijzer klas``) is the one part that listens on a socket, by
# design and only when a trainer starts it; it never connects out.
KLAS = ROOT / "src" / "wegwijzer" / "klas"
OUTGOING = re.compile(r"ClientSession|urlopen|create_connection|open_connection|\.connect\(")


def test_the_source_imports_no_network_module() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in sorted((ROOT / "src" / "wegwijzer").rglob("*.py"))
        if KLAS not in path.parents
        for match in NETWORK_MODULES.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_the_classroom_server_never_connects_out() -> None:
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sorted(KLAS.rglob("*.py"))
        for match in OUTGOING.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_a_walk_and_an_export_open_no_connection(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import socket

    from wegwijzer import cli

    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("geen netwerk in de tests")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setenv("WEGWIJZER_DATA", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\n1\n1\n2\n"))
    target = tmp_path / "r.toml"
    code = cli.main(["run", str(RECORD_FLOW), "--plain", "--export", str(target)])
    assert code == 0 and target.exists(), capsys.readouterr()
    assert cli.main(["verify", str(target), "--flow", str(RECORD_FLOW)]) == 0
    assert attempts == []
