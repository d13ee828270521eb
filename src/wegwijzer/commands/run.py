"""``wegwijzer run FLOW``: walk a flow in the TUI, or line by line with ``--plain``.

In plain mode every change is saved as a draft, SIGTERM/SIGHUP save too, and
``--export FILE`` writes the record at the end after showing privacy warnings.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wegwijzer.commands.common import active_protocol, print_problems, resolve_flow
from wegwijzer.commands.console import refuse_without_terminal
from wegwijzer.core.base.atomic import RecordExistsError, WriteError
from wegwijzer.core.base.problems import ProblemsError
from wegwijzer.core.base.text import clean
from wegwijzer.core.records.drafts import (
    draft_path,
    find_draft,
    install_signal_save,
    save_draft,
)

if TYPE_CHECKING:
    import argparse

    from wegwijzer.core.flows.protocol import Protocol
    from wegwijzer.core.records.protocol_record import ProtocolRecord
    from wegwijzer.core.walk.session import Session

# The record code (export, resume: the record models) and line mode are imported where
# they are used: ``wegwijzer run FLOW`` in the TUI needs neither before its first frame.

PLAIN_ONLY = ("export", "force", "strict_privacy", "case")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("run", help="doorloop een stappenplan")
    parser.add_argument(
        "flow",
        nargs="?",
        metavar="STAPPENPLAN",
        help="id of bestand van het stappenplan (niet nodig bij --resume)",
    )
    parser.add_argument(
        "--plain", action="store_true", help="regel voor regel (schermlezers, scripts)"
    )
    parser.add_argument(
        "--resume",
        metavar="CONCEPT",
        help="ga verder met een concept (id uit 'wegwijzer drafts') of een opgeslagen overzicht",
    )
    parser.add_argument(
        "--export",
        type=Path,
        metavar="BESTAND",
        help="schrijf aan het eind het overzicht naar BESTAND (.md: als leesbaar document)",
    )
    parser.add_argument(
        "--force", action="store_true", help="overschrijf BESTAND als het al bestaat"
    )
    parser.add_argument(
        "--strict-privacy",
        action="store_true",
        help="weiger op te slaan zolang er privacywaarschuwingen zijn (ook zonder te vragen)",
    )
    parser.add_argument(
        "--case", default="", metavar="KENMERK", help="zaakkenmerk: een pseudoniem, nooit een naam"
    )
    parser.set_defaults(handler=run)


def defaults() -> dict[str, Any]:
    """What the parser gives ``run FLOW`` for every option not given: ``cli.parse`` reads
    ``wegwijzer run FLOW`` without building the parser (``tests/test_cli_run_flow.py``
    holds this equal to the parser's answer)."""
    return {
        "plain": False,
        "resume": None,
        "export": None,
        "force": False,
        "strict_privacy": False,
        "case": "",
        "handler": run,
    }


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line if line else None


def _fail(message: str) -> None:
    print(f"fout: {message}", file=sys.stderr)


def _record_path(key: str) -> Path | None:
    """A record file given by path, or the draft with this id (prefix)."""
    path = Path(key)
    if path.suffix == ".toml" and os.path.lexists(path):
        return path  # the reader refuses what is not a regular file, and says so
    found = find_draft(key)
    if found is None:
        _fail(f"concept '{clean(key, limit=40)}' niet gevonden (zie 'wegwijzer drafts')")
        return None
    return found.path


def _resume(args: argparse.Namespace) -> Session | None:
    path = _record_path(args.resume)
    if path is None:
        return None
    loaded = None
    if args.flow:
        loaded, _ = resolve_flow(args.flow)
        if loaded is None:
            return None
    from wegwijzer.core.records.resume import open_record

    try:
        opened = open_record(path, loaded=loaded)
    except ProblemsError as error:
        print_problems(error.problems)
        return None
    if opened.review_only:
        _fail("dit overzicht kan niet worden hervat:")
        for reason in opened.reasons:
            print(f"  - {reason}", file=sys.stderr)
        print(f"Bekijken kan wel: wegwijzer open {path} --plain", file=sys.stderr)
        return None
    if opened.dropped:
        print("Let op: niet alles buiten het pad kon worden teruggezet:", file=sys.stderr)
        for reason in opened.dropped:
            print(f"  - {reason}", file=sys.stderr)
    return opened.session


def _recorded_protocol(args: argparse.Namespace) -> ProtocolRecord | None:
    """The protocol the draft or record being resumed names (read again: it is small)."""
    from wegwijzer.core.records.reader import read_record

    path = _record_path(args.resume)
    try:
        return read_record(path).protocol if path is not None else None
    except ProblemsError:
        return None


class Autosaver:
    """Saves a draft after every change and remembers whether the last save worked.

    What the user is told at the end depends on it: a draft is only named when it
    was written; otherwise the message says the answers are NOT kept, and what to do.
    """

    def __init__(self) -> None:
        self.failure = ""  # Dutch reason of the last failed save; "" after a good one
        self.saved = False  # a draft of this session is on disk

    def __call__(self, session: Session) -> None:
        try:
            save_draft(session)
        except WriteError as error:
            if not self.failure:  # once is enough; the walk goes on with everything in memory
                print(
                    f"Let op: het concept kon niet worden opgeslagen: {clean(error.reason)}.\n"
                    "Uw antwoorden worden NIET bewaard als u stopt; rond af en sla het "
                    "overzicht op met --export, of houd dit venster open.",
                    file=sys.stderr,
                )
            self.failure = error.reason
        else:
            self.failure = ""
            self.saved = True

    def kept_line(self, session: Session, *, resume: str) -> str:
        """Where the answers are now: the draft when it is on disk (written by this
        process, or the one a resumed walk came from and nothing changed since), else
        that they are not."""
        if not self.failure and (self.saved or draft_path(session.id).is_file()):
            return (
                f"Uw antwoorden zijn bewaard als concept; verder gaan: "
                f"wegwijzer run --resume {session.id[:12]}{resume}"
            )
        reason = f" ({clean(self.failure)})" if self.failure else ""
        return (
            f"Let op: uw antwoorden zijn NIET bewaard; het concept kon niet worden "
            f"opgeslagen{reason}. Start opnieuw met --export naar een map waar u mag "
            "schrijven, of maak de gegevensmap ($WEGWIJZER_DATA) bruikbaar."
        )


def _at_a_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _export(
    session: Session,
    args: argparse.Namespace,
    saver: Autosaver,
    *,
    read_line: Callable[[], str | None] = _read_line,
    interactive: Callable[[], bool] | None = None,
) -> int:
    """Scan, then write. A person at a terminal is asked about warnings; a script is not.

    In a script the file is written after the warnings, as always, unless
    ``--strict-privacy`` asks to refuse.
    """
    from wegwijzer.core.records.export import (
        export,
        is_overview_name,
        privacy_findings,
        privacy_warnings,
    )
    from wegwijzer.plain import ask_before_saving

    warnings = privacy_warnings(session)
    if warnings:
        print("\nLet op: het overzicht bevat mogelijk persoonsgegevens:")
        for line in warnings:
            print(f"  - {line}")
        print(
            "Een overzicht hoort geen namen, nummers of adressen te bevatten; "
            "gebruik een pseudoniem."
        )
        if args.strict_privacy:
            _fail("niet opgeslagen vanwege de privacywaarschuwingen (--strict-privacy)")
            print(saver.kept_line(session, resume=" --plain"), file=sys.stderr)
            return 1
        asks = interactive() if interactive is not None else _at_a_terminal()
        if asks and not ask_before_saving(session, privacy_findings, read_line, sys.stdout):
            saver(session)  # the draft as it is now, texts adjusted at the warning included
            print("Niet opgeslagen.")
            print(saver.kept_line(session, resume=" --plain --export BESTAND"))
            return 1
    try:
        path = export(session, args.export, overwrite=args.force)
    except (RecordExistsError, WriteError) as error:
        _fail(clean(str(error)))
        print(saver.kept_line(session, resume=" --plain"), file=sys.stderr)
        return 1
    if is_overview_name(path):
        print(f"\nOverzicht opgeslagen als leesbaar document: {clean(str(path))}")
        print("Een document kan de wegwijzer niet meer openen of controleren.")
        print(saver.kept_line(session, resume=" --plain --export BESTAND.toml"))
    else:
        print(f"\nOverzicht opgeslagen: {clean(str(path))}")
    return 0


def _plain(session: Session, args: argparse.Namespace) -> int:
    if args.export is not None and not args.force and os.path.lexists(args.export):
        _fail(str(RecordExistsError(args.export)))
        return 1
    from wegwijzer.plain import run_plain

    current: list[Session | None] = [session]
    restore = install_signal_save(lambda: current[0])
    try:
        saver = Autosaver()
        code = run_plain(session, _read_line, sys.stdout, on_change=saver)
        if code != 0:
            if session.answers or session.notes:
                print(saver.kept_line(session, resume=" --plain"), file=sys.stderr)
            return code
        if args.export is None:
            if saver.failure:  # finished, but nothing holds it once this process ends
                print(saver.kept_line(session, resume=" --plain"), file=sys.stderr)
            return 0
        code = _export(session, args, saver)
        if code == 0:
            current[0] = None  # exported: a late signal must not bring the draft back
        return code
    finally:
        restore()


def run(args: argparse.Namespace) -> int:
    if not args.plain and any(getattr(args, name) for name in PLAIN_ONLY):
        _fail("--export, --force, --strict-privacy en --case werken alleen samen met --plain")
        return 2
    if args.resume and args.case:
        _fail("--case kan niet samen met --resume; het zaakkenmerk staat al in het concept")
        return 2
    if not args.plain:
        from wegwijzer.commands.terminal import announce_line_mode, terminal_problem

        reason = terminal_problem()
        if reason is not None:
            announce_line_mode(reason)
            args.plain = True
    protocol, usable = active_protocol()
    if not usable:
        return 1
    if args.resume and not args.plain:
        path = _record_path(args.resume)
        if path is None:
            return 1
        if (refused := refuse_without_terminal()) is not None:
            return refused
        from wegwijzer.tui.app import make_app

        # The app resumes it or opens it for review.
        app = make_app(record=path, protocol=protocol)
        app.run()
        return app.return_code or 0  # 1 after a crash
    if args.resume:
        session = _resume(args)
        if session is None:
            return 1
        from wegwijzer.core.records.protocol_record import resume_note

        note = resume_note(_recorded_protocol(args), protocol)
        if note:
            print(note, file=sys.stderr)
        session.protocol = protocol  # the protocol at hand, named in the next save
        return _plain(session, args)
    if not args.flow:
        _fail("geef een stappenplan of --resume CONCEPT")
        return 2
    if not args.plain:
        return _tui(args.flow, protocol)
    loaded, _ = resolve_flow(args.flow)
    if loaded is None:
        return 1
    from wegwijzer.core.walk.session import Session

    return _plain(Session(loaded, case_ref=args.case, protocol=protocol), args)


def _tui(name: str, protocol: Protocol | None = None) -> int:
    """The flow in the TUI. A flow of the folder comes from the catalog the home screen
    lists (from the cache of checked flows when it is warm): the folder is loaded once.
    The collector rests until the first frame (core/base/startup.py)."""
    from wegwijzer.core.base.startup import until_first_frame

    with until_first_frame():
        return _tui_started(name, protocol)


def _tui_started(name: str, protocol: Protocol | None) -> int:
    from wegwijzer.core.flows.catalog import open_catalog

    loaded, catalog = resolve_flow(name, open_catalog())
    if loaded is None:
        return 1
    if (refused := refuse_without_terminal()) is not None:
        return refused
    from wegwijzer.tui.app import make_app

    if catalog.find(loaded.flow.id) is loaded:
        app = make_app(flow_id=loaded.flow.id, flow=loaded, catalog=catalog, protocol=protocol)
    else:  # a file elsewhere joins a catalog of its own (never cached)
        app = make_app(flow_id=loaded.flow.id, flow=loaded, protocol=protocol)
    app.run()
    return app.return_code or 0  # 1 after a crash
