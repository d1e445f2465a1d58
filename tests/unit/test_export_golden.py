"""Tests every export format for every audience against golden files made from a fixed store.

To accept a deliberate change, run with MYROLE_UPDATE_GOLDEN=1 and review the diff of tests/golden/.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from myrole.export import FORMATS, render, summary
from myrole.export.document import build
from myrole.export.importer import schema
from myrole.model import Visibility
from myrole.privacy import Audience
from myrole.store.merge import merge
from myrole.store.snapshot import StoreContents, read_contents
from share_store import EXPORTED_AT, fill

GOLDEN = Path(__file__).parents[1] / "golden"
UPDATE = os.environ.get("MYROLE_UPDATE_GOLDEN") == "1"


@pytest.fixture
def fixed(paths, prepared_stores):
    """The fixed store (share_store.fill), open in the test's home: a copy of one filled once per worker."""
    from myrole.store import open_store

    def filled(source) -> None:
        db = open_store(source)
        fill(db)
        db.close()

    prepared_stores(paths, "share_store.fill", filled)
    db = open_store(paths)
    yield db
    db.close()


@pytest.mark.parametrize("audience", list(Audience), ids=str)
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_matches_golden_file(fixed, fmt, audience):
    output = render(summary(fixed, audience, exported_at=EXPORTED_AT), fmt)
    golden = GOLDEN / f"{audience.value}.{fmt}"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("audience", list(Audience), ids=str)
def test_json_export_is_valid_against_the_published_schema(fixed, audience):
    data = json.loads(render(summary(fixed, audience, exported_at=EXPORTED_AT), "json"))
    errors = list(Draft202012Validator(schema()).iter_errors(data))
    assert errors == []
    assert data["format_version"] == (2 if audience is Audience.ALLIANCE else 1) and data["audience"] == audience.value


def test_schema_itself_is_a_valid_json_schema():
    Draft202012Validator.check_schema(schema())


def test_since_keeps_only_what_happened_from_that_date(fixed):
    data = json.loads(render(summary(fixed, Audience.ME, date(2026, 10, 2), EXPORTED_AT), "json"))
    assert data["since"] == "2026-10-02"
    titles = {c["title"] for c in data["commitments"]}
    # Open commitments stay; the dropped one was last changed on 4 October, so it stays too.
    assert "Raise transport costs at the partnership board" in titles
    checkin_dates = [k["on_date"] for c in data["commitments"] for k in c["checkins"]]
    assert checkin_dates == ["2026-10-02"]
    assert [r["started_at"][:10] for r in data["reflections"]] == ["2026-10-15"]
    assert [r["held_on"] for r in data["one_to_ones"]] == ["2026-10-20", "2026-11-17"]


def test_markdown_groups_commitments_by_lens_in_the_framework_order(fixed):
    text = render(summary(fixed, Audience.ME, exported_at=EXPORTED_AT), "md")
    order = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert order[:5] == ["Self", "Patients and people who use services", "Teams, pathways and services",
                         "Communities and networks", "Systems"]


class Structure(HTMLParser):
    """Collects tags, attributes that could load or run something, and landmarks."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")


@pytest.mark.parametrize("audience", list(Audience), ids=str)
def test_html_is_self_contained_accessible_and_printable(fixed, audience):
    page = render(summary(fixed, audience, exported_at=EXPORTED_AT), "html")
    parser = Structure()
    parser.feed(page)
    assert parser.html_lang == "en-GB"
    assert {"header", "main", "footer", "h1", "h2", "style"} <= set(parser.tags)
    assert parser.tags.count("h1") == 1
    assert not {"script", "link", "img", "iframe", "object", "embed", "form", "base"} & set(parser.tags)
    loading = [(name, value) for name, value in parser.attributes if name in ("src", "srcset", "action")]
    assert loading == []
    assert all(not name.startswith("on") for name, _ in parser.attributes)
    hrefs = [value for name, value in parser.attributes if name == "href"]
    assert all(h.startswith("https://www.kingsfund.org.uk/") for h in hrefs)
    assert "@media print" in page and "@page" in page
    assert "url(" not in page and "@import" not in page


@pytest.mark.parametrize("since", [None, date(2026, 10, 1), date(2026, 10, 2), date(2030, 1, 1)], ids=str)
@pytest.mark.parametrize("audience", list(Audience), ids=str)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_summaries_read_only_the_newest_checkins_yet_say_the_same(fixed, fmt, audience, since):
    # More check-ins on 1 October for commitment 1: a private one latest of all, and two shared ones at the
    # same moment (the larger id is the newer). The summary picks what the full list would end with.
    base = read_contents(fixed).checkins[1]
    later = [replace(base, id=f"k{n:031}", at=f"2026-10-01T{hour}:00:00Z", progress=progress, visibility=visibility)
             for n, hour, progress, visibility in ((8, 18, 3, Visibility.MANAGER), (9, "08", 4, Visibility.MANAGER),
                                                   (10, 20, 0, Visibility.PRIVATE), (11, 18, 1, Visibility.MANAGER))]
    merge(fixed, StoreContents(checkins=later))
    everything = summary(fixed, audience, since, EXPORTED_AT)
    newest_only = summary(fixed, audience, since, EXPORTED_AT, every_checkin=False)
    assert all(len(entry.checkins) <= 1 for entry in newest_only.commitments)
    assert render(newest_only, fmt) == render(everything, fmt)
    if since is None and audience is not Audience.ALLIANCE:
        first = next(e for e in newest_only.commitments if e.commitment.id == base.commitment_id)
        assert first.latest.id == (later[2].id if audience is Audience.ME else later[3].id)


@pytest.mark.parametrize("since", [None, date(2026, 10, 2)], ids=str)
@pytest.mark.parametrize("audience", list(Audience), ids=str)
@pytest.mark.parametrize("fmt", FORMATS)
def test_reading_only_what_the_audience_may_see_says_the_same(fixed, fmt, audience, since):
    # summary() reads only the answers and check-ins this audience may see; built from everything the store
    # holds, the same document must come out. A private answer changed in the period keeps its reflection in.
    answer = next(a for a in read_contents(fixed).answers if a.answer.visibility is not Visibility.PRIVATE)
    hidden = replace(answer.answer, id="a" * 32, prompt_id="private-later", visibility=Visibility.PRIVATE,
                     created_at="2026-10-05T09:00:00Z", updated_at="2026-10-05T09:00:00Z")
    merge(fixed, StoreContents(answers=[answer._replace(answer=hidden, position=answer.position + 1)]))
    whole = build(read_contents(fixed), audience, since, EXPORTED_AT)
    read = summary(fixed, audience, since, EXPORTED_AT, every_checkin=fmt == "json")
    assert render(read, fmt) == render(whole, fmt)
    assert all(p.answer.id != hidden.id for e in read.reflections for p in e.answers) or audience is Audience.ME


def test_the_json_export_refuses_a_document_without_every_checkin(fixed):
    with pytest.raises(ValueError, match="every check-in"):
        render(summary(fixed, Audience.ME, exported_at=EXPORTED_AT, every_checkin=False), "json")


def test_since_is_a_local_date_so_just_after_midnight_counts(monkeypatch):
    """At 00:30 on 1 July in London it is still 30 June in UTC; a since of 1 July must include it."""
    import time

    from myrole.export.document import _on_or_after
    from myrole.validation import check_since

    monkeypatch.setenv("TZ", "Europe/London")
    time.tzset()
    try:
        assert _on_or_after("2026-06-30T23:30:00Z", date(2026, 7, 1))
        assert not _on_or_after("2026-06-30T22:30:00Z", date(2026, 7, 1))
    finally:
        monkeypatch.undo()  # the zone as it was, then tell the C library
        time.tzset()
    check_since(date(2026, 7, 1), today=date(2026, 7, 1))
    with pytest.raises(ValueError, match="after today"):
        check_since(date(2026, 7, 2), today=date(2026, 7, 1))
