"""Agreements made through the store for tests: `agreed_case` records a case with an agreed
outcome agreement whose actions are late or coming up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from restorative_desk.agreements.records import (
    Agreement,
    AgreementAction,
    AgreementStatus,
    Signoff,
    SignoffHow,
)
from restorative_desk.records import Case, Person, ReferralSource, Role, Setting
from restorative_desk.store import Store


def agreed_case(
    store: Store, *, harmed: str = "Zoë Nguyễn", responsible: str = "Łukasz Kowalski",
    setting: Setting = Setting.SCHOOL, late_by: int = 6, review_in: int = 1,
    agreed_on: date | None = None,
) -> tuple[Case, Agreement]:
    """A case with two people and an agreement agreed `agreed_on` (default two weeks ago): one
    action `late_by` days past its date, one later, and a review `review_in` days from today."""
    today = store.today()
    agreed_on = agreed_on or today - timedelta(days=14)
    case = store.create_case(Case(
        setting=setting, organisation="Hillside Primary School",
        referral_source=ReferralSource.EDUCATION, referral_date=agreed_on - timedelta(days=20),
        summary="A falling-out at lunchtime.", facilitator="Jo Adeyemi",
    ))
    people = [
        store.add_person(Person(case_id=case.id, role=role, name=name))
        for role, name in ((Role.PERSON_HARMED, harmed), (Role.PERSON_RESPONSIBLE, responsible))
    ]
    first = people[1].called
    draft = store.start_agreement(case.id)
    draft = store.save_agreement_draft(replace(
        draft,
        summary=f"{first} and {people[0].called} talked about what happened.",
        review_date=today + timedelta(days=review_in),
        actions=(
            AgreementAction(f"Say sorry to {people[0].called}", who=first,
                            for_whom=people[0].called, by_when=today - timedelta(days=late_by),
                            how_known="The facilitator hears from both"),
            AgreementAction("Help repaint the bench", who=first, for_whom="The school",
                            by_when=today + timedelta(days=20)),
        ),
    ))
    agreement = store.agree(draft.id, agreed_on=agreed_on, signoffs=[
        Signoff(p.id, SignoffHow.SIGNED, agreed_on) for p in people
    ])
    return case, agreement


def closed_agreement(store: Store, outcome: AgreementStatus, **kwargs: object) -> Agreement:
    """A case whose agreement closed today with `outcome`."""
    _, agreement = agreed_case(store, **kwargs)  # type: ignore[arg-type]
    note = "" if outcome is AgreementStatus.COMPLETED else "Moved school; the new school knows."
    return store.close_agreement(agreement.id, outcome, outcome_note=note,
                                 closed_on=store.today())
