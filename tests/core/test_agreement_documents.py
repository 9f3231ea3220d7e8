"""The printed agreement and the closure letter: names in any script, actions, dates, pages,
paper sizes, the child-friendly version, copies, same input same bytes, wording as data."""

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

from restorative_desk.documents.agreement import (
    PAPER_SETTING_KEY,
    AgreementPrint,
    Paper,
    PrintedAction,
    PrintedPerson,
    filename_for_agreement,
    load_agreement_template,
    render_agreement,
    render_copies,
)
from restorative_desk.documents.closure import (
    OUTCOMES,
    ClosureLetter,
    filename_for_closure_letter,
    load_closure_template,
    render_closure_letter,
)
from restorative_desk.documents.pdf_base import Letterhead
from restorative_desk.documents.templates import TemplateError
from restorative_desk.records import Setting

ARABIC = "ليلى حداد"
HEBREW = "נועה כהן"
LABELLING_WORDS = ("offender", "perpetrator", "bully", "criminal", "culprit")
ACTIONS = (
    PrintedAction(
        "Jordan will say sorry to Zoë, face to face.",
        who="Jordan",
        for_whom="Zoë",
        by_when=date(2026, 12, 9),
        how_known="Zoë tells Ms Okafor it happened",
        support="Ms Okafor will be there",
        review_date=date(2026, 12, 16),
    ),
    PrintedAction(
        "Help repaint the bench by the science block.",
        who="Jordan and Łukasz",
        for_whom="The school",
        by_when=date(2026, 12, 18),
        how_known="Mr Nguyễn checks the bench",
        support="Mr Nguyễn will show him how",
    ),
)
PEOPLE = (
    PrintedPerson("Zoë", "Person harmed", "3f2a9c1e-7b7d-4c1e-9d1a-0a1b2c3d4e5f"),
    PrintedPerson("Jordan", "Person responsible", "7b7d4c1e-0000-4c1e-9d1a-0a1b2c3d4e5f"),
    PrintedPerson("Łukasz Nowak", "Supporter"),
    PrintedPerson("Nguyễn Thị Hoa", "Supporter"),
    PrintedPerson("Siobhán Kelly", "Teacher"),
)


def make_agreement(**changes: object) -> AgreementPrint:
    agreement = AgreementPrint(
        reference="RD-2026-0042",
        setting=Setting.SCHOOL,
        letterhead=Letterhead("Oakfield Restorative Team", contact="01632 960 123"),
        facilitator="Siobhán Murphy",
        version=1,
        agreed_on=date(2026, 11, 26),
        summary="Jordan pushed Zoë in the lunch queue.\nEveryone met and agreed what happens next.",
        own_words="I didn't think about how Zoë would feel.\nI want to make it right.",
        actions=ACTIONS,
        people=PEOPLE,
        review_date=date(2027, 1, 8),
        own_words_by="Jordan",
    )
    return replace(agreement, **changes)  # type: ignore[arg-type]


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All the text, line breaks folded into spaces, joined letters (Arabic) made plain."""
    text = re.sub(r"\s+", " ", " ".join(pages_text(pdf)))
    return unicodedata.normalize("NFKC", text)


def body_size(pdf: bytes, page: int = 0) -> float:
    """The most used font size on a page."""
    sizes: dict[float, int] = {}

    def visit(text: str, _cm: object, tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            key = round(size * (abs(tm[0]) or 1.0), 1)
            sizes[key] = sizes.get(key, 0) + len(text)

    PdfReader(io.BytesIO(pdf)).pages[page].extract_text(visitor_text=visit)
    return max(sizes, key=lambda size: sizes[size])


def test_names_actions_dates_and_reference_are_printed() -> None:
    text = flat(render_agreement(make_agreement()))
    for words in (
        "Our agreement",
        "RD-2026-0042",
        "Agreed on 26 Nov 2026",
        "Oakfield Restorative Team",
        "Zoë",
        "Łukasz Nowak",
        "Nguyễn Thị Hoa",
        "Siobhán Kelly",
        "Siobhán Murphy",
        "Person responsible",
        "Jordan will say sorry to Zoë, face to face.",
        "Help repaint the bench by the science block.",
        "Mr Nguyễn checks the bench",
        "9 Dec 2026",
        "18 Dec 2026",
        "Check on 16 Dec 2026",
        "We will meet again on 8 Jan 2027",
        "Jordan pushed Zoë in the lunch queue.",
    ):
        assert words in text, words


def test_every_page_says_page_x_of_y_with_the_reference() -> None:
    pages = pages_text(render_agreement(make_agreement()))
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "RD-2026-0042" in text


@pytest.mark.parametrize("name", [ARABIC, HEBREW])
def test_right_to_left_names_print_with_their_own_letters(name: str) -> None:
    people = (PrintedPerson(name, "Supporter"), *PEOPLE)
    pdf = render_agreement(make_agreement(people=people, copy_for=name))
    text = flat(pdf)
    # Laid out right to left: pypdf reads the words back in visual order.
    assert name in text or " ".join(reversed(name.split())) in text
    if name == ARABIC:  # the letters are joined (shaped), not printed one by one
        raw = " ".join(pages_text(pdf))
        assert any("\ufe70" <= letter <= "\ufeff" for letter in raw)


def test_english_beside_a_shaped_name_keeps_plain_letters() -> None:
    # Shaping must not swap "st" for DejaVu's decorative ligature, which looked misprinted.
    pdf = render_agreement(make_agreement(own_words=f"Sorry {ARABIC}, it was the worst thing."))
    raw = re.sub(r"\s+", " ", " ".join(pages_text(pdf)))
    assert "it was the worst thing." in raw


def test_the_young_persons_own_words_are_quoted_and_marked_as_theirs() -> None:
    text = flat(render_agreement(make_agreement()))
    assert "In Jordan's own words" in text
    assert "“I didn't think about how Zoë would feel." in text
    assert "I want to make it right.”" in text
    anonymous = flat(render_agreement(make_agreement(own_words_by="")))
    assert "In their own words" in anonymous


def test_the_actions_table_has_its_headings() -> None:
    text = flat(render_agreement(make_agreement()))
    assert "What Who For whom By when How we will know Support" in text


def test_long_actions_wrap_and_the_table_continues_with_its_headings() -> None:
    long = " ".join(["This part of the action is written out at length."] * 8)
    actions = tuple(replace(action, what=f"{action.what} {long}") for action in ACTIONS) * 3
    pdf = render_agreement(make_agreement(actions=actions))
    pages = pages_text(pdf)
    assert len(pages) >= 3
    continued = [page for page in pages[1:] if "6. Help repaint" in page.replace("\n", " ")]
    assert continued, "the last action is on a later page"
    headings = re.sub(r"\s+", " ", continued[0])
    assert "What Who For whom By when How we will know Support" in headings
    # Wrapped: no line of the first page is anywhere near as long as an action.
    assert max(len(line) for line in pages[0].splitlines()) < 120


def test_an_action_longer_than_a_page_still_prints_in_full() -> None:
    huge = replace(ACTIONS[0], what=" ".join(f"word{number}" for number in range(1500)))
    for child_friendly in (False, True):
        pdf = render_agreement(
            make_agreement(actions=(huge, ACTIONS[1]), child_friendly=child_friendly)
        )
        text = flat(pdf)
        assert "word0 " in text and "word1499" in text
        assert "Help repaint the bench" in text


@pytest.mark.parametrize(
    ("paper", "size"), [(Paper.A4, (595.3, 841.9)), (Paper.LETTER, (612.0, 792.0))]
)
def test_a4_by_default_and_us_letter_when_chosen(paper: Paper, size: tuple[float, float]) -> None:
    pdf = render_agreement(make_agreement(paper=paper))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == size
    assert make_agreement().paper is Paper.A4
    assert PAPER_SETTING_KEY == "paper_size"
    assert {p.label for p in Paper} == {"A4", "US Letter"}


def test_the_child_friendly_version_has_larger_type_simpler_words_and_the_same_actions() -> None:
    adult_pdf = render_agreement(make_agreement())
    child_pdf = render_agreement(make_agreement(child_friendly=True))
    adult, child = flat(adult_pdf), flat(child_pdf)
    assert "What we agreed" in child and "Our agreement" not in child
    assert "Who will do it" in child and "How we will know it is done" in child
    assert "How we will know it is done" not in adult
    for action in ACTIONS:
        assert action.what in child and action.how_known in child
    assert "We will check on 16 Dec 2026" in child
    assert body_size(child_pdf) > body_size(adult_pdf)


def test_same_input_same_bytes() -> None:
    for agreement in (make_agreement(), make_agreement(child_friendly=True)):
        first = render_agreement(agreement)
        assert first.startswith(b"%PDF")
        assert first == render_agreement(agreement)


def test_documents_with_other_letters_in_between_still_give_the_same_bytes() -> None:
    # Font subsets are remembered between documents; other names must not change a document.
    first = render_agreement(make_agreement())
    render_agreement(make_agreement(people=(PrintedPerson("Ægir Þórsson", "Supporter"),)))
    render_agreement(make_agreement(copy_for=ARABIC))
    assert render_agreement(make_agreement()) == first


def test_the_version_is_shown_from_version_2_and_a_draft_says_so() -> None:
    assert "Version" not in flat(render_agreement(make_agreement()))
    assert "Version 2" in flat(render_agreement(make_agreement(version=2)))
    draft = flat(render_agreement(make_agreement(agreed_on=None)))
    assert "Draft" in draft and "not yet agreed" in draft and "Agreed on" not in draft
    with pytest.raises(ValueError, match="version"):
        render_agreement(make_agreement(version=0))


def test_one_copy_per_participant_in_one_go() -> None:
    agreement = make_agreement()
    copies = render_copies(agreement)
    assert len(copies) == len(PEOPLE)
    for person, pdf in zip(PEOPLE, copies, strict=True):
        assert f"Copy for {person.name}" in flat(pdf)
    assert len(set(copies)) == len(copies)
    chosen = render_copies(agreement, ["Zoë"])
    assert chosen == [render_agreement(replace(agreement, copy_for="Zoë"))]
    assert "Copy for" not in flat(render_agreement(agreement))


def test_everyone_has_a_line_to_sign_with_their_name_and_a_date() -> None:
    text = flat(render_agreement(make_agreement()))
    signatures = text[text.index("Signatures") :]
    for person in PEOPLE:
        assert person.name in signatures
    assert "Siobhán Murphy Facilitator" in signatures
    assert signatures.count("Date") == len(PEOPLE) + 1
    assert "agreed verbally" in signatures


def test_missing_parts_are_left_out_gently() -> None:
    text = flat(render_agreement(make_agreement(summary="", own_words="", actions=(), people=())))
    assert "own words" not in text and "What happened" not in text
    assert "Who took part" not in text
    assert "No actions have been written down yet." in text


def test_the_organisation_and_facilitator_are_needed() -> None:
    with pytest.raises(ValueError, match="facilitator"):
        render_agreement(make_agreement(facilitator=" "))
    with pytest.raises(ValueError, match="organisation"):
        render_agreement(make_agreement(letterhead=Letterhead("")))


def test_file_names_never_carry_a_name_nor_do_the_pdf_properties() -> None:
    name = filename_for_agreement("RD/2026 0042", 2, PEOPLE[0].person_id)
    assert name == "RD-2026-0042-agreement-v2-3f2a9c1e.pdf"
    assert filename_for_agreement("RD-2026-0042", 1) == "RD-2026-0042-agreement-v1.pdf"
    easy = filename_for_agreement("RD-2026-0042", 1, "Zoë", child_friendly=True)
    assert easy == "RD-2026-0042-agreement-easy-read-v1.pdf"  # only hex digits of an id
    assert filename_for_closure_letter("RD-2026-0042", PEOPLE[0].person_id) == (
        "RD-2026-0042-closure-letter-3f2a9c1e.pdf"
    )
    for pdf in (render_agreement(make_agreement(copy_for="Zoë")), render_closure_letter(letter())):
        metadata = PdfReader(io.BytesIO(pdf)).metadata or {}
        assert not any("Zo" in str(value) for value in metadata.values())


def letter(outcome: str = "completed", setting: Setting = Setting.SCHOOL) -> ClosureLetter:
    return ClosureLetter(
        reference="RD-2026-0042",
        setting=setting,
        letterhead=Letterhead("Oakfield Restorative Team", contact="01632 960 123"),
        facilitator="Siobhán Murphy",
        person_name="Zoë",
        outcome=outcome,
        summary="Jordan said sorry to Zoë face to face.\nThe bench has been repainted.",
        today=date(2027, 1, 12),
    )


@pytest.mark.parametrize(
    ("outcome", "says", "not_says"),
    [
        ("completed", ["Thank you", "the agreement is complete", "What was achieved"], []),
        ("partly_completed", ["Some of what was agreed has been done", "What happened"], []),
        ("not_completed", ["could not be done", "still matters", "What happened"], []),
    ],
)
def test_the_closure_letter_speaks_to_each_outcome(
    outcome: str, says: list[str], not_says: list[str]
) -> None:
    pdf = render_closure_letter(letter(outcome))
    text = flat(pdf)
    for words in (
        "Dear Zoë,",
        "12 Jan 2027",
        "RD-2026-0042",
        "Jordan said sorry to Zoë face to face.",
        "01632 960 123",
        "Siobhán Murphy",
        *says,
    ):
        assert words in text, words
    others = [o for o in OUTCOMES if o != outcome]
    assert all(render_closure_letter(letter(o)) != pdf for o in others)
    assert pdf == render_closure_letter(letter(outcome))
    assert pages_text(pdf)[0].count("Page 1 of 1") == 1


def test_the_closure_letter_needs_a_known_outcome() -> None:
    with pytest.raises(ValueError, match="outcome"):
        render_closure_letter(letter("finished"))


def test_closure_letter_wording_differs_by_setting() -> None:
    assert "school office" in flat(render_closure_letter(letter(setting=Setting.SCHOOL)))
    assert "school office" not in flat(render_closure_letter(letter(setting=Setting.YOS)))


@pytest.mark.parametrize("setting", list(Setting))
def test_no_labelling_words_in_any_printed_agreement_or_letter(setting: Setting) -> None:
    documents = [
        render_agreement(make_agreement(setting=setting)),
        render_agreement(make_agreement(setting=setting, child_friendly=True)),
        *(render_closure_letter(letter(outcome, setting)) for outcome in OUTCOMES),
    ]
    for pdf in documents:
        text = flat(pdf).lower()
        assert not [word for word in LABELLING_WORDS if word in text]


@pytest.mark.parametrize("name", ["agreement", "agreement_child"])
def test_the_shipped_agreement_templates_load_for_every_setting(name: str) -> None:
    template = load_agreement_template(name)
    for setting in Setting:
        assert template.title(setting).strip()
        assert template.sections(setting, given=set())
    closure = load_closure_template()
    assert all(closure.title(setting) for setting in Setting)


BROKEN = [
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n    "Hello {called}"\n'
        "   ]\n  }\n }\n}",
        6,
        "{called}",
    ),
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n    "x",\n'
        '    "@table What | Who"\n   ]\n  }\n }\n}',
        7,
        "@table",
    ),
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n'
        '    "@actions What | Who"\n   ]\n  }\n }\n}',
        6,
        "7 labels",
    ),
    (
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n'
        '    "{?outcome}@summary"\n   ]\n  }\n }\n}',
        6,
        "{?outcome}",
    ),
]


@pytest.mark.parametrize(("text", "line", "mentions"), BROKEN)
def test_a_broken_agreement_template_names_the_file_and_line(
    tmp_path: Path, text: str, line: int, mentions: str
) -> None:
    path = tmp_path / "agreement.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_agreement_template("agreement", path)
    message = str(caught.value)
    assert message.startswith(f"{path}, line {line}:"), message
    assert mentions in message


def test_a_broken_closure_template_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "closure.json"
    path.write_text(
        '{\n "default": {\n  "title": "T",\n  "sections": {\n   "a": [\n    "{?done}Hi"\n'
        "   ]\n  }\n }\n}",
        encoding="utf-8",
    )
    with pytest.raises(TemplateError, match=r"closure\.json, line 6: .*\{\?done\}"):
        load_closure_template(path)


def test_importing_the_agreement_documents_does_not_load_reportlab() -> None:
    code = (
        "import sys, restorative_desk.documents.agreement, restorative_desk.documents.closure;"
        "sys.exit('reportlab' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
