"""The settings file: defaults without one, each bad value named and skipped, written and read back the same."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from myrole.model import Visibility
from myrole.settings import Settings, SettingsError, change_settings, load_settings, settings_file


def test_no_file_gives_the_defaults_and_no_problems(tmp_path):
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    assert loaded.problems == ()
    assert not settings_file(tmp_path).exists()  # reading never writes


def test_each_bad_value_is_named_and_the_good_ones_are_kept(tmp_path):
    settings_file(tmp_path).write_text(
        'theme = "high-contrast"\ndefault_visibility = "everyone"\nweek_starts = "Someday"\ncolour = 3\n'
        'collective_name = "Reducing Inequalities Alliance"\n[keymap]\nquit = "ctrl+x"\n', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings.theme == "high-contrast"
    assert loaded.settings.collective_name == "Reducing Inequalities Alliance"
    assert loaded.settings.keymap == {"quit": "ctrl+x"}
    assert loaded.settings.default_visibility is Visibility.PRIVATE
    assert loaded.settings.week_starts == "monday"
    text = "\n".join(loaded.problems)
    assert len(loaded.problems) == 3
    assert "default_visibility" in text and "week_starts" in text and "'colour'" in text


DEEPLY_NESTED = b"a = " + b"[" * 30_000 + b"]" * 30_000  # 60 KB, under the size limit; tomllib recurses


@pytest.mark.parametrize("content", [b"\xff\xfe not text", b"theme = ", b"x" * 70_000, DEEPLY_NESTED],
                         ids=["not UTF-8", "half-edited", "too large", "nested too deeply"])
def test_an_unreadable_file_means_defaults_and_one_sentence(tmp_path, content):
    settings_file(tmp_path).write_bytes(content)
    loaded = load_settings(tmp_path)
    assert loaded.settings == Settings()
    assert len(loaded.problems) == 1 and "default settings are used" in loaded.problems[0]


def test_keymap_ids_may_be_written_with_or_without_quotes(tmp_path):
    settings_file(tmp_path).write_text('[keymap]\nhome.reflect = "g"\n"app.quit" = "ctrl+x"\n', encoding="utf-8")
    assert load_settings(tmp_path).settings.keymap == {"home.reflect": "g", "app.quit": "ctrl+x"}


def test_changing_one_setting_keeps_everything_else_as_written(tmp_path):
    settings_file(tmp_path).write_text('week_starts = "someday"\nnot_ours = 1\n[keymap]\nhome.reflect = "g"\n',
                                       encoding="utf-8")
    change_settings(tmp_path, theme="myrole-light")
    text = settings_file(tmp_path).read_text(encoding="utf-8")
    assert 'theme = "myrole-light"' in text
    assert 'week_starts = "someday"' in text and "not_ours = 1" in text  # even what myrole cannot use
    assert load_settings(tmp_path).settings.keymap == {"home.reflect": "g"}


@pytest.mark.parametrize("content", [b"theme = ", DEEPLY_NESTED, b"x = " + b"[" * 300 + b"]" * 300],
                         ids=["half-edited", "nested too deeply", "read, but too deep to write back"])
def test_a_file_that_cannot_be_read_is_never_replaced(tmp_path, content):
    settings_file(tmp_path).write_bytes(content)  # half-way through an edit, or not a settings file at all
    with pytest.raises(SettingsError, match="left as it is"):
        change_settings(tmp_path, theme="myrole-light")
    assert settings_file(tmp_path).read_bytes() == content


def test_a_name_on_two_lines_is_refused(tmp_path):
    settings_file(tmp_path).write_text('collective_name = "one\\ntwo"\n', encoding="utf-8")
    loaded = load_settings(tmp_path)
    assert loaded.settings.collective_name == ""
    assert "collective name" in loaded.problems[0]


@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=80),
       visibility=st.sampled_from(list(Visibility)), day=st.sampled_from(["monday", "sunday"]),
       keymap=st.dictionaries(st.text("abc_", min_size=1, max_size=8), st.sampled_from(["ctrl+q", "f2,f3"]),
                              max_size=3))
def test_what_is_saved_reads_back_the_same(tmp_path_factory, name, visibility, day, keymap):
    folder = tmp_path_factory.mktemp("config")
    chosen = Settings(theme="myrole-light", default_visibility=visibility, week_starts=day,
                      collective_name=name.strip(), keymap=keymap)
    change_settings(folder, theme=chosen.theme, default_visibility=chosen.default_visibility,
                    week_starts=chosen.week_starts, collective_name=chosen.collective_name, keymap=chosen.keymap)
    assert load_settings(folder).settings == chosen
