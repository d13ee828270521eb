"""The organisation's own protocol in the app: its own panel, apart from the citations.

The small silent test flow (``tests/data/silent.toml``): the police step is silent on
"politie-inlichten", the outcome after "Nee" on "direct-gevaar" and "politie-inlichten";
the example protocol fills both.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static
from tuikit import FLOWS, ROOT, TO_POLITIE, fixed_clock, keys

from wegwijzer.core.flows.catalog import load_sources
from wegwijzer.core.flows.protocol import Protocol, known_topics, load_protocol
from wegwijzer.tui.app import WegwijzerApp, make_app
from wegwijzer.tui.screens.step import StepScreen
from wegwijzer.tui.widgets.citations import CitationPanel
from wegwijzer.tui.widgets.protocol import ProtocolPanel
from wegwijzer.tui.widgets.reading import BACK, DOWN_KEY, KEYS, MORE, UP_KEY, ReadingPane

DATA = ROOT / "tests" / "data"
HEADING = (
    "Eigen protocol van Gemeente Voorbeeldstad, team Jeugd (vastgesteld 1 maart 2026)"
    " — niet uit de bron"
)
POLICE = "Bespreek uw zorgen eerst met de aandachtsfunctionaris"
DANGER = "Bel direct de bereikbaarheidsdienst van <afdeling>."
TO_OUTCOME = (*TO_POLITIE, "2", "enter")
Snap = Callable[..., bool]


@pytest.fixture
def silent_flows(tmp_path: Path) -> Path:
    folder = tmp_path / "flows"
    shutil.copytree(FLOWS / "sources", folder / "sources")
    shutil.copy(DATA / "silent.toml", folder / "silent.toml")
    return folder


def example_protocol(folder: Path, path: Path = DATA / "protocol" / "valid.toml") -> Protocol:
    sources, _ = load_sources(folder)
    return load_protocol(path, known_topics(sources.values()))


def app_with(folder: Path, protocol: Protocol | None) -> WegwijzerApp:
    return make_app(
        "stilteflow", flows_dir=folder, clock=fixed_clock, drafts=False, protocol=protocol
    )


def text_of(widget: Static) -> str:
    return str(widget.render())


def panel_text(pilot: Pilot[Any]) -> str:
    return text_of(pilot.app.screen.query_one("#protocoltekst", Static))


def shown(widget: Any) -> bool:
    return bool(widget.display and widget.region.height and widget.region.width)


async def test_wide_the_panel_stands_apart_from_the_citations(silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *TO_POLITIE)
        screen = pilot.app.screen
        panel = screen.query_one(ProtocolPanel)
        citations = screen.query_one(CitationPanel)
        assert shown(panel) and shown(citations)
        assert not panel.region.overlaps(citations.region)
        text = panel_text(pilot)
        assert text.startswith(HEADING) and POLICE in text
        assert panel.border_title == "Eigen protocol — niet uit de bron"
        # The source's own text and quotes hold no protocol text, and stay whole.
        quotes = " ".join(text_of(line) for line in citations.query(Static))
        assert POLICE not in quotes and "aandachtsfunctionaris" not in quotes
        assert text_of(screen.query_one("#prompt", Static)) == "Is er contact met de politie?"
        assert not shown(screen.query_one("#protocolstrook", Static))
        await keys(pilot, "p")  # wide: hide it, and show it again
        assert not shown(panel)
        await keys(pilot, "p")
        assert shown(panel)


async def test_narrow_the_panel_yields_to_the_steps_own_text(silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))
    async with app.run_test(size=(80, 24)) as pilot:
        await keys(pilot, *TO_POLITIE)
        screen = pilot.app.screen
        panel = screen.query_one(ProtocolPanel)
        strip = screen.query_one("#protocolstrook", Static)
        assert not shown(panel)
        assert shown(strip) and "Eigen protocol: 1 onderwerp, niet uit de bron" in text_of(strip)
        assert shown(screen.query_one("#vraag"))
        await keys(pilot, "p")
        assert shown(panel) and not shown(screen.query_one("#vraag"))
        assert "p: terug naar de tekst" in text_of(strip)
        assert shown(screen.query_one("#keuzes"))  # the options stay in view
        await keys(pilot, "p")
        assert not shown(panel) and shown(screen.query_one("#vraag"))
        await keys(pilot, "p")
        await pilot.resize_terminal(120, 40)  # wider while the protocol is open
        await pilot.pause()
        assert shown(panel) and shown(screen.query_one("#vraag"))
        assert shown(screen.query_one(CitationPanel))


def long_protocol(folder: Path, tmp_path: Path) -> Protocol:
    """A protocol whose police entry is far longer than any panel's room."""
    lines = "\n".join(f"Regel {n} van de afspraak over de politie." for n in range(1, 41))
    path = tmp_path / "lang.toml"
    path.write_text(
        'schema = 1\norganisation = "Gemeente Voorbeeldstad, team Jeugd"\n'
        'adopted = 2026-03-01\nreview_by = 2099-03-01\nmaintainer = "aandachtsfunctionaris"\n'
        f'[entries.politie-inlichten]\ntext = """\n{lines}"""\n',
        encoding="utf-8",
    )
    return example_protocol(folder, path)


def last_line_in_view(panel: ProtocolPanel) -> bool:
    """Whether "Regel 40", the protocol's last line, is on screen inside the panel."""
    return round(panel.scroll_y) == panel.max_scroll_y and "Regel 40" in panel_text_of(panel)


def more_below(pane: Any) -> bool:
    return round(pane.scroll_y) < pane.max_scroll_y


def panel_text_of(panel: ProtocolPanel) -> str:
    return text_of(panel.query_one("#protocoltekst", Static))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_pgdn_reads_a_long_protocol_to_its_end(
    silent_flows: Path, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = app_with(silent_flows, long_protocol(silent_flows, tmp_path))
    async with app.run_test(size=size) as pilot:
        await keys(pilot, *TO_POLITIE)
        screen = pilot.app.screen
        panel = screen.query_one(ProtocolPanel)
        if size[0] < 100:
            await keys(pilot, "p")  # narrow: the protocol in the text's place
        else:  # wide: the step's own text fits, so the protocol is what overflows
            assert not more_below(screen.query_one("#vraag", ReadingPane))
        assert shown(panel) and more_below(panel)
        assert panel.border_subtitle == MORE  # "▼ meer · PgDn", as under the step text
        for _ in range(40):  # the keys the mark names, pressed until the end
            if not more_below(panel):
                break
            await keys(pilot, KEYS[DOWN_KEY])
        assert last_line_in_view(panel)
        assert panel.border_subtitle == BACK
        assert screen.focused is screen.query_one("#keuzes")  # read without leaving them
        for _ in range(40):
            if round(panel.scroll_y) == 0:
                break
            await keys(pilot, KEYS[UP_KEY])
        assert round(panel.scroll_y) == 0 and panel.border_subtitle == MORE


async def test_no_panel_where_the_step_is_not_silent(silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, "enter")  # "signalen": not silent on anything
        screen = pilot.app.screen
        assert isinstance(screen, StepScreen)
        assert not shown(screen.query_one(ProtocolPanel))
        assert not shown(screen.query_one("#protocolstrook", Static))
        assert screen.check_action("toggle_protocol", ()) is False  # no "p" in the footer
        await keys(pilot, "enter", "1", "enter")  # on to the police step: it comes
        assert shown(screen.query_one(ProtocolPanel))
        assert screen.check_action("toggle_protocol", ()) is True


async def test_without_a_protocol_nothing_changes(silent_flows: Path) -> None:
    app = app_with(silent_flows, None)
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *TO_POLITIE)
        screen = pilot.app.screen
        assert not shown(screen.query_one(ProtocolPanel))
        assert not shown(screen.query_one("#protocolstrook", Static))
        await keys(pilot, "2", "enter")
        assert not list(pilot.app.screen.query(".protocol-groep"))


async def test_the_summary_lists_the_protocol_as_its_own_group(silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *TO_OUTCOME)
        screen = pilot.app.screen
        assert type(screen).__name__ == "SummaryScreen"
        group = screen.query_one(".protocol-groep", Static)
        text = text_of(group)
        assert text.startswith(HEADING) and POLICE in text and DANGER in text
        assert "Bereikbaarheidsdienst: <telefoonnummer>" in text
        actions = " ".join(text_of(s) for s in screen.query(".actie").results(Static))
        assert POLICE not in actions and DANGER not in actions
        headings = [text_of(s) for s in screen.query(".kop").results(Static)]
        assert headings.index("Eigen protocol") > headings.index("Aanbevolen acties")


async def test_contact_lines_are_plain_text(silent_flows: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "p.toml"
    hostile.write_text(
        'schema = 1\norganisation = "Gemeente [b]Voorbeeldstad[/b]"\nadopted = 2026-03-01\n'
        'review_by = 2099-01-01\nmaintainer = "rol"\n'
        '[entries.politie-inlichten]\ntext = "Bel [@click=app.quit]hier[/] \\u001b[31m"\n'
        'contacts = [{ label = "[link=https://x]Web[/link]", value = "tel:<nummer>" }]\n',
        encoding="utf-8",
    )
    app = app_with(silent_flows, example_protocol(silent_flows, hostile))
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *TO_POLITIE)
        content = pilot.app.screen.query_one("#protocoltekst", Static).render()
        text = str(content)
        assert "[@click=app.quit]hier[/]" in text and "[link=https://x]Web[/link]" in text
        assert "Gemeente [b]Voorbeeldstad[/b]" in text and "\x1b" not in text
        for span in getattr(content, "spans", []):
            assert "link" not in str(span.style) and "@click" not in str(span.style)
        await keys(pilot, "tab")
        assert pilot.app.is_running  # nothing was clicked or run


async def test_past_its_review_date_the_app_warns(silent_flows: Path, tmp_path: Path) -> None:
    old = tmp_path / "oud.toml"
    text = (DATA / "protocol" / "valid.toml").read_text(encoding="utf-8")
    old.write_text(text.replace("review_by = 2099-03-01", "review_by = 2026-06-01"), "utf-8")
    protocol = example_protocol(silent_flows, old)
    assert protocol.overdue(dt.date.today())
    app = app_with(silent_flows, protocol)
    async with app.run_test(size=(120, 40)) as pilot:
        await keys(pilot, *TO_POLITIE)
        titles = [n.title for n in pilot.app._notifications]
        assert any("Eigen protocol niet op tijd herzien" in title for title in titles)
        assert "had uiterlijk 1 juni 2026 opnieuw bekeken moeten worden" in panel_text(pilot)


def test_protocol_panel_at_120_by_40(snap_compare: Snap, silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))

    async def run_before(pilot: Pilot[Any]) -> None:
        await keys(pilot, *TO_POLITIE)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_protocol_panel_at_80_by_24(snap_compare: Snap, silent_flows: Path) -> None:
    app = app_with(silent_flows, example_protocol(silent_flows))

    async def run_before(pilot: Pilot[Any]) -> None:
        await keys(pilot, *TO_POLITIE, "p")

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_draft_begun_with_a_protocol_warns_when_it_is_gone(
    silent_flows: Path, tmp_path: Path
) -> None:
    from wegwijzer.core.flows.catalog import load_catalog
    from wegwijzer.core.records.record import record_bytes
    from wegwijzer.core.walk.session import Session

    loaded = load_catalog(silent_flows).find("stilteflow")
    assert loaded is not None
    session = Session(loaded, clock=fixed_clock, protocol=example_protocol(silent_flows))
    session.answer(None)
    draft = tmp_path / "concept.toml"
    draft.write_bytes(record_bytes(session, with_kept=True))
    app = make_app(record=draft, flows_dir=silent_flows, clock=fixed_clock, drafts=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [n.title for n in pilot.app._notifications]
        assert any("Ander eigen protocol" in title for title in titles)
        assert pilot.app.session is not None and pilot.app.session.protocol is None
