"""The preparation documents for one participant: invitation, information sheets, consent form.

The wording is data (resources/documents/*.json, see templates.py); this module lays it out on
A4 with the organisation's letterhead and "Page X of Y", and returns PDF bytes. Same input,
same bytes. File names carry the case reference, never a person's name.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from datetime import date

from ..formatting import format_date
from ..records import Case, Person, Role
from ..wording import load_role_wording
from .markup import story
from .pdf_base import Letterhead as Letterhead  # where the other modules have always found it
from .pdf_base import build_pdf, frame_width, safe_reference, stylesheet
from .templates import DocumentTemplate, load_template


class DocumentKind(enum.Enum):
    """The preparation documents; each value names its template in resources/documents."""

    INVITATION = "invitation"
    INFORMATION = "information"
    INFORMATION_CHILD = "information_child"
    CONSENT = "consent"

    @property
    def slug(self) -> str:
        """The part of a file name that says which document this is."""
        return _SLUGS[self]


_SLUGS = {
    DocumentKind.INVITATION: "invitation",
    DocumentKind.INFORMATION: "what-happens-next",
    DocumentKind.INFORMATION_CHILD: "what-happens-next-easy-read",
    DocumentKind.CONSENT: "consent-form",
}


@dataclass(frozen=True)
class DocumentRequest:
    """Everything one participant's preparation documents need."""

    case: Case
    person: Person
    letterhead: Letterhead
    facilitator: str
    today: date
    meeting_date: date | None = None
    meeting_place: str = ""


def render_invitation(request: DocumentRequest) -> bytes:
    """The invitation letter to the request's person, as PDF bytes."""
    return render(DocumentKind.INVITATION, request)


def render_information(request: DocumentRequest, *, child_friendly: bool = False) -> bytes:
    """The "What happens next" sheet; `child_friendly` gives larger type and simpler words."""
    kind = DocumentKind.INFORMATION_CHILD if child_friendly else DocumentKind.INFORMATION
    return render(kind, request)


def render_consent_form(request: DocumentRequest) -> bytes:
    """The consent form, with a parent or carer section when the person is a child."""
    return render(DocumentKind.CONSENT, request)


def filename_for(kind: DocumentKind, request: DocumentRequest) -> str:
    """A safe file name from the case reference, the document and the person's record id.

    Never the person's name: file names end up in folders, print queues and email attachments.
    """
    reference = safe_reference(request.case.reference)
    person = re.sub(r"[^0-9a-f]", "", request.person.id.lower())[:8]
    return "-".join(part for part in (reference, kind.slug, person) if part) + ".pdf"


def render(kind: DocumentKind, request: DocumentRequest) -> bytes:
    """Render one preparation document for the request's person (same input, same bytes)."""
    from reportlab.lib.pagesizes import A4

    template = _template(kind.value)
    values = _values(request)
    given = {key for key, value in values.items() if value.strip()}
    large = kind is DocumentKind.INFORMATION_CHILD
    sections = template.sections(request.case.setting, given)
    return build_pdf(
        story(sections, values, stylesheet(large), frame_width(A4)),
        pagesize=A4,
        title=f"{template.title(request.case.setting)} \N{EN DASH} {values['reference']}",
        letterhead=request.letterhead,
        organisation=values["organisation"],
        reference=values["reference"],
        large=large,
    )


@functools.cache
def _template(name: str) -> DocumentTemplate:
    return load_template(name)


def _values(request: DocumentRequest) -> dict[str, str]:
    """What the placeholders are filled with (and "child" for conditions only)."""
    case, person = request.case, request.person
    organisation = (request.letterhead.organisation or case.organisation).strip()
    facilitator = (request.facilitator or case.facilitator).strip()
    if not organisation:
        raise ValueError("The documents need the organisation's name.")
    if not facilitator:
        raise ValueError("The documents need the facilitator's name.")
    wording = load_role_wording()

    def in_sentence(role: Role) -> str:
        label = wording.role_label(role, case.setting)
        first = label.split(" ", 1)[0]
        # "Victim" becomes "victim"; "YOS practitioner" keeps its capitals.
        return label if first.isupper() else label[:1].lower() + label[1:]

    return {
        "called": person.called.strip(),
        "organisation": organisation,
        "facilitator": facilitator,
        "reference": case.reference.strip(),
        "venue": (request.meeting_place or case.venue).strip(),
        "date": format_date(request.meeting_date) if request.meeting_date else "",
        "today": format_date(request.today),
        "role": wording.role_label(person.role, case.setting),
        "person_harmed": in_sentence(Role.PERSON_HARMED),
        "person_responsible": in_sentence(Role.PERSON_RESPONSIBLE),
        "supporter": in_sentence(Role.SUPPORTER),
        "contact": request.letterhead.contact.strip(),
        "child": "yes" if person.is_child else "",
    }
