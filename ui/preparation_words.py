"""What the Preparation tab says about each person (progress, consent needing attention) and
the question it asks before unsaved typing would be left behind."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from restorative_desk.formatting import format_date
from restorative_desk.preparation.catalogue import Catalogue
from restorative_desk.preparation.readiness import (
    PRINCIPAL_ROLES,
    CasePreparation,
    is_participant,
    needs_parent_consent,
    person_checklist,
)
from restorative_desk.preparation.records import ConsentGiver
from restorative_desk.records import Person

from .asking import SaveChoice, ask_to_save
from .preparation_sections import whose_consent

PRINCIPAL_NOTE = (
    "If they will not be in the room, they can still take part another way (a letter, messages "
    "you carry, or a recorded message): their consent is still needed."
)
OTHERS_NOTE = (
    "Supporters and community members are prepared and asked for consent only if they attend."
)


def attending_note(person: Person) -> str:
    """What attending (or not) means for this person's consent."""
    return PRINCIPAL_NOTE if person.role in PRINCIPAL_ROLES else OTHERS_NOTE


def display_name(person: Person) -> str:
    """The full name, led by the name they like to be called when that is different."""
    preferred = person.preferred_name.strip()
    if not preferred or person.name.startswith(preferred):
        return person.name
    return f"{preferred} ({person.name})"


def progress_text(prep: CasePreparation, person: Person, role: str, book: Catalogue) -> str:
    """What the list says under a name: role and "4 of 6 done", then any withdrawn consent in
    words on a line of its own."""
    supported = next((p for p in prep.people if p.id == person.supports_person_id), None)
    if supported is not None:
        role = f"{role} of {supported.called}"
    if not is_participant(prep, person):
        return f"{role} · not attending"
    items = person_checklist(prep, person, book=book)
    done = sum(item.done for item in items)
    progress = f"{done} of {len(items)} done"
    if done == len(items):
        progress = f"✓ {progress}"
    if any(
        (latest := prep.latest_consent(person.id, giver)) is not None and latest.withdrawn
        for giver in ConsentGiver
    ):
        progress += "\n✗ Consent withdrawn: needs attention"
    return f"{role} · {progress}"


def consent_attention(prep: CasePreparation, person: Person) -> str:
    """Each withdrawn consent in words, and what it means for the conference ('' if none)."""
    said = []
    for giver in ConsentGiver:
        latest = prep.latest_consent(person.id, giver)
        if latest is None or latest.withdrawn_on is None:
            continue
        note = f" (“{latest.withdrawal_note}”)" if latest.withdrawal_note else ""
        said.append(
            f"✗ Needs attention: {whose_consent(latest, person.called)} was withdrawn on "
            f"{format_date(latest.withdrawn_on)}{note}."
        )
    if said and is_participant(prep, person):
        said.append("The conference cannot go ahead until new consent is recorded.")
    return " ".join(said)


def parent_consent_note(prep: CasePreparation, person: Person) -> str:
    """Whether the organisation asks for a parent's or carer's consent too ('' if not)."""
    if not needs_parent_consent(person, prep.parent_policy, prep.today):
        return ""
    return (
        f"Your organisation asks for a parent's or carer's consent for {person.called} as well "
        "as their own."
    )


def default_giver(prep: CasePreparation, person: Person) -> ConsentGiver:
    """Whose consent to offer first: a parent's or carer's once the person's own is given and
    the policy asks for one that is not there yet."""
    own = prep.latest_consent(person.id, ConsentGiver.SELF)
    carer = prep.latest_consent(person.id, ConsentGiver.PARENT_CARER)
    if (
        needs_parent_consent(person, prep.parent_policy, prep.today)
        and own is not None and not own.withdrawn
        and (carer is None or carer.withdrawn)
    ):
        return ConsentGiver.PARENT_CARER
    return ConsentGiver.SELF


def ask_save_changes(parent: QWidget) -> SaveChoice:
    """Ask whether to save this person's unsaved preparation before moving on."""
    return ask_to_save(
        parent,
        "Some of this person's preparation is typed but not saved yet.",
        "Do you want to save it?",
    )
