"""Provides every screen's key bindings as one table, from which each screen builds its BINDINGS (for_screen).

A row is (id, keys, action, words for the footer, SHOWN or HIDDEN); an id starts with its screen's name. A
person moves a key by its id in settings.toml's [keymap] (docs/settings.md; `myrole keys` lists them). A screen
answers a key with the first of its rows for that key whose action is allowed, so the order of rows matters
where two share a key. A dialog keeps its few keys (cancel, save ...) in its own class.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

SHOWN, HIDDEN = True, False  # whether the footer shows the key (a hidden one still works)

# Every screen's keys, each screen's rows together, in the order the screen answers them.
SCREEN_KEYS: tuple[tuple[str, str, str, str, bool], ...] = (
    # Home (screens/home.py, HomeScreen)
    ("home.reflect", "r", "start_reflection", "Reflect", SHOWN),
    ("home.checkin", "c", "check_in", "Check in", SHOWN),
    ("home.new_commitment", "n", "new_commitment", "New", SHOWN),
    ("home.history", "h", "history", "History", SHOWN),
    ("home.profile", "p", "profile", "Your details", SHOWN),
    ("home.one_to_one", "o", "one_to_one", "One-to-one", SHOWN),
    ("home.export", "e", "export", "Export", SHOWN),
    ("home.revalidation", "v", "revalidation", "Revalidation", HIDDEN),
    ("home.drafts", "u", "drafts", "Drafts", HIDDEN),
    ("home.search", "slash", "search", "Search", HIDDEN),
    ("home.help", "question_mark", "app.help", "Help", HIDDEN),

    # A commitment (screens/commitment.py, CommitmentScreen)
    ("commitment.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("commitment.checkin", "c", "check_in", "Check in", SHOWN),
    ("commitment.edit", "e", "edit", "Edit", SHOWN),
    ("commitment.pause", "p", "pause_or_resume", "Pause/resume", SHOWN),
    ("commitment.reopen", "p", "reopen", "Reopen", SHOWN),
    ("commitment.snooze", "s", "snooze", "Remind me later", SHOWN),
    ("commitment.cadence", "r", "cadence", "How often", SHOWN),
    ("commitment.checkin_visibility", "v", "checkin_visibility", "Who sees a check-in", HIDDEN),
    ("commitment.correct_checkin", "w", "correct_checkin", "Correct a check-in", HIDDEN),
    ("commitment.done", "d", "done", "Done", HIDDEN),
    ("commitment.drop", "x", "drop", "Drop", HIDDEN),
    ("commitment.renegotiate", "n", "renegotiate", "Change the plan", HIDDEN),
    ("commitment.delete", "delete", "delete_for_good", "Delete", HIDDEN),
    # On a closed commitment the keys above are off; these say why instead of doing nothing (a keymap that moves
    # one of them moves it here too: keys.with_closed_keys).
    ("commitment.closed_key", "c,s,r,d,x,n", "closed_key", "", HIDDEN),

    # A one-to-one (screens/one_to_one.py, OneToOneScreen)
    ("one_to_one.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("one_to_one.talking_point", "t", "add_point", "Talking point", SHOWN),
    ("one_to_one.support", "s", "add_support", "Support", HIDDEN),
    ("one_to_one.note", "n", "add_note", "Note", SHOWN),
    ("one_to_one.action", "a", "add_action", "Agreed action", SHOWN),
    ("one_to_one.to_commitment", "c", "to_commitment", "To commitment", HIDDEN),
    ("one_to_one.edit", "e", "edit", "Edit", HIDDEN),
    ("one_to_one.visibility", "v", "visibility", "Who sees", HIDDEN),
    ("one_to_one.close", "x", "toggle_closed", "Close/reopen", HIDDEN),
    ("one_to_one.dates", "d", "dates", "Dates", HIDDEN),
    ("one_to_one.mark_agreed", "m", "mark_agreed", "Mark agreed", SHOWN),
    ("one_to_one.correction", "r", "correction", "Correct", SHOWN),
    ("one_to_one.past", "p", "past", "Past", SHOWN),
    ("one_to_one.delete", "delete", "delete_for_good", "Delete", HIDDEN),

    # Reflecting (screens/reflection.py, ReflectionScreen)
    # Next, back and skip are shown on their buttons (with their keys), not in the footer,
    # so that the footer's other keys fit at 80 columns.
    ("reflection.next", "ctrl+n", "next", "Next", HIDDEN),
    ("reflection.back", "ctrl+b", "back", "Back", HIDDEN),
    ("reflection.skip", "f4", "skip", "Skip", HIDDEN),
    ("reflection.hint", "f2", "toggle_hint", "Hint", SHOWN),
    ("reflection.visibility", "f3", "cycle_visibility", "Who sees", SHOWN),
    ("reflection.commit", "ctrl+t", "commit", "Make a commitment", SHOWN),
    ("reflection.finish", "ctrl+f", "review", "Finish", SHOWN),
    # Shown in the line above the question where it applies (the footer is full at 80 columns).
    ("reflection.lenses", "ctrl+l", "lenses", "Lenses", HIDDEN),
    ("reflection.leave", "escape", "leave", "Leave", SHOWN),

    # History (screens/history.py, HistoryScreen)
    ("history.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("history.older_year", "left_square_bracket", "jump_year(1)", "Older year", SHOWN),
    ("history.newer_year", "right_square_bracket", "jump_year(-1)", "Newer year", SHOWN),
    ("history.year", "y", "choose_year", "Year", SHOWN),

    # A past reflection (screens/history.py, ReflectionRecord)
    ("record.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("record.correct", "c", "correct", "Correct", SHOWN),
    ("record.visibility", "v", "visibility", "Who can see", SHOWN),
    ("record.delete", "delete", "delete_for_good", "Delete", HIDDEN),
    ("record.nmc_account", "n", "nmc_account", "NMC account", SHOWN),
    ("record.cpd_details", "k", "cpd_details", "CPD details", SHOWN),

    # Search (screens/search.py, SearchScreen)
    ("search.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("search.to_results", "down", "to_results", "Results", HIDDEN),

    # Export (screens/export.py, ExportScreen)
    ("export.back", "escape", "back", "Back", SHOWN),
    ("export.write", "ctrl+s", "write", "Write file", SHOWN),
    ("export.format", "f2", "next_format", "Format", SHOWN),
    ("export.audience", "f3", "next_audience", "Who it is for", SHOWN),

    # Collation (screens/collation.py, CollationScreen)
    ("collation.back", "escape", "app.pop_screen", "Back", SHOWN),
    # From the folder box too (it has no use for them); in the report its own keys scroll it, with Home
    # and End.
    ("collation.page_up", "pageup", "scroll_report('page_up')", "Page up", HIDDEN),
    ("collation.page_down", "pagedown", "scroll_report('page_down')", "Page down", HIDDEN),

    # Revalidation (screens/revalidation.py, RevalidationScreen)
    ("revalidation.back", "escape", "app.pop_screen", "Back", SHOWN),
    ("revalidation.summary", "s", "summary", "HCPC summary", SHOWN),
    ("revalidation.pick-activity", "a", "pick_activity", "Add activity", SHOWN),
    ("revalidation.take-out", "x", "take_out", "Take out", SHOWN),
    ("revalidation.write", "w", "write_document", "Write", SHOWN),

    # The HCPC summary (screens/revalidation.py, SummaryDialog)
    ("summary.cancel", "escape", "cancel", "Cancel", SHOWN),
    ("summary.save", "ctrl+s", "save", "Save", SHOWN),

    # Help (screens/help.py, HelpScreen)
    ("help.back", "escape", "app.pop_screen", "Back", SHOWN),
)


def for_screen(name: str) -> list[BindingType]:
    """A screen's bindings: the rows whose ids start with its name and a dot, in the table's order."""
    return [Binding(key, action, description, show=show, id=binding_id)
            for binding_id, key, action, description, show in SCREEN_KEYS if binding_id.startswith(f"{name}.")]

# The keys of a commitment that do nothing once it is closed, whose keys commitment.closed_key answers there.
CLOSED_KEYS_FOR = ("commitment.checkin", "commitment.snooze", "commitment.cadence", "commitment.done",
                   "commitment.drop", "commitment.renegotiate")

