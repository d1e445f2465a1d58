"""Hostile text is stored exactly and printed inert by the command line (screens: test_hostile_screens.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from myrole.model import CheckIn, Commitment, Context, Lens, Mode, Profile, Prompt, Visibility
from myrole.prompts import load_catalogue
from myrole.store.checkins import add_checkin, list_checkins
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.profile import get_profile, save_profile
from myrole.store.reflections import get_answers, get_reflection, save_answer, start_reflection
from .helpers import assert_no_traceback, invoke_cli, run_cli
from .hostile import HOSTILE, HUGE, LONE_SURROGATE, UNSAFE

CORE = load_catalogue().get("core")
EVERY = {**HOSTILE, **HUGE}
PROMPT = Prompt("hostile", Lens.SELF, Mode.AWARENESS, "What did you notice?", "")


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def commitment_of(text: str) -> Commitment:
    return Commitment(id="", title=text, detail=text, lens=Lens.PATIENTS, mode=Mode.ACTION, first_step=text,
                      success=text, support=text, status_reason=text, tags=(text, "plain"), cadence="weekly")


@pytest.mark.parametrize("name", EVERY)
def test_every_field_stores_hostile_text_exactly(db, name):
    text = EVERY[name]
    save_profile(db, Profile(name=text, role=text, organisation=text, manager_name=text, onboarded=True))
    profile = get_profile(db)
    assert (profile.name, profile.role, profile.organisation, profile.manager_name) == (text,) * 4
    reflection = start_reflection(db, CORE, Context.EVENT, text)
    assert get_reflection(db, reflection.id).topic == text.strip()
    save_answer(db, reflection.id, PROMPT, text, Visibility.MANAGER)
    assert [a.text for a in get_answers(db, reflection.id)] == [text]
    saved = create_commitment(db, commitment_of(text))
    stored = get_commitment(db, saved.id)
    assert stored == replace(saved, created_at=stored.created_at, updated_at=stored.updated_at)
    add_checkin(db, stored, CheckIn(id="", commitment_id=saved.id, at="", on_date=date.today(), progress=2,
                                    note=text, barriers=text, next_step=text))
    [checkin] = list_checkins(db, saved.id)
    assert (checkin.note, checkin.barriers, checkin.next_step) == (text,) * 3
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'answers'").fetchone(), "SQL-looking text is data, never SQL"


def test_a_lone_surrogate_is_refused_with_a_sentence_and_nothing_saved(db):
    reflection = start_reflection(db, CORE, Context.SELF)
    savers = [
        lambda: save_answer(db, reflection.id, PROMPT, LONE_SURROGATE, Visibility.PRIVATE),
        lambda: save_profile(db, Profile(name=LONE_SURROGATE)),
        lambda: create_commitment(db, commitment_of(LONE_SURROGATE)),
        lambda: start_reflection(db, CORE, Context.EVENT, LONE_SURROGATE),
    ]
    for save in savers:
        with pytest.raises(ValueError) as refused:
            save()
        assert "cannot be saved" in str(refused.value) and "\ud83d" not in str(refused.value)
    assert get_answers(db, reflection.id) == []
    assert db.execute("SELECT count(*) FROM commitments").fetchone()[0] == 0


def overdue(db, text: str) -> None:
    saved = create_commitment(db, replace(commitment_of(text), visibility=Visibility.MANAGER))
    db.execute("UPDATE commitments SET created_at = ? WHERE id = ?",
               [(date.today() - timedelta(days=30)).isoformat() + "T09:00:00Z", saved.id])
    db.commit()


def test_due_prints_hostile_titles_inert(db, paths):
    for text in HOSTILE.values():
        overdue(db, text)
    db.close()
    result = run_cli("due", home=paths.data)
    assert result.returncode == 0 and not result.stderr
    assert len([line for line in result.stdout.splitlines() if line.startswith("Check in: ")]) == len(HOSTILE)
    assert UNSAFE.findall(result.stdout.replace("\n", "")) == []
    assert "\\x1b[2J" in result.stdout, "control characters are shown, not dropped"
    assert "[@click=app.quit]" in result.stdout and "👩🏽‍⚕️" in result.stdout


def write_pack(paths, text: str) -> None:
    """A user's own prompt pack whose every text field holds hostile text (the title and source, which must
    be on one line, hold it with its line breaks made spaces: a line break there is refused)."""
    import json

    from myrole.limits import LINE_BREAKS

    def toml(value: str) -> str:  # a JSON string is a valid TOML basic string (\\uXXXX escapes)
        return json.dumps(value, ensure_ascii=False)

    one_line = "".join(" " if char in LINE_BREAKS else char for char in text)

    folder = paths.user_prompts
    folder.mkdir(parents=True, exist_ok=True)
    prompts = "\n".join(
        f'[[prompts]]\nid = "hostile-{lens.value}-{mode.value}"\nlens = "{lens.value}"\nmode = "{mode.value}"\n'
        f"text = {toml(text)}\nhint = {toml(text)}\nexamples = [{toml(text)}]\n"
        for lens in Lens for mode in Mode)
    (folder / "hostile.toml").write_text(
        f'[pack]\nid = "hostile"\ntitle = {toml(one_line)}\nversion = "1"\ndescription = {toml(text)}\n'
        f"source = {toml(one_line)}\n\n{prompts}", encoding="utf-8")


@pytest.mark.parametrize("name", HOSTILE)
def test_prompts_show_and_list_print_hostile_pack_text_inert(paths, name):
    write_pack(paths, HOSTILE[name])
    for command in (["prompts", "list"], ["prompts", "show", "hostile"], ["prompts", "show", "hostile-self-action"],
                    ["prompts", "validate", str(paths.user_prompts / "hostile.toml")]):
        result = invoke_cli(*command, home=paths.data)  # the same entry point, in this process
        assert_no_traceback(result)
        output = result.stdout + result.stderr
        assert UNSAFE.findall(output.replace("\n", "")) == [], (command, output)
    shown = run_cli("prompts", "show", "hostile", home=paths.data)  # and once as a real process prints it
    assert_no_traceback(shown)
    assert shown.returncode == 0, shown.stderr
    assert UNSAFE.findall((shown.stdout + shown.stderr).replace("\n", "")) == [], shown.stdout


@pytest.mark.parametrize("audience", ["me", "manager"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_exports_to_the_terminal_are_inert(db, paths, fmt, audience):
    for text in HOSTILE.values():
        overdue(db, text)
    save_profile(db, Profile(name=HOSTILE["csi"], onboarded=True))
    db.close()
    result = run_cli("export", "--format", fmt, "--audience", audience, home=paths.data)
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert UNSAFE.findall(result.stdout.replace("\n", "").replace("\t", "")) == []


def test_the_calendar_holds_no_control_characters(db, paths, tmp_path):
    """Shared commitments' titles go into the calendar: inert on the terminal, and valid RFC 5545 text."""
    for text in HOSTILE.values():
        overdue(db, text)
    db.close()
    printed = run_cli("calendar", home=paths.data)
    assert printed.returncode == 0, printed.stderr
    unfolded = printed.stdout.replace("\r\n ", "").replace("\r\n", "\n")  # RFC 5545 folds long lines
    assert UNSAFE.findall(unfolded.replace("\n", "")) == []
    assert "[@click=app.quit]" in unfolded and "\\x1b[2J" in unfolded
