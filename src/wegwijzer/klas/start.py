"""Starting a class: check the trainer's options, start the server, show the view."""

from __future__ import annotations

import datetime as dt
import signal
import socket
import sys
import threading
from pathlib import Path

from wegwijzer.klas.access import AccessGate, shown_code
from wegwijzer.klas.settings import (
    DEFAULT_HOST,
    DEFAULT_MAX,
    DEFAULT_PORT,
    KlasSettings,
    default_results_dir,
    make_results_dir,
    parse_exercise_ids,
)

MAX_LIMIT = 200


def known_exercises() -> list[str]:
    from wegwijzer.klas.trainee import load_class_exercises

    return [item.exercise.id for item in load_class_exercises(())]


def prepare(
    *,
    exercises: str,
    results: Path | None,
    host: str | None,
    port: int | None,
    max_sessions: int | None,
    feedback: str,
) -> KlasSettings | str:
    """The settings, or a Dutch reason why the class cannot start."""
    wanted = parse_exercise_ids(exercises)
    available = known_exercises()
    unknown = [name for name in wanted if name not in available]
    if exercises.strip() and not wanted:
        return "--oefeningen noemt geen geldige oefening"
    if unknown:
        names = ", ".join(available) or "geen"
        return f"onbekende oefening(en): {', '.join(unknown)} (beschikbaar: {names})"
    if not available:
        return "er zijn geen oefeningen om te oefenen (controleer ze met: wegwijzer check)"
    count = DEFAULT_MAX if max_sessions is None else max_sessions
    if not 1 <= count <= MAX_LIMIT:
        return f"--max moet tussen 1 en {MAX_LIMIT} liggen"
    chosen_port = DEFAULT_PORT if port is None else port
    if not 0 <= chosen_port <= 65535:
        return "--port moet tussen 0 en 65535 liggen"
    if results is None:
        from wegwijzer.core.records.drafts import data_dir

        results = default_results_dir(data_dir(), dt.date.today())
        try:  # the folder of all classes: 0700 too, so other users see not even the dates
            results.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            return f"de map {results.parent} kan niet worden gemaakt ({error.strerror})"
    try:
        folder = make_results_dir(results)
    except OSError as error:
        return f"de resultatenmap {results} kan niet worden gemaakt ({error.strerror})"
    return KlasSettings(
        results=folder,
        exercises=wanted,
        feedback=feedback,
        host=host or DEFAULT_HOST,
        port=chosen_port,
        max_sessions=count,
    )


def addresses(host: str, port: int) -> list[str]:
    """The addresses trainees type: this host, or for 0.0.0.0 the machine's own."""
    if host not in ("0.0.0.0", "::", ""):
        shown = f"[{host}]" if ":" in host else host
        return [f"http://{shown}:{port}"]
    found: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    for info in infos:
        address = str(info[4][0])
        if not address.startswith("127.") and f"http://{address}:{port}" not in found:
            found.append(f"http://{address}:{port}")
    return found or [f"http://127.0.0.1:{port}"]


def serve(settings: KlasSettings, *, interactive: bool) -> int:
    from wegwijzer.klas.server import KlasServer, ServerThread

    gate = AccessGate()
    server = KlasServer(settings, gate)
    thread = ServerThread(server)
    try:
        host, port = thread.start()
    except OSError as error:
        print(
            f"fout: de server kan niet starten op {settings.host}:{settings.port} "
            f"({error.strerror or error}); kies een andere poort met --port",
            file=sys.stderr,
        )
        return 1
    shown = addresses(host, port)
    code = shown_code(gate.code)
    print(f"Klas gestart. Adres: {' of '.join(shown)}")
    print(f"Toegangscode: {code}")
    print(f"Resultaten: {settings.results}", flush=True)
    try:
        if interactive:
            from wegwijzer.klas.view import ClassViewApp

            app = ClassViewApp(
                settings.results,
                shown[0],
                code,
                end_class=thread.end_class,
                running=lambda: server.running,
                max_sessions=settings.max_sessions,
            )
            app.run()
        else:
            stop = threading.Event()
            for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(number, lambda *_: stop.set())
            stop.wait()
    finally:
        thread.stop()
    print(f"Klas beëindigd. De resultaten staan in {settings.results}")
    return 0
