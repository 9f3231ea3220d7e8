"""The organisation's own details for the letterhead, kept in the case file's settings.

The name, a contact line and a logo (PNG or JPEG, stored base64 inside the encrypted database)
head every preparation document. This module is also the one place that puts a document
request together, so the conference plan's date and place can be added here later.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..preparation.records import PARTICIPANT_ROLES
from ..records import Case, Person
from ..rules import Problem, ValidationError, raise_first
from .preparation import DocumentRequest, Letterhead

if TYPE_CHECKING:
    from ..store import Store

ORGANISATION_SETTING_KEY = "organisation"
MAX_LOGO_BYTES = 1024 * 1024
MAX_DETAIL_LENGTH = 200
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


@dataclass(frozen=True)
class OrganisationDetails:
    """Who the documents come from: a name, a contact line for questions and a logo."""

    name: str = ""
    contact: str = ""  # a phone number or email for questions
    logo: bytes | None = None  # PNG or JPEG bytes


def organisation_details(store: Store) -> OrganisationDetails:
    """The saved details, or empty ones; a damaged setting gives what can still be read."""
    saved = store.setting(ORGANISATION_SETTING_KEY)
    if not isinstance(saved, dict):
        return OrganisationDetails()
    return OrganisationDetails(
        name=_text(saved.get("name")),
        contact=_text(saved.get("contact")),
        logo=_decoded(saved.get("logo")),
    )


def save_organisation_details(store: Store, details: OrganisationDetails) -> OrganisationDetails:
    """Check and save the details (text trimmed); returns what was saved.

    Raises ValidationError naming the field ("name", "contact" or "logo") when one is not right.
    """
    raise_first(organisation_problems(details))
    saved = OrganisationDetails(details.name.strip(), details.contact.strip(), details.logo or None)
    store.set_setting(
        ORGANISATION_SETTING_KEY,
        {
            "name": saved.name,
            "contact": saved.contact,
            "logo": base64.b64encode(saved.logo).decode("ascii") if saved.logo else None,
        },
    )
    return saved


def organisation_problems(details: OrganisationDetails) -> list[Problem]:
    """What stops the details being saved, each naming its field."""
    problems = []
    for field, label, text in (
        ("name", "The organisation's name", details.name.strip()),
        ("contact", "The contact line", details.contact.strip()),
    ):
        if len(text) > MAX_DETAIL_LENGTH:
            problems.append(
                Problem(
                    field,
                    f"{label} is {len(text):,} characters long; "
                    f"keep it to {MAX_DETAIL_LENGTH} or fewer.",
                )
            )
    if details.logo:
        problem = logo_problem(details.logo)
        if problem:
            problems.append(Problem("logo", problem))
    return problems


def logo_problem(logo: bytes) -> str | None:
    """Why these bytes cannot be the logo (too large, or not a PNG or JPEG), or None."""
    if len(logo) > MAX_LOGO_BYTES:
        return _too_large(len(logo))
    if not logo.startswith((_PNG, _JPEG)):
        return "That file is not a PNG or JPEG picture. Choose a logo saved as .png or .jpg."
    return None


def read_logo(path: Path) -> bytes:
    """A logo file's bytes, checked; raises ValidationError("logo", ...) when it will not do.

    The size is checked before reading, so choosing a huge file by mistake costs nothing.
    """
    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise ValidationError("logo", _too_large(size))
        logo = path.read_bytes()
    except OSError as error:
        raise ValidationError(
            "logo", f"The file could not be read ({error.strerror or error})."
        ) from error
    problem = logo_problem(logo)
    if problem:
        raise ValidationError("logo", problem)
    return logo


def letterhead_for(store: Store, case: Case) -> Letterhead:
    """The letterhead from the settings; the case's organisation when no name is saved."""
    details = organisation_details(store)
    return Letterhead(
        organisation=details.name or case.organisation,
        logo=details.logo,
        contact=details.contact,
    )


def taking_part(people: list[Person]) -> list[Person]:
    """The people who get preparation documents: everyone but the professionals and
    facilitators, in the same order."""
    return [person for person in people if person.role in PARTICIPANT_ROLES]


def document_request_for(store: Store, case: Case, person: Person) -> DocumentRequest:
    """Everything one person's preparation documents need, from the case and the settings."""
    plan = store.conference_plan(case.id)
    place = ", ".join(part for part in (plan.venue, plan.room) if part.strip()) if plan else ""
    return DocumentRequest(
        case=case,
        person=person,
        letterhead=letterhead_for(store, case),
        facilitator=case.facilitator,
        today=store.today(),
        meeting_date=plan.date if plan else None,
        meeting_place=place,
    )


def _too_large(size: int) -> str:
    megabytes = size / (1024 * 1024)
    # A file just over the limit would otherwise read as "1.0 MB", which sounds allowed.
    shown = f"{megabytes:.1f} MB" if megabytes >= 1.05 else "just over 1 MB"
    return f"That picture is too large ({shown}). Choose a logo of at most 1 MB."


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _decoded(value: Any) -> bytes | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return base64.b64decode(value, validate=True) or None
    except (binascii.Error, ValueError):
        return None
