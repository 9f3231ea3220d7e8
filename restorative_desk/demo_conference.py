"""Demo conferences (fictional): cases that reached "conference held" have a conference on
record, with who came, some of what people said, the actions proposed, and sometimes the
facilitator's own debrief."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .conference.records import Attendance, Debrief, Ending, ProposedAction
from .records import Case, Role
from .scripts.choosing import default_script
from .scripts.loading import shipped_scripts
from .scripts.model import Capture
from .scripts.turns import expand
from .store import Store

# In their own words: what people might say at a conference (fictional, plain, not shaming).
WORDS = {
    Role.PERSON_RESPONSIBLE: (
        "I didn't think about how it would feel for them. I do now.",
        "It started as a joke and then it got out of hand. I'm sorry it went that far.",
        "I was angry about something else and I took it out on the wrong person.",
    ),
    Role.PERSON_HARMED: (
        "I didn't want to come in the next day. I kept going over it.",
        "The worst part was everyone knowing about it.",
        "I just want it to stop, and for us to be able to walk past each other.",
    ),
    Role.SUPPORTER: (
        "I was worried when I heard, and proud of them for coming today.",
        "It has been a hard few weeks at home too.",
    ),
}
ACTIONS = (
    ("Say sorry face to face, at a time that suits {harmed}", "responsible", 7),
    ("Put right the damage: help repaint the bench after school", "responsible", 21),
    ("Check in with {harmed} each Friday for four weeks", "staff", 28),
    ("Agree a way to pass in the corridor that feels OK for both", "both", 7),
    ("Write a letter saying what has been learnt", "responsible", 14),
)
HOW_IT_WENT = (
    "Calmer than I expected; both listened properly.",
    "Hard in the middle, but they found their own words by the end.",
)
HOW_ARE_YOU = ("Tired but OK.", "That one stayed with me. Booking supervision.")


def hold_conference(store: Store, case: Case, held_on: date, seed: str) -> None:
    """Run the case's conference on `held_on` (the case is ready): the store ends it, which
    moves the case to "conference held"."""
    rng = random.Random(seed)  # its own generator: the rest of the demo stays as it was
    assessments = store.risk_assessments(case.id)
    decision = assessments[-1].decision if assessments else None
    script = default_script(shipped_scripts(), case.setting, decision)
    if script is None:  # pragma: no cover - every setting has a shipped script
        return
    run = store.start_conference(case.id, script_key=script.key, script_version=script.version,
                                 script_title=script.title)
    people = [p for p in store.people(case.id)
              if p.role not in (Role.FACILITATOR, Role.CO_FACILITATOR)]
    present = [p.id for p in people if rng.random() < 0.9 or p.role is not Role.SUPPORTER]
    for person in people:
        mark = Attendance.PRESENT if person.id in present else Attendance.ABSENT
        store.set_attendance(run.id, person.id, mark)
    plan = store.conference_plan(case.id)
    seating = [seat.person_id for seat in plan.seating if seat.person_id] if plan else []
    turns = expand(script, people=people, present=present, represented=(), seating=seating,
                   facilitator=case.facilitator, organisation=case.organisation)
    by_id = {p.id: p for p in people}
    for turn in turns:
        if turn.capture is Capture.WORDS and turn.person_id and rng.random() < 0.5:
            role = by_id[turn.person_id].role
            words = WORDS.get(role, WORDS[Role.SUPPORTER])
            store.save_turn_note(run.id, turn.key, rng.choice(words), turn.person_id)
    harmed = next((p.called for p in people if p.role is Role.PERSON_HARMED), "them")
    responsible = next((p.called for p in people if p.role is Role.PERSON_RESPONSIBLE), "")
    for what, who, days in rng.sample(ACTIONS, rng.randint(2, 3)):
        owner = {"responsible": responsible, "staff": case.facilitator,
                 "both": f"{responsible} and {harmed}"}[who]
        store.save_proposed_action(
            ProposedAction(run.id, case.id, what.format(harmed=harmed), owner,
                           held_on + timedelta(days=days))
        )
    if turns:
        store.set_conference_position(run.id, turns[-1].key)
    store.end_conference(run.id, Ending.COMPLETED)
    if rng.random() < 0.5:
        store.save_debrief(
            Debrief(run.id, store.actor, how_it_went=rng.choice(HOW_IT_WENT),
                    how_are_you=rng.choice(HOW_ARE_YOU), wants_supervision=rng.random() < 0.3)
        )
