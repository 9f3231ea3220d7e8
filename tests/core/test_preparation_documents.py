"""Preparation documents: wording from templates, names in any script, same input same bytes."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from restorative_desk.documents.preparation import (
    DocumentKind,
    DocumentRequest,
    Letterhead,
    filename_for,
    render,
    render_consent_form,
    render_information,
    render_invitation,
)
from restorative_desk.documents.templates import TemplateError, load_template, template_path
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.resources import resources_dir

NAMES = ["Zoë", "Łukasz", "Nguyễn Văn An", "Siobhán", "Tom & <Jerry>"]
ARABIC_NAME = "ليلى حداد"
LABELLING_WORDS = ("offender", "perpetrator", "bully", "criminal", "culprit")


def make_request(
    setting: Setting = Setting.SCHOOL,
    name: str = "Zoë Adams",
    preferred: str = "Zoë",
    *,
    is_child: bool = True,
    role: Role = Role.PERSON_HARMED,
    meeting_date: date | None = date(2026, 12, 9),
    logo: bytes | None = None,
) -> DocumentRequest:
    case = Case(
        setting=setting,
        organisation="Oakfield Academy",
        referral_source=ReferralSource.EDUCATION,
        referral_date=date(2026, 11, 2),
        summary="Not printed anywhere",
        id="case-1",
        reference="RD-2026-0042",
        venue="the library meeting room",
    )
    person = Person(
        case_id="case-1",
        role=role,
        name=name,
        preferred_name=preferred,
        is_child=is_child,
        id="3f2a9c1e-7b7d-4c1e-9d1a-0a1b2c3d4e5f",
    )
    return DocumentRequest(
        case=case,
        person=person,
        letterhead=Letterhead("Oakfield Restorative Team", logo=logo, contact="01632 960 123"),
        facilitator="Siobhán Murphy",
        today=date(2026, 11, 26),
        meeting_date=meeting_date,
    )


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All the text, with line breaks folded into spaces (paragraphs wrap anywhere)."""
    return re.sub(r"\s+", " ", " ".join(pages_text(pdf)))


@pytest.mark.parametrize("kind", list(DocumentKind))
@pytest.mark.parametrize("name", NAMES)
def test_name_reference_and_organisation_on_every_document(kind: DocumentKind, name: str) -> None:
    pdf = render(kind, make_request(name=name, preferred=name))
    text = flat(pdf)
    assert name in text
    assert "RD-2026-0042" in text
    assert "Oakfield Restorative Team" in text


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_page_says_page_x_of_y_with_the_organisation(kind: DocumentKind) -> None:
    pages = pages_text(render(kind, make_request()))
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "Oakfield Restorative Team" in text


def test_an_arabic_name_is_printed_with_its_own_letters() -> None:
    # HarfBuzz joins the letters (pypdf reads back their joined forms, which NFKC turns into the
    # plain letters) and lays the name out right to left, so pypdf reads the words in visual order.
    text = flat(render_consent_form(make_request(name=ARABIC_NAME, preferred=ARABIC_NAME)))
    assert any("\ufe70" <= letter <= "\ufeff" for letter in text), "letters not joined"
    plain = unicodedata.normalize("NFKC", text)
    for word in ARABIC_NAME.split():
        assert word in plain


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_same_input_same_bytes(kind: DocumentKind) -> None:
    first = render(kind, make_request())
    assert first.startswith(b"%PDF")
    assert first == render(kind, make_request())


def test_the_kind_functions_match_render() -> None:
    request = make_request()
    assert render_invitation(request) == render(DocumentKind.INVITATION, request)
    assert render_information(request) == render(DocumentKind.INFORMATION, request)
    child = render_information(request, child_friendly=True)
    assert child == render(DocumentKind.INFORMATION_CHILD, request)
    assert render_consent_form(request) == render(DocumentKind.CONSENT, request)


def test_the_child_friendly_sheet_uses_simpler_words_and_larger_type() -> None:
    request = make_request()
    adult = flat(render_information(request))
    child = flat(render_information(request, child_friendly=True))
    assert "Do I have to come?" in child and "Do I have to come?" not in adult
    assert "It is your choice" in child
    assert "Taking part is voluntary" in adult and "voluntary" not in child
    assert _body_size(render_information(request, child_friendly=True)) > _body_size(
        render_information(request)
    )


def _body_size(pdf: bytes) -> float:
    """The most used font size on the first page."""
    sizes: dict[float, int] = {}

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[0]) or 1.0
            sizes[round(size * scale, 1)] = sizes.get(round(size * scale, 1), 0) + len(text)

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return max(sizes, key=lambda size: sizes[size])


@pytest.mark.parametrize("child_friendly", [False, True])
def test_the_information_sheet_covers_what_people_need_to_know(child_friendly: bool) -> None:
    text = flat(render_information(make_request(), child_friendly=child_friendly)).lower()
    for topic in (
        "choice",  # taking part is their choice
        "change your mind",
        "who will be there",
        "before the meeting",
        "on the day",
        "after the meeting",
        "agree",
        "snack",  # refreshments
        "bring someone",
        "break",
        "say no" if child_friendly else "decide not to take part",
        "siobhán murphy",
        "01632 960 123",
    ):
        assert topic in text, topic


def test_yos_documents_use_the_services_own_role_words() -> None:
    yos = flat(render_information(make_request(Setting.YOS)))
    assert "the victim and the young person" in yos
    school = flat(render_information(make_request(Setting.SCHOOL)))
    assert "the person harmed and the person responsible" in school
    assert "victim" not in school.lower()
    consent = flat(render_consent_form(make_request(Setting.YOS, role=Role.PERSON_RESPONSIBLE)))
    assert "Taking part as: Young person" in consent


def test_yos_wording_says_a_choice_does_not_change_a_court_decision() -> None:
    assert "court" in flat(render_invitation(make_request(Setting.YOS)))
    assert "court" not in flat(render_invitation(make_request(Setting.SCHOOL)))


def test_the_consent_form_has_statements_signatures_and_a_verbal_line() -> None:
    text = flat(render_consent_form(make_request()))
    for words in (
        "Name: Zoë",
        "Reference: RD-2026-0042",
        "I have been given information about the restorative process",
        "I understand I can change my mind at any time",
        "I agree to take part",
        "face to face",
        "by letter, message or shuttle (indirect)",
        "Signed",
        "Date",
        "Consent recorded verbally, witnessed by",
    ):
        assert words in text, words


def test_the_parent_or_carer_section_is_only_for_a_child() -> None:
    child = flat(render_consent_form(make_request(is_child=True)))
    adult = flat(render_consent_form(make_request(is_child=False)))
    assert "Parent or carer" in child and "Relationship to Zoë" in child
    assert "Parent or carer" not in adult


def test_the_preferred_name_is_used_not_the_full_name() -> None:
    request = make_request(name="Zoë Elizabeth Adams", preferred="Zoë")
    for kind in DocumentKind:
        assert "Elizabeth" not in flat(render(kind, request))


def test_the_invitation_says_when_and_where_only_when_known() -> None:
    known = flat(render_invitation(make_request()))
    assert "9 Dec 2026" in known and "the library meeting room" in known
    request = make_request(meeting_date=None)
    unknown = flat(render_invitation(replace(request, case=replace(request.case, venue=""))))
    assert "choose a day, a time and a place together" in unknown
    assert "Dear Zoë," in unknown and "26 Nov 2026" in unknown


def test_no_name_in_the_file_name_or_the_pdf_properties() -> None:
    request = make_request(name="Zoë Adams", preferred="Zoë")
    names = {filename_for(kind, request) for kind in DocumentKind}
    assert len(names) == len(DocumentKind)
    for kind in DocumentKind:
        filename = filename_for(kind, request)
        assert re.fullmatch(r"[A-Za-z0-9-]+\.pdf", filename)
        assert filename.startswith("RD-2026-0042-") and "3f2a9c1e" in filename
        assert "Zo" not in filename and "Adams" not in filename
        metadata = PdfReader(io.BytesIO(render(kind, request))).metadata or {}
        assert not any("Zo" in str(value) for value in metadata.values())


def test_a_reference_with_odd_characters_still_gives_a_safe_file_name() -> None:
    request = make_request()
    odd = replace(request, case=replace(request.case, reference="RD/2026 0042:..\\"))
    assert filename_for(DocumentKind.CONSENT, odd).startswith("RD-2026-0042-consent-form")


def test_the_logo_is_drawn_when_present_and_skipped_when_missing_or_broken() -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (200, 100), "#1d5e5a").save(png, "PNG")
    logo = png.getvalue()
    with_logo = render_invitation(make_request(logo=logo))
    assert b"/Subtype /Image" in with_logo
    # Nothing, an empty file, not a picture, and a PNG cut short after its header.
    for missing in (None, b"", b"not an image", logo[:60]):
        pdf = render_invitation(make_request(logo=missing))
        assert b"/Subtype /Image" not in pdf and "Dear Zoë," in flat(pdf)


def test_a_facilitator_and_an_organisation_are_needed() -> None:
    request = make_request()
    with pytest.raises(ValueError, match="facilitator"):
        render_invitation(replace(request, facilitator=""))
    nameless = replace(
        request, letterhead=Letterhead(""), case=replace(request.case, organisation="")
    )
    with pytest.raises(ValueError, match="organisation"):
        render_invitation(nameless)


@pytest.mark.parametrize("setting", list(Setting))
@pytest.mark.parametrize("kind", list(DocumentKind))
def test_no_labelling_words_in_any_rendered_document(setting: Setting, kind: DocumentKind) -> None:
    for role in (Role.PERSON_HARMED, Role.PERSON_RESPONSIBLE, Role.SUPPORTER):
        text = flat(render(kind, make_request(setting, role=role))).lower()
        for word in LABELLING_WORDS:
            assert word not in text


def test_no_labelling_words_in_the_template_files() -> None:
    files = sorted((resources_dir() / "documents").glob("*.json"))
    assert {path.stem for path in files} >= {kind.value for kind in DocumentKind}
    for path in files:
        text = path.read_text(encoding="utf-8").lower()
        for word in LABELLING_WORDS:
            assert word not in text, f"{path.name} says {word!r}"


@pytest.mark.parametrize("kind", list(DocumentKind))
def test_every_shipped_template_loads_for_every_setting(kind: DocumentKind) -> None:
    template = load_template(kind.value)
    assert template.path == template_path(kind.value)
    for setting in Setting:
        assert template.title(setting).strip()
        assert template.sections(setting, given=set())


BROKEN = [
    ('{\n "default": {\n  "title": "T",\n  "sections": {"a": ["x",]}\n }\n}', 4, "line 4"),
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n    "Hello {naem}"\n'
        "   ]\n  }\n }\n}",
        6,
        "naem",
    ),
    (
        '{\n "default": {"title": "T", "sections": {"a": ["x"]}},\n "yos": {\n  "sections": {\n'
        '   "b": ["y"]\n  }\n }\n}',
        5,
        '"b"',
    ),
    ('{\n "default": {"title": "T", "sections": {"a": ["x"]}},\n "prison": {}\n}', 3, "prison"),
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n    "ok",\n'
        '    "{?maybe}text"\n   ]\n  }\n }\n}',
        7,
        "{?maybe}",
    ),
    ('{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": "x"\n  }\n }\n}', 5, '"a"'),
    ('{\n "default": {\n  "title": "T",\n  "sections": {"a": ["x"]},\n  "colour": 1\n }\n}', 5, ""),
    ('{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": ["a { b"]\n  }\n }\n}', 5, ""),
]


@pytest.mark.parametrize(("text", "line", "mentions"), BROKEN)
def test_a_broken_template_names_the_file_and_line(
    tmp_path: Path, text: str, line: int, mentions: str
) -> None:
    path = tmp_path / "invitation.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template("invitation", path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line}:"), message
    assert mentions in message


def test_importing_the_documents_does_not_load_reportlab() -> None:
    code = (
        "import sys, restorative_desk.documents.preparation, restorative_desk.documents.templates;"
        "sys.exit('reportlab' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_long_organisation_name_is_shortened_in_the_footer_but_the_reference_stays() -> None:
    long_name = "Riverside Mediation and Restorative Justice Partnership for the Northern Boroughs"
    request = replace(make_request(), letterhead=Letterhead(long_name))
    for text in pages_text(render_consent_form(request)):
        assert "Northern B… · RD-2026-0042" in text
