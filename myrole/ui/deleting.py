"""Provides deleting a commitment, reflection or one-to-one for good from its screen: confirm, delete, say what happened."""

from __future__ import annotations

from textual.screen import Screen

from myrole.store import StoreError
from myrole.ui.context import myrole_app

DELETERS = {
    "commitment": "delete_commitment",
    "reflection": "delete_reflection",
    "one-to-one": "delete_one_to_one",
}


def confirm_delete(screen: Screen, what: str, record_id: str, question: str) -> None:
    """Ask once; on yes delete the record for good (store.erase), leave its screen and say what was done."""
    from myrole.store import erase
    from myrole.ui.dialogs.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        try:
            result = getattr(erase, DELETERS[what])(myrole_app(screen).db, record_id)
        except StoreError as error:
            screen.notify(str(error), severity="error", markup=False)
            return
        screen.app.pop_screen()
        screen.app.notify(done_sentence(what, result.journal_cleared, result.older_backups), markup=False)

    screen.app.push_screen(ConfirmDialog(question, yes="Delete for good", no="Keep it", safe_first=True), answered)


def done_sentence(what: str, journal_cleared: bool, older_backups: int) -> str:
    sentence = f"The {what} was deleted for good."
    if not journal_cleared:
        sentence += " Another myrole window is open, so a temporary file beside your records keeps the old text until that window closes."
    if older_backups:
        sentence += (f" {older_backups} older backup{'s' if older_backups != 1 else ''} may still hold it "
                     "(myrole never changes a backup).")
    return sentence
