"""The checker's fingerprint (``cache.checker_fingerprint``) hashes every module under
``wegwijzer/core/``, found with ``os.scandir`` (``cache._modules``).

The properties: ``_modules`` finds exactly the ``.py`` files ``Path.rglob`` finds, in a
tree of any shape (a linked folder aside, which it does not enter); and a change to any
one core module, or a new one in any folder, changes the fingerprint.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.flows import cache as flow_cache

CORE = Path(flow_cache.__file__).resolve().parents[1]

names = st.sampled_from(["a", "b", "B", "a.b", "z_1", "é", "a b"])
tree = st.lists(
    st.tuples(st.lists(names, max_size=3), names, st.sampled_from([".py", ".pyc", ".toml", ""])),
    max_size=12,
)


def rglob_modules(core: Path) -> list[str]:
    return sorted(path.relative_to(core).as_posix() for path in core.rglob("*.py"))


@settings(max_examples=60, deadline=None)
@given(files=tree)
def test_scandir_finds_what_rglob_finds(files: list[tuple[list[str], str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        core = Path(folder)
        for parts, name, suffix in files:
            parent = core.joinpath(*(f"d{part}" for part in parts))
            parent.mkdir(parents=True, exist_ok=True)
            (parent / f"{name}{suffix}").write_bytes(b"x")
        assert flow_cache._modules(folder) == rglob_modules(core)


def test_the_core_modules_are_all_found() -> None:
    found = flow_cache._modules(str(CORE))
    assert found == rglob_modules(CORE)
    assert "flows/cache.py" in found and "flows/check.py" in found and len(found) > 40


def test_a_linked_folder_is_not_entered(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.py").write_text("x = 1\n")
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real")  # would never end
    assert flow_cache._modules(str(tmp_path)) == ["real/a.py"]


@pytest.fixture
def copied_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of ``core/`` that the fingerprint reads instead of the real one."""
    copy = tmp_path / "core"
    shutil.copytree(CORE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(flow_cache, "__file__", str(copy / "flows" / "cache.py"))
    flow_cache.checker_fingerprint.cache_clear()
    yield copy
    monkeypatch.undo()
    flow_cache.checker_fingerprint.cache_clear()


def fingerprint() -> bytes | None:
    flow_cache.checker_fingerprint.cache_clear()
    return flow_cache.checker_fingerprint()


def test_every_core_module_is_in_the_fingerprint(copied_core: Path) -> None:
    same = fingerprint()
    assert same is not None
    for name in flow_cache._modules(str(copied_core)):
        path = copied_core / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        changed = fingerprint()
        path.write_bytes(original)
        assert changed is not None and changed != same, name
    assert fingerprint() == same  # every file back as it was: the same again
    (copied_core / "walk" / "nieuw.py").write_text("")
    assert fingerprint() != same  # a new module counts too, empty or not
