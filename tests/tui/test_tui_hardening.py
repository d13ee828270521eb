"""Hardening of the TUI (issue 7): markup and escapes from files and keyboards stay text on
every screen and clicking them does nothing; broken records, failed writes and crashes
end in a Dutch message; tiny terminals and thousands of random keys never crash it.

The markup checks look at what is really drawn: the screen's lines (``render_strips``),
the style under each cell (an ``@click`` action or a link would be in its meta) and a
real click on the text. ``test_the_click_check_catches_parsed_markup`` shows that the
same check fails on markup that *is* parsed.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea
from textual.widgets._footer import FooterKey
from textual.widgets._header import HeaderIcon
from tuikit import HERE, TO_POLITIE, TO_SUMMARY, fixed_clock, keys, screen_name

from test_record import walked
from wegwijzer.core.base import atomic
from wegwijzer.core.flows.catalog import load_catalog
from wegwijzer.core.records import drafts
from wegwijzer.core.records.record import build_record, render_record
from wegwijzer.core.walk.session import NOTE_LIMIT, Session
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.app_core import session_state
from wegwijzer.tui.dialogs.export import ExportDialog
from wegwijzer.tui.dialogs.note import NoteArea, NoteDialog
from wegwijzer.tui.screens.review import ReviewScreen
from wegwijzer.tui.screens.summary import SummaryScreen

NewApp = Callable[..., WegwijzerApp]

NOTE_PARTS = ["[@click=app.quit]klik[/]", "[ @click=app.quit]spatie[/]", "[bold]vet[/]"]
NOTE_PARTS.append("[link=https://x]x[/link]")
NOTE = " ".join(NOTE_PARTS)
SOURCE_MARKUP = "[@click=app.quit]bron[/]"
ESCAPES = (
    "\x1b]0;titel\x07 \x1b]52;c;Z2VoZWlt\x07 \x1b]8;;https://x\x07link\x1b]8;;\x07 "
    "\x1b[2J \x00 \x9b31m \u202eomgekeerd"
)
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


# --- reading the screen as drawn ---------------------------------------------------


def screen_lines(app: App[None]) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def locate(app: App[None], text: str) -> tuple[int, int]:
    """Screen cell (x, y) where ``text`` starts; it must be drawn on one line."""
    for y, line in enumerate(screen_lines(app)):
        index = line.find(text)
        if index >= 0:
            return cell_len(line[:index]), y
    shown = "\n".join(screen_lines(app))
    raise AssertionError(f"{text!r} is not on the screen:\n{shown}")


def assert_inert(app: App[None], text: str) -> tuple[int, int]:
    """``text`` is drawn literally and no cell of it carries an action or a link."""
    x, y = locate(app, text)
    compositor = app.screen._compositor
    for column in range(x, x + cell_len(text)):
        style = compositor.get_style_at(column, y)
        assert "@click" not in style.meta, (text, style.meta)
        assert not style.link, (text, style.link)
    return x, y


async def click_text(pilot: Pilot[None], text: str) -> None:
    """Click the start of ``text`` and the word inside its first tag; nothing may happen."""
    app = pilot.app
    before = (type(app.screen), len(app.screen_stack), state_of(app))
    x, y = assert_inert(app, text)
    inner = text.find("]") + 1
    for column in (x + 1, x + inner):
        await pilot.click(offset=(column, y))
        await pilot.pause()
    assert app.is_running
    assert (type(app.screen), len(app.screen_stack), state_of(app)) == before


def state_of(app: App[None]) -> object:
    session = getattr(app, "session", None)
    return session_state(session) if isinstance(session, Session) else None


def assert_clean_output(app: App[None]) -> None:
    """No control character from data in what is drawn, nor in the SVG export of it."""
    for line in screen_lines(app):
        assert not CONTROL.search(line), repr(line)
    assert not CONTROL.search(app.export_screenshot().replace("\n", ""))
    for widget in app.screen.walk_children():
        # Textual's header icon and footer keys carry fixed tooltips: the binding texts
        if not isinstance(widget, HeaderIcon | FooterKey):
            assert widget.tooltip is None, widget  # nothing from files rides in a tooltip


# --- fixtures --------------------------------------------------------------------------


@pytest.fixture
def hostile_flows(tui_flows: Path) -> Path:
    """The markup test flow, and a source whose cited paragraph carries markup and escapes."""
    shutil.copy(HERE / "data" / "markup.toml", tui_flows / "opmaak.toml")
    source = tui_flows / "sources" / "gevarenzone-2020.toml"
    text = source.read_text(encoding="utf-8")
    planted = f"{SOURCE_MARKUP} \\u001b]0;titel\\u0007\\u009b31m\\u202e"
    text = text.replace('"Nee, dat klopt niet.', f'"{planted}Nee, dat klopt niet.', 1)
    source.write_text(text, encoding="utf-8")
    return tui_flows


def walked_record(folder: Path) -> dict[str, Any]:
    """The record of a finished walk through the test flow in ``folder`` (no app needed)."""
    loaded = load_catalog(folder).find("testflow")
    assert loaded is not None
    return build_record(walked(loaded))


def hostile_app(folder: Path, **kwargs: object) -> WegwijzerApp:
    return make_app(flows_dir=folder, clock=fixed_clock, **kwargs)  # type: ignore[arg-type]


# --- markup and escapes, screen by screen ----------------------------------------------


async def test_the_click_check_catches_parsed_markup() -> None:
    """The checks above are not vacuous: parsed markup fails them, and its click quits."""

    class Parsed(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(Content.from_markup("[@click=app.quit]klik[/] [bold]vet[/]"))

    app = Parsed()
    async with app.run_test(size=(80, 5)) as pilot:
        with pytest.raises(AssertionError):
            assert_inert(app, "klik")
        x, y = locate(app, "klik")
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert not app.is_running


async def test_markup_from_files_and_keyboard_is_inert_on_the_walk(hostile_flows: Path) -> None:
    app = hostile_app(hostile_flows)
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        # home: the flow title, as an option (no action under it)
        assert_inert(app, "[@click=app.quit]Klik hier[/]")
        assert_inert(app, "[b]Vet?[/b] [link=https://example.org]link[/link]")
        assert_clean_output(app)
        await keys(pilot, "enter")
        assert screen_name(pilot) == "StepScreen"
        # step: prompt, explanation with an escape, options, the cited source paragraph
        await click_text(pilot, "[@click=app.screenshot]foto[/]")
        assert_inert(app, "[@click=app.quit]Ja[/]")
        await click_text(pilot, SOURCE_MARKUP)
        assert "␛[31m" in "\n".join(screen_lines(app))
        assert_clean_output(app)
        # note dialog: the prompt and the note itself
        await keys(pilot, "n")
        assert isinstance(app.screen, NoteDialog)
        await click_text(pilot, "[@click=app.screenshot]foto[/]")
        app.screen.query_one(NoteArea).post_message(events.Paste(NOTE + ESCAPES))
        await pilot.pause()
        for part in NOTE_PARTS:  # the editor wraps the note; each part stays on one line
            assert_inert(app, part)
        assert_clean_output(app)
        await keys(pilot, "ctrl+s")
        session = app.session
        assert session is not None and session.notes["vraag"].startswith(NOTE)
        assert not CONTROL.search(session.notes["vraag"])
        await click_text(pilot, "[@click=app.quit]klik[/] [ @click=app.quit]spatie[/]")
        # source browser at the cited paragraph
        await keys(pilot, "b")
        assert screen_name(pilot) == "SourceScreen"
        await click_text(pilot, SOURCE_MARKUP)
        assert_clean_output(app)
        await keys(pilot, "escape", "f1")
        assert screen_name(pilot) == "HelpScreen"
        assert_clean_output(app)
        await keys(pilot, "escape", "enter")
        # summary: the outcome, its action, the note on the path
        assert isinstance(app.screen, SummaryScreen)
        await click_text(pilot, "[@click=app.bell]Actie[/]")
        await click_text(pilot, "[i]Klaar[/i]")
        assert_inert(app, "[@click=app.quit]klik[/]")
        assert_clean_output(app)
        assert app.is_running


async def test_markup_in_the_export_dialog_and_notifications_is_inert(
    hostile_flows: Path, tmp_path: Path
) -> None:
    app = hostile_app(hostile_flows, flow_id="opmaak")
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await keys(pilot, "enter")
        session = app.session
        assert session is not None
        session.case_ref = "[@click=app.quit]zaak[/]"
        await keys(pilot, "e")
        assert isinstance(app.screen, ExportDialog)
        assert_inert(app, "[@click=app.quit]zaak[/]")
        target = tmp_path / "[@click=app.quit]uit.toml"
        app.screen.query_one("#pad", Input).value = str(target)
        await keys(pilot, "enter")
        assert target.exists()
        assert b"\x1b" not in target.read_bytes()
        await click_text(pilot, "[@click=app.quit]uit.toml")  # in the "Opgeslagen" toast
        assert_clean_output(app)


async def test_a_flow_id_with_markup_is_reported_as_text(tui_flows: Path) -> None:
    app = make_app(f"[@click=app.quit]weg[/]{ESCAPES}", None, tui_flows, clock=fixed_clock)
    async with app.run_test(size=(140, 40), notifications=True) as pilot:
        await pilot.pause()
        await click_text(pilot, "[@click=app.quit]weg[/]")
        assert_clean_output(app)


async def test_a_record_with_markup_and_escapes_is_inert_in_review(
    new_app: NewApp, tui_flows: Path, tmp_path: Path
) -> None:
    data = walked_record(tui_flows)
    data["case_ref"] = "[@click=app.quit]zaak[/]" + ESCAPES[:20]
    data["steps"][1]["note"] = NOTE + ESCAPES
    data["flow_version"] = "[@click=app.quit]v[/]\x1b]0;x\x07"
    path = tmp_path / "r.toml"
    path.write_bytes(render_record(data))
    app = new_app(record=path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await click_text(pilot, "[@click=app.quit]zaak[/]")
        await click_text(pilot, "[@click=app.quit]klik[/] [ @click=app.quit]spatie[/]")
        await click_text(pilot, "versie [@click=app.quit]v[/]␛]0;x␇")
        assert_clean_output(app)


# --- pastes --------------------------------------------------------------------------


async def test_a_one_megabyte_paste_with_escapes_is_cleaned_capped_and_exported_clean(
    new_app: NewApp, tmp_path: Path
) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, "n")
        area = app.screen.query_one(NoteArea)
        pasted = (ESCAPES + NOTE) * (1024 * 1024 // len(ESCAPES + NOTE) + 1)
        area.post_message(events.Paste(pasted))
        await pilot.pause()
        assert len(area.text) == NOTE_LIMIT
        assert not CONTROL.search(area.text)
        assert area.text.startswith("␛]0;titel␇ ␛]52;c;Z2VoZWlt␇ ␛]8;;https://x␇link")
        await keys(pilot, "ctrl+s", *TO_SUMMARY[1:])
        target = tmp_path / "plak.toml"
        await keys(pilot, "e")
        app.screen.query_one("#pad", Input).value = str(target)
        await keys(pilot, "enter")
        raw = target.read_bytes()
        assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", raw)
        assert b"\\u001b" not in raw and b"\\u009b" not in raw


# --- broken records open as review or with a Dutch reason ---------------------------


def _broken(data: dict[str, Any], case: str) -> dict[str, Any] | bytes:
    import datetime as dt

    steps = data["steps"]
    assert isinstance(steps, list)
    if case == "andere-versie":
        data["flow_version"] = "9"
    elif case == "andere-hash":
        data["flow_hash"] = "sha256:" + "0" * 64
    elif case == "onbekende-stap":
        steps[2]["id"] = "bestaat-niet"
    elif case == "geen-keuze":
        steps[2]["answer"] = "Misschien"
    elif case == "extra-sleutel":
        data["naam"] = "Sanne"
    elif case == "naief-en-bewust":
        data["finished"] = dt.datetime(2024, 5, 1, 10)
    elif case == "kapot":
        return b"format = [\x1b"
    return data


BROKEN = {
    "andere-versie": "versie 9 van het stappenplan",
    "andere-hash": "het stappenplan is gewijzigd sinds dit overzicht is gemaakt",
    "onbekende-stap": "bestaat niet in het stappenplan",
    "geen-keuze": "niet de tekst van keuze",
    "extra-sleutel": "onbekend veld 'naam'",
    "naief-en-bewust": "tijdstip zonder tijdzone",
    "kapot": "de opmaak van het bestand klopt niet",
}


@pytest.mark.parametrize("case", sorted(BROKEN))
async def test_a_broken_record_opens_for_review_or_is_refused_in_dutch(
    case: str, new_app: NewApp, tui_flows: Path, tmp_path: Path
) -> None:
    broken = _broken(walked_record(tui_flows), case)
    path = tmp_path / f"{case}.toml"
    path.write_bytes(broken if isinstance(broken, bytes) else tomli_w.dumps(broken).encode())
    app = new_app(record=path)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert app.is_running and app.session is None
        shown = "\n".join(screen_lines(app))
        messages = "\n".join(n.message for n in app._notifications)
        assert BROKEN[case] in shown + messages
        assert screen_name(pilot) in ("ReviewScreen", "HomeScreen")
        assert "Sanne" not in shown + messages  # a refusal names the field, not the data
        await keys(pilot, "escape", "q")


# --- faults while exporting ---------------------------------------------------------


def _fail_temp_open(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.open

    def refusing(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if atomic.TEMP_MARK in os.fspath(path):  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "open", refusing)


def _fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "write", full)


def _fail_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(atomic.os, "link", broken)
    monkeypatch.setattr(atomic.os, "replace", broken)


FAULTS = {
    "map-niet-schrijfbaar": (_fail_temp_open, "geen toestemming om in deze map te schrijven"),
    "schijf-vol": (_fail_write, "de schijf is vol"),
    "hernoemen-mislukt": (_fail_rename, "invoer-/uitvoerfout van de schijf"),
}


async def test_a_failed_export_says_why_and_keeps_everything(
    new_app: NewApp, tmp_path: Path
) -> None:
    """Unwritable folder, full disk, failed rename: each a Dutch message, no file at all,
    the session, its draft and the summary screen as they were."""
    folder = tmp_path / "uit"
    folder.mkdir()
    target = folder / "overzicht.toml"
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        await app.workers.wait_for_complete()
        session = app.session
        assert session is not None
        session.set_note("politie", "een notitie")
        before = session_state(session)
        for fault, (fail, reason) in FAULTS.items():
            app.clear_notifications()
            with pytest.MonkeyPatch.context() as patch:
                fail(patch)
                await keys(pilot, "e")
                app.screen.query_one("#pad", Input).value = str(target)
                await keys(pilot, "enter")
            messages = [n.message for n in app._notifications]
            assert any(reason in m and "er is niets gewijzigd" in m for m in messages), fault
            assert "Niet opgeslagen" in "\n".join(screen_lines(app)), fault
            assert list(folder.iterdir()) == [], fault  # no partial file, no temp file
            assert isinstance(app.screen, SummaryScreen) and app.session is session, fault
            assert session_state(session) == before and app.unexported, fault
            assert drafts.list_drafts().drafts, fault  # the draft is still there


# --- a crash in a worker thread ------------------------------------------------------


async def test_a_crash_while_autosaving_shows_no_note(
    new_app: NewApp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "GEHEIM-over-Sanne"

    def broken(session: Session) -> Path:
        raise RuntimeError(f"kapot: {session.notes}")

    monkeypatch.delenv("WEGWIJZER_DEBUG", raising=False)
    monkeypatch.setattr(drafts, "save_draft", broken)
    app = new_app(flow_id="testflow")
    with pytest.raises(Exception, match="kapot"):  # run_test re-raises for the test
        async with app.run_test(size=(100, 30)) as pilot:
            await keys(pilot, "n")
            app.screen.query_one(TextArea).text = secret
            await keys(pilot, "ctrl+s")
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert app.return_code == 1
    printed = capsys.readouterr()
    shown = printed.out + printed.err
    assert "Interne fout (RuntimeError)" in shown and secret not in shown


# --- tiny terminals --------------------------------------------------------------------


SIZES = [(1, 1), (4, 24), (20, 5)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_screen_survives_a_tiny_terminal(
    size: tuple[int, int], new_app: NewApp
) -> None:
    """Started that small, then every screen and dialog is drawn at that size. While the
    window is too small no key acts (test_tui_hidden_keys), so each is opened by keys in
    a window large enough, and the window made small again at once."""
    app = new_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for step in (
            ("enter",),  # step
            ("n",),  # note dialog
            ("escape", "b"),  # source
            ("escape", "f1"),  # help
            ("escape", "ctrl+p"),  # palette
            ("escape", *TO_POLITIE[1:], "1", "enter", "2", "enter"),  # summary
            ("e",),  # export dialog
            ("escape", "q"),  # confirm dialog
            ("n",),
        ):
            await pilot.resize_terminal(100, 30)
            await keys(pilot, *step)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.is_running, step
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "Overzicht" in "\n".join(screen_lines(app))


async def test_resizing_with_each_modal_open(new_app: NewApp) -> None:
    app = new_app(flow_id="testflow")
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *TO_SUMMARY[1:])
        for opener, closer in (("e", "escape"), ("q", "n"), ("ctrl+p", "escape"), ("f1", "f1")):
            await keys(pilot, opener)
            for size in ((4, 24), (1, 1), (100, 30)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
            await keys(pilot, closer)
            assert isinstance(app.screen, SummaryScreen), opener
        await keys(pilot, "escape", "n")
        for size in ((1, 1), (4, 24), (20, 5), (100, 30)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        await keys(pilot, "escape")
        assert screen_name(pilot) == "StepScreen"


# --- keys typed ahead -----------------------------------------------------------------


async def type_ahead(pilot: Pilot[None], *pressed: str, settle: float = 0.1) -> None:
    """Keys as a terminal delivers a quick burst: all queued before the app handles one."""
    driver = pilot.app._driver
    assert driver is not None
    for key in pressed:
        character = {"enter": "\r", "escape": "\x1b", "space": " ", "tab": "\t"}.get(key)
        driver.send_message(events.Key(key, key if len(key) == 1 else character))
    await pilot.pause()
    if settle:
        await pilot.pause(settle)


async def test_a_double_enter_on_the_home_screen_opens_the_flow_once(new_app: NewApp) -> None:
    """Found by the random-key test: the second Enter popped the step screen that the
    first was still mounting, and Textual's Header crashed (NoMatches: HeaderTitle)."""
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_ahead(pilot, "enter", "enter")
        assert app.is_running
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "StepScreen"]
        await keys(pilot, "enter")
        assert app.session is not None and app.session.current_id == "signalen"


async def test_a_double_enter_on_a_draft_opens_it_once(new_app: NewApp, tui_flows: Path) -> None:
    loaded = load_catalog(tui_flows).find("testflow")
    assert loaded is not None
    session = Session(loaded, clock=fixed_clock)
    session.answer(None)
    session.answer((0,))
    drafts.save_draft(session)
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot)  # the drafts lead the home screen, and have the focus
        await type_ahead(pilot, "enter", "enter", "enter")
        assert app.is_running and screen_name(pilot) == "StepScreen"
        assert app.session is not None and app.session.current_id == "politie"


async def test_enter_then_the_palette_typed_ahead_does_not_crash(new_app: NewApp) -> None:
    """Found by the random-key test: going home for the chosen flow popped the palette
    opened just after, which then dismissed the wrong screen (ScreenStackError)."""
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await type_ahead(pilot, "enter", "enter", "ctrl+p", "enter")
        # The palette's Enter runs whichever command came first, "Afsluiten" included.
        assert app.return_code in (None, 0) and app._exception is None
        if app.is_running:
            await keys(pilot, "escape", "escape")
        assert app.return_code in (None, 0) and app._exception is None


@pytest.mark.parametrize(
    ("opener", "burst"),
    [
        (("o",), ("escape", "escape", "escape")),
        (("o", *"x.toml"), ("enter", "enter", "enter")),
        (("enter", "n"), ("ctrl+s", "ctrl+s", "escape")),
        (("enter", "b"), ("escape", "escape", "escape")),
        (("f1",), ("escape", "escape", "escape")),
    ],
    ids=["open-escape", "open-enter", "note-save", "source-escape", "help-escape"],
)
async def test_a_screen_closed_twice_by_keys_typed_ahead_closes_once(
    opener: tuple[str, ...], burst: tuple[str, ...], new_app: NewApp
) -> None:
    """Found by the random-key test: the second close popped the screen below as well
    (ScreenStackError) or answered a dialog twice (InvalidStateError)."""
    app = new_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await keys(pilot, *opener)
        for _ in range(3):
            await type_ahead(pilot, *burst)
            assert app._exception is None and app.is_running
            assert type(app.screen_stack[0]).__name__ == "HomeScreen"  # never popped
        await keys(pilot, *opener)


# --- 5,000 random keys -------------------------------------------------------------------

ALPHABET = [
    *"0123456789",
    *"abcdefghijklmnopqrstuvwxyz",
    *("enter", "escape", "backspace", "tab", "f1", "ctrl+p", "space"),
    *("up", "down", "left", "right"),
]
RANDOM_KEYS = 5000
CHUNK = 50


async def random_keys(folder: Path, total: int, seed: int) -> set[str]:
    """Seeded random keys in bursts of 50, as fast as a terminal delivers them; when a
    quit is confirmed the app starts again and the count goes on. Any exception fails
    (``run_test`` re-raises it). Returns the screens seen."""
    rng = random.Random(seed)
    pressed, starts, seen = 0, 0, set()
    while pressed < total:
        app = make_app(flows_dir=folder, clock=fixed_clock)
        starts += 1
        async with app.run_test(size=(80, 24)) as pilot:
            await keys(pilot)
            while pressed < total and app.is_running:
                burst = [rng.choice(ALPHABET) for _ in range(CHUNK)]
                await type_ahead(pilot, *burst, settle=0)
                pressed += len(burst)
                seen.add(type(app.screen).__name__)
            await pilot.pause(0.1)  # not wait_for_complete: a dialog may wait for an answer
        assert app.return_code in (None, 0), f"crash after {pressed} keys"
    assert starts > 1, "no quit was confirmed: the keys never left one app"
    return seen


async def test_5000_random_keys_over_every_screen_never_crash(tui_flows: Path) -> None:
    """Every screen: flows (one full of markup), an exercise with its training screens,
    drafts that the keys themselves leave behind."""
    shutil.copy(HERE / "data" / "markup.toml", tui_flows / "opmaak.toml")
    shutil.copytree(HERE.parent / "data" / "oefeningen", tui_flows / "oefeningen")
    shutil.rmtree(tui_flows / "oefeningen" / "broken")
    seen = await random_keys(tui_flows, RANDOM_KEYS, seed=20200525)
    # the summary is reached by a random walk only now and then; the walks in
    # test_tui_walk.py and the markup test here cover it deliberately
    assert {"HomeScreen", "StepScreen", "HelpScreen"} <= seen, seen
