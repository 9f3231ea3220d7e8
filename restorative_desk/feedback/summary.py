"""One case's own feedback at a glance: who has given it and who is still to be asked.

Plain functions over records the caller has read (people, who came to each conference, the
feedback). Figures across the partnership are the reports' business (store/reports.py), with
small counts withheld; a case's own summary is for its facilitator and shows real numbers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..conference.records import Attendance
from ..records import Person
from .checks import STAFF_ROLES
from .records import SATISFIED_FROM, Answer, ParticipantFeedback, PartnerFeedback, StaffReflection

_SATISFACTION_WORDS = {
    1: "Not at all satisfied",
    2: "Not very satisfied",
    3: "In between",
    4: "Satisfied",
    5: "Very satisfied",
}
_PREPARED_WORDS = {
    1: "Not prepared",
    2: "A little prepared",
    3: "Partly prepared",
    4: "Well prepared",
    5: "Very well prepared",
}
_IMPACT_WORDS = {1: "None", 2: "Low", 3: "Some", 4: "High", 5: "Very high"}


def satisfaction_words(score: int | None) -> str:
    """A satisfaction score as words and its number ("4, Satisfied"); "Not answered" if none."""
    return _words(score, _SATISFACTION_WORDS)


def prepared_words(score: int | None) -> str:
    """How well prepared everyone was, as words and a number."""
    return _words(score, _PREPARED_WORDS)


def impact_words(score: int | None) -> str:
    """The impact on a staff member's practice, as words and a number."""
    return _words(score, _IMPACT_WORDS)


def answer_words(answer: Answer | None) -> str:
    """A yes / not sure / no answer in words; "Not answered" if left out."""
    return answer.label if answer is not None else "Not answered"


def _words(score: int | None, words: Mapping[int, str]) -> str:
    if score is None:
        return "Not answered"
    return f"{score}, {words.get(score, '')}".rstrip(", ")


def attended_ids(attendances: Iterable[Mapping[str, Attendance]]) -> set[str]:
    """The people who came to any of a case's conferences (a statement read aloud on someone's
    behalf is not coming)."""
    return {
        person_id
        for attendance in attendances
        for person_id, how in attendance.items()
        if how is Attendance.PRESENT
    }


def still_to_ask(
    people: Sequence[Person], attended: Iterable[str], feedback: Iterable[ParticipantFeedback]
) -> list[Person]:
    """Participants who came to the conference and have no feedback linked to them yet, in
    the case's order (facilitators give a staff reflection instead)."""
    came = set(attended)
    answered = {f.person_id for f in feedback if f.person_id}
    return [
        p for p in people
        if p.id in came and p.id not in answered and p.role not in STAFF_ROLES
    ]


@dataclass(frozen=True)
class CaseFeedbackSummary:
    """A case's feedback in counts, and who is still to be asked."""

    came: int  # participants who came to a conference (staff not counted)
    given: int  # participant feedback forms on record
    unnamed: int  # of those, forms recorded with a role only (no person chosen)
    still_to_ask: tuple[Person, ...]
    satisfied: int  # forms scoring SATISFIED_FROM or more
    scored: int  # forms with a satisfaction score
    staff_reflections: int
    partner_feedback: int

    @property
    def lines(self) -> list[str]:
        """The summary in plain sentences, for the case's Feedback tab."""
        asked = self.came - len(self.still_to_ask)
        if self.came:
            lines = [f"{asked} of the {self.came} {_people(self.came)} who came "
                     f"{'has' if asked == 1 else 'have'} given feedback."]
        else:
            lines = ["No one is marked as coming to a conference on this case yet."]
        if self.given != asked:
            lines.append(f"{self.given} participant feedback {_forms(self.given)} on record.")
        if self.unnamed:
            lines.append(f"{self.unnamed} {_forms(self.unnamed)} recorded without a name "
                         "(they may be from someone listed below).")
        if self.scored:
            lines.append(f"{self.satisfied} of {self.scored} who gave a score were satisfied "
                         f"({SATISFIED_FROM} or 5).")
        lines.append(f"{self.staff_reflections} staff {_reflections(self.staff_reflections)}, "
                     f"{self.partner_feedback} from partner agencies.")
        return lines


def summarise(
    people: Sequence[Person],
    attendances: Iterable[Mapping[str, Attendance]],
    feedback: Sequence[ParticipantFeedback],
    reflections: Sequence[StaffReflection] = (),
    partner: Sequence[PartnerFeedback] = (),
) -> CaseFeedbackSummary:
    """Count a case's feedback and find who is still to be asked."""
    attended = attended_ids(attendances)
    came = [p for p in people if p.id in attended and p.role not in STAFF_ROLES]
    scores = [f.satisfaction for f in feedback if f.satisfaction is not None]
    return CaseFeedbackSummary(
        came=len(came),
        given=len(feedback),
        unnamed=sum(1 for f in feedback if not f.person_id),
        still_to_ask=tuple(still_to_ask(people, attended, feedback)),
        satisfied=sum(1 for s in scores if s >= SATISFIED_FROM),
        scored=len(scores),
        staff_reflections=len(reflections),
        partner_feedback=len(partner),
    )


def _people(n: int) -> str:
    return "person" if n == 1 else "people"


def _forms(n: int) -> str:
    return "form is" if n == 1 else "forms are"


def _reflections(n: int) -> str:
    return "reflection" if n == 1 else "reflections"
