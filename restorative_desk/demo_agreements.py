"""Demo outcome agreements (fictional): cases just after their conference have a draft, cases
in monitoring an agreed one (some reviews due this week, some actions late), cases in follow-up
a review on record, and closed cases an outcome: completed mostly, some partly or not, with what
happened next. Now and then an agreement has a second version, with its reason.

Each case's agreement story has its own random generator, so the rest of the demo stays the
same; every date follows the store's clock."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from .agreements.records import (
    ActionResult,
    ActionReview,
    Agreement,
    AgreementAction,
    AgreementStatus,
    Review,
    Signoff,
    SignoffHow,
)
from .demo_dates import weekday
from .records import Case, Person, Role, Status
from .store import Store

# How everyone will know, and the support, for each kind of action proposed at the conference.
DETAILS = (
    ("Say sorry", "{harmed} tells the facilitator it has happened",
     "The facilitator helps plan what to say and when"),
    ("Put right the damage", "The caretaker signs it off as finished",
     "The caretaker shows how and works alongside"),
    ("Check in", "A note in the weekly pastoral log",
     "Time set aside on Friday afternoons"),
    ("Agree a way to pass", "Both say at the review that it feels OK",
     "A trusted adult nearby for the first week"),
    ("Write a letter", "The facilitator passes the letter on to {harmed}",
     "Help with spelling and a quiet place to write"),
)
SUMMARIES = (
    "{responsible} and {harmed} met with the people supporting them and talked about what "
    "happened, who was affected and what would help put things right.",
    "Everyone had a chance to say how they were affected. {responsible} listened and agreed "
    "to the actions below; {harmed} said what would help them feel safe again.",
)
OWN_WORDS = (
    "I want to show I mean it, not just say it.",
    "I'll do the letter properly and I'll keep out of trouble at break.",
    "I know it hurt them. I want us to be OK again.",
    "",
)
VERBAL_NOTES = (
    "Agreed out loud on the phone; could not come in to sign.",
    "Agreed out loud at the end of the meeting; prefers not to sign things.",
)
REVIEW_NOTES = (
    "Things are calmer. Both said the corridor feels easier now.",
    "Good progress; the letter is still being written.",
    "A wobble last week but back on track.",
)
NOT_DONE_NOTES = (
    "The letter was not written; {responsible} found it too hard without more help. "
    "Offered a follow-up meeting with the key worker instead.",
    "{responsible} moved school before the actions were finished. The new school's pastoral "
    "lead has been told, with the family's agreement.",
)
PARTLY_NOTES = (
    "The apology happened and the corridor plan worked; the repainting was not finished "
    "before the end of term. Everyone agreed to close it here.",
    "Most actions were done. The check-ins stopped after two weeks at {harmed}'s request.",
)
NEW_VERSION_REASONS = (
    "The bench cannot be repainted until spring; a different way to put things right agreed.",
    "{harmed} asked for the check-ins to move to Mondays.",
)
PROFESSIONALS = (Role.FACILITATOR, Role.CO_FACILITATOR)


class AgreementStory:
    """One demonstration case's outcome agreement, told at the moves that matter: after the
    conference, before follow-up and before the case closes (see the hooks below)."""

    def __init__(self, store: Store, case: Case, seed: str, today: date, target: Status) -> None:
        self.store, self.case, self.today, self.target = store, case, today, target
        self.rng = random.Random(f"{seed}-agreement")
        self.agreement: Agreement | None = None

    @property
    def _people(self) -> list[Person]:
        return [p for p in self.store.people(self.case.id) if p.role not in PROFESSIONALS]

    def _called(self, role: Role) -> str:
        return next((p.called for p in self._people if p.role is role), "")

    def _words(self, text: str) -> str:
        return text.format(harmed=self._called(Role.PERSON_HARMED) or "them",
                           responsible=self._called(Role.PERSON_RESPONSIBLE) or "they")

    # -- the hooks ------------------------------------------------------------------------------

    def after_conference(self, held_on: date) -> None:
        """The agreement drafted from the conference's proposed actions: left as a draft on a
        case just after its conference, agreed that day on cases further along."""
        runs = self.store.conference_runs(self.case.id)
        if not runs:
            return
        draft = self.store.start_agreement(self.case.id, from_run_id=runs[-1].id)
        draft = self.store.save_agreement_draft(replace(
            draft,
            summary=self._words(self.rng.choice(SUMMARIES)),
            own_words=self.rng.choice(OWN_WORDS),
            actions=tuple(self._detailed(a) for a in draft.actions),
        ))
        if self.target is Status.CONFERENCE_HELD:
            self.agreement = draft
            return
        review = held_on + timedelta(days=self.rng.choice((21, 28, 35)))
        if self.target is Status.MONITORING:  # some reviews due this week, some later
            review = max(held_on + timedelta(days=7),
                         self.today + timedelta(days=self.rng.randint(-3, 12)))
        draft = self.store.save_agreement_draft(replace(draft, review_date=weekday(review)))
        self.agreement = self.store.agree(draft.id, agreed_on=held_on,
                                          signoffs=self._signoffs(held_on))

    def before(self, status: Status, day: date) -> None:
        """What happens to the agreement on the day the case moves on to `status`."""
        if status is Status.MONITORING:
            self.on_monitoring(day)
        elif status is Status.FOLLOW_UP:
            self.before_follow_up(day)
        elif status is Status.CLOSED:
            self.before_closing(day)

    def on_monitoring(self, day: date) -> None:
        """Now and then the agreement changes early on: a second version, with its reason."""
        agreement = self.agreement
        if agreement is None or agreement.status is not AgreementStatus.AGREED:
            return
        if self.rng.random() >= 0.15:
            return
        draft = self.store.new_version(agreement.id,
                                       self._words(self.rng.choice(NEW_VERSION_REASONS)))
        later = tuple(
            replace(a, by_when=a.by_when + timedelta(days=14)) if a.by_when else a
            for a in draft.actions
        )
        draft = self.store.save_agreement_draft(replace(draft, actions=later))
        self.agreement = self.store.agree(draft.id, agreed_on=day, signoffs=self._signoffs(day))

    def before_follow_up(self, day: date) -> None:
        """A review on record: how each action stood, who was there, when next."""
        agreement = self.agreement
        if agreement is None or agreement.status is not AgreementStatus.AGREED:
            return
        results = tuple(
            ActionReview(a.id, self.rng.choices(
                (ActionResult.DONE, ActionResult.PARTLY_DONE, ActionResult.NOT_DONE),
                weights=(8, 2, 1))[0])
            for a in agreement.actions
        )
        next_review = day + timedelta(days=28)
        if self.target is Status.FOLLOW_UP:
            next_review = max(day + timedelta(days=1),
                              self.today + timedelta(days=self.rng.randint(-2, 14)))
        next_review = weekday(next_review, day + timedelta(days=1))
        present = ", ".join(p.called for p in self._people[:3])
        self.store.record_review(Review(
            agreement.id, day, present=f"{present} and {self.case.facilitator}",
            notes=self.rng.choice(REVIEW_NOTES), results=results, next_review=next_review,
        ))

    def before_closing(self, day: date) -> None:
        """The outcome: completed mostly, some partly or not, with what happened next."""
        agreement = self.agreement
        if agreement is None or agreement.status is not AgreementStatus.AGREED:
            return
        outcome = self.rng.choices(
            (AgreementStatus.COMPLETED, AgreementStatus.PARTLY_COMPLETED,
             AgreementStatus.NOT_COMPLETED), weights=(7, 2, 1))[0]
        note = {
            AgreementStatus.COMPLETED: "Everything agreed was done.",
            AgreementStatus.PARTLY_COMPLETED: self.rng.choice(PARTLY_NOTES),
            AgreementStatus.NOT_COMPLETED: self.rng.choice(NOT_DONE_NOTES),
        }[outcome]
        self.agreement = self.store.close_agreement(
            agreement.id, outcome, outcome_note=self._words(note), closed_on=day
        )

    # -- details --------------------------------------------------------------------------------

    def _detailed(self, action: AgreementAction) -> AgreementAction:
        how_known, support = "", ""
        for start, known, helps in DETAILS:
            if action.what.startswith(start):
                how_known, support = self._words(known), self._words(helps)
        by_when = action.by_when
        return replace(
            action,
            for_whom=self._called(Role.PERSON_HARMED),
            how_known=how_known,
            support=support,
            review_date=weekday(by_when + timedelta(days=7))
            if by_when and self.rng.random() < 0.3 else None,
        )

    def _signoffs(self, day: date) -> list[Signoff]:
        signoffs = []
        for person in self._people:
            if self.rng.random() < 0.15:
                signoffs.append(Signoff(person.id, SignoffHow.VERBAL, day,
                                        self.rng.choice(VERBAL_NOTES)))
            else:
                signoffs.append(Signoff(person.id, SignoffHow.SIGNED, day))
        return signoffs
