"""A summary from a date (--since) speaks of that period: a commitment checked in before it has had check-ins,
just none in the period."""

from __future__ import annotations

from datetime import date

import pytest

from myrole.export import summary
from myrole.model import CheckIn, Commitment, Lens, Mode, Visibility
from myrole.privacy import Audience
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment
from test_export_model_steps import shown  # the summary's text as a reader meets it, a PDF's read back


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_an_alliance_summary_from_a_date_says_none_in_this_period_not_none_yet(empty_db, fmt):
    """A commitment checked in before the summary's start date had check-ins: just none in the period."""
    made = create_commitment(empty_db, Commitment(id="", title="Offer an interpreter", lens=Lens.PATIENTS,
                                                  mode=Mode.ACTION, visibility=Visibility.ALLIANCE))
    add_checkin(empty_db, get_commitment(empty_db, made.id), CheckIn(
        id="", commitment_id="", at="", on_date=date(2026, 11, 25), progress=2, visibility=Visibility.ALLIANCE))
    since = shown(summary(empty_db, Audience.ALLIANCE, since=date(2026, 11, 30)), fmt)
    assert "none in this period" in since and "none yet" not in since
    assert "none yet" not in shown(summary(empty_db, Audience.ALLIANCE), fmt)
