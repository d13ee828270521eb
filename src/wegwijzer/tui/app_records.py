"""The app's routes for records: drafts after every change, opening a file, exporting."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content

from wegwijzer.tui.app_core import AppCore, session_state
from wegwijzer.tui.messages import RecordChosen
from wegwijzer.tui.records_bridge import (
    CASE_REF,
    ProblemsError,
    RecordExistsError,
    WriteError,
    is_overview_name,
    make_saver_call,
    open_record,
    opened_changes,
    privacy_findings,
    resume_note,
)
from wegwijzer.tui.render import plain
from wegwijzer.tui.training import export_run, training_export_name

if TYPE_CHECKING:
    from wegwijzer.core.records.export import PrivacyFinding
    from wegwijzer.core.walk.session import Session


def _shown_path(path: Path) -> str:
    """A path as the export dialog shows it: the home folder as '~'."""
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


class RecordRoutes(AppCore):
    """Drafts, opening an exported file or a draft, and exporting the overview."""

    @work(group="vragen")
    async def on_record_chosen(self, message: RecordChosen) -> None:
        opened = await self._may_replace_session() and self.open_record(message.path)
        if not opened and self.on_home():  # a draft chosen there: its check goes on
            from wegwijzer.tui.screens.home import HomeScreen  # on top, so imported already

            if isinstance(self.screen, HomeScreen):
                self.screen.stayed()

    def open_record(self, path: Path) -> bool:
        """Resume or review ``path``; False (with the reasons shown) when it cannot open."""
        try:
            opened = open_record(path, self.catalog)
        except ProblemsError as error:
            for problem in error.problems[:5]:
                self.notify(str(problem), title="Niet geopend", severity="error", markup=False)
            return False
        reasons, changes = opened_changes(opened)
        if opened.session is not None:
            self.begin(opened.session)
            self.notify("Geopend; u gaat verder waar u was.", markup=False)
            if changes:  # the source changed; the flow did not, or it could not resume
                self.notify("\n".join(changes), title="Gewijzigd", severity="warning", markup=False)
            note = resume_note(opened.record.protocol, self.protocol)
            if note:
                self.notify(note, title="Ander eigen protocol", severity="warning", markup=False)
            if opened.dropped:  # answers kept off the path that no longer fit the flow
                lines = "\n".join(f"- {reason}" for reason in opened.dropped[:3])
                more = len(opened.dropped) - 3
                if more > 0:
                    lines += f"\n(en nog {more})"
                self.notify(
                    lines,
                    title="Niet alle bewaarde antwoorden teruggezet",
                    severity="warning",
                    markup=False,
                    timeout=12,
                )
        else:
            from wegwijzer.tui.screens.review import ReviewScreen

            self._to_home()
            labels = opened.loaded.source.silent_topics if opened.loaded is not None else {}
            self.push_screen(ReviewScreen(opened.record, reasons, changes, labels))
        return True

    def draft_session(self) -> Session | None:
        """The session a draft should hold now, or None. No draft in an exercise, none
        before the first answer or note, and none for a file opened again or just saved
        until something in it changes (walking through it changes nothing). The autosave
        and the save on SIGTERM/SIGHUP both ask this."""
        session = self.session
        if session is None or self.training is not None:
            return None
        if not self._saved and session_state(session) == self._exported:
            return None
        return session

    def autosave(self) -> None:
        session = self.draft_session()
        if session is None or not self.saver.enabled:
            return
        self._saved = True
        job = make_saver_call(self.saver, session)
        self.run_worker(partial(self._save_draft, job), thread=True, group="concept")

    def _save_draft(self, job: Callable[[], str | None]) -> None:
        error = job()
        if error:
            self.call_from_thread(self.notify, error, severity="error", markup=False)

    def default_export_path(self, session: Session) -> Path:
        day = self.clock().astimezone().date().isoformat()
        if self.training is not None and session is self.training.session:
            return Path.home() / training_export_name(self.training, day)
        return Path.home() / f"wegwijzer-{session.flow.id}-{day}.toml"

    def action_export(self) -> None:
        if self.session is None:
            self.notify("Er is nog geen overzicht om op te slaan.", markup=False)
            return
        if self.training is not None and not self.training.finished:
            self.notify("Een oefening slaat u aan het eind op, in de nabespreking.", markup=False)
            return
        self._export(self.session)

    @work(group="vragen")
    async def _export(self, session: Session) -> None:
        """Ask where, scan for personal data, then write; "Aanpassen" goes back and round again."""
        from wegwijzer.tui.dialogs.export import ExportDialog

        shown = _shown_path(self.default_export_path(session))
        focus = "pad"
        while True:
            dialog = ExportDialog(shown, session.case_ref, focus=focus)
            choice = await self.push_screen_wait(dialog)
            if choice is None:
                return
            shown = _shown_path(choice.path)  # as it was, when the dialog comes back
            if choice.case_ref != session.case_ref:
                session.case_ref = choice.case_ref
                self.autosave()
            findings = privacy_findings(session)
            if not findings:
                break
            adjust = await self._privacy_choice(session, findings)
            if adjust is None:
                break  # "Toch opslaan"
            if not adjust:
                return  # cancelled
            focus = "kenmerk" if findings[0].step_id == CASE_REF else "pad"
            if focus == "pad" and not await self._edit_note(session, findings[0].step_id):
                return
        path = choice.path if choice.path.is_absolute() else Path.cwd() / choice.path
        await self._save(session, path)

    async def _privacy_choice(
        self, session: Session, findings: list[PrivacyFinding]
    ) -> bool | None:
        """The warning and its two choices: True adjusts, None saves anyway, False cancels."""
        from wegwijzer.tui.dialogs.privacy import PrivacyDialog

        first = findings[0].step_id
        if first == CASE_REF:
            concerned = "het zaakkenmerk"
        else:
            number = session.path.index(first) + 1
            concerned = f"de notitie bij stap {number}"
        lines = [finding.line for finding in findings]
        answer = await self.push_screen_wait(PrivacyDialog(lines, concerned))
        if answer == "aanpassen":
            return True
        return None if answer == "opslaan" else False

    async def _edit_note(self, session: Session, step_id: str) -> bool:
        """The note of ``step_id`` in the note editor; False when that was cancelled."""
        from wegwijzer.tui.dialogs.note import NoteDialog
        from wegwijzer.tui.screens.summary import SummaryScreen

        note = session.notes.get(step_id, "")
        text = await self.push_screen_wait(NoteDialog(session.flow.steps[step_id].prompt, note))
        if text is None:
            return False
        session.set_note(step_id, text)
        self.autosave()
        if isinstance(self.screen, SummaryScreen):
            await self.screen.recompose()  # its note and warnings as they are now
        return True

    async def _save(self, session: Session, path: Path) -> None:
        try:
            try:
                written = self._write(session, path, overwrite=False)
            except RecordExistsError:
                question = Content.assemble(plain(str(path)), "\nbestaat al. Overschrijven?")
                if not await self._ask(
                    "Bestand bestaat al", question, "Overschrijven", "Annuleren"
                ):
                    return
                written = self._write(session, path, overwrite=True)
        except WriteError as error:
            self.notify(str(error), title="Niet opgeslagen", severity="error", markup=False)
            return
        self._exported = session_state(session)
        if is_overview_name(written):
            self.notify(
                f"Opgeslagen als leesbaar document: {written}\n"
                "Het concept blijft bewaard, zodat u het later nog kunt openen.",
                title="Opgeslagen",
                markup=False,
                timeout=10,
            )
            return
        # The file replaced the draft: as for a file opened again, no new draft (on
        # the next step or on SIGTERM/SIGHUP) until something changes.
        self._saved = False
        self.notify(
            f"Overzicht opgeslagen in {written}", title="Opgeslagen", markup=False, timeout=10
        )

    def _write(self, session: Session, path: Path, *, overwrite: bool) -> Path:
        if self.training is not None and session is self.training.session:
            return export_run(self.training, path, overwrite=overwrite)  # with [score]
        return self.saver.export(session, path, overwrite=overwrite)

    def action_open_record(self) -> None:
        from wegwijzer.tui.dialogs.open_record import OpenRecordDialog

        self.push_screen(OpenRecordDialog(), self._record_path_chosen)

    def _record_path_chosen(self, path: Path | None) -> None:
        if path is not None:
            self._open_typed(path)

    @work(group="vragen")
    async def _open_typed(self, path: Path) -> None:
        """Open what was typed; when it cannot be opened, the dialog comes back with the
        path still in it, to correct rather than type again."""
        from wegwijzer.tui.dialogs.open_record import OpenRecordDialog

        if await self._may_replace_session() and not self.open_record(path):
            self.push_screen(OpenRecordDialog(str(path)), self._record_path_chosen)
