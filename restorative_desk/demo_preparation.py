"""The preparation a demonstration case has had by the stage it has reached.

A `CaseStory` records, stage by stage and dated as it happened, what a facilitator would have
done: first contacts, a bias check at referral, the initial risk and safety assessment,
preparation meetings with each person (information, their answers in their own words,
consents, the acknowledgement), then the assessment after preparation, the remaining bias
checks and the conference plan, so the move to "ready" passes the readiness rules by itself.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from . import demo_words as words
from .demo_dates import Moments, between, weekday
from .demo_safety import SafetyStory
from .preparation.catalogue import catalogue
from .preparation.readiness import needs_parent_consent
from .preparation.records import (
    BiasStage,
    ConferencePlan,
    Consent,
    ConsentGiver,
    ConsentMethod,
    ParentConsentPolicy,
    ParticipantPreparation,
    ReadinessOverride,
    Way,
    frozen_answers,
)
from .preparation.seating import attendees, default_seating
from .records import Case, Contact, ContactType, Person, Role, Setting, Status
from .store import Store

INDIRECT_WAYS = (Way.LETTER, Way.SHUTTLE, Way.RECORDED_MESSAGE)
FIRST_CONTACT_TYPES = (ContactType.PHONE, ContactType.LETTER, ContactType.MESSAGE)
ENGAGEMENT_CONTACT_TYPES = (ContactType.VISIT, ContactType.PHONE, ContactType.MEETING)
OTHER_ADULTS = ("Grace", "Kofi", "Ines", "Tomasz", "Mariam", "Rory", "Efua", "Dmitri")


class CaseStory(SafetyStory):
    """One demonstration case's preparation, told stage by stage (see `during`)."""

    def __init__(
        self, store: Store, rng: random.Random, moments: Moments, case: Case,
        people: list[Person], *, policy: ParentConsentPolicy, conference_on: date | None,
        today: date,
    ) -> None:
        self.store, self.rng, self.moments, self.case = store, rng, moments, case
        self.people, self.policy, self.today = people, policy, today
        self.conference_on = conference_on
        self.harmed = next(p for p in people if p.role is Role.PERSON_HARMED)
        self.responsible = next(p for p in people if p.role is Role.PERSON_RESPONSIBLE)
        self.attending = {p.id: p.role is not Role.SUPPORTER or rng.random() < 0.9 for p in people}
        self.direct = rng.random() < 0.85
        self.consents: list[Consent] = []
        self.owed: tuple[Person, ConsentGiver, str, date] | None = None  # an override's form
        self.concerns = self._choose_concerns()

    def _at(self, day: date) -> datetime:
        return self.moments.on(day)

    @property
    def participants(self) -> list[Person]:
        return [p for p in self.people if p.role is not Role.SUPPORTER or self.attending[p.id]]

    # -- the stages -------------------------------------------------------------------------

    def during(self, status: Status, start: date, end: date, after: Status | None) -> None:
        """Record what happened while the case was at `status`, from `start` to `end`;
        `after` is the stage it moved to next (None while it is still there)."""
        if status is Status.REFERRED:
            self._care_home_facts(start)
            self._contacts(FIRST_CONTACT_TYPES, start, end, self.rng.randint(0, 2))
        elif status is Status.INITIAL_ENGAGEMENT:
            self._referral_bias_check(start)
            self._contacts(ENGAGEMENT_CONTACT_TYPES, start, end, self.rng.randint(1, 2))
            if after is None:
                self._initial_assessment(between(self.rng, start, end), complete=False)
        elif status is Status.RISK_ASSESSMENT:
            self._initial_assessment(between(self.rng, start, end), complete=after is not None)
        elif status is Status.PREPARING:
            self._prepare_everyone(start, end, complete=after is Status.READY)
            if after is Status.READY:
                self._ready_for_conference(end)
            elif after is None and self.rng.random() < 0.07:
                self._withdraw_one()
        elif status is Status.READY and after is Status.CONFERENCE_HELD and self.owed:
            self._form_arrives(between(self.rng, start, end))
        elif status is Status.MONITORING and self.rng.random() < 0.6:
            self._bias_check(BiasStage.AGREEMENT, start, words.AGREEMENT_REFLECTION)

    def override_for_ready(self) -> ReadinessOverride | None:
        """The logged reason for going ahead while a signed form is still on its way."""
        if self.owed is None:
            return None
        _, _, giver, agreed_on = self.owed
        reason = self.rng.choice(words.OVERRIDE_REASONS).format(
            giver=giver, on=f"{agreed_on.day} {agreed_on:%B}"
        )
        return ReadinessOverride(
            case_id=self.case.id, overridden_by=self.case.facilitator, reason=reason, blockers=()
        )

    def before_stopping(self, day: date, withdrawn: bool) -> None:
        """When consent was withdrawn, note it (kindly) on the consent itself."""
        live = [c for c in self.consents if c.withdrawn_on is None and c.given_on <= day]
        if withdrawn and live:
            self._withdraw(self.rng.choice(live), day)

    def _withdraw_one(self) -> None:
        """Someone still preparing has withdrawn their consent, for now."""
        live = [c for c in self.consents if c.withdrawn_on is None]
        if live:
            consent = self.rng.choice(live)
            self._withdraw(consent, between(self.rng, consent.given_on, self.today))

    # -- contacts and setting facts ----------------------------------------------------

    def _contacts(self, kinds: tuple[ContactType, ...], start: date, end: date, n: int) -> None:
        for day in sorted(between(self.rng, start, end) for _ in range(n)):
            kind = self.rng.choice(kinds)
            person = self.rng.choice((self.harmed, self.responsible))
            note = self.rng.choice(words.CONTACT_NOTES[kind]).format(name=person.called)
            self._contact(day, kind, person, note)

    def _contact(self, day: date, kind: ContactType, person: Person, note: str) -> None:
        with self.store.recording_as(self._at(day)):
            self.store.log_contact(
                Contact(case_id=self.case.id, person_id=person.id, contact_date=day,
                        contact_type=kind, by_whom=self.case.facilitator, note=note)
            )

    def _care_home_facts(self, day: date) -> None:
        if self.case.setting is Setting.CARE_HOME:
            with self.store.recording_as(self._at(day)):
                self.store.set_case_fact(self.case.id, "protocol_police_if_at_home", "No")
                self.store.set_case_fact(self.case.id, "police_involved", "No")

    def yos_facts(self, stage: Status) -> None:
        """Victims' Code and referral order dates. Some cases early on are still waiting for
        one, so a deadline is near or overdue, as on any real caseload."""
        if self.case.setting is not Setting.YOS:
            return
        rng, referral = self.rng, self.case.referral_date
        received = weekday(min(self.today, referral + timedelta(days=rng.randint(0, 2))),
                           referral, self.today)
        enhanced = rng.random() < 0.2
        facts = [("victim_details_received", received), ("enhanced_rights", received)]
        offered = weekday(
            received + timedelta(days=rng.randint(0, 2) if enhanced else rng.randint(1, 8))
        )
        informing = stage in (Status.REFERRED, Status.INITIAL_ENGAGEMENT)
        if offered <= self.today and not (informing and rng.random() < self._waiting(received)):
            facts.append(("rj_information_offered", offered))
        if rng.random() < 0.7:
            sentence = weekday(referral - timedelta(days=rng.randint(1, 6)),
                               latest=referral - timedelta(days=1))
            facts.append(("referral_order_sentence", sentence))
            panel = weekday(sentence + timedelta(days=rng.randint(14, 32)))
            early = informing or stage in (Status.RISK_ASSESSMENT, Status.PREPARING)
            if panel <= self.today and not (early and rng.random() < self._waiting(sentence)):
                facts.append(("initial_panel_held", panel))
        for key, day in facts:
            value = ("Yes" if enhanced else "No") if key == "enhanced_rights" else day.isoformat()
            with self.store.recording_as(self._at(day)):
                self.store.set_case_fact(self.case.id, key, value)

    def _waiting(self, since: date) -> float:
        """How likely an active case is still waiting for something due since `since`."""
        return 0.6 if (self.today - since).days <= 35 else 0.15

    # -- preparing each person ----------------------------------------------------------------

    def _prepare_everyone(self, start: date, end: date, *, complete: bool) -> None:
        owing = complete and self.rng.random() < 0.05
        for person in self.participants:
            level = 3 if complete else self.rng.choice((0, 1, 1, 2, 2, 3))
            if person.role is not Role.SUPPORTER:
                level = max(level, 1)
            self._prepare(person, start, end, level, owing)
        for person in self.people:
            if not self.attending[person.id]:  # a supporter who will not come, noted as such
                with self.store.recording_as(self._at(start)):
                    self.store.save_participant_preparation(
                        ParticipantPreparation(self.case.id, person.id, attending=False)
                    )

    def _prepare(self, person: Person, start: date, end: date, level: int, owing: bool) -> None:
        """Meet someone 1 to 3 times; `level` is how far they have got (3: everything)."""
        if level == 0:
            return
        supporter = person.role is Role.SUPPORTER
        most = 1 if level == 1 else 2 if level == 2 or supporter else 3
        count = self.rng.randint(1, most)
        days = sorted(between(self.rng, start, end) for _ in range(count))
        for number, day in enumerate(days):
            note = words.SUPPORTER_MEETING_NOTE if supporter else self.rng.choice(
                words.MEETING_NOTES[min(number, 2)])
            self._contact(day, ContactType.PREPARATION, person, self._fill(note, person))
        last = days[-1]
        questions = [q.key for q in catalogue().questions]
        asked = questions if level == 3 else self.rng.sample(questions, k=2 + 2 * level)
        acknowledged = person.role is Role.PERSON_RESPONSIBLE and (level == 3 or
                                                                    self.rng.random() < 0.5)
        with self.store.recording_as(self._at(last)):
            self.store.save_participant_preparation(
                ParticipantPreparation(
                    self.case.id, person.id,
                    information_given_on=days[0], information_note=self._information(person),
                    facts_acknowledged_on=last if acknowledged else None,
                    acknowledgement_note=self._fill(self.rng.choice(words.ACKNOWLEDGEMENT_NOTES),
                                                    person) if acknowledged else "",
                    answers=frozen_answers({k: self._answer(k, person) for k in asked}),
                )
            )
            if level >= 2:
                self._consents(person, last, owing)

    def _consents(self, person: Person, day: date, owing: bool) -> None:
        givers = [(ConsentGiver.SELF, "")]
        if needs_parent_consent(person, self.policy, self.today):
            givers.append((ConsentGiver.PARENT_CARER, self._parent_name(person)))
        for giver, giver_name in givers:
            if owing and self.owed is None and (person.role is Role.SUPPORTER or giver_name):
                name = giver_name or person.called
                self.owed = (person, giver, name, day)
                self._contact(day, ContactType.PHONE, person,
                              f"{name} agreed by phone; the signed consent form is in the post.")
                continue
            self._consent(person, giver, giver_name, day)

    def _consent(self, person: Person, giver: ConsentGiver, giver_name: str, day: date,
                 note: str = "") -> None:
        signed = self.rng.random() < 0.8
        witness = self.case.co_facilitator or "Dana Whitley (duty manager)"
        ways: tuple[Way, ...]
        if self.direct:
            also_letter = self.rng.random() < 0.2
            ways = (Way.FACE_TO_FACE, Way.LETTER) if also_letter else (Way.FACE_TO_FACE,)
        else:
            ways = tuple(self.rng.sample(INDIRECT_WAYS, k=self.rng.choice((1, 2))))
        self.consents.append(
            self.store.add_consent(
                Consent(self.case.id, person.id, giver, day,
                        ConsentMethod.SIGNED_FORM if signed else ConsentMethod.VERBAL_WITNESSED,
                        ways, giver_name=giver_name, witness="" if signed else witness, note=note)
            )
        )

    def _form_arrives(self, day: date) -> None:
        assert self.owed is not None
        person, giver, name, _ = self.owed
        with self.store.recording_as(self._at(day)):
            self._consent(person, giver, name if giver is ConsentGiver.PARENT_CARER else "", day,
                          note="The signed form arrived by post.")

    def _withdraw(self, consent: Consent, day: date) -> None:
        person = next(p for p in self.people if p.id == consent.person_id)
        note = self._fill(self.rng.choice(words.WITHDRAWAL_NOTES), person)
        with self.store.recording_as(self._at(day)):
            self.store.withdraw_consent(consent.id, day, note)

    def _parent_name(self, child: Person) -> str:
        parent = next((p for p in self.people if p.supports_person_id == child.id
                       and p.relationship == "Parent"), None)
        if parent is not None:
            return parent.name
        first = self.rng.choice(OTHER_ADULTS)
        if self.case.setting is Setting.CARE_HOME:  # the local authority shares parental care
            family = self.rng.choice(words.SOCIAL_WORKER_FAMILY_NAMES)
            return words.CARE_HOME_CARER.format(first=first, family=family)
        return f"{first} {child.name.split(maxsplit=1)[-1]}"

    # -- ready for the conference ---------------------------------------------------------------

    def _ready_for_conference(self, day: date) -> None:
        """The assessment after meeting everyone, the remaining bias checks and the plan."""
        self._after_preparation_assessment(day)
        self._bias_check(BiasStage.RISK_DECISION, day, words.DECISION_REFLECTION)
        self._bias_check(BiasStage.BEFORE_CONFERENCE, day, words.BEFORE_CONFERENCE_REFLECTION)
        seated = attendees(self.people, lambda p: self.attending[p.id])
        interpreters = " ".join(
            f"{p.interpreter_language} interpreter booked for {p.called}." for p in seated
            if p.interpreter_language
        )
        plan = ConferencePlan(
            self.case.id,
            date=self.conference_on or weekday(day + timedelta(days=self.rng.randint(3, 14))),
            start_time=time(self.rng.choice((10, 13, 15, 16)), self.rng.choice((0, 30))),
            venue=self.case.venue,
            room=self.rng.choice(words.ROOMS),
            interpreters=interpreters,
            breaks=self.rng.choice(words.BREAKS),
            refreshments=self.rng.choice(words.REFRESHMENTS[self.case.setting])
            if self.direct else "",
            notes=self._fill(words.WAITING_NOTE if self.direct else words.INDIRECT_NOTE),
            seating=default_seating(self.case, seated) if self.direct else (),
        )
        with self.store.recording_as(self._at(day)):
            self.store.save_conference_plan(plan)

    # -- words ----------------------------------------------------------------------------

    def _information(self, person: Person) -> str:
        if person.interpreter_language:
            return words.INFORMATION_NOTE_INTERPRETER.format(lang=person.interpreter_language)
        if person.communication_needs.startswith("Dyslexia"):
            return words.INFORMATION_NOTE_READ_ALOUD
        if person.is_child and self.rng.random() < 0.5:
            return self._fill(words.INFORMATION_NOTE_CHILD, person)
        return self.rng.choice(words.INFORMATION_NOTES)

    def _answer(self, key: str, person: Person) -> str:
        pools = words.ANSWERS[key]
        supporter = self._supporter_of(person)
        age = "child" if person.is_child else "adult"
        role = {Role.PERSON_HARMED: f"harmed_{age}", Role.PERSON_RESPONSIBLE: "responsible"}
        if key == "access_needs" and person.interpreter_language:
            pool = pools["interpreter"]
        elif key == "access_needs" and person.communication_needs:
            pool = pools["read_aloud" if "Dyslexia" in person.communication_needs else "short"]
        elif key == "supporters":
            kind = "supporter" if person.role is Role.SUPPORTER else "alone"
            pool = pools["with" if supporter else kind]
        elif key in ("wants_to_say", "hopes"):
            pool = pools[role.get(person.role, "supporter")]
        else:
            pool = pools.get(age) or pools["any"]
        usable = [text for text in pool if supporter or "{supporter}" not in text]
        return self._fill(self.rng.choice(usable or pool), person)

    def _supporter_of(self, person: Person) -> Person | None:
        return next((p for p in self.people if p.supports_person_id == person.id
                     and self.attending[p.id]), None)

    def _fill(self, text: str, person: Person | None = None) -> str:
        person = person or self.harmed
        supported = next((p for p in self.people if p.id == person.supports_person_id), None)
        supporter = self._supporter_of(person)
        other = self.responsible if person.id == self.harmed.id else self.harmed
        if supported is not None:
            other = self.responsible if supported.id == self.harmed.id else self.harmed
        return text.format(
            name=person.called, harmed=self.harmed.called, responsible=self.responsible.called,
            other=other.called, supporter=supporter.called if supporter else "",
            supported=supported.called if supported else "",
            venue=self.case.venue or "another room",
            lang=person.interpreter_language,
        )
