"""``wegwijzer run FLOW`` is read without building the parser, exactly as the parser reads it."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from wegwijzer import cli

NAMES = st.text(min_size=1, max_size=30) | st.sampled_from(
    ["zorgen-over-een-minderjarige", "a.toml", "map/a.toml", "-", "--", "--plain", "-h", " "]
)


@settings(max_examples=300, deadline=None)
@given(name=NAMES)
def test_run_flow_is_read_as_the_parser_reads_it(name: str) -> None:
    argv = ["run", name]
    try:
        expected = vars(cli.build_parser("run").parse_args(argv))
    except SystemExit:  # the parser refuses it ("-h" prints help): so must ``parse``
        expected = None
    try:
        found = vars(cli.parse(argv))
    except SystemExit:
        found = None
    assert found == expected


def test_run_flow_does_not_import_argparse() -> None:
    code = (
        "import sys\n"
        "from wegwijzer import cli\n"
        "args = cli.parse(['run', 'zorgen-over-een-minderjarige'])\n"
        "assert args.command == 'run' and args.flow == 'zorgen-over-een-minderjarige'\n"
        "print('argparse' in sys.modules, 'gettext' in sys.modules)\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert found == ["False", "False"]
