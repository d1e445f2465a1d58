"""Tests for the printable web page: the running name at the top of printed pages, and never for the Alliance."""

from __future__ import annotations

from myrole.export import render, summary
from myrole.export.html_style import css_string, running_head_style
from myrole.model import Profile
from myrole.privacy import Audience
from myrole.store.profile import save_profile
from tricky_text import TRICKY


def test_the_name_is_printed_at_the_top_of_pages_except_for_the_alliance(db):
    save_profile(db, Profile("Sam Patel", "Nurse", "", "", True))
    assert '@top-left { content: "Sam Patel"' in render(summary(db, Audience.MANAGER), "html")
    assert '@top-left { content: "Sam Patel"' in render(summary(db, Audience.ME), "html")
    assert "@top-left" not in render(summary(db, Audience.ALLIANCE), "html")


def test_a_hostile_name_cannot_leave_its_css_string():
    hostile = 'Jo"; } </style><script>alert(1)</script> ' + TRICKY
    style = running_head_style(hostile)
    quoted = css_string(hostile)
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1]
    for dangerous in ("<", ">", ";", "}", "{", "\n", "\u202e"):
        assert dangerous not in quoted[1:-1].replace("\\3c ", "").replace("\\3e ", "").replace("\\3b ", "") \
            .replace("\\7d ", "").replace("\\7b ", "")
    assert "</style>" not in style and "<script>" not in style
    assert running_head_style("  ") == ""
