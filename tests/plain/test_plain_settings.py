"""Plain mode's settings: who sees new things at first, the group's name and the first day of the week,
changed through piped input with change_settings (the rest of settings.toml kept), as the app's form does."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import date

from myrole.model import Visibility
from myrole.plain.menu import CHOICES, main_menu
from myrole.plain.session import run
from myrole.plain.your_settings import change_your_settings
from myrole.settings import load_settings, new_item_visibility, settings_file
from myrole.store.drafts import get_draft

MENU = {value: str(number) for number, (_, value) in enumerate(CHOICES, start=1)}
SKIP_DETAILS = ["", "", "", "", ""]  # first run: name, role, organisation, line manager, revalidation date
NOT_PLAIN = re.compile("[\x1b\x07\u2500-\u257f\u2580-\u259f]")  # escape sequences, box drawing
KEPT = '# mine\ntheme = "myrole-high-contrast"\n\n[keymap]\n"home.reflect" = "g"\n'


def plain(paths, lines: list[str], flow=main_menu) -> tuple[int, str]:
    out = io.StringIO()
    status = run(paths, flow, reader=io.StringIO("".join(f"{line}\n" for line in lines)), writer=out,
                 today=date(2026, 11, 26))
    assert not NOT_PLAIN.search(out.getvalue())
    return status, out.getvalue()


def test_the_menu_offers_settings_and_each_change_is_saved_keeping_the_rest_of_the_file(paths, db):
    settings_file(paths.config).parent.mkdir(parents=True, exist_ok=True)
    settings_file(paths.config).write_text(KEPT, encoding="utf-8")
    status, text = plain(paths, [*SKIP_DETAILS, MENU["settings"],
                                 "1", "3",  # who sees new things: alliance
                                 "2", "Reducing Inequalities Alliance",
                                 "3", "7",  # the week starts on Sunday
                                 "", MENU["quit"]])
    assert status == 0
    settings = load_settings(paths.config)
    assert settings.problems == ()
    assert settings.settings.default_visibility is Visibility.ALLIANCE
    assert settings.settings.collective_name == "Reducing Inequalities Alliance"
    assert settings.settings.week_starts == "sunday"
    assert settings.settings.theme == "myrole-high-contrast"  # the rest of the file stays
    assert settings.settings.keymap == {"home.reflect": "g"}
    # each line says the value now, in words
    assert "1. Who sees something new you write, at first; now private: only you." in text
    assert "2. The name of the group you share commitments with; now none set." in text
    assert "3. The first day of your week; now Sunday." in text
    assert "“Reducing Inequalities Alliance”" in text
    assert text.count("Saved.") == 3
    assert "theme" not in text.lower() and "colour" not in text.lower()  # plain mode has no colours to choose


def test_flows_after_a_change_use_the_new_setting(paths, db):
    seen = {}

    def change_then_look(session):
        change_your_settings(session)
        seen["visibility"] = new_item_visibility(session.settings)

    status, _ = plain(paths, ["1", "2", ""], flow=change_then_look)
    assert status == 0 and seen["visibility"] is Visibility.MANAGER


def test_a_name_the_file_could_not_keep_is_refused_in_one_sentence_and_asked_again(paths, db):
    status, text = plain(paths, ["2", "Bad\x1b[31mname", "Good name", ""], flow=change_your_settings)
    assert status == 0
    assert "The collective name holds a control character or an invisible direction mark; type it as plain text." in text
    assert load_settings(paths.config).settings.collective_name == "Good name"


def test_a_name_can_be_kept_or_taken_away(paths, db):
    settings_file(paths.config).parent.mkdir(parents=True, exist_ok=True)
    settings_file(paths.config).write_text('collective_name = "Old group"\n', encoding="utf-8")
    plain(paths, ["2", "", ""], flow=change_your_settings)  # Enter alone keeps it
    assert load_settings(paths.config).settings.collective_name == "Old group"
    status, text = plain(paths, ["2", "2", ""], flow=change_your_settings)  # Have no name
    assert status == 0 and "Keep “Old group”." in text
    assert load_settings(paths.config).settings.collective_name == ""


def test_a_settings_file_it_cannot_read_is_never_replaced_and_the_name_typed_is_kept_as_a_draft(paths, db):
    path = settings_file(paths.config)
    path.parent.mkdir(parents=True, exist_ok=True)
    half_edited = b'theme = "myrole-light\n[keymap\n'
    path.write_bytes(half_edited)
    status, text = plain(paths, ["1", "2", "2", "Typed group", ""], flow=change_your_settings)
    assert status == 0
    assert path.read_bytes() == half_edited
    assert "The setting was not saved: " in text and "could not be read" in text
    assert "The name was not saved: " in text
    draft = get_draft(db, "settings", "")
    assert draft is not None and draft.fields["collective_name"] == "Typed group"  # the app's form offers it


def test_end_of_input_in_the_settings_leaves_cleanly_with_what_was_saved(paths, db):
    status, text = plain(paths, ["3", "2"], flow=change_your_settings)
    assert status == 0
    assert text.rstrip().endswith("The input ended; everything you typed is saved.")
    assert load_settings(paths.config).settings.week_starts == "tuesday"


def test_myrole_plain_from_the_command_line_changes_a_setting(tmp_path):
    home = tmp_path / "home"
    environ = {k: v for k, v in os.environ.items() if k not in ("TERM", "ACCESSIBLE")}
    stdin = "\n".join([*SKIP_DETAILS, MENU["settings"], "3", "5", "", MENU["quit"]]) + "\n"
    result = subprocess.run([sys.executable, "-c", "from myrole.entry import main; main()", "--plain"], input=stdin,
                            capture_output=True, text=True, timeout=60,
                            env={**environ, "MYROLE_HOME": str(home), "TERM": "xterm"})
    assert result.returncode == 0, result.stderr
    assert "3. The first day of your week; now Friday." in result.stdout
    assert load_settings(home).settings.week_starts == "friday"
