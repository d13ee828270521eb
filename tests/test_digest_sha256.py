"""The ``sha256:`` digests of flows and records, without hashlib: the same as hashlib's."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer.core.base.digest import sha256_digest


@settings(max_examples=300)
@given(data=st.binary(max_size=5000))
def test_the_digest_is_hashlibs(data: bytes) -> None:
    assert sha256_digest(data) == "sha256:" + hashlib.sha256(data).hexdigest()


def test_opening_a_vouched_flow_does_not_import_hashlib(tmp_path: Path) -> None:
    """hashlib loads OpenSSL: not on the way to the first step of a flow the cache of
    checked flows vouches for (pydantic, for a flow it does not, imports it itself)."""
    env = {**os.environ, "WEGWIJZER_CACHE": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "wegwijzer", "check"], env=env, check=True)
    code = (
        "import sys\n"
        "from wegwijzer.core.flows.catalog import load_catalog\n"
        "catalog = load_catalog()\n"
        "assert catalog.flows and not catalog.problems\n"
        "print('pydantic' in sys.modules, 'hashlib' in sys.modules, '_hashlib' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    assert found == ["False", "False", "False"]
