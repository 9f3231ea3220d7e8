"""Printed feedback forms: a participant's (for adults, or child-friendly with larger type and
simpler words), the staff reflection and the partner agency's. Blank forms to fill in by hand,
then enter in the app.

A form carries the case reference only, never a name: it may be filled in at a kitchen table or
left on a desk. Wording is data in resources/documents/feedback_form*.json; the blocks (the
scale with faces, Yes / Not sure / No rows, a box to write in) are in feedback_form_blocks.py.
Same input, same bytes.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..records import Role, Setting
from ..wording import RoleWording, load_role_wording
from .agreement import Paper
from .feedback_form_blocks import MAX_BOX_LINES, box_lines, feedback_blocks
from .markup import story
from .pdf_base import Letterhead, build_pdf, frame_width, safe_reference, stylesheet
from .templates import DocumentTemplate, TemplateError, load_template

if TYPE_CHECKING:
    from ..records import Case
    from ..store import Store

# What the feedback form templates may fill in.
FEEDBACK_PLACEHOLDERS = frozenset(
    {
        "organisation",
        "reference",  # the case reference; empty on a partner form about no case
        "facilitator",  # who to give the form back to
        "contact",
        "person_harmed",  # role words in the setting's language ("Victim", "Person harmed")
        "person_responsible",
        "supporter",
    }
)
# "@name labels": the blocks feedback_form_blocks.py lays out, with how many labels each takes.
FEEDBACK_DIRECTIVES = {
    "scale": 5,  # five tick boxes with faces, numbers and words, from 1 to 5
    "rating": 5,  # the same without faces
    "answer": 4,  # a statement, then the words for Yes, Not sure and No
    "choices": 4,  # four tick boxes in a row
    "box": 1,  # a lined box to write in; the label is how many lines
}


class FormKind(enum.Enum):
    """Which feedback form."""

    PARTICIPANT = "participant"
    PARTICIPANT_CHILD = "participant_child"
    STAFF = "staff"
    PARTNER = "partner"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]

    @property
    def template_name(self) -> str:
        return _TEMPLATES[self]


_KIND_LABELS = {
    FormKind.PARTICIPANT: "Participant feedback, for adults",
    FormKind.PARTICIPANT_CHILD: "Participant feedback, child-friendly (larger type, simpler words)",
    FormKind.STAFF: "Staff reflection",
    FormKind.PARTNER: "Partner agency feedback",
}
_TEMPLATES = {
    FormKind.PARTICIPANT: "feedback_form",
    FormKind.PARTICIPANT_CHILD: "feedback_form_child",
    FormKind.STAFF: "feedback_form_staff",
    FormKind.PARTNER: "feedback_form_partner",
}


@dataclass(frozen=True)
class FeedbackFormPrint:
    """Everything a blank feedback form says."""

    kind: FormKind
    setting: Setting
    letterhead: Letterhead
    reference: str = ""  # empty only on a partner form about the service in general
    facilitator: str = ""
    paper: Paper = Paper.A4
    person_harmed: str = "Person harmed"
    person_responsible: str = "Person responsible"
    supporter: str = "Supporter"


def render_feedback_form(doc: FeedbackFormPrint) -> bytes:
    """The blank form as PDF bytes (same input, same bytes)."""
    template = _template(doc.kind.template_name)
    values = _values(doc)
    given = {key for key, value in values.items() if value.strip()}
    large = doc.kind is FormKind.PARTICIPANT_CHILD
    styles = stylesheet(large)
    width = frame_width(doc.paper.size)
    title = template.title(doc.setting)
    return build_pdf(
        story(template.sections(doc.setting, given), values, styles, width,
              feedback_blocks(styles, width)),
        pagesize=doc.paper.size,
        title=f"{title} \N{EN DASH} {values['reference']}" if values["reference"] else title,
        letterhead=doc.letterhead,
        organisation=values["organisation"],
        reference=values["reference"],
        large=large,
    )


def feedback_form_for(
    store: Store, case: Case | None, kind: FormKind, *, wording: RoleWording | None = None
) -> FeedbackFormPrint:
    """The form for a case (or, for a partner form, none) with the letterhead, paper and role
    words from the settings."""
    # Imported here: letterhead.py reads the store, which this module's callers may not need.
    from .agreement_batch import paper_for
    from .letterhead import organisation_details

    details = organisation_details(store)
    setting = case.setting if case is not None else Setting.COMMUNITY
    wording = wording or load_role_wording()
    return FeedbackFormPrint(
        kind=kind,
        setting=setting,
        letterhead=Letterhead(
            organisation=details.name or (case.organisation if case else ""),
            logo=details.logo,
            contact=details.contact,
        ),
        reference=case.reference if case is not None else "",
        facilitator=(case.facilitator if case is not None else "") or "the facilitator",
        paper=paper_for(store),
        person_harmed=wording.role_label(Role.PERSON_HARMED, setting),
        person_responsible=wording.role_label(Role.PERSON_RESPONSIBLE, setting),
        supporter=wording.role_label(Role.SUPPORTER, setting),
    )


def filename_for_feedback_form(reference: str, kind: FormKind) -> str:
    """A safe file name from the case reference and the kind of form (never a name)."""
    part = {
        FormKind.PARTICIPANT: "feedback-form",
        FormKind.PARTICIPANT_CHILD: "feedback-form-easy-read",
        FormKind.STAFF: "staff-reflection-form",
        FormKind.PARTNER: "partner-feedback-form",
    }[kind]
    return f"{safe_reference(reference)}-{part}.pdf" if reference.strip() else f"{part}.pdf"


def load_feedback_template(name: str, path: Path | None = None) -> DocumentTemplate:
    """Load and check a feedback form template; errors name the file and the line."""
    template = load_template(
        name, path, placeholders=FEEDBACK_PLACEHOLDERS, directives=FEEDBACK_DIRECTIVES,
        conditions=FEEDBACK_PLACEHOLDERS,
    )
    text = template.path.read_text(encoding="utf-8")
    for setting in Setting:
        for section in template.sections(setting, FEEDBACK_PLACEHOLDERS):
            for line in section.lines:
                if not line.startswith("@box"):
                    continue
                try:
                    box_lines(line[4:])
                except ValueError:
                    number = _line_number(text, line)
                    raise TemplateError(
                        f"{template.path}, line {number}: \"@box\" takes how many lines to "
                        f"write on, a number from 1 to {MAX_BOX_LINES}"
                    ) from None
    return template


@functools.cache
def _template(name: str) -> DocumentTemplate:
    return load_feedback_template(name)


def _line_number(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _values(doc: FeedbackFormPrint) -> dict[str, str]:
    organisation = doc.letterhead.organisation.strip()
    if not organisation:
        raise ValueError("The form needs the organisation's name.")
    if not doc.reference.strip() and doc.kind is not FormKind.PARTNER:
        raise ValueError("The form needs the case reference.")
    return {
        "organisation": organisation,
        "reference": doc.reference.strip(),
        "facilitator": doc.facilitator.strip() or "the facilitator",
        "contact": doc.letterhead.contact.strip(),
        "person_harmed": doc.person_harmed,
        "person_responsible": doc.person_responsible,
        "supporter": doc.supporter,
    }
