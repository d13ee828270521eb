"""Figure 5: export and verify the record of a walked 1,000-step flow.

Export is what the app does on "Exporteren": build the record from the session,
render it and write it atomically (``core.records.export.export``). Verify is what
``wegwijzer verify`` does: read it back (size cap, parse, strict validation) and
check it against the flow (path, answers, replay, actions). Baselines: ``tomli_w``
writing the same record data, and ``tomllib`` reading the same file.
"""

from __future__ import annotations

import os
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tomli_w

from benchmarks.generate import flow_text
from benchmarks.report import Figure, ms
from benchmarks.timing import ROOT, interleaved, median, timed

STEPS = 1_000
TARGET = 2.0


@contextmanager
def data_folder() -> Iterator[Path]:
    """Drafts (and the cache of checked flows) go to a temporary folder, never the user's."""
    names = ("WEGWIJZER_DATA", "WEGWIJZER_CACHE")
    old = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["WEGWIJZER_DATA"] = folder
        os.environ["WEGWIJZER_CACHE"] = str(Path(folder) / "cache")
        try:
            yield Path(folder)
        finally:
            for name, value in old.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def measure(runs: int) -> list[Figure]:
    from wegwijzer.core.flows.catalog import load_sources
    from wegwijzer.core.flows.check import load_flow_bytes
    from wegwijzer.core.flows.flow import InfoStep
    from wegwijzer.core.records.export import export
    from wegwijzer.core.records.reader import read_record
    from wegwijzer.core.records.record import build_record
    from wegwijzer.core.records.resume import record_reasons
    from wegwijzer.core.walk.session import Session

    sources, _ = load_sources(ROOT / "flows")
    path = Path("groot.toml")
    loaded = load_flow_bytes(flow_text(STEPS).encode("utf-8"), str(path), sources, path)
    session = Session(loaded)
    while not session.finished:
        session.answer(None if isinstance(session.current, InfoStep) else 0)

    with data_folder() as folder:
        target = folder / "record.toml"

        def do_export() -> None:
            export(session, target, overwrite=True)

        def verify() -> None:
            reasons = record_reasons(read_record(target), loaded)
            if reasons:
                raise RuntimeError(f"the exported record does not verify: {reasons[:3]}")

        do_export()
        data = build_record(session)
        raw = target.read_bytes()
        found = interleaved(
            {
                "dumps": timed(lambda: tomli_w.dumps(data, multiline_strings=True)),
                "export": timed(do_export),
                "loads": timed(lambda: tomllib.loads(raw.decode("utf-8"))),
                "verify": timed(verify),
            },
            runs,
        )
    export_ratio = median(found["export"]) / median(found["dumps"])
    verify_ratio = median(found["verify"]) / median(found["loads"])
    size = f"{len(session.path):,} steps, {len(raw) / 1024:.0f} KiB"
    return [
        Figure(
            "5a. record export",
            ms(median(found["export"])),
            f"{ms(median(found['dumps']))} `tomli_w.dumps`",
            export_ratio,
            f"≤ {TARGET}×",
            export_ratio <= TARGET,
            [f"{size}; build, render and atomic write (temp file, fsync, rename)"],
        ),
        Figure(
            "5b. record verify",
            ms(median(found["verify"])),
            f"{ms(median(found['loads']))} `tomllib.loads`",
            verify_ratio,
            f"≤ {TARGET}×",
            verify_ratio <= TARGET,
            [f"{size}; read, validate, replay the path and compare the actions"],
        ),
    ]
