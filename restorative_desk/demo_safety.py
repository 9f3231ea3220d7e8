"""The risk and safety side of a demonstration case's story: the assessment before anyone
meets and after meeting everyone, and a bias check at each stage (a mixin of CaseStory)."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import TYPE_CHECKING

from . import demo_words as words
from .preparation.catalogue import catalogue
from .preparation.records import (
    AssessmentStage,
    BiasCheck,
    BiasStage,
    Decision,
    Finding,
    RiskAssessment,
    RiskFinding,
)
from .records import Case, HarmCategory, Person
from .store import Store

# Concerns that can ease during preparation (a venue or a power imbalance does not by itself).
EASING = ("ongoing_harm", "mental_health", "revictimisation")


class SafetyStory:
    """Risk and safety assessments and bias checks of CaseStory (see demo_preparation.py)."""

    if TYPE_CHECKING:
        store: Store
        rng: random.Random
        case: Case
        responsible: Person
        direct: bool
        concerns: dict[str, tuple[str, str]]

        def _at(self, day: date) -> datetime: ...
        def _fill(self, text: str, person: Person | None = None) -> str: ...

    def _referral_bias_check(self, day: date) -> None:
        if self.rng.random() < 0.2:  # skipped: recorded as such, never nagged about again
            self._record_bias(BiasCheck(self.case.id, BiasStage.REFERRAL, False, day,
                                        self.case.facilitator))
            return
        dimensions = self.rng.sample(sorted(words.REFLECTIONS), k=self.rng.choice((1, 1, 2)))
        reflection = " ".join(self.rng.choice(words.REFLECTIONS[d]) for d in dimensions)
        self._record_bias(
            BiasCheck(self.case.id, BiasStage.REFERRAL, True, day, self.case.facilitator,
                      dimensions=tuple(dimensions), reflection=self._fill(reflection),
                      reframed=self.rng.choice(words.REFRAMES),
                      colleague_checked=self.rng.random() < 0.5)
        )

    def _bias_check(self, stage: BiasStage, day: date, reflection: str) -> None:
        done = self.rng.random() < 0.85
        self._record_bias(
            BiasCheck(self.case.id, stage, done, day, self.case.facilitator,
                      reflection=self._fill(reflection) if done else "",
                      colleague_checked=done and self.rng.random() < 0.5)
        )

    def _record_bias(self, check: BiasCheck) -> None:
        with self.store.recording_as(self._at(check.recorded_on)):
            self.store.record_bias_check(check)

    # -- risk and safety ----------------------------------------------------------------------

    def _choose_concerns(self) -> dict[str, tuple[str, str]]:
        """The concerns this case raises, with what was agreed to reduce each."""
        items = [i.key for i in catalogue().risks_for(self.case.setting)]
        possible = [key for key in words.CONCERNS if key in items and key != "particular_care"]
        chosen = self.rng.sample(possible, k=self.rng.choice((1, 1, 2, 2, 3)))
        if HarmCategory.HATE in self.case.harm_categories:
            chosen.append("particular_care")
        return {key: self.rng.choice(words.CONCERNS[key]) for key in chosen}

    def _findings(self, complete: bool, eased: bool = False) -> tuple[RiskFinding, ...]:
        findings = []
        for item in catalogue().risks_for(self.case.setting):
            concern = self.concerns.get(item.key)
            if not complete and self.rng.random() < 0.35:
                findings.append(RiskFinding(item.key, Finding.NOT_KNOWN, words.NOT_KNOWN_NOTE))
            elif concern and eased and item.key == next(k for k in self.concerns if k in EASING):
                findings.append(RiskFinding(item.key, Finding.NO_CONCERN, words.EASED_NOTE))
            elif concern:
                kinds = ("Hate incident",) if item.key == "particular_care" else ()
                note, mitigation = (self._fill(text) for text in concern)
                findings.append(RiskFinding(item.key, Finding.CONCERN, note,
                                            mitigation if complete else "", kinds))
            else:
                notes = words.NO_CONCERN_NOTES.get(item.key, ("",))
                findings.append(RiskFinding(item.key, Finding.NO_CONCERN,
                                            self._fill(self.rng.choice(notes))))
        return tuple(findings)

    def _initial_assessment(self, day: date, *, complete: bool) -> None:
        """Before anyone meets; still in progress (some answers not known) while incomplete."""
        decision = Decision.PROCEED_DIRECT if self.direct else Decision.PROCEED_INDIRECT
        assessment = RiskAssessment(
            self.case.id, AssessmentStage.INITIAL, day, self.case.facilitator,
            findings=self._findings(complete),
            decision=decision if complete else None,
            decided_by=self.case.facilitator if complete else "",
            decision_reason=self.rng.choice(words.INITIAL_DECISION_REASONS) if complete else "",
        )
        with self.store.recording_as(self._at(day)):
            self.store.save_risk_assessment(assessment)

    def _after_preparation_assessment(self, day: date) -> None:
        reasons = words.DIRECT_REASONS if self.direct else words.INDIRECT_REASONS
        safeguarding = self.rng.random() < 0.05
        eased = any(key in EASING for key in self.concerns) and self.rng.random() < 0.3
        findings = self._findings(True, eased=eased)
        if safeguarding:
            note, followed = (self._fill(text, self.responsible) for text in words.SAFEGUARDING)
            findings = tuple(
                RiskFinding(f.item, Finding.CONCERN, note, followed) if f.item == "safeguarding"
                else f for f in findings
            )
        with self.store.recording_as(self._at(day)):
            self.store.save_risk_assessment(
                RiskAssessment(
                    self.case.id, AssessmentStage.AFTER_PREPARATION, day, self.case.facilitator,
                    findings=findings,
                    decision=Decision.PROCEED_DIRECT if self.direct else Decision.PROCEED_INDIRECT,
                    decided_by=self.case.facilitator,
                    decision_reason=self._fill(self.rng.choice(reasons)),
                    safeguarding_followed_on=day if safeguarding else None,
                    safeguarding_note="Designated safeguarding lead informed." if safeguarding
                    else "",
                )
            )
