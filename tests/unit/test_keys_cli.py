"""`myrole keys`: every binding id with its keys now, and the keymap's mistakes on stderr."""

from __future__ import annotations

from click.testing import CliRunner

from myrole.cli import cli


def run_keys(home, settings: str | None = None):
    if settings is not None:
        (home / "settings.toml").write_text(settings, encoding="utf-8")
    return CliRunner().invoke(cli, ["--home", str(home), "keys"])


def test_keys_lists_each_binding_id_with_its_key_and_what_it_does(tmp_path):
    result = run_keys(tmp_path)
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    assert "home.reflect" in rows and " r " in rows["home.reflect"] and "Reflect (home screen)" in rows["home.reflect"]
    assert "everywhere" in rows["app.quit"]
    assert "commitment.closed_key" not in rows  # an inner binding with no words is not offered


def test_keys_shows_the_keymap_and_names_its_mistakes(tmp_path):
    result = run_keys(tmp_path, '[keymap]\nhome.reflect = "g"\nnot.there = "x"\n')
    assert result.exit_code == 0
    line = next(line for line in result.stdout.splitlines() if line.startswith("home.reflect"))
    assert " g " in line and "moved by your keymap" in line
    assert "'not.there', which is not a binding id" in result.stderr
