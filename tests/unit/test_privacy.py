"""Tests that nothing private leaves through a manager or alliance door, and the identifiable-data check."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from myrole.cli import cli
from myrole.export import FORMATS, render, summary
from myrole.model import CheckIn, Commitment, Context, ItemKind, Lens, Mode, Profile, Visibility
from myrole.privacy import (DATE_OF_BIRTH, NHS_NUMBER, PHONE, POSTCODE, Audience, find_identifiable, identifiable_in,
                            nhs_number_valid)
from myrole.prompts import load_catalogue
from myrole.revalidation.model import CpdDetails, NmcAccount, StatementItem, Theme
from myrole.store import cpd
from myrole.store.checkins import add_checkin
from myrole.store.commitments import create_commitment, get_commitment
from myrole.store.one_to_ones import add_item, create_one_to_one, mark_agreed
from myrole.store.profile import save_profile
from myrole.store.reflections import save_answer, start_reflection
from myrole.store.status import pause

PRIVATE, MANAGER, ALLIANCE = Visibility.PRIVATE, Visibility.MANAGER, Visibility.ALLIANCE
TODAY = date(2026, 11, 26)


@pytest.fixture
def db(empty_db):
    """Here, as everywhere, an open, migrated, empty store; for these tests a copy of one migrated once."""
    return empty_db


def canary(label: str) -> str:
    return f"PrivCanary{label}Q7"


def hidden(label: str) -> str:
    """Text a manager may see but the Alliance may not."""
    return f"NoAllianceCanary{label}Q7"


# Every private field gets its own canary, so a failure names the field that leaked.
PRIVATE_COMMITMENT_FIELDS = ("title", "detail", "first_step", "success", "support")
ALLIANCE_HIDDEN_FIELDS = ("detail", "first_step", "success", "support")


def _checkin(db, commitment: Commitment, visibility: Visibility, label: str, on: date, make) -> Commitment:
    add_checkin(db, commitment, CheckIn(id="", commitment_id=commitment.id, at="", on_date=on, progress=1,
                                        note=make(f"{label}note"), barriers=make(f"{label}barriers"),
                                        next_step=make(f"{label}next"), visibility=visibility))
    return get_commitment(db, commitment.id)


def _commitment(db, visibility: Visibility, make, label: str, **fields) -> Commitment:
    texts = {name: make(f"{label}{name}") for name in PRIVATE_COMMITMENT_FIELDS}
    if visibility is not PRIVATE:
        texts["title"] = f"Shared title {label}"
    return create_commitment(db, Commitment(id="", lens=Lens.SERVICES, mode=Mode.ACTION, visibility=visibility,
                                            tags=(make(f"{label}tag"),) if visibility is PRIVATE else ("shared",),
                                            **texts, **fields))


@pytest.fixture
def planted(db):
    """A store with a canary in every field that must not reach a manager or the Alliance."""
    save_profile(db, Profile(hidden("name"), hidden("role"), hidden("organisation"), hidden("manager"), True))
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.EVENT, "Open space on oral health")
    prompts = list(pack.prompts)
    save_answer(db, reflection.id, prompts[0], canary("answer") + " NHS 943 476 5919", PRIVATE, 0)
    save_answer(db, reflection.id, prompts[1], hidden("manageranswer"), MANAGER, 1)
    save_answer(db, reflection.id, prompts[2], hidden("allianceanswer"), ALLIANCE, 2)
    unfinished = start_reflection(db, pack, Context.SELF)
    save_answer(db, unfinished.id, prompts[3], canary("unfinished"), PRIVATE, 0)

    secret = _commitment(db, PRIVATE, canary, "secret", reflection_id=reflection.id)
    _checkin(db, secret, PRIVATE, "secretcheckin", date(2026, 11, 1), canary)
    paused = _commitment(db, PRIVATE, canary, "paused")
    pause(db, paused, date(2026, 12, 20), canary("pausereason"), today=TODAY)

    managed = _commitment(db, MANAGER, hidden, "managed")
    managed = _checkin(db, managed, PRIVATE, "privatecheckin", date(2026, 11, 2), canary)
    _checkin(db, managed, MANAGER, "managercheckin", date(2026, 11, 3), hidden)
    shared = _commitment(db, ALLIANCE, hidden, "alliance", reflection_id=reflection.id)
    shared = _checkin(db, shared, ALLIANCE, "alliancecheckin", date(2026, 11, 4), hidden)
    pause(db, shared, date(2026, 12, 20), hidden("alliancepause"), today=TODAY)

    record = create_one_to_one(db, date(2026, 11, 10), hidden("onetoonemanager"))
    record = add_item(db, record, ItemKind.TALKING_POINT, canary("item"), PRIVATE)
    record = add_item(db, record, ItemKind.NOTE, hidden("item"), MANAGER)
    mark_agreed(db, record)

    # Revalidation records (m007_cpd) are the person's alone: in a `me` export only.
    cpd.save_account(db, NmcAccount(reflection.id, *(canary(f"nmc{part}") for part in ("nature", "learnt", "changed",
                                                                                        "code")),
                                    frozenset({Theme.SAFETY})))
    cpd.set_hcpc_summary(db, canary("hcpcsummary"))
    cpd.save_statement_item(db, StatementItem("", reflection_id=reflection.id, what=canary("statementwhat"),
                                              evidence=canary("statementevidence")))
    cpd.save_details(db, CpdDetails(reflection.id, date(2026, 11, 1), 90, True))
    return db


def _outputs(db, audience: Audience) -> dict[str, str]:
    document = summary(db, audience)
    return {fmt: render(document, fmt) for fmt in FORMATS}


@pytest.mark.parametrize("audience", [Audience.MANAGER, Audience.ALLIANCE], ids=str)
def test_no_private_canary_in_any_shared_export(planted, audience):
    for fmt, text in _outputs(planted, audience).items():
        assert "PrivCanary" not in text, f"{fmt} export for {audience} holds private text"
        assert "943 476 5919" not in text


def test_the_alliance_sees_no_names_notes_or_answers(planted):
    for fmt, text in _outputs(planted, Audience.ALLIANCE).items():
        assert "NoAllianceCanary" not in text, f"{fmt} export for the Alliance holds more than it may"
        assert "Shared title alliance" in text
        assert "Shared title managed" not in text
        assert "Open space on oral health" in text  # the topic is part of what the Alliance may see


def test_the_manager_sees_what_was_shared(planted):
    for fmt, text in _outputs(planted, Audience.MANAGER).items():
        for shared in ("manageranswer", "allianceanswer", "managedsuccess", "managercheckinnote",
                       "alliancecheckinnote", "item", "name"):
            assert hidden(shared) in text, f"{fmt}: {shared} is missing"


def test_me_export_holds_every_canary(planted):
    for fmt, text in _outputs(planted, Audience.ME).items():
        for label in ("answer", "unfinished", "secrettitle", "secretcheckinnote", "pausedtitle", "item"):
            assert canary(label) in text, f"{fmt}: {label} is missing"
    # The readable formats show only the latest check-in; the JSON holds everything.
    for label in ("privatecheckinnote", "pausereason", "nmcnature", "nmccode", "hcpcsummary", "statementwhat",
                  "statementevidence"):
        assert canary(label) in _outputs(planted, Audience.ME)["json"]


def test_no_private_canary_in_the_calendar(planted):
    calendar_export = pytest.importorskip("myrole.calendar_export")
    text = calendar_export.build_calendar(planted).decode("utf-8")
    assert "PrivCanary" not in text
    assert "Shared title managed" in text.replace("\r\n ", "")


@pytest.mark.parametrize("audience", ["manager", "alliance"])
def test_command_line_output_and_warnings_hold_nothing_private(planted, paths, audience):
    planted.close()
    for fmt in FORMATS:
        result = CliRunner().invoke(cli, ["export", "--audience", audience, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "PrivCanary" not in result.stdout + result.stderr
        assert "943 476 5919" not in result.stderr


# --- NHS numbers ---------------------------------------------------------------------------------

VALID_NHS = ("9434765919", "943 476 5919", "4010232137", "401 023 2137", "9999999999")


def reference_check(number: str) -> bool:
    """An independent reading of the rule: weights 10..1 over all ten digits sum to a multiple of 11,
    and the check digit was not 10."""
    digits = [int(d) for d in number if d.isdigit()]
    first_nine = sum(d * w for d, w in zip(digits, range(10, 1, -1)))
    return (11 - first_nine % 11) % 11 != 10 and (first_nine + digits[9]) % 11 == 0


@pytest.mark.parametrize("number", VALID_NHS)
def test_valid_nhs_numbers_pass_the_check_digit(number):
    assert reference_check(number)
    assert nhs_number_valid(number)


@pytest.mark.parametrize("number", ["9434765918", "943 476 5910", "4010232138", "1234567890", "943476591"])
def test_nhs_numbers_with_a_wrong_check_digit_or_length_fail(number):
    assert not nhs_number_valid(number)


def test_a_check_digit_of_ten_is_never_valid():
    # 000000001 weighs 2, so 11 - 2 = 9 ... find a prefix whose check digit would be 10.
    prefix = next(p for p in (f"{n:09d}" for n in range(1, 200))
                  if 11 - sum(int(d) * w for d, w in zip(p, range(10, 1, -1))) % 11 == 10)
    assert not any(nhs_number_valid(prefix + str(last)) for last in range(10))


def test_every_ten_digit_number_agrees_with_the_reference_rule():
    for n in range(0, 10**10, 7_654_321):
        number = f"{n:010d}"
        assert nhs_number_valid(number) == reference_check(number), number


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_identifiable(text, TODAY)]


def test_finds_valid_nhs_numbers_spaced_or_not_and_ignores_invalid_ones():
    assert kinds("seen 943 476 5919 then 9434765919 then 943 476 5918") == [
        (NHS_NUMBER, "943 476 5919"), (NHS_NUMBER, "9434765919")]
    assert kinds("order 94347659190") == []  # eleven digits: not an NHS number


def test_findings_carry_the_span_of_the_matched_text():
    text = "Patient NHS 943 476 5919."
    [finding] = find_identifiable(text, TODAY)
    assert text[finding.start:finding.end] == finding.text and finding.span == (12, 24)


@pytest.mark.parametrize(("text", "matched"), [
    ("DOB 01/02/1960", "DOB 01/02/1960"),
    ("d.o.b: 1/2/60", "d.o.b: 1/2/60"),
    ("date of birth 1 Feb 1960", "date of birth 1 Feb 1960"),
    ("born 3rd March 2019", "born 3rd March 2019"),
    ("seen with her mum, 01/02/1960", "01/02/1960"),
    ("1 February 1960", "1 February 1960"),
    ("February 1, 1960", "February 1, 1960"),
    ("DOB on the referral", "DOB"),
])
def test_finds_dates_of_birth_in_common_uk_forms(text, matched):
    assert kinds(text) == [(DATE_OF_BIRTH, matched)]


@pytest.mark.parametrize("text", ["workshop on 27/06/2023", "target 31/01/2027", "the 1998 report",
                                  "31/02/1960 is not a date", "version 1.2.3"])
def test_recent_dates_and_non_dates_are_not_dates_of_birth(text):
    assert kinds(text) == []


@pytest.mark.parametrize("postcode", ["BD9 6RJ", "bd96rj", "SW1A 1AA", "M1 1AE", "LS11 5DL", "EC1A 1BB"])
def test_finds_uk_postcodes(postcode):
    assert kinds(f"lives near {postcode}, apparently") == [(POSTCODE, postcode)]


@pytest.mark.parametrize("text", ["BD9 is our area", "the A650 road", "Q1 2026"])
def test_districts_and_road_names_are_not_postcodes(text):
    assert kinds(text) == []


@pytest.mark.parametrize("phone", ["01274 123456", "(01274) 123456", "07700 900123", "07700900123",
                                   "+44 7700 900123", "+44 (0)7700 900123", "0113 496 0000", "020 7946 0000"])
def test_finds_uk_phone_numbers(phone):
    assert kinds(f"ring {phone} after 5") == [(PHONE, phone)]


def test_export_warns_about_identifiable_data_without_blocking(db, paths):
    save_profile(db, Profile("Jo", "OT", "Trust", "Alex", True))
    create_commitment(db, Commitment(id="", title="Follow up BD9 6RJ", lens=Lens.PATIENTS, mode=Mode.ACTION,
                                     visibility=MANAGER, detail="NHS 943 476 5919, DOB 01/02/1960"))
    db.close()
    result = CliRunner().invoke(cli, ["export", "--audience", "manager"])
    assert result.exit_code == 0
    assert "Follow up BD9 6RJ" in result.stdout
    assert "looks like an NHS number: 943 476 5919" in result.stderr
    assert "looks like a postcode: BD9 6RJ" in result.stderr
    assert "looks like a date of birth: DOB 01/02/1960" in result.stderr
    quiet = CliRunner().invoke(cli, ["export", "--audience", "me"])
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_a_summary_warns_only_about_the_check_ins_it_shows(db, paths):
    """Markdown and HTML show a commitment's newest check-in alone; an older one's text is not in them."""
    from myrole.store.rows import now_utc
    from myrole.store.snapshot import read_contents
    from myrole.ui.screens.export import prepare

    c = create_commitment(db, Commitment(id="", title="Falls talk", lens=Lens.COMMUNITIES, mode=Mode.ACTION,
                                         visibility=MANAGER))
    for day, note in ((1, "Rang about NHS 943 476 5919"), (8, "Went well")):
        add_checkin(db, get_commitment(db, c.id), CheckIn(id="", commitment_id=c.id, at="", progress=2,
                                                          on_date=date(2026, 10, day), note=note, visibility=MANAGER))
    contents = read_contents(db)
    found = {fmt: prepare(contents, (fmt, "manager", None), now_utc()).found for fmt in FORMATS}
    assert found["md"] == found["html"] == [] and len(found["json"]) == 1
    db.close()
    for fmt in ("md", "html"):
        result = CliRunner().invoke(cli, ["export", "--audience", "manager", "--format", fmt])
        assert "Went well" in result.stdout and "943 476 5919" not in result.stdout and result.stderr == ""
    as_json = CliRunner().invoke(cli, ["export", "--audience", "manager", "--format", "json"])
    assert "943 476 5919" in as_json.stdout and "looks like an NHS number: 943 476 5919" in as_json.stderr


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "DOB", "d\u0000ob", "born 3/4/1950", "NHS 943 476 5919", "call 07700 900123", "BD1 1AA",
                     "d", "ob 12/01/1960", "Date of", " birth", "nothing here", "Dob:", "b", "orn 1.2.1951"])),
    max_size=12))
def test_findings_over_many_texts_are_each_texts_own_findings(texts):
    """identifiable_in looks only where a digit or a DOB hint is, found across all texts at once; what it finds
    is exactly what find_identifiable finds text by text (nothing found across the joins between texts)."""
    today = date(2026, 11, 29)
    pairs = [(f"text {i}", text) for i, text in enumerate(texts)]
    expected = [(where, found) for where, text in pairs for found in find_identifiable(text, today)]
    assert list(identifiable_in(pairs, today)) == expected


def test_a_private_check_in_moves_nothing_in_a_manager_or_alliance_file(db):
    """The privacy review: a manager's JSON showed a commitment's version and updated_at going up with a private
    check-in (so that it existed, and when), and the alliance file counted it. Now neither file changes."""
    import json

    made = create_commitment(db, Commitment(id="", title="Ask about interpreters", lens=Lens.PATIENTS,
                                            mode=Mode.ACTION, visibility=Visibility.ALLIANCE))
    add_checkin(db, get_commitment(db, made.id), CheckIn("", made.id, "", date(2026, 11, 2), 2,
                                                         visibility=Visibility.ALLIANCE))

    def files() -> tuple[dict, dict]:
        manager = json.loads(render(summary(db, Audience.MANAGER, exported_at="2026-11-30T10:00:00Z"), "json"))
        alliance = json.loads(render(summary(db, Audience.ALLIANCE, exported_at="2026-11-30T10:00:00Z"), "json"))
        return manager["commitments"], alliance["commitments"]

    before = files()
    # (progress 3: a check-in at 4 marks the commitment done, and its status is the commitment's, shown to both)
    add_checkin(db, get_commitment(db, made.id), CheckIn("", made.id, "", date(2026, 11, 20), 3,
                                                         visibility=Visibility.PRIVATE))
    assert get_commitment(db, made.id).version > 2  # the store moved ...
    assert files() == before  # ... the shared files did not
    [shown] = before[0]
    assert shown["version"] == 2 and shown["updated_at"] == shown["checkins"][0]["at"]


def test_a_private_one_to_one_item_moves_nothing_in_a_manager_file(db):
    """The second review: a private item raised the one-to-one's version and updated_at in the manager's JSON,
    and left a gap in the items' positions where it sat."""
    import json

    record = create_one_to_one(db, date(2026, 12, 3), "Alex")
    record = add_item(db, record, ItemKind.TALKING_POINT, "Rota for December")

    def shown() -> dict:
        data = json.loads(render(summary(db, Audience.MANAGER, exported_at="2026-11-30T10:00:00Z"), "json"))
        [one] = data["one_to_ones"]
        return one

    before = shown()
    record = add_item(db, record, ItemKind.NOTE, "PRIVATE: night shifts are wearing me down", Visibility.PRIVATE)
    record = add_item(db, record, ItemKind.TALKING_POINT, "Training budget")
    after = shown()
    assert [item["position"] for item in after["items"]] == [0, 1]  # no gap where the private note sits
    assert after["version"] == before["version"] + 1  # one more item shown, not two
    assert "PRIVATE" not in json.dumps(after)


def test_from_a_date_only_what_the_reader_may_see_brings_a_record_in(db, monkeypatch):
    """The code review: with --since, whether a record went in was decided by its stored updated_at, which moves with
    private changes, so a private check-in on a commitment finished before the date, a private item on an older
    one-to-one, or a private answer's edit put the record into the manager's (and the group's) file."""
    import myrole.store.commitments as stored_commitments
    import myrole.store.one_to_ones as stored_one_to_ones
    import myrole.store.reflections as stored_reflections
    import myrole.store.rows as rows
    from myrole.store.status import mark_done

    def at(moment: str) -> None:
        for module in (rows, stored_commitments, stored_one_to_ones, stored_reflections):
            if hasattr(module, "now_utc"):
                monkeypatch.setattr(module, "now_utc", lambda: moment)

    at("2026-10-01T10:00:00Z")  # everything first made before the date
    made = create_commitment(db, Commitment(id="", title="Ask about interpreters", lens=Lens.PATIENTS,
                                            mode=Mode.ACTION, visibility=Visibility.ALLIANCE))
    mark_done(db, get_commitment(db, made.id))
    record = add_item(db, create_one_to_one(db, date(2026, 10, 1), "Alex"), ItemKind.TALKING_POINT, "Rota")
    pack = load_catalogue().get("core")
    reflection = start_reflection(db, pack, Context.SELF, "")
    save_answer(db, reflection.id, pack.prompts[0], "Shared thought", Visibility.MANAGER, 0)
    save_answer(db, reflection.id, pack.prompts[1], "Private thought", Visibility.PRIVATE, 1)

    def shown() -> tuple[int, int, int, int]:
        import json

        manager = json.loads(render(summary(db, Audience.MANAGER, since=date(2026, 11, 1),
                                            exported_at="2026-11-30T10:00:00Z"), "json"))
        alliance = json.loads(render(summary(db, Audience.ALLIANCE, since=date(2026, 11, 1),
                                             exported_at="2026-11-30T10:00:00Z"), "json"))
        return (len(manager["commitments"]), len(manager["one_to_ones"]), len(manager["reflections"]),
                len(alliance["commitments"]))

    assert shown() == (0, 0, 0, 0)
    at("2026-11-20T10:00:00Z")  # then, after the date, only private changes
    add_checkin(db, get_commitment(db, made.id), CheckIn("", made.id, "", date(2026, 11, 20), 2,
                                                         visibility=Visibility.PRIVATE))
    add_item(db, record, ItemKind.NOTE, "Private note", Visibility.PRIVATE)
    save_answer(db, reflection.id, pack.prompts[1], "Private thought, edited", Visibility.PRIVATE, 1)
    assert shown() == (0, 0, 0, 0)
    at("2026-11-21T10:00:00Z")  # a shared check-in does bring the commitment in
    add_checkin(db, get_commitment(db, made.id), CheckIn("", made.id, "", date(2026, 11, 21), 3,
                                                         visibility=Visibility.ALLIANCE))
    assert shown() == (1, 0, 0, 1)


def test_a_put_off_reminder_is_the_persons_own_and_null_in_a_manager_file(db):
    """The second review: a private check-in clears a snoozed reminder, and the manager's file showed it go."""
    import json

    from myrole.store.status import snooze

    made = create_commitment(db, Commitment(id="", title="Ask about interpreters", lens=Lens.PATIENTS,
                                            mode=Mode.ACTION, visibility=Visibility.MANAGER))
    snooze(db, get_commitment(db, made.id), 7, today=date(2026, 11, 30))

    def snoozed(audience: Audience):
        data = json.loads(render(summary(db, audience, exported_at="2026-11-30T10:00:00Z"), "json"))
        return data["commitments"][0]["snoozed_until"]

    assert snoozed(Audience.ME) is not None  # put off in the store, and in the person's own file
    assert snoozed(Audience.MANAGER) is None
