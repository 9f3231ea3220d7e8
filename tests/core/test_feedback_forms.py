"""Printed feedback forms: what each says (read back from the PDF), no names on any, A4 or US
Letter from the settings, the same bytes every time, and wording files checked on load."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from restorative_desk.documents.agreement import PAPER_SETTING_KEY, Paper
from restorative_desk.documents.feedback_form import (
    FeedbackFormPrint,
    FormKind,
    feedback_form_for,
    filename_for_feedback_form,
    load_feedback_template,
    render_feedback_form,
)
from restorative_desk.documents.letterhead import OrganisationDetails, save_organisation_details
from restorative_desk.documents.pdf_base import Letterhead
from restorative_desk.documents.templates import TemplateError, template_path
from restorative_desk.records import Setting
from restorative_desk.store import Store

from ..feedbacking import held_case

LETTERHEAD = Letterhead("Hillside Primary School", contact="020 7946 0000")


def form(kind: FormKind, **changes: object) -> FeedbackFormPrint:
    base = FeedbackFormPrint(kind, Setting.SCHOOL, LETTERHEAD, reference="RD-2026-0042",
                             facilitator="Jo Adeyemi")
    return replace(base, **changes)  # type: ignore[arg-type]


def pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def text_of(pdf: bytes) -> str:
    return " ".join(pages(pdf))


def test_the_adult_form_asks_every_question_on_one_page() -> None:
    pdf = render_feedback_form(form(FormKind.PARTICIPANT))
    assert len(pages(pdf)) == 1
    text = text_of(pdf)
    for words in (
        "How was it for you?", "RD-2026-0042", "Today's date", "Filling this in is up to you",
        "We count the answers; your name is not in the report",
        "how satisfied are you", "Not at all satisfied", "In between", "Very satisfied",
        "I felt safe.", "I felt heard", "I understood what would happen next.",
        "I had a real choice about taking part.", "I would recommend it to someone else.",
        "Is there anything else you would like to say?", "give this back to Jo Adeyemi",
        "Person harmed", "Person responsible",
    ):
        assert words in text, words
    for number in "12345":
        assert re.search(rf"\b{number}\b", text)
    assert text.count("Not sure") == 5 and text.count("Yes") == 5


def test_the_child_friendly_form_is_larger_and_simpler() -> None:
    pdf = render_feedback_form(form(FormKind.PARTICIPANT_CHILD))
    assert 1 <= len(pages(pdf)) <= 2
    text = text_of(pdf)
    for words in ("How did it go?", "You do not have to fill this in.",
                  "Your name is not in the report", "Really bad", "Really good",
                  "People listened to me.", "I would tell a friend to try it.",
                  "Give this back to Jo Adeyemi"):
        assert words in text, words
    adult = PdfReader(io.BytesIO(render_feedback_form(form(FormKind.PARTICIPANT))))
    child = PdfReader(io.BytesIO(pdf))
    assert _largest_body_size(child) > _largest_body_size(adult)


def test_the_staff_and_partner_forms_are_short() -> None:
    staff = render_feedback_form(form(FormKind.STAFF))
    partner = render_feedback_form(form(FormKind.PARTNER))
    assert len(pages(staff)) == len(pages(partner)) == 1
    staff_text = text_of(staff)
    for words in ("Staff reflection", "How well prepared was everyone?", "Very well prepared",
                  "impact", "What went well?", "What would you do differently?",
                  "Your name or initials", "talk this one through"):
        assert words in staff_text, words
    partner_text = text_of(partner)
    for words in ("Partner agency feedback", "RD-2026-0042", "We were kept informed.",
                  "We would refer to the service again.", "Your agency or service"):
        assert words in partner_text, words
    general = text_of(render_feedback_form(form(FormKind.PARTNER, reference="")))
    assert "About the restorative service in general" in general
    assert "RD-" not in general


def test_the_role_words_follow_the_setting() -> None:
    text = text_of(render_feedback_form(form(
        FormKind.PARTICIPANT, setting=Setting.YOS, person_harmed="Victim",
        person_responsible="Young person",
    )))
    assert "Victim" in text and "Young person" in text


def test_letter_and_a4_and_the_same_bytes_every_time() -> None:
    for kind in FormKind:
        a4 = render_feedback_form(form(kind))
        assert render_feedback_form(form(kind)) == a4
        letter = render_feedback_form(form(kind, paper=Paper.LETTER))
        assert letter != a4
        for pdf, paper in ((a4, Paper.A4), (letter, Paper.LETTER)):
            box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == tuple(
                round(side) for side in paper.size)
        assert len(pages(letter)) == len(pages(a4)), kind


def test_a_form_from_the_store_has_no_names_and_the_chosen_paper(store: Store) -> None:
    held = held_case(store)
    store.set_setting(PAPER_SETTING_KEY, Paper.LETTER.value)
    doc = feedback_form_for(store, held.case, FormKind.PARTICIPANT)
    assert doc.paper is Paper.LETTER and doc.reference == held.case.reference
    pdf = render_feedback_form(doc)
    text = text_of(pdf)
    assert held.case.reference in text
    for name in ("Zoë", "Łukasz", "Siobhán", "Kowalski", "Nguyễn"):
        assert name not in text
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None and "Zoë" not in str(info)
    with pytest.raises(ValueError, match="organisation"):
        render_feedback_form(feedback_form_for(store, None, FormKind.PARTNER))
    save_organisation_details(store, OrganisationDetails("Lewisham Restorative Partnership"))
    general = feedback_form_for(store, None, FormKind.PARTNER)
    assert general.reference == "" and "RD-" not in text_of(render_feedback_form(general))


def test_a_form_needs_the_organisation_and_a_reference() -> None:
    with pytest.raises(ValueError, match="organisation"):
        render_feedback_form(form(FormKind.STAFF, letterhead=Letterhead("  ")))
    with pytest.raises(ValueError, match="reference"):
        render_feedback_form(form(FormKind.PARTICIPANT, reference=""))


def test_file_names_never_hold_a_name() -> None:
    assert filename_for_feedback_form("RD-2026-0042", FormKind.PARTICIPANT_CHILD) == (
        "RD-2026-0042-feedback-form-easy-read.pdf")
    assert filename_for_feedback_form("", FormKind.PARTNER) == "partner-feedback-form.pdf"


def test_every_shipped_wording_file_loads() -> None:
    for kind in FormKind:
        load_feedback_template(kind.template_name)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('"@box many"', "line 6: \"@box\" takes how many lines"),
        ('"@box 99"', "line 6: \"@box\" takes how many lines"),
        ('"@answer Safe? | Yes | No"', "takes 4 labels"),
        ('"Hello {called}"', "unknown placeholder"),
    ],
)
def test_a_broken_wording_file_names_its_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "feedback_form.json"
    path.write_text(
        '{\n  "default": {\n    "title": "Feedback",\n    "sections": {\n      "top": [\n'
        f"        {line}\n      ]\n    }}\n  }}\n}}\n".replace("}}", "}"),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=re.escape(message)):
        load_feedback_template("feedback_form", path)
    assert template_path("feedback_form").exists()


def _largest_body_size(reader: PdfReader) -> float:
    sizes: list[float] = []

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * abs(tm[0]))

    reader.pages[0].extract_text(visitor_text=visit)
    sizes.sort()
    return sizes[len(sizes) // 2]  # the middle size: body text, not headings
