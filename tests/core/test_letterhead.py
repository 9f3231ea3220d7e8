"""The organisation's letterhead: kept in the settings, checked, and printed on the documents."""

from __future__ import annotations

import base64
import io
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from restorative_desk.access import create_case_file
from restorative_desk.cli import main
from restorative_desk.documents.letterhead import (
    MAX_DETAIL_LENGTH,
    MAX_LOGO_BYTES,
    ORGANISATION_SETTING_KEY,
    OrganisationDetails,
    document_request_for,
    letterhead_for,
    organisation_details,
    read_logo,
    save_organisation_details,
    taking_part,
)
from restorative_desk.documents.preparation import DocumentKind, Letterhead, render
from restorative_desk.preparation.records import ConferencePlan
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.rules import ValidationError
from restorative_desk.store import Store
from tests.conftest import FIXED_NOW, TEST_PASSPHRASE

TEAM = "Oakfield Restorative Team"
CONTACT = "01632 960 123 · hello@oakfield.example"
detail_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=MAX_DETAIL_LENGTH,
).map(str.strip)


def png(width: int = 200, height: int = 100) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "#1d5e5a").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 60), "#e0a030").save(out, "JPEG")
    return out.getvalue()


def add_case(store: Store, *, organisation: str = "Hillside Primary School") -> Case:
    return store.create_case(
        Case(
            setting=Setting.SCHOOL,
            organisation=organisation,
            referral_source=ReferralSource.EDUCATION,
            referral_date=date(2026, 11, 2),
            summary="Falling out at lunch.",
            facilitator="Siobhán Murphy",
        )
    )


def add_person(
    store: Store,
    case: Case,
    name: str = "Zoë Adams",
    role: Role = Role.PERSON_HARMED,
    supports: Person | None = None,
) -> Person:
    return store.add_person(
        Person(
            case_id=case.id,
            role=role,
            name=name,
            supports_person_id=supports.id if supports else None,
        )
    )


def flat_text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


# -- the settings ---------------------------------------------------------------------------


def test_nothing_saved_gives_empty_details(store: Store) -> None:
    assert organisation_details(store) == OrganisationDetails()


def test_saved_details_come_back_with_the_logo(store: Store) -> None:
    logo = png()
    saved = save_organisation_details(store, OrganisationDetails(f"  {TEAM} ", CONTACT, logo))
    assert saved == OrganisationDetails(TEAM, CONTACT, logo)
    assert organisation_details(store) == saved
    # The logo is kept as text in the JSON setting, inside the encrypted database.
    raw = store.setting(ORGANISATION_SETTING_KEY)
    assert base64.b64decode(raw["logo"]) == logo
    save_organisation_details(store, replace(saved, logo=None))
    assert organisation_details(store).logo is None


@given(name=detail_text, contact=detail_text, logo=st.sampled_from([None, b"jpeg", b"png"]))
@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_save_then_load_gives_the_same_details(
    store: Store, name: str, contact: str, logo: bytes | None
) -> None:
    picture = {None: None, b"jpeg": jpeg(), b"png": png()}[logo]
    details = OrganisationDetails(name, contact, picture)
    assert save_organisation_details(store, details) == details
    assert organisation_details(store) == details


@pytest.mark.parametrize(
    "saved",
    [
        "not a dict",
        ["a", "list"],
        {"name": 7, "contact": None, "logo": "%%% not base64 %%%"},
        {"logo": 12},
    ],
)
def test_a_damaged_setting_gives_what_can_be_read(store: Store, saved: object) -> None:
    store.set_setting(ORGANISATION_SETTING_KEY, saved)
    assert organisation_details(store) == OrganisationDetails()


def test_saving_is_noted_in_the_trail_without_the_values(store: Store) -> None:
    save_organisation_details(store, OrganisationDetails(TEAM, CONTACT))
    (entry,) = [e for e in store.audit.entries() if e.record_type == "settings"]
    assert entry.record_id == ORGANISATION_SETTING_KEY
    assert TEAM not in entry.detail and CONTACT not in entry.detail


# -- checking -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("details", "field", "words"),
    [
        (OrganisationDetails(name="x" * (MAX_DETAIL_LENGTH + 1)), "name", "201 characters"),
        (OrganisationDetails(contact="1" * 250), "contact", "250 characters"),
        (OrganisationDetails(logo=b"GIF89a" + bytes(20)), "logo", "not a PNG or JPEG"),
        (OrganisationDetails(logo=b"%PDF-1.4 a document"), "logo", "not a PNG or JPEG"),
        (
            OrganisationDetails(logo=png()[:8] + bytes(MAX_LOGO_BYTES)),
            "logo",
            "too large (just over 1 MB). Choose a logo of at most 1 MB.",
        ),
    ],
)
def test_details_that_will_not_do_are_refused_and_nothing_is_saved(
    store: Store, details: OrganisationDetails, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        save_organisation_details(store, details)
    assert refused.value.field == field and words in refused.value.message
    assert store.setting(ORGANISATION_SETTING_KEY) is None


def test_exactly_the_limits_are_allowed(store: Store) -> None:
    biggest = png()[:8] + bytes(MAX_LOGO_BYTES - 8)
    details = OrganisationDetails("n" * MAX_DETAIL_LENGTH, "c" * MAX_DETAIL_LENGTH, biggest)
    assert save_organisation_details(store, details) == details


def test_reading_a_logo_file(tmp_path: Path) -> None:
    good = tmp_path / "logo.jpg"
    good.write_bytes(jpeg())
    assert read_logo(good) == good.read_bytes()
    huge = tmp_path / "huge.png"
    huge.write_bytes(png()[:8] + bytes(3 * MAX_LOGO_BYTES))
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    for path, words in (
        (huge, "too large (3.0 MB)"),
        (text, "not a PNG or JPEG picture"),
        (tmp_path / "gone.png", "could not be read"),
    ):
        with pytest.raises(ValidationError, match=re.escape(words)) as refused:
            read_logo(path)
        assert refused.value.field == "logo"


# -- the letterhead and the request ---------------------------------------------------------


def test_the_letterhead_falls_back_to_the_case_organisation(store: Store) -> None:
    case = add_case(store)
    assert letterhead_for(store, case) == Letterhead("Hillside Primary School")
    logo = png()
    save_organisation_details(store, OrganisationDetails("", CONTACT, logo))
    assert letterhead_for(store, case) == Letterhead("Hillside Primary School", logo, CONTACT)
    save_organisation_details(store, OrganisationDetails(TEAM, CONTACT, logo))
    assert letterhead_for(store, case) == Letterhead(TEAM, logo, CONTACT)


def test_the_request_comes_from_the_case_and_the_settings(store: Store) -> None:
    case = add_case(store)
    person = add_person(store, case)
    save_organisation_details(store, OrganisationDetails(TEAM))
    request = document_request_for(store, case, person)
    assert request.case == case and request.person == person
    assert request.letterhead.organisation == TEAM
    assert request.facilitator == "Siobhán Murphy" and request.today == FIXED_NOW.date()
    assert request.meeting_date is None and request.meeting_place == ""


def test_the_meeting_date_and_place_come_from_the_conference_plan(store: Store) -> None:
    case = add_case(store)
    person = add_person(store, case)
    store.save_conference_plan(
        ConferencePlan(case_id=case.id, date=date(2026, 12, 3), venue="Café Łąka", room="Room 2")
    )
    request = document_request_for(store, case, person)
    assert request.meeting_date == date(2026, 12, 3)
    assert request.meeting_place == "Café Łąka, Room 2"
    text = flat_text(render(DocumentKind.INFORMATION, request))
    assert "3 Dec 2026" in text and "Café Łąka, Room 2" in text


def test_only_the_people_taking_part_get_documents(store: Store) -> None:
    case = add_case(store)
    harmed = add_person(store, case, "Zoë Adams")
    responsible = add_person(store, case, "Sam Lee", Role.PERSON_RESPONSIBLE)
    supporter = add_person(store, case, "Maria Adams", Role.SUPPORTER, harmed)
    community = add_person(store, case, "Mr Patel", Role.COMMUNITY_MEMBER)
    for role in (Role.PROFESSIONAL, Role.FACILITATOR, Role.CO_FACILITATOR):
        add_person(store, case, f"Someone at work ({role.value})", role)
    assert taking_part(store.people(case.id)) == [harmed, responsible, supporter, community]


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_the_organisation_from_the_settings_is_printed(store: Store, kind: DocumentKind) -> None:
    case = add_case(store, organisation="Hillside Primary School")
    person = add_person(store, case)
    before = PdfReader(io.BytesIO(render(kind, document_request_for(store, case, person))))
    assert before.pages[0].extract_text().startswith("Hillside Primary School")
    save_organisation_details(store, OrganisationDetails(TEAM, CONTACT))
    pdf = render(kind, document_request_for(store, case, person))
    pages = PdfReader(io.BytesIO(pdf)).pages
    # The letterhead heads the first page; every footer carries the name as well.
    assert pages[0].extract_text().startswith(f"{TEAM}\n{CONTACT}")
    assert all(TEAM in page.extract_text().splitlines()[-1] for page in pages)
    assert "Zoë" in flat_text(pdf)


def test_a_saved_png_logo_ends_up_as_an_image_in_the_pdf(store: Store) -> None:
    case = add_case(store)
    person = add_person(store, case)
    request = document_request_for(store, case, person)
    without = PdfReader(io.BytesIO(render(DocumentKind.INVITATION, request)))
    assert not without.pages[0].images
    save_organisation_details(store, OrganisationDetails(TEAM, logo=png(300, 120)))
    pdf = render(DocumentKind.INVITATION, document_request_for(store, case, person))
    (image,) = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert image.image is not None and image.image.size == (300, 120)


def test_rdesk_documents_use_the_letterhead_from_the_settings(
    db_path: Path, tmp_path: Path, passphrase_env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with create_case_file(db_path, TEST_PASSPHRASE, actor="t").store as store:
        case = add_case(store)
        add_person(store, case)
        save_organisation_details(store, OrganisationDetails(TEAM, CONTACT, png()))
    out = tmp_path / "letters"
    out.mkdir()
    code = main(["--db", str(db_path), "documents", case.reference, "--kind", "invitation",
                 "--out", str(out)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    (letter,) = out.glob("*.pdf")
    pdf = letter.read_bytes()
    assert TEAM in flat_text(pdf) and CONTACT in flat_text(pdf)
    assert PdfReader(io.BytesIO(pdf)).pages[0].images
