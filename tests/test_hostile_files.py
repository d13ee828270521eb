"""Hostile flow files: each gives a Dutch message in bounded time, never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest

from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.flows.check import FLOW_MAX_BYTES, load_flow, load_flow_bytes
from wegwijzer.core.flows.source import Source

from helpers import DATA, run_cli

VALID = (DATA / "valid.toml").read_bytes()

HOSTILE = {
    "oversize": (b"# " + b"x" * (FLOW_MAX_BYTES + 10), "te groot"),
    "arrays_nested_1000_deep": (b"a = " + b"[" * 1000 + b"]" * 1000, "te diep genest"),
    "inline_tables_nested_1000_deep": (
        b"a = " + b"{b=" * 1000 + b"1" + b"}" * 1000,
        "te diep genest",
    ),
    "dotted_key_100000_parts": (b"a" + b".a" * 100_000 + b" = 1", "meer dan 64 delen"),
    "quoted_dotted_key": (b'"a"' + b'."a"' * 100_000 + b" = 1", "meer dan 64 delen"),
    "latin1": ("title = 'café'".encode("latin-1"), "geen geldige UTF-8"),
    "empty": (b"", "leeg"),
    "only_whitespace": (b"  \n\t\n", "leeg"),
    "nul_byte": (b"a = 1\x00", "de opmaak van het bestand klopt niet"),
    "wrong_types": (b'schema = 1\nid = 5\nsteps = "x"', "moet tekst zijn"),
    "schema_2": (VALID.replace(b"schema = 1", b"schema = 2"), "ongeldige waarde"),
    "unknown_top_level_key": (VALID + b'\nkleur = "rood"\n', "onbekend veld 'kleur'"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_flow_gives_a_dutch_problem(name: str, source: Source) -> None:
    data, expected = HOSTILE[name]
    with pytest.raises(ProblemsError) as caught:
        load_flow_bytes(data, f"{name}.toml", {source.id: source}, Path(f"{name}.toml"))
    assert any(expected in p.message for p in caught.value.problems), caught.value.problems


def test_a_bom_is_accepted(source: Source) -> None:
    loaded = load_flow_bytes(b"\xef\xbb\xbf" + VALID, "bom.toml", {source.id: source}, Path("b"))
    assert loaded.flow.id == "testflow"


def test_control_characters_in_a_flow_file_are_made_harmless(
    source: Source, tmp_path: Path
) -> None:
    text = VALID.decode().replace(
        'prompt = "Welke signalen ziet u?"',
        'prompt = "Welke \\u001b]0;titel\\u0007signalen\\u202e ziet u?\\u009b31m"',
    )
    path = tmp_path / "escapes.toml"
    path.write_text(text, encoding="utf-8")
    prompt = load_flow(path, {source.id: source}).flow.steps["signalen"].prompt
    assert "\x1b" not in prompt and "\x07" not in prompt and "\u202e" not in prompt
    assert prompt == "Welke ␛]0;titel␇signalen ziet u?31m"
    # a raw ESC byte inside a string is not TOML at all
    path.write_text(text.replace("\\u001b", "\x1b"), encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_flow(path, {source.id: source})
    assert "de opmaak van het bestand klopt niet" in caught.value.problems[0].message


@pytest.mark.parametrize("name", ["oversize", "dotted_key_100000_parts", "latin1"])
def test_hostile_flow_on_the_command_line(name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.toml"
    path.write_bytes(HOSTILE[name][0])
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert HOSTILE[name][1] in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
